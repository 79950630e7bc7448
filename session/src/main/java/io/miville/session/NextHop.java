package io.miville.session;

import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a request for a URI goes (RFC 3261 §8.1.2 with a simplified RFC 3263): the transport from
 * the {@code transport} parameter (TLS for sips:), the host's address, the port or the
 * transport's default. No NAPTR/SRV: a name is resolved with the system resolver, which may
 * block, so {@link #isLiteral} tells the session when to offload it.
 *
 * @param transport the transport to use
 * @param address the socket address to send to
 */
record NextHop(Transport transport, InetSocketAddress address) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** True if resolving {@code uri} needs no lookup (its host is an IP address). */
  static boolean isLiteral(Uri uri) {
    return uri instanceof SipUri s && (s.host().startsWith("[") || IPV4.matcher(s.host()).matches());
  }

  /**
   * Resolves {@code uri}; blocks for a host name (see {@link #isLiteral}).
   *
   * @throws IllegalArgumentException if it is not a SIP URI, names an unknown transport, or its host does not resolve
   */
  static NextHop resolve(Uri uri) {
    if (!(uri instanceof SipUri sip)) {
      throw new IllegalArgumentException("not a sip: or sips: URI: " + uri);
    }
    Transport t = sip.transport()
        .map(name -> Transport.fromViaName(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown transport: " + name)))
        .orElse(sip.isSecure() ? Transport.TLS : Transport.UDP);
    String host = sip.host();
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new NextHop(t, new InetSocketAddress(InetAddress.getByName(host), sip.portOr(t.defaultPort())));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host: " + sip.host());
    }
  }
}
