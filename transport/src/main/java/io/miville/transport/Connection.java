package io.miville.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One stream connection (TCP, TLS, WS, WSS), in either direction.
 *
 * @param id the connection id carried in {@link Flow#connectionId()}
 * @param transport its transport
 * @param channel the Netty channel
 * @param flow the flow of messages read on it
 * @param outbound true if this side opened it
 * @param requestedPeer for outbound connections, the destination as the caller named it
 */
record Connection(long id, Transport transport, Channel channel, Flow flow, boolean outbound,
    Optional<InetSocketAddress> requestedPeer) {}
