package io.miville.transaction;

import io.miville.codec.SipMessage;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transport.Flow;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A transport that records what the layer sends, and can be told to fail. */
final class RecordingSender implements MessageSender {
  static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);

  record Sent(SipMessage message, Flow flow, long atNanos) {
    SipRequest request() {
      return (SipRequest) message;
    }

    SipResponse response() {
      return (SipResponse) message;
    }
  }

  final List<Sent> sent = new ArrayList<>();
  boolean failing;
  java.util.function.LongSupplier clock = () -> 0;

  @Override
  public CompletionStage<Void> send(SipMessage message, Flow flow) {
    if (failing) {
      return CompletableFuture.failedFuture(new IOException("connection reset"));
    }
    sent.add(new Sent(message, flow, clock.getAsLong()));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
    if (failing) {
      return CompletableFuture.failedFuture(new IOException("connection refused"));
    }
    Flow flow = new Flow(transport, LOCAL, destination, transport.isReliable() ? 42 : 0);
    sent.add(new Sent(message, flow, clock.getAsLong()));
    return CompletableFuture.completedFuture(flow);
  }

  List<SipResponse> responses() {
    return sent.stream().filter(s -> s.message instanceof SipResponse).map(Sent::response).toList();
  }

  List<SipRequest> requests() {
    return sent.stream().filter(s -> s.message instanceof SipRequest).map(Sent::request).toList();
  }

  List<Integer> statuses() {
    return responses().stream().map(SipResponse::status).toList();
  }

  List<String> methods() {
    return requests().stream().map(r -> r.method().name()).toList();
  }

  /** When each message matching {@code what} was sent, in ms after {@code startNanos}. */
  List<Long> timesMillis(java.util.function.Predicate<SipMessage> what, long startNanos) {
    return sent.stream().filter(s -> what.test(s.message)).map(s -> (s.atNanos - startNanos) / 1_000_000).toList();
  }

  Sent last() {
    return sent.get(sent.size() - 1);
  }

  void clear() {
    sent.clear();
  }
}
