package io.miville.codec.pis;

import java.util.List;

/** Something a proxy forbids while in use: one item of the {@code Forbidden} header (draft-pis-00 §2.1). */
public final class Activity extends PisTerm<Activity> {
  private static final Vocabulary<Activity> VOCABULARY = Vocabulary.phrases();

  public static final Activity USE_OF_CELLPHONE = known("Use-of-cellphone");
  public static final Activity EATING = known("eating");

  private Activity(String name, boolean known) {
    super(name, known, null);
  }

  private static Activity known(String name) {
    return VOCABULARY.add(new Activity(name, true));
  }

  /** The activity spelled {@code name} (any case); unknown ones are kept as written. */
  public static Activity of(String name) {
    return VOCABULARY.of(name, n -> new Activity(n, false));
  }

  public static List<Activity> knownValues() {
    return VOCABULARY.knownValues();
  }
}
