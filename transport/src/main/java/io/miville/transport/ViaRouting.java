package io.miville.transport;

import io.miville.codec.HeaderName;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Via rules of the transport layer: what a server writes into the top Via of a request it
 * receives (RFC 3261 §18.2.1, RFC 3581 §4), and where it sends the response (RFC 3261 §18.2.2,
 * RFC 3581 §4). Never resolves names: only IP literals are used, anything else falls back to
 * the address the request came from.
 */
final class ViaRouting {
  private ViaRouting() {}

  /**
   * The request with {@code received} added to its top Via when the sent-by host is not the
   * source address, and an empty {@code rport} filled with the source port (with
   * {@code received} then always added). The same instance when nothing changes.
   */
  static SipRequest stampReceived(SipRequest request, InetSocketAddress source) {
    List<Via> vias = request.vias();
    if (vias.isEmpty()) {
      return request;
    }
    Via top = vias.get(0);
    Via stamped = stampTop(top, source);
    if (stamped == top) {
      return request;
    }
    List<Via> changed = new ArrayList<>(vias);
    changed.set(0, stamped);
    // one comma-separated Via line where the first was: the order of the Via values is kept
    // (RFC 3261 §7.3.1), and the builder has no way to replace just one line of several
    return request.toBuilder().set(HeaderName.VIA, SipHeaders.VIA.formatAll(changed)).build();
  }

  /** The top Via as the receiver of its request writes it; the same instance if unchanged. */
  static Via stampTop(Via top, InetSocketAddress source) {
    String sourceIp = addressText(source.getAddress());
    if (top.hasRport() && top.rport().isEmpty()) {
      return top.withRport(source.getPort()).withReceived(sourceIp);
    }
    if (!sameAddress(top.host(), source.getAddress())) {
      return top.withReceived(sourceIp);
    }
    return top;
  }

  /**
   * Where a response goes over UDP (RFC 3261 §18.2.2 with RFC 3581 §4): to the {@code received}
   * address, else the sent-by host; to the {@code rport} port if it has a value, else the
   * sent-by port, else 5060. A host that is not an IP literal is replaced by the source of the
   * request (no DNS here), as is everything when the response has no Via.
   */
  static InetSocketAddress unreliableResponseDestination(SipResponse response, Flow flow) {
    Optional<Via> top = response.topVia();
    if (top.isEmpty()) {
      return flow.remote();
    }
    Via via = top.get();
    InetAddress address = literal(via.received().orElse(via.host())).orElse(flow.remote().getAddress());
    int port = via.rport().isPresent() ? via.rport().getAsInt() : via.port().orElse(Transport.UDP.defaultPort());
    return new InetSocketAddress(address, port);
  }

  /**
   * Where a response goes over a stream transport whose connection is gone (RFC 3261 §18.2.2):
   * the {@code received} address (else the sent-by host) and the sent-by port (else the
   * transport's default port).
   */
  static InetSocketAddress reliableResponseDestination(SipResponse response, Flow flow) {
    Optional<Via> top = response.topVia();
    if (top.isEmpty()) {
      return flow.remote();
    }
    Via via = top.get();
    InetAddress address = literal(via.received().orElse(via.host())).orElse(flow.remote().getAddress());
    return new InetSocketAddress(address, via.port().orElse(flow.transport().defaultPort()));
  }

  /** The address as a Via {@code received} value: dotted quad, or IPv6 without brackets or scope. */
  static String addressText(InetAddress address) {
    return NetUtil.toAddressString(address);
  }

  /** True if {@code host} is an IP literal naming {@code address}. */
  static boolean sameAddress(String host, InetAddress address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(unbracket(host));
    if (bytes == null) {
      return false;
    }
    byte[] other = address.getAddress();
    if (bytes.length != other.length) {
      // an IPv4 address and its IPv4-mapped IPv6 form are the same
      return Arrays.equals(v4(bytes), v4(other));
    }
    return Arrays.equals(bytes, other);
  }

  private static byte[] v4(byte[] b) {
    if (b.length == 4) {
      return b;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return b;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff ? Arrays.copyOfRange(b, 12, 16) : b;
  }

  /** The address an IP literal names, without any name lookup. */
  static Optional<InetAddress> literal(String host) {
    String h = unbracket(host);
    if (!NetUtil.isValidIpV4Address(h) && !NetUtil.isValidIpV6Address(h)) {
      return Optional.empty();
    }
    return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(h));
  }

  private static String unbracket(String host) {
    return host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
        ? host.substring(1, host.length() - 1)
        : host;
  }
}
