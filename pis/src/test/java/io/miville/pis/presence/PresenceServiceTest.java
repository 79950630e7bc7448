package io.miville.pis.presence;

import static io.miville.pis.presence.PresenceFixture.HOST;
import static io.miville.pis.presence.PresenceFixture.snapshot;
import static io.miville.pis.presence.PresenceFixture.state;
import static io.miville.pis.presence.PresenceFixture.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miville.codec.HeaderName;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.pis.controller.MaintenanceEvent;
import io.miville.pis.controller.ProxyCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {
  static final String URI = "sip:resourcecontroller@" + HOST;
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode body(SipRequest notify) throws Exception {
    return JSON.readTree(notify.body());
  }

  static long version(SipRequest notify) throws Exception {
    return body(notify).get("version").asLong();
  }

  static String toTag(SipResponse r) {
    return r.to().flatMap(Address::tag).orElseThrow();
  }

  @Test
  void initialSubscribeIsAnswered200WithExpiresAndFollowedByAFullStateNotify() throws Exception {
    PresenceFixture f = new PresenceFixture();
    SipResponse ok = f.send(subscribe(URI, "pis-cluster", 300L, "call-1", 1, null));

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header(SipHeaders.EXPIRES)).contains(300L);
    assertThat(ok.contacts()).hasSize(1);
    String tag = toTag(ok);

    assertThat(f.notifies()).hasSize(1);
    SipRequest n = f.lastNotify();
    assertThat(n.uri().toString()).isEqualTo("sip:alice@198.51.100.7:5070"); // the remote target
    assertThat(f.destinations.get(f.destinations.size() - 1)).isEqualTo(PresenceFixture.SUBSCRIBER);
    assertThat(n.callId()).contains("call-1");
    assertThat(n.from().flatMap(Address::tag)).contains(tag);
    assertThat(n.to().flatMap(Address::tag)).contains("sub1");
    assertThat(n.cseq().orElseThrow().sequence()).isEqualTo(1);
    assertThat(n.header(HeaderName.EVENT)).contains("pis-cluster");
    assertThat(state(n)).isEqualTo("active;expires=300");
    assertThat(n.contacts()).isNotEmpty();
    assertThat(n.contentType().orElseThrow().toString()).isEqualTo("application/pis-cluster+json");

    JsonNode b = body(n);
    assertThat(b.get("cluster").asText()).isEqualTo("c1");
    assertThat(b.get("controller").asText()).isEqualTo("resourcecontroller@" + HOST);
    assertThat(b.get("version").asLong()).isEqualTo(1);
    assertThat(b.get("available").asInt()).isEqualTo(2);
    assertThat(b.get("proxies")).hasSize(2);
    JsonNode stall = b.get("proxies").get(0);
    assertThat(stall.get("address").asText()).isEqualTo("stall1@" + HOST);
    assertThat(stall.get("type").asText()).isEqualTo("Stall");
    assertThat(stall.get("condition").asText()).isEqualTo("available");
    assertThat(stall.get("info").get(0).asText()).isEqualTo("No-Paper");
    assertThat(stall.get("methanePpm").asDouble()).isEqualTo(12.5);
    assertThat(b.get("proxies").get(1).get("capacity").asInt()).isEqualTo(3);
    assertThat(b.get("load").get(0).get("meanOccupancySeconds").asDouble()).isEqualTo(240);
    assertThat(f.service.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void withoutExpiresThePackageDefaultIsGrantedAndLongRequestsAreCut() {
    PresenceFixture f = new PresenceFixture();
    assertThat(f.send(subscribe(URI, "pis-cluster", null, "a", 1, null)).header(SipHeaders.EXPIRES)).contains(600L);
    assertThat(f.send(subscribe(URI, "pis-cluster", 86_400L, "b", 1, null)).header(SipHeaders.EXPIRES))
        .contains(3600L);
    assertThat(state(f.lastNotify())).isEqualTo("active;expires=3600");
  }

  @Test
  void unknownOrMissingEventIs489WithAllowEvents() {
    PresenceFixture f = new PresenceFixture();
    SipResponse unknown = f.send(subscribe(URI, "presence", 300L, "a", 1, null));
    SipResponse missing = f.send(subscribe(URI, null, 300L, "b", 1, null));
    assertThat(unknown.status()).isEqualTo(489);
    assertThat(missing.status()).isEqualTo(489);
    assertThat(unknown.header(HeaderName.ALLOW_EVENTS).orElseThrow()).contains("pis-cluster", "pis-maintenance");
    assertThat(f.notifies()).isEmpty();
    assertThat(f.service.subscriptionCount()).isZero();
  }

  @Test
  void tooBriefIs423WithMinExpires() {
    PresenceFixture f = new PresenceFixture();
    SipResponse r = f.send(subscribe(URI, "pis-cluster", 59L, "a", 1, null));
    assertThat(r.status()).isEqualTo(423);
    assertThat(r.header(SipHeaders.MIN_EXPIRES)).contains(60L);
    assertThat(f.notifies()).isEmpty();
  }

  @Test
  void unacceptableBodyTypeIs406() {
    PresenceFixture f = new PresenceFixture();
    SipResponse r = f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null, "application/pidf+xml"));
    assertThat(r.status()).isEqualTo(406);
    assertThat(f.send(subscribe(URI, "pis-cluster", 300L, "b", 1, null, "application/*")).status()).isEqualTo(200);
  }

  @Test
  void unknownClusterIs404AndUnknownDialogIs481() {
    PresenceFixture f = new PresenceFixture();
    assertThat(f.send(subscribe("sip:resourcecontroller@nowhere.example", "pis-cluster", 300L, "a", 1, null))
        .status()).isEqualTo(404);
    assertThat(f.send(subscribe(URI, "pis-cluster", 300L, "b", 2, "no-such-tag")).status()).isEqualTo(481);
    assertThat(f.notifies()).isEmpty();
  }

  @Test
  void refreshExtendsTheSubscriptionAndNotifiesAtOnce() {
    PresenceFixture f = new PresenceFixture();
    String tag = toTag(f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null)));
    f.advance(Duration.ofSeconds(200));

    SipResponse ok = f.send(subscribe(URI, "pis-cluster", 600L, "a", 2, tag));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header(SipHeaders.EXPIRES)).contains(600L);
    assertThat(toTag(ok)).isEqualTo(tag);
    assertThat(f.notifies()).hasSize(2);
    assertThat(f.lastNotify().cseq().orElseThrow().sequence()).isEqualTo(2);
    assertThat(state(f.lastNotify())).isEqualTo("active;expires=600");

    f.advance(Duration.ofSeconds(550)); // past the first expiry, before the second
    assertThat(f.notifies()).hasSize(2);
    assertThat(f.service.subscriptionCount()).isEqualTo(1);
    f.advance(Duration.ofSeconds(51));
    assertThat(state(f.lastNotify())).isEqualTo("terminated;reason=timeout");
  }

  @Test
  void aRefreshWithAnOldCseqIsRefused() {
    PresenceFixture f = new PresenceFixture();
    String tag = toTag(f.send(subscribe(URI, "pis-cluster", 300L, "a", 5, null)));
    assertThat(f.send(subscribe(URI, "pis-cluster", 300L, "a", 4, tag)).status()).isEqualTo(500);
  }

  @Test
  void expiresZeroUnsubscribesWithATerminatingNotify() {
    PresenceFixture f = new PresenceFixture();
    String tag = toTag(f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null)));
    SipResponse ok = f.send(subscribe(URI, "pis-cluster", 0L, "a", 2, tag));

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header(SipHeaders.EXPIRES)).contains(0L);
    assertThat(f.notifies()).hasSize(2);
    assertThat(state(f.lastNotify())).isEqualTo("terminated;reason=timeout");
    assertThat(f.service.subscriptionCount()).isZero();

    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    f.advance(Duration.ofSeconds(5));
    assertThat(f.notifies()).hasSize(2);
    assertThat(f.send(subscribe(URI, "pis-cluster", 300L, "a", 3, tag)).status()).isEqualTo(481);
  }

  @Test
  void aFetchGetsOneTerminatedNotifyWithTheState() throws Exception {
    PresenceFixture f = new PresenceFixture();
    SipResponse ok = f.send(subscribe(URI, "pis-cluster", 0L, "a", 1, null));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(f.notifies()).hasSize(1);
    assertThat(state(f.lastNotify())).isEqualTo("terminated;reason=timeout");
    assertThat(body(f.lastNotify()).get("cluster").asText()).isEqualTo("c1");
    assertThat(f.service.subscriptionCount()).isZero();
  }

  @Test
  void expiryEndsTheSubscriptionWithReasonTimeout() {
    PresenceFixture f = new PresenceFixture();
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    f.advance(Duration.ofSeconds(299));
    assertThat(f.notifies()).hasSize(1);
    f.advance(Duration.ofSeconds(1));
    assertThat(f.notifies()).hasSize(2);
    assertThat(state(f.lastNotify())).isEqualTo("terminated;reason=timeout");
    assertThat(f.service.subscriptionCount()).isZero();
  }

  @Test
  void changesAreCoalescedToOneNotifyPerIntervalAndTheLatestWins() throws Exception {
    PresenceFixture f = new PresenceFixture(); // 500 ms
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    assertThat(f.notifies()).hasSize(1);

    f.advanceMillis(100);
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 1));
    f.advanceMillis(100);
    f.change(snapshot("c1", 3, ProxyCondition.OCCUPIED, 2));
    f.change(snapshot("c1", 4, ProxyCondition.NEEDS_FLUSH, 3));
    assertThat(f.notifies()).hasSize(1); // within 500 ms of the first NOTIFY: held

    f.advanceMillis(299);
    assertThat(f.notifies()).hasSize(1);
    f.advanceMillis(1); // 500 ms after the first
    assertThat(f.notifies()).hasSize(2);
    assertThat(version(f.lastNotify())).isEqualTo(4);
    assertThat(body(f.lastNotify()).get("queueLength").asInt()).isEqualTo(3);
    assertThat(body(f.lastNotify()).get("proxies").get(0).get("condition").asText()).isEqualTo("needs-flush");

    f.advance(Duration.ofSeconds(2)); // nothing new: nothing sent again
    assertThat(f.notifies()).hasSize(2);

    f.change(snapshot("c1", 5, ProxyCondition.AVAILABLE, 0)); // quiet for long: at once
    assertThat(f.notifies()).hasSize(3);
    assertThat(version(f.lastNotify())).isEqualTo(5);
  }

  @Test
  void oldOrOtherClustersStatesSendNothing() {
    PresenceFixture f = new PresenceFixture();
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    f.advance(Duration.ofSeconds(1));
    f.change(snapshot("c2", 9, ProxyCondition.OCCUPIED, 0));
    f.service.onClusterChanged(snapshot("c1", 1, ProxyCondition.OCCUPIED, 0)); // same version as sent
    f.advance(Duration.ofSeconds(1));
    assertThat(f.notifies()).hasSize(1);
  }

  @Test
  void beyondTheCapNewSubscriptionsGet503WithRetryAfter() {
    PresenceFixture f = new PresenceFixture(PresenceConfig.DEFAULT.withMaxSubscriptions(2));
    assertThat(f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null)).status()).isEqualTo(200);
    String tag = toTag(f.send(subscribe(URI, "pis-cluster", 300L, "b", 1, null)));
    SipResponse full = f.send(subscribe(URI, "pis-cluster", 300L, "c", 1, null));
    assertThat(full.status()).isEqualTo(503);
    assertThat(full.header(SipHeaders.RETRY_AFTER)).isPresent();
    assertThat(f.service.rejectedFull()).isEqualTo(1);
    // refreshes still pass, and a freed place is taken again
    assertThat(f.send(subscribe(URI, "pis-cluster", 0L, "b", 2, tag)).status()).isEqualTo(200);
    assertThat(f.send(subscribe(URI, "pis-cluster", 300L, "c", 2, null)).status()).isEqualTo(200);
  }

  @Test
  void aNotifyAnswered481EndsTheSubscription() {
    PresenceFixture f = new PresenceFixture();
    f.autoAnswer = 481;
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    assertThat(f.service.subscriptionCount()).isZero();
    assertThat(f.service.notifiesFailed()).isEqualTo(1);
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    f.advance(Duration.ofSeconds(1));
    assertThat(f.notifies()).hasSize(1);
  }

  @Test
  void aNotifyThatTimesOutEndsTheSubscription() {
    PresenceFixture f = new PresenceFixture();
    f.autoAnswer = 0;
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    assertThat(f.service.subscriptionCount()).isEqualTo(1);
    f.time.advance(Duration.ofSeconds(33), Duration.ofMillis(250)); // Timer F: 64*T1
    assertThat(f.service.subscriptionCount()).isZero();
  }

  @Test
  void overUdpANotifyTheSocketCouldNotSendGoesAgainLaterWithTheLatestState() throws Exception {
    PresenceFixture f = new PresenceFixture();
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    f.advance(Duration.ofSeconds(1));
    f.failing = true;
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    assertThat(f.service.notifiesFailed()).isEqualTo(1);
    assertThat(f.service.subscriptionCount()).isEqualTo(1);
    f.change(snapshot("c1", 3, ProxyCondition.AVAILABLE, 0));
    f.failing = false;
    f.advanceMillis(999);
    assertThat(f.notifies()).hasSize(1);
    f.advanceMillis(1);
    assertThat(f.notifies()).hasSize(2);
    assertThat(version(f.lastNotify())).isEqualTo(3);
  }

  @Test
  void overTcpATransportErrorEndsTheSubscription() {
    PresenceFixture f = new PresenceFixture();
    f.transport = io.miville.transport.Transport.TCP;
    SipRequest sub = PresenceFixture.PARSER.parse(new String(subscribe(URI, "pis-cluster", 300L, "a", 1, null)
        .encode()).replace("SIP/2.0/UDP", "SIP/2.0/TCP")) instanceof SipRequest r ? r : null;
    assertThat(f.send(sub).status()).isEqualTo(200);
    assertThat(f.notifies()).hasSize(1);
    f.failing = true;
    f.advance(Duration.ofSeconds(1));
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    assertThat(f.service.subscriptionCount()).isZero();
  }

  @Test
  void aFanOutGoesOutInAWindowPacedByTheResponses() throws Exception {
    PresenceFixture f = new PresenceFixture(PresenceConfig.DEFAULT.withMaxInFlightTotal(2));
    f.autoAnswer = 0;
    for (String id : List.of("a", "b", "c")) {
      f.send(subscribe(URI, "pis-cluster", 300L, id, 1, null)); // first NOTIFYs go at once, window or not
    }
    for (SipRequest n : f.notifies()) {
      f.answer(n, 200);
    }
    f.advance(Duration.ofSeconds(1));
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    assertThat(f.notifies()).hasSize(5); // two of three
    f.change(snapshot("c1", 3, ProxyCondition.AVAILABLE, 0));
    f.answer(f.notifies().get(3), 200);
    assertThat(f.notifies()).hasSize(6);
    assertThat(f.lastNotify().callId()).contains("c");
    assertThat(version(f.lastNotify())).isEqualTo(3); // the latest state, not the one it waited with
  }

  @Test
  void outstandingNotifiesAreBoundedAndTheLatestStateGoesWhenOneIsAnswered() throws Exception {
    PresenceFixture f = new PresenceFixture(PresenceConfig.DEFAULT.withMaxInFlight(1));
    f.autoAnswer = 0;
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    SipRequest first = f.lastNotify();
    f.advance(Duration.ofSeconds(1));
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    f.change(snapshot("c1", 3, ProxyCondition.OCCUPIED, 1));
    f.advance(Duration.ofSeconds(1));
    assertThat(f.notifies()).hasSize(1); // the first is still unanswered

    f.answer(first, 200);
    assertThat(f.notifies()).hasSize(2);
    assertThat(version(f.lastNotify())).isEqualTo(3);
  }

  @Test
  void aRemovedClusterEndsItsSubscriptionsWithNoresource() {
    PresenceFixture f = new PresenceFixture();
    f.send(subscribe(URI, "pis-cluster", 300L, "a", 1, null));
    f.send(subscribe("sip:resourcecontroller@banos.com", "pis-cluster", 300L, "b", 1, null));
    f.service.onClusterRemoved("c1");
    assertThat(f.notifies()).hasSize(3);
    assertThat(state(f.lastNotify())).isEqualTo("terminated;reason=noresource");
    assertThat(f.lastNotify().callId()).contains("a");
    assertThat(f.service.subscriptionCount()).isEqualTo(1);
  }

  @Test
  void maintenanceSubscribersHearTheEventsOfTheirScope() throws Exception {
    PresenceFixture f = new PresenceFixture();
    SipResponse site = f.send(subscribe("sip:maintenance@" + HOST, "pis-maintenance", 3600L, "ops", 1, null));
    SipResponse one = f.send(subscribe("sip:resourcecontroller@banos.com", "pis-maintenance", 3600L, "c2ops", 1,
        null));
    assertThat(site.status()).isEqualTo(200);
    assertThat(one.status()).isEqualTo(200);
    assertThat(f.notifies()).hasSize(2);
    JsonNode initial = body(f.notifies().get(0));
    assertThat(initial.get("scope").asText()).isEqualTo("site");
    assertThat(initial.get("events")).isEmpty();
    assertThat(f.notifies().get(0).contentType().orElseThrow().toString())
        .isEqualTo("application/pis-maintenance+json");

    f.advance(Duration.ofSeconds(1));
    f.service.onMaintenance(new MaintenanceEvent("c1", "stall1@" + HOST, ProxyCondition.OVERFLOWED, 602,
        "Overflowed", Instant.parse("2026-11-22T03:00:00Z")));
    assertThat(f.notifies()).hasSize(3); // only the site-wide subscriber
    SipRequest n = f.lastNotify();
    assertThat(n.callId()).contains("ops");
    JsonNode b = body(n);
    assertThat(b.get("latest").asLong()).isEqualTo(1);
    assertThat(b.get("events")).hasSize(1);
    JsonNode e = b.get("events").get(0);
    assertThat(e.get("status").asInt()).isEqualTo(602);
    assertThat(e.get("condition").asText()).isEqualTo("overflowed");
    assertThat(e.get("proxy").asText()).isEqualTo("stall1@" + HOST);
    assertThat(e.get("at").asText()).isEqualTo("2026-11-22T03:00:00Z");

    f.service.onMaintenance(new MaintenanceEvent("c2", "stall1@banos.com", ProxyCondition.BACKUP, 666, "Backup",
        Instant.parse("2026-11-22T03:00:00.2Z")));
    f.advance(Duration.ofSeconds(1));
    List<SipRequest> all = f.notifies();
    assertThat(all).hasSize(5); // both: the site one after its interval
    JsonNode cluster = body(all.stream().filter(r -> r.callId().orElseThrow().equals("c2ops")).reduce((a, c) -> c)
        .orElseThrow());
    assertThat(cluster.get("scope").asText()).isEqualTo("cluster");
    assertThat(cluster.get("events")).hasSize(1);
    assertThat(cluster.get("events").get(0).get("status").asInt()).isEqualTo(666);
    JsonNode siteBody = body(all.stream().filter(r -> r.callId().orElseThrow().equals("ops")).reduce((a, c) -> c)
        .orElseThrow());
    assertThat(siteBody.get("events")).hasSize(2);
  }

  @Test
  void theClusterStateIsWrittenOncePerVersionForAllSubscribers() {
    PresenceFixture f = new PresenceFixture();
    for (int i = 0; i < 5; i++) {
      f.send(subscribe(URI, "pis-cluster", 300L, "call-" + i, 1, null));
    }
    f.advance(Duration.ofSeconds(1));
    f.change(snapshot("c1", 2, ProxyCondition.OCCUPIED, 0));
    List<SipRequest> n = f.notifies();
    assertThat(n).hasSize(10);
    assertThat(n.subList(5, 10)).allSatisfy(r -> assertThat(r.body()).isEqualTo(n.get(5).body()));
    assertThat(f.service.notifiesSent()).isEqualTo(10);
  }

  static SipRequest edit(SipRequest r, String from, String to) {
    return (SipRequest) PresenceFixture.PARSER.parse(new String(r.encode(), java.nio.charset.StandardCharsets.UTF_8)
        .replace(from, to));
  }

  @Test
  void aSubscribeWithoutContactIs400() {
    PresenceFixture f = new PresenceFixture();
    SipRequest noContact = edit(subscribe(URI, "pis-cluster", 300L, "a", 1, null),
        "Contact: <sip:alice@198.51.100.7:5070>\r\n", "");
    assertThat(f.send(noContact).status()).isEqualTo(400);
    assertThat(f.service.subscriptionCount()).isZero();
  }

  @Test
  void notifiesFollowTheRecordedRouteAndTheRemoteTarget() {
    PresenceFixture f = new PresenceFixture();
    SipRequest viaProxy = edit(subscribe(URI, "pis-cluster", 300L, "a", 1, null), "Max-Forwards: 70\r\n",
        "Max-Forwards: 70\r\nRecord-Route: <sip:203.0.113.5;lr>, <sip:edge.example.com;lr>\r\n");
    f.send(viaProxy);
    SipRequest n = f.lastNotify();
    assertThat(n.headers(SipHeaders.ROUTE)).extracting(a -> a.uri().toString())
        .containsExactly("sip:203.0.113.5;lr", "sip:edge.example.com;lr");
    assertThat(f.destinations.get(f.destinations.size() - 1))
        .isEqualTo(new java.net.InetSocketAddress("203.0.113.5", 5060)); // the first route, an IP literal

    PresenceFixture g = new PresenceFixture();
    g.send(edit(subscribe(URI, "pis-cluster", 300L, "b", 1, null), "Contact: <sip:alice@198.51.100.7:5070>",
        "Contact: <sip:alice@alice-laptop.example.com>"));
    assertThat(g.lastNotify().uri().toString()).isEqualTo("sip:alice@alice-laptop.example.com");
    // a name is not resolved on the lane: back where the SUBSCRIBE came from
    assertThat(g.destinations.get(g.destinations.size() - 1)).isEqualTo(PresenceFixture.SUBSCRIBER);
  }

  @Test
  void anEventIdIsEchoedAndSeparatesSubscriptionsOfOneDialog() {
    PresenceFixture f = new PresenceFixture();
    String tag = toTag(f.send(subscribe(URI, "pis-cluster;id=7", 300L, "a", 1, null)));
    assertThat(f.lastNotify().header(HeaderName.EVENT)).contains("pis-cluster;id=7");
    assertThat(f.send(subscribe(URI, "pis-cluster;id=8", 300L, "a", 2, tag)).status()).isEqualTo(481);
    assertThat(f.send(subscribe(URI, "pis-cluster;id=7", 300L, "a", 3, tag)).status()).isEqualTo(200);
  }
}
