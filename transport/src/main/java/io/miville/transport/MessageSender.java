package io.miville.transport;

import io.miville.codec.SipMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** Sends messages; implemented by the transport layer, used by transactions and above. */
public interface MessageSender {

  /**
   * Sends on an existing flow: the connection a request came in on, or the UDP address pair.
   * The stage fails if the connection is gone or the message cannot be written.
   */
  CompletionStage<Void> send(SipMessage message, Flow flow);

  /**
   * Sends to {@code destination} over {@code transport}, reusing an open connection to it or
   * opening one (stream transports). Completes with the flow used, so that a client
   * transaction can send its retransmissions, ACK or CANCEL the same way.
   */
  CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination);
}
