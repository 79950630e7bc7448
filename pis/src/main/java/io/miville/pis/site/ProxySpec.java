package io.miville.pis.site;

import io.miville.codec.pis.Activity;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Technique;
import io.miville.codec.pis.Velocity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One facility as the site file describes it (draft-pis-00 §2): what it is, not what state it is
 * in (that is the controller's). Immutable.
 *
 * @param address    the proxy's SIP address without scheme, {@code user@host}, e.g.
 *                   {@code stall2@latrine1.loo.com}; unique in a site
 * @param type       its Type (§2.1)
 * @param capacity   how many sessions at once: 1, or more for multi-user types (§4)
 * @param attributes what {@code Requires} may ask of it (Clean-proxy, Paper-Soft, Sani-Shield,
 *                   Male, Handicapable, ...); Clean-proxy and Flushed-proxy are also judged
 *                   from the live state
 * @param forbidden  activities forbidden while using it (the Forbidden header)
 * @param requires   what it requires of the user agent (e.g. Payment-token), sent back in Requires
 * @param access     public or private
 * @param flushKind  manual, advanced (auto-flush) or continuous
 * @param flushHow   the How values its FLUSH accepts; empty means any
 * @param motion     the velocity of a proxy in motion (bus, train, RV, airplane, boat)
 */
public record ProxySpec(
    String address,
    ProxyType type,
    int capacity,
    Set<ProxyAttribute> attributes,
    List<Activity> forbidden,
    List<ProxyAttribute> requires,
    Access access,
    FlushKind flushKind,
    List<Technique> flushHow,
    Optional<Velocity> motion) {

  public ProxySpec {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + address);
    }
    attributes = Set.copyOf(attributes);
    forbidden = List.copyOf(forbidden);
    requires = List.copyOf(requires);
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(flushKind, "flushKind");
    flushHow = List.copyOf(flushHow);
    Objects.requireNonNull(motion, "motion");
  }

  /** A public single-user manual-flush proxy of {@code type} with {@code attributes}. */
  public static ProxySpec of(String address, ProxyType type, Set<ProxyAttribute> attributes) {
    return new ProxySpec(address, type, 1, attributes, List.of(), List.of(), Access.PUBLIC,
        FlushKind.MANUAL, List.of(), Optional.empty());
  }

  /** The user part of the address ({@code stall2}). */
  public String user() {
    int at = address.indexOf('@');
    return at < 0 ? address : address.substring(0, at);
  }

  /** The host part of the address ({@code latrine1.loo.com}). */
  public String host() {
    int at = address.indexOf('@');
    return at < 0 ? address : address.substring(at + 1);
  }
}
