package io.miville.pis.presence;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.ProxyType;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.LoadFigures;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.controller.ProxySnapshot;
import io.miville.transaction.TransactionLayer;
import io.miville.transaction.time.ManualTime;
import io.miville.transport.Flow;
import io.miville.transport.InboundMessage;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A presence service on a manual clock behind a real transaction layer whose transport records
 * what is sent and can answer NOTIFYs by itself: the whole SIP exchange without sockets.
 */
final class PresenceFixture {
  static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);
  static final InetSocketAddress SUBSCRIBER = new InetSocketAddress("198.51.100.7", 5070);
  static final SipParser PARSER = SipParser.create();
  static final String HOST = "latrine1.loo.com";

  final ManualTime time = ManualTime.create();
  final Map<String, ClusterSnapshot> clusters = new HashMap<>();
  final Map<String, String> hosts = new HashMap<>();
  final List<SipMessage> sent = new ArrayList<>();
  final List<InetSocketAddress> destinations = new ArrayList<>();
  /** When each message of {@link #sent} was sent, manual clock nanos. */
  final List<Long> sentAt = new ArrayList<>();
  /** Status the subscriber answers each new NOTIFY with; 0 for silence. */
  int autoAnswer = 200;
  boolean failing;
  /** The transport the subscriber uses. */
  Transport transport = Transport.UDP;
  final TransactionLayer layer;
  final PresenceService service;

  PresenceFixture() {
    this(PresenceConfig.DEFAULT);
  }

  PresenceFixture(PresenceConfig config) {
    hosts.put(HOST, "c1");
    clusters.put("c1", snapshot("c1", 1, ProxyCondition.AVAILABLE, 0));
    hosts.put("banos.com", "c2");
    clusters.put("c2", snapshot("c2", 1, ProxyCondition.AVAILABLE, 0));
    ClusterDirectory directory = ClusterDirectory.of(h -> Optional.ofNullable(hosts.get(h)),
        id -> Optional.ofNullable(clusters.get(id)));
    layer = TransactionLayer.builder(new Sender()).runtime(time).lanes(1).offloadExecutor(Runnable::run)
        .localAddress(Transport.UDP, "192.0.2.1", 5060)
        .localAddress(Transport.TCP, "192.0.2.1", 5060)
        .build();
    service = PresenceService.builder(time.newLane("presence"), directory, () -> layer).config(config).build();
    layer.requestHandler(service::onSubscribe);
  }

  /** A cluster state with two stalls, the first in {@code condition}, and a queue. */
  static ClusterSnapshot snapshot(String id, long version, ProxyCondition condition, int queue) {
    String host = id.equals("c1") ? HOST : "banos.com";
    List<ProxySnapshot> proxies = List.of(
        new ProxySnapshot("stall1@" + host, ProxyType.STALL, condition,
            condition == ProxyCondition.OCCUPIED ? 1 : 0, 1, List.of(InfoItem.NO_PAPER), 12.5, Set.of()),
        new ProxySnapshot("urinal1@" + host, ProxyType.LINE_URINAL, ProxyCondition.AVAILABLE, 1, 3, List.of(), 0,
            Set.of()));
    return new ClusterSnapshot(id, "resourcecontroller@" + host, "Latrine " + id, version, proxies, queue,
        queue * 90.0, List.of(new LoadFigures(ProxyType.STALL, 240, 1.5, 0.5, queue, queue * 90.0)));
  }

  /** The controller says the cluster changed. */
  void change(ClusterSnapshot s) {
    clusters.put(s.clusterId(), s);
    service.onClusterChanged(s);
  }

  // ---- the subscriber's side ----

  static SipRequest subscribe(String uri, String event, Long expires, String callId, long cseq, String toTag) {
    return subscribe(uri, event, expires, callId, cseq, toTag, null);
  }

  static SipRequest subscribe(String uri, String event, Long expires, String callId, long cseq, String toTag,
      String accept) {
    String text = "SUBSCRIBE " + uri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 198.51.100.7:5070;branch=z9hG4bK-" + callId + "-" + cseq + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.com>;tag=sub1\r\n"
        + "To: <" + uri + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " SUBSCRIBE\r\n"
        + "Contact: <sip:alice@198.51.100.7:5070>\r\n"
        + (event == null ? "" : "Event: " + event + "\r\n")
        + (expires == null ? "" : "Expires: " + expires + "\r\n")
        + (accept == null ? "" : "Accept: " + accept + "\r\n")
        + "Content-Length: 0\r\n\r\n";
    return (SipRequest) PARSER.parse(text);
  }

  void receive(SipMessage m) {
    layer.onMessage(new InboundMessage(m, new Flow(transport, LOCAL, SUBSCRIBER, transport.isReliable() ? 7 : 0),
        time.nanos()));
  }

  /** Sends a SUBSCRIBE and returns the final response to it. */
  SipResponse send(SipRequest subscribe) {
    int before = sent.size();
    receive(subscribe);
    for (int i = before; i < sent.size(); i++) {
      if (sent.get(i) instanceof SipResponse r && r.cseq().orElseThrow().sequence() == subscribe.cseq().orElseThrow()
          .sequence() && r.callId().equals(subscribe.callId())) {
        return r;
      }
    }
    throw new AssertionError("no response to the SUBSCRIBE");
  }

  /** Every NOTIFY sent (without retransmissions), in order. */
  List<SipRequest> notifies() {
    Map<String, SipRequest> byCseq = new LinkedHashMap<>();
    for (SipMessage m : sent) {
      if (m instanceof SipRequest r && r.method().name().equals("NOTIFY")) {
        byCseq.putIfAbsent(r.callId().orElseThrow() + "/" + r.cseq().orElseThrow().sequence(), r);
      }
    }
    return List.copyOf(byCseq.values());
  }

  /** When each NOTIFY of {@link #notifies()} was first sent, manual clock nanos. */
  List<Long> notifyTimes() {
    Map<String, Long> byCseq = new LinkedHashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i) instanceof SipRequest r && r.method().name().equals("NOTIFY")) {
        byCseq.putIfAbsent(r.callId().orElseThrow() + "/" + r.cseq().orElseThrow().sequence(), sentAt.get(i));
      }
    }
    return List.copyOf(byCseq.values());
  }

  SipRequest lastNotify() {
    List<SipRequest> n = notifies();
    return n.get(n.size() - 1);
  }

  static String state(SipRequest notify) {
    return notify.header(SipHeaders.SUBSCRIPTION_STATE).map(NamedValue::toString).orElseThrow();
  }

  /** The subscriber answers {@code notify}. */
  void answer(SipRequest notify, int status) {
    SipResponse r = SipResponse.forRequest(notify, status).build();
    receive(PARSER.parse(r.encode()));
  }

  void advance(Duration d) {
    time.advance(d);
  }

  void advanceMillis(long ms) {
    time.advance(Duration.ofMillis(ms));
  }

  private final class Sender implements MessageSender {
    @Override
    public CompletionStage<Void> send(SipMessage message, Flow flow) {
      return record(message, flow.remote()).thenApply(f -> null);
    }

    @Override
    public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
      return record(message, destination);
    }

    private CompletionStage<Flow> record(SipMessage message, InetSocketAddress to) {
      if (failing) {
        return CompletableFuture.failedFuture(new IOException("port unreachable"));
      }
      boolean fresh = message instanceof SipRequest r && r.method().name().equals("NOTIFY")
          && notifies().stream().noneMatch(n -> n.cseq().equals(r.cseq()) && n.callId().equals(r.callId()));
      sent.add(message);
      destinations.add(to);
      sentAt.add(time.nanos());
      if (fresh && autoAnswer > 0) {
        answer((SipRequest) PARSER.parse(message.encode()), autoAnswer);
      }
      return CompletableFuture.completedFuture(new Flow(transport, LOCAL, to, transport.isReliable() ? 7 : 0));
    }
  }
}
