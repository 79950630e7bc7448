package io.miville.codec.pis;

import java.util.List;

/**
 * How a sink's taps are worked: one word of the {@code Handle-Method} header of a
 * {@code 101 INFO} answer to WASH (draft-pis-00 §2.4).
 */
public final class HandleMethod extends PisTerm<HandleMethod> {
  private static final Vocabulary<HandleMethod> VOCABULARY = Vocabulary.phrases();

  public static final HandleMethod TWO_HANDLE = known("2-handle");
  public static final HandleMethod ONE_HANDLE = known("1-handle");
  public static final HandleMethod AUTOMATIC = known("automatic");

  private HandleMethod(String name, boolean known, HandleMethod synonymOf) {
    super(name, known, synonymOf);
  }

  private static HandleMethod known(String name) {
    return VOCABULARY.add(new HandleMethod(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static HandleMethod of(String name) {
    return VOCABULARY.of(name, n -> new HandleMethod(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<HandleMethod> knownValues() {
    return VOCABULARY.knownValues();
  }
}
