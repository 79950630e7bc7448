package io.miville.codec.pis;

import java.util.List;

/**
 * What a user agent prefers in a proxy: one word of the {@code Preferences} header of a
 * location-enhanced SEEK (draft-pis-00 Appendix 1), and the special criteria that appendix
 * lists ("clean, no-graffiti, not-occupied, in-resturant").
 */
public final class Preference extends PisTerm<Preference> {
  private static final Vocabulary<Preference> VOCABULARY = Vocabulary.words();

  public static final Preference PUBLIC_TYPE = known("Public-type");
  public static final Preference PRIVATE_TYPE = known("private-type");
  public static final Preference CLEAN = known("clean");
  public static final Preference NO_GRAFFITI = known("no-graffiti");
  public static final Preference NOT_OCCUPIED = known("not-occupied");
  public static final Preference IN_RESTAURANT = known("in-restaurant");
  /** The draft's own spelling of {@link #IN_RESTAURANT}. */
  public static final Preference IN_RESTURANT = VOCABULARY.add(new Preference("in-resturant", true, IN_RESTAURANT));

  private Preference(String name, boolean known, Preference synonymOf) {
    super(name, known, synonymOf);
  }

  private static Preference known(String name) {
    return VOCABULARY.add(new Preference(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static Preference of(String name) {
    return VOCABULARY.of(name, n -> new Preference(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<Preference> knownValues() {
    return VOCABULARY.knownValues();
  }
}
