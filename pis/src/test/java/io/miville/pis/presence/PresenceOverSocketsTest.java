package io.miville.pis.presence;

import static io.miville.pis.presence.PresenceFixture.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.ProxyCondition;
import io.miville.transaction.time.ThreadLanes;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subscriber node and a notifier node on 127.0.0.1, real UDP sockets, real clocks. */
class PresenceOverSocketsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HOST = PresenceFixture.HOST;

  ThreadLanes lanes;
  SipNode notifier;
  SipNode subscriber;
  PresenceService service;
  final Map<String, ClusterSnapshot> clusters = new ConcurrentHashMap<>();
  final BlockingQueue<SipRequest> notifies = new LinkedBlockingQueue<>();
  InetSocketAddress notifierAddress;
  int subscriberPort;

  @BeforeEach
  void start() {
    lanes = ThreadLanes.create();
    clusters.put("c1", snapshot("c1", 1, ProxyCondition.AVAILABLE, 0));
    ClusterDirectory directory = ClusterDirectory.of(h -> h.equals(HOST) ? Optional.of("c1") : Optional.empty(),
        id -> Optional.ofNullable(clusters.get(id)));
    PresenceService[] holder = new PresenceService[1];
    notifier = SipNode.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).lanes(2)
        .requestHandler(tx -> {
          if (tx.request().method().equals(SipMethod.SUBSCRIBE)) {
            holder[0].onSubscribe(tx);
          } else {
            tx.respond(405);
          }
        }).build();
    service = PresenceService.builder(lanes.newLane("presence"), directory, notifier::transactions)
        .config(PresenceConfig.DEFAULT.withNotifyInterval(Duration.ofMillis(300)).withExpires(2, 3600, 600))
        .build();
    holder[0] = service;
    notifier.start();
    notifierAddress = notifier.address(Transport.UDP).orElseThrow();
    subscriber = SipNode.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).lanes(1)
        .requestHandler(tx -> {
          notifies.add(tx.request());
          tx.respond(200);
        }).build().start();
    subscriberPort = subscriber.address(Transport.UDP).orElseThrow().getPort();
  }

  @AfterEach
  void stop() {
    subscriber.close();
    notifier.close();
    lanes.close();
  }

  SipRequest subscribeRequest(String event, long expires, String callId, long cseq, String toTag) {
    String target = "sip:resourcecontroller@" + HOST;
    Address to = Address.of(Uri.parse(target));
    SipRequest.Builder b = SipRequest.builder(SipMethod.SUBSCRIBE, Uri.parse(target))
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, Address.of(Uri.parse("sip:alice@example.com")).withTag("sub1"))
        .header(SipHeaders.TO, toTag == null ? to : to.withTag(toTag))
        .header(SipHeaders.CALL_ID, callId)
        .header(SipHeaders.CSEQ, new io.miville.codec.header.CSeq(cseq, SipMethod.SUBSCRIBE))
        .header(SipHeaders.CONTACT, Address.of(Uri.parse("sip:alice@127.0.0.1:" + subscriberPort)))
        .header(SipHeaders.EXPIRES, expires);
    if (event != null) {
      b.header(SipHeaders.EVENT, NamedValue.of(event));
    }
    return b.build();
  }

  SipResponse send(SipRequest subscribe) throws Exception {
    return subscriber.transactions().sendRequest(subscribe, Transport.UDP, notifierAddress).response()
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  SipRequest nextNotify() throws Exception {
    SipRequest n = notifies.poll(5, TimeUnit.SECONDS);
    assertThat(n).as("a NOTIFY within 5 s").isNotNull();
    return n;
  }

  static String state(SipRequest n) {
    return n.header(SipHeaders.SUBSCRIPTION_STATE).map(NamedValue::toString).orElseThrow();
  }

  static long version(SipRequest n) throws Exception {
    return JSON.readTree(n.body()).get("version").asLong();
  }

  @Test
  void aSubscriberGetsTheStateAtOnceThenCoalescedChangesThenTheEndWhenItUnsubscribes() throws Exception {
    SipResponse ok = send(subscribeRequest("pis-cluster", 600, "sock-1", 1, null));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header(SipHeaders.EXPIRES)).contains(600L);
    String tag = ok.to().flatMap(Address::tag).orElseThrow();

    SipRequest first = nextNotify();
    assertThat(state(first)).isEqualTo("active;expires=600");
    assertThat(version(first)).isEqualTo(1);
    assertThat(first.from().flatMap(Address::tag)).contains(tag);
    long firstAt = System.nanoTime();

    for (int v = 2; v <= 11; v++) { // a burst of ten changes
      ClusterSnapshot s = snapshot("c1", v, v % 2 == 0 ? ProxyCondition.OCCUPIED : ProxyCondition.AVAILABLE, v);
      clusters.put("c1", s);
      service.onClusterChanged(s);
    }
    List<SipRequest> changes = new ArrayList<>();
    List<Long> arrivals = new ArrayList<>();
    while (changes.isEmpty() || version(changes.get(changes.size() - 1)) < 11) {
      changes.add(nextNotify());
      arrivals.add(System.nanoTime());
    }
    // ten changes, at most two NOTIFYs (one may go at once if the burst came late), the last one wins
    assertThat(changes).hasSizeBetween(1, 2);
    assertThat(JSON.readTree(changes.get(changes.size() - 1).body()).get("queueLength").asInt()).isEqualTo(11);
    long previous = firstAt;
    for (long at : arrivals) { // never two NOTIFYs within the 300 ms interval (some slack for scheduling)
      assertThat(Duration.ofNanos(at - previous)).isGreaterThan(Duration.ofMillis(200));
      previous = at;
    }
    long cseq = first.cseq().orElseThrow().sequence();
    for (SipRequest n : changes) {
      assertThat(n.cseq().orElseThrow().sequence()).isEqualTo(++cseq);
    }

    SipResponse bye = send(subscribeRequest("pis-cluster", 0, "sock-1", 2, tag));
    assertThat(bye.status()).isEqualTo(200);
    assertThat(bye.header(SipHeaders.EXPIRES)).contains(0L);
    SipRequest last = nextNotify();
    assertThat(state(last)).isEqualTo("terminated;reason=timeout");
    assertThat(service.subscriptionCount()).isZero();
  }

  @Test
  void briefAndUnknownSubscriptionsAreRefused() throws Exception {
    SipResponse brief = send(subscribeRequest("pis-cluster", 1, "sock-2", 1, null));
    assertThat(brief.status()).isEqualTo(423);
    assertThat(brief.header(SipHeaders.MIN_EXPIRES)).contains(2L);
    SipResponse bad = send(subscribeRequest("presence", 600, "sock-3", 1, null));
    assertThat(bad.status()).isEqualTo(489);
    assertThat(bad.header(HeaderName.ALLOW_EVENTS).orElseThrow()).contains("pis-cluster");
    SipResponse none = send(subscribeRequest(null, 600, "sock-4", 1, null));
    assertThat(none.status()).isEqualTo(489);
    assertThat(notifies.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aSubscriptionThatIsNotRefreshedExpires() throws Exception {
    assertThat(send(subscribeRequest("pis-cluster", 2, "sock-5", 1, null)).status()).isEqualTo(200);
    assertThat(state(nextNotify())).isEqualTo("active;expires=2");
    SipRequest end = nextNotify(); // about two seconds later
    assertThat(state(end)).isEqualTo("terminated;reason=timeout");
    assertThat(service.subscriptionCount()).isZero();
  }
}
