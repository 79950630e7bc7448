package io.miville.codec.pis;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a user agent requires of a proxy, or what a proxy requires of its user: one word of the
 * {@code Requires} header (draft-pis-00 §2.1 and Appendix 1).
 *
 * <p>Some words refine another ({@code Paper-Soft} is a kind of {@code Paper}); some are local
 * synonyms ({@code Wax-gasket}, {@code But-gasket}, {@code Rump-protector} and
 * {@code Horse-Collar} stand for {@code Sani-Shield}). {@link #satisfies} takes both into
 * account.
 */
public final class ProxyAttribute extends PisTerm<ProxyAttribute> {
  private static final Vocabulary<ProxyAttribute> VOCABULARY = Vocabulary.words();

  // §2.1, the SEEK example
  public static final ProxyAttribute CLEAN_PROXY = known("Clean-proxy");
  public static final ProxyAttribute FLUSHED_PROXY = known("Flushed-proxy");
  public static final ProxyAttribute STALL_PROXY = known("Stall-proxy");
  public static final ProxyAttribute PAPER = known("Paper");
  /** §2.1: "certain elements of the requires field may be refined to indicate user preferences". */
  public static final ProxyAttribute PAPER_SOFT = refinement("Paper-Soft", PAPER);
  public static final ProxyAttribute PAPER_WHOLEROLL = refinement("Paper-WholeRoll", PAPER);
  public static final ProxyAttribute PAPER_CHARMAN = refinement("Paper-Charman", PAPER);
  public static final ProxyAttribute SANI_SHIELD = known("Sani-Shield");
  /** §2.1: local terms that may be substituted for Sani-Shield. */
  public static final ProxyAttribute WAX_GASKET = synonym("Wax-gasket", SANI_SHIELD);
  public static final ProxyAttribute BUT_GASKET = synonym("But-gasket", SANI_SHIELD);
  public static final ProxyAttribute RUMP_PROTECTOR = synonym("Rump-protector", SANI_SHIELD);
  public static final ProxyAttribute HORSE_COLLAR = synonym("Horse-Collar", SANI_SHIELD);
  /** §2.1, required by the proxy in the 200 Proxy Available example. */
  public static final ProxyAttribute PAYMENT_TOKEN = known("Payment-token");
  // Appendix 1
  public static final ProxyAttribute MALE = known("Male");
  public static final ProxyAttribute FEMALE = known("Female");
  public static final ProxyAttribute BANO_FAMILIAR = known("Bano-Familiar");
  public static final ProxyAttribute HANDICAPABLE = known("Handicapable");
  /** §2.5: a User-Instantiated-Proxy needs the Dig method and {@code Requires: Spade}. */
  public static final ProxyAttribute SPADE = known("Spade");

  private final ProxyAttribute refines;

  private ProxyAttribute(String name, boolean known, ProxyAttribute synonymOf, ProxyAttribute refines) {
    super(name, known, synonymOf);
    this.refines = refines;
  }

  private static ProxyAttribute known(String name) {
    return VOCABULARY.add(new ProxyAttribute(name, true, null, null));
  }

  private static ProxyAttribute synonym(String name, ProxyAttribute of) {
    return VOCABULARY.add(new ProxyAttribute(name, true, of, null));
  }

  private static ProxyAttribute refinement(String name, ProxyAttribute of) {
    return VOCABULARY.add(new ProxyAttribute(name, true, null, of));
  }

  /**
   * The attribute spelled {@code name} (any case); unknown names are kept as written.
   *
   * @throws IllegalArgumentException if {@code name} is empty, holds white space, {@code |} or
   *     {@code ,}, starts with {@code +} or holds control characters
   */
  public static ProxyAttribute of(String name) {
    return VOCABULARY.of(name, n -> new ProxyAttribute(n, false, null, null));
  }

  /** The attributes draft-pis-00 names, in the order it names them. */
  public static List<ProxyAttribute> knownValues() {
    return VOCABULARY.knownValues();
  }

  /** The broader attribute this one refines ({@code Paper} for {@code Paper-Soft}). */
  public Optional<ProxyAttribute> refines() {
    return Optional.ofNullable(refines);
  }

  /**
   * True if a proxy offering this attribute meets {@code required}: the same word or a synonym
   * of it, or a refinement of it (a proxy with {@code Paper-Soft} meets {@code Paper}, not the
   * other way round).
   */
  public boolean satisfies(ProxyAttribute required) {
    ProxyAttribute wanted = required.canonical();
    for (ProxyAttribute a = canonical(); a != null; a = a.refines == null ? null : a.refines.canonical()) {
      if (a.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** True if every attribute of {@code required} is met by one of {@code offered}. */
  public static boolean allSatisfied(Collection<ProxyAttribute> required, Collection<ProxyAttribute> offered) {
    for (ProxyAttribute r : required) {
      if (offered.stream().noneMatch(o -> o.satisfies(r))) {
        return false;
      }
    }
    return true;
  }
}
