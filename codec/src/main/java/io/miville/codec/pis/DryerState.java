package io.miville.codec.pis;

import java.util.List;

/**
 * Whether the dryer works: the {@code Dryer-State} header of a {@code 101 INFO} answer to
 * WASH (draft-pis-00 §2.4), {@code OK} or {@code Not-OK}.
 */
public final class DryerState extends PisTerm<DryerState> {
  private static final Vocabulary<DryerState> VOCABULARY = Vocabulary.phrases();

  public static final DryerState OK = known("OK");
  public static final DryerState NOT_OK = known("Not-OK");

  private DryerState(String name, boolean known, DryerState synonymOf) {
    super(name, known, synonymOf);
  }

  private static DryerState known(String name) {
    return VOCABULARY.add(new DryerState(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static DryerState of(String name) {
    return VOCABULARY.of(name, n -> new DryerState(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<DryerState> knownValues() {
    return VOCABULARY.knownValues();
  }

  /** True for {@code OK}. */
  public boolean isOk() {
    return equals(OK);
  }
}
