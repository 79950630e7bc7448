package io.miville.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A transport and the local address it listens on. Given to the builder with port 0 to let the
 * system choose; {@link SipTransportLayer#listenPoints()} reports the port actually bound, for
 * the sent-by of Via headers (RFC 3261 §18.1.1) and for Contact URIs.
 *
 * @param transport the transport
 * @param address the local address
 */
public record ListenPoint(Transport transport, InetSocketAddress address) {
  public ListenPoint {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
  }

  public static ListenPoint of(Transport transport, InetSocketAddress address) {
    return new ListenPoint(transport, address);
  }

  /** {@code transport} on {@code host:port}; the host must be an IP literal or a local name. */
  public static ListenPoint of(Transport transport, String host, int port) {
    return new ListenPoint(transport, new InetSocketAddress(host, port));
  }
}
