package io.miville.node.uac;

import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a request for a URI goes (a simplified RFC 3263): the transport from the
 * {@code transport} parameter (TLS for sips), the host as an address, the port or the
 * transport's default. No NAPTR/SRV lookups: a host name is resolved with the system resolver.
 *
 * @param transport the transport to use
 * @param address the socket address to send to
 */
public record Destinations(Transport transport, InetSocketAddress address) {

  /**
   * Resolves {@code uri}.
   *
   * @throws IllegalArgumentException if it is not a SIP URI, names an unknown transport, or its host does not resolve
   */
  public static Destinations of(Uri uri) {
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
      InetAddress address = InetAddress.getByName(host);
      return new Destinations(t, new InetSocketAddress(address, sip.portOr(t.defaultPort())));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host: " + sip.host());
    }
  }
}
