package io.miville.transaction;

import io.miville.codec.SipResponse;

/**
 * What a client transaction tells its TU (RFC 3261 §17.1). Every method runs on the transaction's
 * lane and must not block (see docs/concurrency.md); every method has a default so that a TU
 * implements only what it needs.
 */
public interface ResponseListener {

  /** A listener that ignores everything: use {@link ClientTransaction#response()} instead. */
  ResponseListener NONE = new ResponseListener() {};

  /** A provisional (1xx) response arrived, in the Calling/Trying or Proceeding state. */
  default void onProvisional(ClientTransaction transaction, SipResponse response) {}

  /** The first final response arrived (§17.1.1.2, §17.1.2.2). Retransmissions are absorbed. */
  default void onFinal(ClientTransaction transaction, SipResponse response) {}

  /**
   * Another 2xx arrived for an INVITE in the Accepted state (RFC 6026 §7.2): a retransmission of
   * the 2xx (ACK it again, RFC 3261 §13.2.2.4) or a 2xx from another fork of the request.
   */
  default void onAdditionalSuccess(ClientTransaction transaction, SipResponse response) {}

  /**
   * Timer B or F fired with no final response (or no final response came within 64*T1 of a
   * CANCEL, §9.1); {@code timeout} is a {@code 408 Request Timeout} made up locally (§8.1.3.1).
   * By default handed to {@link #onFinal}.
   */
  default void onTimeout(ClientTransaction transaction, SipResponse timeout) {
    onFinal(transaction, timeout);
  }

  /**
   * The transport failed before a final response arrived; {@code unavailable} is a {@code 503
   * Service Unavailable} made up locally (§8.1.3.1). By default handed to {@link #onFinal}.
   */
  default void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
    onFinal(transaction, unavailable);
  }
}
