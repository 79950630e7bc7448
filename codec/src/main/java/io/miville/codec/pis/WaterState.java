package io.miville.codec.pis;

import java.util.List;

/**
 * The temperature of a sink's water: one word of the {@code Water-State} header of a
 * {@code 101 INFO} answer to WASH (draft-pis-00 §2.4).
 */
public final class WaterState extends PisTerm<WaterState> {
  private static final Vocabulary<WaterState> VOCABULARY = Vocabulary.phrases();

  public static final WaterState HOT = known("Hot");
  public static final WaterState COLD = known("Cold");
  public static final WaterState TEPID = known("Tepid");

  private WaterState(String name, boolean known, WaterState synonymOf) {
    super(name, known, synonymOf);
  }

  private static WaterState known(String name) {
    return VOCABULARY.add(new WaterState(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static WaterState of(String name) {
    return VOCABULARY.of(name, n -> new WaterState(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<WaterState> knownValues() {
    return VOCABULARY.knownValues();
  }
}
