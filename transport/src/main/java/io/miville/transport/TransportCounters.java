package io.miville.transport;

import java.util.Map;

/**
 * A snapshot of what the transport layer has done since it started: traffic per transport,
 * what bad input cost, and the life of connections. Read it with
 * {@link SipTransportLayer#counters()}; every field only grows except {@code connectionsOpen}.
 *
 * @param traffic messages and bytes per transport
 * @param datagramsIn UDP datagrams read, good or bad
 * @param malformedDropped input that was not a usable message and got no answer: garbage,
 *     malformed responses, requests whose headers could not be salvaged, ACKs, messages
 *     without the mandatory headers, oversized frames
 * @param malformedAnswered malformed requests answered statelessly (400, 413, 414, 505)
 * @param keepAlivePings double-CRLF pings answered with a pong (RFC 5626 §3.5.1), plus
 *     datagrams holding nothing but CRLFs
 * @param connectionsOpen stream connections open now (TCP, TLS, WS, WSS; both directions)
 * @param connectionsAccepted inbound connections accepted
 * @param connectionsOpened outbound connections opened by {@code send}
 * @param connectionsRefused inbound connections closed at once because the cap was reached
 * @param connectionsIdleClosed connections closed after the idle timeout
 * @param connectionsOverloadClosed connections closed because their peer did not read and the
 *     write buffer passed its high-water mark
 * @param connectionsMalformedClosed stream connections closed after malformed input
 * @param connectionsStalledClosed stream connections closed because a message they started
 *     was not complete within the message timeout (slow senders)
 * @param tlsHandshakeFailures TLS handshakes that failed: untrusted or misnamed peer,
 *     plain text on a TLS port, timeout
 * @param webSocketUpgradesRefused HTTP requests refused: no upgrade, or no {@code sip}
 *     subprotocol (RFC 7118 §4)
 * @param sendFailures sends that failed (no route, connection gone, buffer full, ...)
 * @param handlerErrors exceptions thrown by the inbound handler (caught and counted)
 */
public record TransportCounters(
    Map<Transport, Traffic> traffic,
    long datagramsIn,
    long malformedDropped,
    long malformedAnswered,
    long keepAlivePings,
    long connectionsOpen,
    long connectionsAccepted,
    long connectionsOpened,
    long connectionsRefused,
    long connectionsIdleClosed,
    long connectionsOverloadClosed,
    long connectionsMalformedClosed,
    long connectionsStalledClosed,
    long tlsHandshakeFailures,
    long webSocketUpgradesRefused,
    long sendFailures,
    long handlerErrors) {

  /**
   * Traffic on one transport.
   *
   * @param messagesIn well-formed messages handed to the inbound handler
   * @param messagesOut messages written (datagrams sent, for UDP)
   * @param bytesIn bytes read, bad input and keep-alives included
   * @param bytesOut bytes of messages and answers written
   */
  public record Traffic(long messagesIn, long messagesOut, long bytesIn, long bytesOut) {
    static final Traffic NONE = new Traffic(0, 0, 0, 0);
  }

  public TransportCounters {
    traffic = Map.copyOf(traffic);
  }

  /** Traffic on {@code transport}, zeros if none. */
  public Traffic traffic(Transport transport) {
    return traffic.getOrDefault(transport, Traffic.NONE);
  }

  /** Bytes read on all transports. */
  public long bytesIn() {
    return traffic.values().stream().mapToLong(Traffic::bytesIn).sum();
  }

  /** Bytes written on all transports. */
  public long bytesOut() {
    return traffic.values().stream().mapToLong(Traffic::bytesOut).sum();
  }
}
