package io.miville.transport;

/**
 * Receives every well-formed message a transport reads. It is called on a Netty I/O thread and
 * must not block: the transaction layer hands the message to its lane and returns.
 */
@FunctionalInterface
public interface InboundHandler {
  void onMessage(InboundMessage message);
}
