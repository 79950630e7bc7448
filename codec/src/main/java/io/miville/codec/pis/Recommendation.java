package io.miville.codec.pis;

import java.util.List;

/**
 * What a sink recommends to the user agent: one item of the {@code Recommend} header of a
 * {@code 101 INFO} answer to WASH (draft-pis-00 §2.4).
 */
public final class Recommendation extends PisTerm<Recommendation> {
  private static final Vocabulary<Recommendation> VOCABULARY = Vocabulary.phrases();

  public static final Recommendation HAND_WRING = known("Hand-wring");

  private Recommendation(String name, boolean known, Recommendation synonymOf) {
    super(name, known, synonymOf);
  }

  private static Recommendation known(String name) {
    return VOCABULARY.add(new Recommendation(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static Recommendation of(String name) {
    return VOCABULARY.of(name, n -> new Recommendation(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<Recommendation> knownValues() {
    return VOCABULARY.knownValues();
  }
}
