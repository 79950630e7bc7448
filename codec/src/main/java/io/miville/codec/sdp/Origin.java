package io.miville.codec.sdp;

import java.math.BigInteger;

/**
 * The {@code o=} line (RFC 8866 §5.2): who made the description and which version it is.
 *
 * <p>The session id and version are digit strings of any length (RFC 8866 §9 has no bound,
 * and NTP-based values exceed a signed long), kept exactly as written. RFC 3264 §8 asks for the
 * version to grow by one with each changed description in a session: {@link #nextVersion()}.
 *
 * @param username the originator's login, or {@code -}; no spaces
 * @param sessionId 1*DIGIT
 * @param sessionVersion 1*DIGIT
 * @param networkType nettype, usually {@code IN}
 * @param addressType addrtype, usually {@code IP4} or {@code IP6}
 * @param address the originating host: an address of that type or a domain name
 */
public record Origin(
    String username, String sessionId, String sessionVersion, String networkType,
    String addressType, String address) {

  public Origin {
    SdpSyntax.requireNonWs(username, "bad o= username");
    if (sessionId == null || !SdpSyntax.isDigits(sessionId)) {
      throw new IllegalArgumentException("bad o= session id");
    }
    if (sessionVersion == null || !SdpSyntax.isDigits(sessionVersion)) {
      throw new IllegalArgumentException("bad o= session version");
    }
    SdpSyntax.requireToken(networkType, "bad o= network type");
    SdpSyntax.requireToken(addressType, "bad o= address type");
    if (Connection.IN.equals(networkType)) {
      SdpSyntax.requireUnicastAddress(addressType, address, "bad o= address");
    } else {
      SdpSyntax.requireNonWs(address, "bad o= address");
    }
  }

  /** An {@code IN IP4} (or {@code IN IP6} if the address holds a colon) origin. */
  public static Origin of(String username, long sessionId, long sessionVersion, String address) {
    String type = address.indexOf(':') >= 0 ? Connection.IP6 : Connection.IP4;
    return new Origin(username, Long.toUnsignedString(sessionId),
        Long.toUnsignedString(sessionVersion), Connection.IN, type, address);
  }

  /** The same origin with the session version increased by one (RFC 3264 §8). */
  public Origin nextVersion() {
    return withVersion(new BigInteger(sessionVersion).add(BigInteger.ONE).toString());
  }

  /** The same origin with another session version. */
  public Origin withVersion(String version) {
    return new Origin(username, sessionId, version, networkType, addressType, address);
  }

  /** The text after {@code o=}. */
  @Override
  public String toString() {
    return username + " " + sessionId + " " + sessionVersion + " " + networkType + " "
        + addressType + " " + address;
  }
}
