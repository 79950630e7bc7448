package io.miville.codec.pis;

import java.util.List;

/**
 * The kind of a proxy: one word of the {@code Type} header (draft-pis-00 §2.1) — every type
 * the draft names anywhere, including its portable, airborne and seaborne ones (§2.5) and the
 * local names of §5. A few traits the draft gives a type are methods here: several users at
 * once ({@link #isMultiUser()}, §4), continuous flushing ({@link #mayFlushContinuously()},
 * §2.3), portability and motion (§2.5).
 */
public final class ProxyType extends PisTerm<ProxyType> {
  private static final Vocabulary<ProxyType> VOCABULARY = Vocabulary.phrases();
  private static final int MULTI_USER = 1;
  private static final int CONTINUOUS_FLUSH = 2;
  private static final int PORTABLE = 4;
  private static final int IN_MOTION = 8;

  // §2.1, the 200 Proxy Available example
  public static final ProxyType STALL = known("Stall", 0);
  public static final ProxyType URINAL = known("Urinal", 0);
  public static final ProxyType HOLE = known("Hole", 0);
  /** §4: serves several user agents at once; §2.3: may flush continuously. */
  public static final ProxyType LINE_URINAL = known("Line-urinal", MULTI_USER | CONTINUOUS_FLUSH);
  public static final ProxyType TIRE = known("Tire", 0);
  public static final ProxyType SIDE_OF_BUILDING = known("Side-of-Building", 0);
  public static final ProxyType PARIS_SUBWAY = known("Paris-subway", 0);
  public static final ProxyType FRENCH_QUARTER_NOLA = known("French-quarter-NOLA", 0);
  public static final ProxyType BIDET = known("Bidet", 0);
  public static final ProxyType COMMODE = known("Commode", 0);
  // §2.3 and §4
  public static final ProxyType WALL_URINAL = known("Wall-urinal", CONTINUOUS_FLUSH);
  public static final ProxyType PIZWAH = known("Pizwah", MULTI_USER | CONTINUOUS_FLUSH);
  // §2.5, proxies in motion
  public static final ProxyType AIRPLANE_STALL = known("Airplane-stall", IN_MOTION);
  public static final ProxyType AIRPLANE_LAVATORY = synonym("Airplane-lavatory", AIRPLANE_STALL);
  public static final ProxyType VACUUM_FLUSHER_AIRPLANE = known("Vacuum-Flusher-Airplane", IN_MOTION);
  public static final ProxyType MARINE_TOILET = known("Marine-Toilet", IN_MOTION);
  /** §2.5: "Marine-Toilet (or in jargon: Head)". */
  public static final ProxyType HEAD = synonym("Head", MARINE_TOILET);
  // §2.5, portable proxies
  public static final ProxyType CHEMICAL_TOILET = known("Chemical-Toilet", PORTABLE);
  public static final ProxyType PORT_O_LET = known("Port-O-Let", PORTABLE);
  public static final ProxyType CHAMBER_POT = known("Chamber-Pot", PORTABLE);
  public static final ProxyType BUCKET = known("Bucket", PORTABLE);
  public static final ProxyType BEDPAN = known("Bedpan", PORTABLE);
  /** §2.5: made on the spot, with the Dig method and {@code Requires: Spade}. */
  public static final ProxyType USER_INSTANTIATED_PROXY = known("User-Instantiated-Proxy", PORTABLE);
  // §5, local names (their mapping onto the types above is left to "further investigation")
  public static final ProxyType TOILET = known("Toilet", 0);
  public static final ProxyType CRAPPER = known("Crapper", 0);
  public static final ProxyType POTTY = known("Potty", 0);
  public static final ProxyType PODDY = synonym("Poddy", POTTY);
  public static final ProxyType LOO = known("Loo", 0);
  public static final ProxyType WC = known("WC", 0);
  public static final ProxyType WATER_CLOSET = synonym("Water-closet", WC);
  public static final ProxyType DITCH = known("Ditch", 0);
  public static final ProxyType LAVATORY = known("Lavatory", 0);
  public static final ProxyType LATRINE = known("Latrine", 0);
  public static final ProxyType OUTHOUSE = known("Outhouse", 0);

  private final int traits;

  private ProxyType(String name, boolean known, ProxyType synonymOf, int traits) {
    super(name, known, synonymOf);
    this.traits = traits;
  }

  private static ProxyType known(String name, int traits) {
    return VOCABULARY.add(new ProxyType(name, true, null, traits));
  }

  private static ProxyType synonym(String name, ProxyType of) {
    return VOCABULARY.add(new ProxyType(name, true, of, of.traits));
  }

  /** The type spelled {@code name} (any case); unknown types are kept as written. */
  public static ProxyType of(String name) {
    return VOCABULARY.of(name, n -> new ProxyType(n, false, null, 0));
  }

  /** The types draft-pis-00 names, in the order it names them. */
  public static List<ProxyType> knownValues() {
    return VOCABULARY.knownValues();
  }

  /**
   * True for the types that serve several user agents at once without protocol violation
   * (§4: Line-Urinal and Pizwah); every other proxy takes one PIS session at a time.
   */
  public boolean isMultiUser() {
    return (traits & MULTI_USER) != 0;
  }

  /** True for the types that MAY flush continuously or periodically (§2.3). */
  public boolean mayFlushContinuously() {
    return (traits & CONTINUOUS_FLUSH) != 0;
  }

  /** True for portable proxies (§2.5). */
  public boolean isPortable() {
    return (traits & PORTABLE) != 0;
  }

  /** True for proxies that travel (airplane, marine; §2.5), whose position changes. */
  public boolean isInMotion() {
    return (traits & IN_MOTION) != 0;
  }
}
