package io.miville.codec.pis;

import java.util.List;

/**
 * Whether a sink has soap: the {@code Soap} header of a {@code 101 INFO} answer to WASH
 * (draft-pis-00 §2.4), {@code Yes} or {@code No}.
 */
public final class Soap extends PisTerm<Soap> {
  private static final Vocabulary<Soap> VOCABULARY = Vocabulary.phrases();

  public static final Soap YES = known("Yes");
  public static final Soap NO = known("No");

  private Soap(String name, boolean known, Soap synonymOf) {
    super(name, known, synonymOf);
  }

  private static Soap known(String name) {
    return VOCABULARY.add(new Soap(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static Soap of(String name) {
    return VOCABULARY.of(name, n -> new Soap(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<Soap> knownValues() {
    return VOCABULARY.knownValues();
  }

  /** True for {@code Yes}. */
  public boolean isYes() {
    return equals(YES);
  }

  /** True for {@code No}. */
  public boolean isNo() {
    return equals(NO);
  }
}
