package io.miville.codec.pis;

import java.util.List;

/**
 * Which water a sink has available: one word of the {@code Water-Status} header of a
 * {@code 101 INFO} answer to WASH (draft-pis-00 §2.4).
 */
public final class WaterStatus extends PisTerm<WaterStatus> {
  private static final Vocabulary<WaterStatus> VOCABULARY = Vocabulary.phrases();

  public static final WaterStatus COLD_AVAILABLE = known("Cold-Available");
  public static final WaterStatus HOT_AVAILABLE = known("Hot-Available");

  private WaterStatus(String name, boolean known, WaterStatus synonymOf) {
    super(name, known, synonymOf);
  }

  private static WaterStatus known(String name) {
    return VOCABULARY.add(new WaterStatus(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static WaterStatus of(String name) {
    return VOCABULARY.of(name, n -> new WaterStatus(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<WaterStatus> knownValues() {
    return VOCABULARY.knownValues();
  }
}
