package io.miville.session;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transaction.time.ManualTime;
import io.miville.transport.Flow;
import io.miville.transport.InboundHandler;
import io.miville.transport.InboundMessage;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * An in-memory network on a {@link ManualTime} clock: every message is encoded, carried with a
 * latency, parsed again and handed to the node at the destination. Fault injection: drop what a
 * predicate picks, duplicate, refuse connections to an address (the send fails at once, like a
 * TCP connection refused), and addresses where nothing listens (messages vanish).
 */
final class FakeNetwork {
  /** One message put on the wire. */
  record Packet(SipMessage message, InetSocketAddress from, InetSocketAddress to) {
    boolean isRequest(String method) {
      return message instanceof SipRequest r && r.method().name().equals(method);
    }

    boolean isResponse(int status, String method) {
      return message instanceof SipResponse r && r.status() == status
          && r.cseq().map(c -> c.method().name().equals(method)).orElse(false);
    }
  }

  private final ManualTime time;
  private final SipParser parser = SipParser.create();
  private final Map<InetSocketAddress, InboundHandler> nodes = new HashMap<>();
  private final Map<InetSocketAddress, List<SipMessage>> captures = new HashMap<>();
  /** Everything sent, dropped or not, in order. */
  final List<Packet> sent = new ArrayList<>();
  final Set<InetSocketAddress> refusing = new HashSet<>();
  Duration latency = Duration.ofMillis(20);
  Predicate<Packet> drop = p -> false;
  Predicate<Packet> duplicate = p -> false;

  FakeNetwork(ManualTime time) {
    this.time = time;
  }

  void attach(InetSocketAddress address, InboundHandler node) {
    nodes.put(address, node);
  }

  /** A place that only records what reaches it. */
  List<SipMessage> capture(InetSocketAddress address) {
    List<SipMessage> got = new ArrayList<>();
    captures.put(address, got);
    return got;
  }

  MessageSender endpoint(InetSocketAddress self) {
    return new MessageSender() {
      @Override
      public CompletionStage<Void> send(SipMessage message, Flow flow) {
        if (refusing.contains(flow.remote())) {
          return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
        }
        transmit(message, flow.transport(), flow.local(), flow.remote());
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
        if (refusing.contains(destination)) {
          return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
        }
        transmit(message, transport, self, destination);
        return CompletableFuture.completedFuture(new Flow(transport, self, destination, 0));
      }
    };
  }

  /** Puts {@code message} on the wire as if {@code from} sent it. */
  void inject(SipMessage message, InetSocketAddress from, InetSocketAddress to) {
    transmit(message, Transport.UDP, from, to);
  }

  long count(Predicate<Packet> which) {
    return sent.stream().filter(which).count();
  }

  private void transmit(SipMessage message, Transport transport, InetSocketAddress from, InetSocketAddress to) {
    Packet p = new Packet(message, from, to);
    sent.add(p);
    if (drop.test(p)) {
      return;
    }
    byte[] bytes = message.encode();
    int copies = duplicate.test(p) ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      time.schedule(latency, () -> deliver(bytes, transport, from, to));
    }
  }

  private void deliver(byte[] bytes, Transport transport, InetSocketAddress from, InetSocketAddress to) {
    SipMessage parsed = parser.parseDatagram(bytes, 0, bytes.length);
    List<SipMessage> capture = captures.get(to);
    if (capture != null) {
      capture.add(parsed);
      return;
    }
    InboundHandler node = nodes.get(to);
    if (node != null) {
      node.onMessage(new InboundMessage(parsed, new Flow(transport, to, from, 0), time.nanos()));
    }
  }
}
