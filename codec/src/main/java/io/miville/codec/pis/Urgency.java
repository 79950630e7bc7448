package io.miville.codec.pis;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How urgent a SEEK is: the {@code Urgency} header (draft-pis-00 §2.1). The draft's values are
 * ordered {@code Normal < Urgent < Bursting < Too-Late}; a user agent that sends one "MAY be
 * expected to skip the AIM method".
 *
 * <p>An unknown urgency keeps its text and counts as {@link #NORMAL} when ranked: a receiver
 * that does not understand a word has no reason to serve it sooner.
 */
public final class Urgency extends PisTerm<Urgency> implements Comparable<Urgency> {
  private static final Vocabulary<Urgency> VOCABULARY = Vocabulary.phrases();
  private static final Comparator<Urgency> ORDER = Comparator.comparingInt(Urgency::level)
      .thenComparing(u -> !u.isKnown())
      .thenComparing(u -> Vocabulary.key(u.name()));

  public static final Urgency NORMAL = known("Normal", 0);
  public static final Urgency URGENT = known("Urgent", 1);
  public static final Urgency BURSTING = known("Bursting", 2);
  public static final Urgency TOO_LATE = known("Too-Late", 3);

  private final int level;

  private Urgency(String name, boolean known, int level) {
    super(name, known, null);
    this.level = level;
  }

  private static Urgency known(String name, int level) {
    return VOCABULARY.add(new Urgency(name, true, level));
  }

  /** The urgency spelled {@code name} (any case); unknown ones are kept as written. */
  public static Urgency of(String name) {
    return VOCABULARY.of(name, n -> new Urgency(n, false, NORMAL.level));
  }

  /** Normal, Urgent, Bursting, Too-Late. */
  public static List<Urgency> knownValues() {
    return VOCABULARY.knownValues();
  }

  /** 0 for Normal (and unknown urgencies), 1 Urgent, 2 Bursting, 3 Too-Late. */
  public int level() {
    return level;
  }

  public boolean isMoreUrgentThan(Urgency other) {
    return level > other.level;
  }

  /** The most urgent of {@code urgencies}, if any. */
  public static Optional<Urgency> mostUrgent(Collection<Urgency> urgencies) {
    return urgencies.stream().max(ORDER);
  }

  /**
   * Orders by level; within one level known before unknown, then by name ignoring case, so
   * that the order agrees with {@link #equals}.
   */
  @Override
  public int compareTo(Urgency other) {
    return ORDER.compare(this, other);
  }
}
