package io.miville.codec.pis;

import java.util.List;

/**
 * How hands are dried: one word of the {@code Dryer-Type} header of a {@code 101 INFO}
 * answer to WASH (draft-pis-00 §2.4).
 */
public final class DryerType extends PisTerm<DryerType> {
  private static final Vocabulary<DryerType> VOCABULARY = Vocabulary.phrases();

  public static final DryerType PULL_TOWEL = known("Pull-towel");
  public static final DryerType PAPER_TOWEL = known("Paper-towel");
  public static final DryerType DRYER = known("Dryer");

  private DryerType(String name, boolean known, DryerType synonymOf) {
    super(name, known, synonymOf);
  }

  private static DryerType known(String name) {
    return VOCABULARY.add(new DryerType(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static DryerType of(String name) {
    return VOCABULARY.of(name, n -> new DryerType(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<DryerType> knownValues() {
    return VOCABULARY.knownValues();
  }
}
