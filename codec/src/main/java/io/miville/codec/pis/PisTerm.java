package io.miville.codec.pis;

import java.util.Objects;

/**
 * One word of a PIS vocabulary (draft-pis-00): a proxy type, a required attribute, an urgency,
 * an Info condition... Every vocabulary is an open set. The values the draft names are constants
 * of the subclass; any other spelling is an unknown value that keeps its text, so it round-trips.
 *
 * <p>Values compare case-insensitively ({@code Line-Urinal} and {@code line-urinal} are
 * {@code ProxyType.LINE_URINAL}), and a known value is written with the draft's own spelling.
 * Some words are local synonyms of another one (draft-pis-00 §2.1: "Sani-Shield is a local
 * term ... Wax-gasket, But-gasket ... may be substituted according to the local custom"):
 * {@link #canonical()} names the word they stand for, while equality keeps them apart so that
 * messages write back as they were read.
 *
 * @param <T> the vocabulary this word belongs to
 */
public abstract sealed class PisTerm<T extends PisTerm<T>>
    permits ProxyAttribute, Urgency, InfoItem, ProxyType, Activity, Technique, WaterState, WaterStatus,
        HandleMethod, Soap, DryerType, DryerState, Recommendation, Planet, Preference {
  private final String name;
  private final String key;
  private final boolean known;
  private final T synonymOf;

  PisTerm(String name, boolean known, T synonymOf) {
    this.name = Objects.requireNonNull(name, "name");
    this.key = Vocabulary.key(name);
    this.known = known;
    this.synonymOf = synonymOf;
  }

  /** The word as the draft spells it (known values) or as it was written (unknown ones). */
  public final String name() {
    return name;
  }

  /** True for a value the draft names; false for one this stack only carries along. */
  public final boolean isKnown() {
    return known;
  }

  /** The word this one is a local synonym of, or this word itself. */
  @SuppressWarnings("unchecked")
  public final T canonical() {
    return synonymOf != null ? synonymOf : (T) this;
  }

  /** True if both words mean the same thing: equal, or synonyms of one word. */
  public final boolean means(T other) {
    return canonical().equals(other.canonical());
  }

  /** Equal when of the same vocabulary and spelled alike, ignoring case. */
  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((PisTerm<?>) o).key.equals(key);
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode() * 31 + key.hashCode();
  }

  /** The name, as written in a header. */
  @Override
  public final String toString() {
    return name;
  }
}
