package io.miville.transaction;

import io.miville.codec.SipRequest;
import io.miville.transport.Flow;

/**
 * The server side of the TU (a UAS core): receives each new request in its own
 * {@link ServerTransaction} and answers it with {@link ServerTransaction#respond}. Register it
 * with {@link TransactionLayer.Builder#requestHandler} or {@link TransactionLayer#requestHandler}.
 *
 * <p>Every method runs on the lane that owns the request's Call-ID and must not block: hand
 * blocking work to {@link ServerTransaction#offload} and respond when it is done.
 */
@FunctionalInterface
public interface RequestHandler {

  /**
   * A new request (never ACK or CANCEL, never a retransmission). For INVITE the layer already sent
   * {@code 100 Trying} (§17.2.1). The TU must send a final response sooner or later; a non-INVITE
   * transaction left without one for 64*T1 is ended, since the client gave up by then.
   */
  void onRequest(ServerTransaction transaction);

  /**
   * An ACK that is not part of a server transaction: the ACK for a 2xx (its own transaction-less
   * request, §17 and §13.3.1.4), or a stray ACK. The layer already stopped retransmitting the
   * 2xx it acknowledges. Retransmitted ACKs arrive here too; the TU (dialog layer) drops the
   * ones it does not need.
   */
  default void onAck(SipRequest ack, Flow flow) {}

  /**
   * A CANCEL matched {@code invite}, which has no final response yet (§9.2); the layer already
   * answered the CANCEL {@code 200}. The TU should answer the INVITE {@code 487 Request
   * Terminated}, which is what this default does.
   */
  default void onCancel(ServerTransaction invite, SipRequest cancel) {
    invite.respond(487);
  }

  /**
   * The transaction ended without its final response being acknowledged or answered: Timer H
   * (no ACK for a non-2xx, §17.2.1), Timer L with no ACK for a 2xx (§13.3.1.4: the session should
   * be ended with BYE), or a non-INVITE request the TU never answered.
   */
  default void onTimeout(ServerTransaction transaction) {}

  /** A response could not be sent (§17.2.4); the transaction is terminated. */
  default void onTransportError(ServerTransaction transaction, Throwable cause) {}
}
