package io.miville.codec.pis;

import java.util.List;

/**
 * The body a position is on: the {@code Planet} header of a location-enhanced SEEK
 * (draft-pis-00 Appendix 1, "Planet(oid): Earth, Moon, Mars, ...": the protocol should be
 * extensible for interplanetary systems). Unknown bodies are kept as written.
 */
public final class Planet extends PisTerm<Planet> {
  private static final Vocabulary<Planet> VOCABULARY = Vocabulary.phrases();

  public static final Planet MERCURY = known("Mercury");
  public static final Planet VENUS = known("Venus");
  public static final Planet EARTH = known("Earth");
  public static final Planet MOON = known("Moon");
  public static final Planet MARS = known("Mars");
  public static final Planet CERES = known("Ceres");
  public static final Planet JUPITER = known("Jupiter");
  public static final Planet SATURN = known("Saturn");
  public static final Planet URANUS = known("Uranus");
  public static final Planet NEPTUNE = known("Neptune");
  public static final Planet PLUTO = known("Pluto");

  private Planet(String name, boolean known, Planet synonymOf) {
    super(name, known, synonymOf);
  }

  private static Planet known(String name) {
    return VOCABULARY.add(new Planet(name, true, null));
  }

  /** The value spelled {@code name} (any case); unknown ones are kept as written. */
  public static Planet of(String name) {
    return VOCABULARY.of(name, n -> new Planet(n, false, null));
  }

  /** The values draft-pis-00 names, in its order. */
  public static List<Planet> knownValues() {
    return VOCABULARY.knownValues();
  }
}
