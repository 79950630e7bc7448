package io.miville.pis.site;

import io.miville.codec.pis.ProxyAttribute;
import java.util.Collection;
import java.util.Set;

/**
 * Whether a proxy's attributes meet a {@code Requires} list under a site's local customs
 * (draft-pis-00 §2.1 and §5): the codec's rule ({@link ProxyAttribute#satisfies}: the same word, a
 * synonym such as Wax-gasket for Sani-Shield, or a refinement such as Paper-Soft for Paper), plus
 * "the Paper value might be well served in some locales by Leaves, Lira, $1-USD, or
 * Low-Denomination-Paper-Currency": where the site lists such {@link Site#paperEquivalents()}, a
 * proxy offering one of them meets {@code Requires: Paper} (not a refinement like Paper-Soft: a
 * Lira is not soft).
 */
public final class Requirements {
  private final Set<ProxyAttribute> paperEquivalents;

  private Requirements(Set<ProxyAttribute> paperEquivalents) {
    this.paperEquivalents = Set.copyOf(paperEquivalents);
  }

  /** The rules of {@code site}. */
  public static Requirements of(Site site) {
    return new Requirements(site.paperEquivalents());
  }

  /** The codec's rules alone, with no local equivalents. */
  public static Requirements none() {
    return new Requirements(Set.of());
  }

  /** True if one of {@code offered} meets {@code required}. */
  public boolean meets(ProxyAttribute required, Collection<ProxyAttribute> offered) {
    for (ProxyAttribute o : offered) {
      if (o.satisfies(required)) {
        return true;
      }
    }
    if (required.canonical().equals(ProxyAttribute.PAPER)) {
      for (ProxyAttribute o : offered) {
        if (paperEquivalents.contains(o)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True if every one of {@code required} is met by {@code offered}. */
  public boolean allMet(Collection<ProxyAttribute> required, Collection<ProxyAttribute> offered) {
    for (ProxyAttribute r : required) {
      if (!meets(r, offered)) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code proxy}'s attributes meet every one of {@code required}. */
  public boolean allMet(Collection<ProxyAttribute> required, ProxySpec proxy) {
    return allMet(required, proxy.attributes());
  }
}
