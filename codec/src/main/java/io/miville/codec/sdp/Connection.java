package io.miville.codec.sdp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Connection data, the value of a {@code c=} line (RFC 8866 §5.7), also used by {@code o=}'s
 * address and by {@code a=rtcp} (RFC 3605).
 *
 * <p>For network type {@code IN}:
 *
 * <ul>
 *   <li>{@code IP4}: a unicast IPv4 address or a domain name; or an IPv4 multicast address
 *       (224.0.0.0/4), which MUST carry a TTL and may carry a number of addresses:
 *       {@code 233.252.0.1/127/3}. A TTL on a unicast address is refused.
 *   <li>{@code IP6}: an IPv6 address in text form without brackets, as SDP writes it (RFC 8866
 *       §9, RFC 5118 §4.7; an IPv4-mapped form such as {@code ::ffff:192.0.2.2} is an IPv6
 *       address too), or a domain name. IPv6 has no TTL; a multicast address ({@code ff00::/8})
 *       may carry a number of addresses: {@code ff15::101/3}.
 * </ul>
 *
 * <p>Other network and address types (extn-addr) keep their address text as is.
 *
 * @param networkType nettype, usually {@code IN}
 * @param addressType addrtype, usually {@code IP4} or {@code IP6}
 * @param address the address without the {@code /ttl/count} suffix
 * @param ttl the multicast TTL, IPv4 multicast only, 0..255
 * @param addressCount the number of consecutive multicast addresses, 1 or more
 */
public record Connection(
    String networkType, String addressType, String address, OptionalInt ttl,
    OptionalInt addressCount) {

  /** Network type Internet. */
  public static final String IN = "IN";
  /** Address type IPv4. */
  public static final String IP4 = "IP4";
  /** Address type IPv6. */
  public static final String IP6 = "IP6";

  public Connection {
    SdpSyntax.requireToken(networkType, "bad network type");
    SdpSyntax.requireToken(addressType, "bad address type");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(addressCount, "addressCount");
    SdpSyntax.requireNonWs(address, "bad connection address");
    if (ttl.isPresent() && (ttl.getAsInt() < 0 || ttl.getAsInt() > 255)) {
      throw new IllegalArgumentException("TTL out of range");
    }
    if (addressCount.isPresent() && addressCount.getAsInt() < 1) {
      throw new IllegalArgumentException("bad number of addresses");
    }
    if (IN.equals(networkType)) {
      checkInternet(addressType, address, ttl, addressCount);
    } else if (ttl.isPresent() || addressCount.isPresent()) {
      throw new IllegalArgumentException("TTL only for IN addresses");
    }
  }

  private static void checkInternet(
      String addressType, String address, OptionalInt ttl, OptionalInt count) {
    switch (addressType) {
      case IP4 -> {
        if (SdpSyntax.isIpv4Multicast(address)) {
          if (ttl.isEmpty()) {
            throw new IllegalArgumentException("IPv4 multicast address needs a TTL");
          }
        } else if (SdpSyntax.isIpv4(address) || SdpSyntax.isFqdn(address)) {
          if (ttl.isPresent() || count.isPresent()) {
            throw new IllegalArgumentException("TTL on a unicast address");
          }
        } else {
          throw new IllegalArgumentException("bad IPv4 address");
        }
      }
      case IP6 -> {
        if (ttl.isPresent()) {
          throw new IllegalArgumentException("TTL on an IPv6 address");
        }
        if (SdpSyntax.isIpv6(address)) {
          if (count.isPresent() && !SdpSyntax.isIpv6Multicast(address)) {
            throw new IllegalArgumentException("address count on a unicast address");
          }
        } else if (SdpSyntax.isFqdn(address)) {
          if (count.isPresent()) {
            throw new IllegalArgumentException("address count on a unicast address");
          }
        } else {
          throw new IllegalArgumentException(
              address.startsWith("[") ? "IPv6 address in brackets" : "bad IPv6 address");
        }
      }
      default -> {
        if (ttl.isPresent() || count.isPresent()) {
          throw new IllegalArgumentException("TTL on an unknown address type");
        }
      }
    }
  }

  /** {@code IN IP4 <address>}: a unicast IPv4 address or domain name. */
  public static Connection ip4(String address) {
    return new Connection(IN, IP4, address, OptionalInt.empty(), OptionalInt.empty());
  }

  /** {@code IN IP6 <address>}: an IPv6 address without brackets, or a domain name. */
  public static Connection ip6(String address) {
    return new Connection(IN, IP6, address, OptionalInt.empty(), OptionalInt.empty());
  }

  /** {@code IN IP4 <group>/<ttl>}: an IPv4 multicast group. */
  public static Connection ip4Multicast(String group, int ttl) {
    return new Connection(IN, IP4, group, OptionalInt.of(ttl), OptionalInt.empty());
  }

  /** {@code IN IP4 <group>/<ttl>/<count>}: {@code count} consecutive IPv4 multicast groups. */
  public static Connection ip4Multicast(String group, int ttl, int count) {
    return new Connection(IN, IP4, group, OptionalInt.of(ttl), OptionalInt.of(count));
  }

  /**
   * Parses the value of a {@code c=} line: {@code <nettype> <addrtype> <connection-address>}.
   *
   * @throws IllegalArgumentException with a short reason if malformed
   */
  public static Connection parse(String value) {
    String[] f = SdpParser.fields(value, 3, 3, "c= needs three fields");
    return parse(f[0], f[1], f[2]);
  }

  static Connection parse(String netType, String addrType, String text) {
    SdpSyntax.requireNonWs(text, "bad connection address");
    if (!IN.equals(netType) || !(IP4.equals(addrType) || IP6.equals(addrType))) {
      return new Connection(netType, addrType, text, OptionalInt.empty(), OptionalInt.empty());
    }
    String[] parts = text.split("/", -1);
    String address = parts[0];
    OptionalInt ttl = OptionalInt.empty();
    OptionalInt count = OptionalInt.empty();
    if (IP4.equals(addrType)) {
      if (parts.length > 3) {
        throw new IllegalArgumentException("bad connection address");
      }
      if (parts.length >= 2) {
        // ttl = (POS-DIGIT *2DIGIT) / "0"
        String t = parts[1];
        if (!SdpSyntax.isDigits(t) || t.length() > 3 || (t.length() > 1 && t.charAt(0) == '0')) {
          throw new IllegalArgumentException("bad TTL");
        }
        ttl = OptionalInt.of(Integer.parseInt(t));
      }
      if (parts.length == 3) {
        count = OptionalInt.of(SdpSyntax.parseInteger(parts[2], 65535, "bad number of addresses"));
      }
    } else {
      if (parts.length > 2) {
        throw new IllegalArgumentException("bad connection address");
      }
      if (parts.length == 2) {
        count = OptionalInt.of(SdpSyntax.parseInteger(parts[1], 65535, "bad number of addresses"));
      }
    }
    return new Connection(netType, addrType, address, ttl, count);
  }

  /** True for an {@code IN IP4} or {@code IN IP6} multicast group. */
  public boolean isMulticast() {
    if (!IN.equals(networkType)) {
      return false;
    }
    return (IP4.equals(addressType) && SdpSyntax.isIpv4Multicast(address))
        || (IP6.equals(addressType) && SdpSyntax.isIpv6Multicast(address));
  }

  /** The text after {@code c=}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(networkType).append(' ').append(addressType)
        .append(' ').append(address);
    ttl.ifPresent(t -> b.append('/').append(t));
    addressCount.ifPresent(c -> b.append('/').append(c));
    return b.toString();
  }
}
