package io.miville.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message came from or goes: the transport, the local and remote socket addresses and,
 * for stream transports, the connection. Responses go back on the flow their request came in on
 * (RFC 3261 §18.2.2); for UDP the flow is just the address pair.
 *
 * @param transport the transport
 * @param local the local address of the listening socket or connection
 * @param remote the peer's address as seen on the socket (the source of a request)
 * @param connectionId the connection for stream transports, 0 for UDP
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote, long connectionId) {
  public Flow {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
  }
}
