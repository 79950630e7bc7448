package io.miville.pis.presence;

import io.miville.codec.header.MediaType;
import java.util.Optional;

/**
 * The event packages (RFC 6665 §7) the presence service serves; see docs/pis-presence.md.
 */
public enum EventPackage {
  /**
   * {@code pis-cluster}: the full state of one cluster (draft-pis-00 Appendix 1: which proxies
   * are free, the queue, the expected wait, the load), body {@code application/pis-cluster+json}.
   */
  PIS_CLUSTER("pis-cluster", MediaType.of("application", "pis-cluster+json")),
  /**
   * {@code pis-maintenance}: what maintenance must act on (draft-pis-00 §2.3: {@code 602},
   * {@code 666}, {@code 667}, {@code 699}, clogs), for one cluster or the whole site, body
   * {@code application/pis-maintenance+json}.
   */
  PIS_MAINTENANCE("pis-maintenance", MediaType.of("application", "pis-maintenance+json"));

  private final String token;
  private final MediaType mediaType;

  EventPackage(String token, MediaType mediaType) {
    this.token = token;
    this.mediaType = mediaType;
  }

  /** The package name as it appears in the Event and Allow-Events headers (RFC 6665 §8.2.1). */
  public String token() {
    return token;
  }

  /** The Content-Type of this package's NOTIFY bodies. */
  public MediaType mediaType() {
    return mediaType;
  }

  /** The package named {@code token}; package names compare case-sensitively (RFC 6665 §8.2.1). */
  public static Optional<EventPackage> of(String token) {
    for (EventPackage p : values()) {
      if (p.token.equals(token)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The Allow-Events value listing every package served. */
  public static String allowEvents() {
    return PIS_CLUSTER.token + ", " + PIS_MAINTENANCE.token;
  }
}
