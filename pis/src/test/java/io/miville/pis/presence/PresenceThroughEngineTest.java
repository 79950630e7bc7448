package io.miville.pis.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.ProxyType;
import io.miville.node.SipNode;
import io.miville.pis.controller.Controllers;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.server.PisServer;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.pis.site.WashFacility;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.ThreadLanes;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real controller (engine), its SIP front end and the presence service on one node, a
 * subscriber on another, over UDP on 127.0.0.1: what the controller does shows up in NOTIFYs.
 */
class PresenceThroughEngineTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

  ThreadLanes lanes;
  Lane controllerLane;
  PisController controller;
  PresenceService presence;
  SipNode server;
  SipNode subscriber;
  InetSocketAddress target;
  int subscriberPort;
  final BlockingQueue<SipRequest> notifies = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    Cluster banos = new Cluster("banos", "resourcecontroller@banos.com", "baños", List.of(),
        Position.of(GeoPosition.of(19.43, -99.13)),
        List.of(ProxySpec.of("commode1@banos.com", ProxyType.COMMODE, Set.of()),
            ProxySpec.of("commode2@banos.com", ProxyType.COMMODE, Set.of())),
        WashFacility.none());
    Site site = new Site("t", List.of(banos), Set.of(), Map.of());
    lanes = ThreadLanes.create();
    controllerLane = lanes.newLane("pis");
    controller = Controllers.create(site, controllerLane, PisConfig.DEFAULT);
    SipNode[] node = new SipNode[1];
    presence = PresenceService.builder(lanes.newLane("presence"), ClusterDirectory.of(controller, controllerLane),
        () -> node[0].transactions()).build();
    controllerLane.execute(() -> controller.addListener(presence));
    server = SipNode.builder().listen(Transport.UDP, ANY).lanes(1).ioThreads(1)
        .requestHandler(PisServer.create(controller, controllerLane, Optional.of(presence))).build();
    node[0] = server;
    server.start();
    target = server.address(Transport.UDP).orElseThrow();
    subscriber = SipNode.builder().listen(Transport.UDP, ANY).lanes(1).ioThreads(1).requestHandler(tx -> {
      notifies.add(tx.request());
      tx.respond(200);
    }).build().start();
    subscriberPort = subscriber.address(Transport.UDP).orElseThrow().getPort();
  }

  @AfterEach
  void stop() {
    subscriber.close();
    server.close();
    lanes.close();
  }

  SipResponse send(String method, String uri, String callId, String extra) throws Exception {
    String text = method + " " + uri + " SIP/2.0\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:ops@example.com>;tag=o1\r\nTo: <" + uri + ">\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\n"
        + "Contact: <sip:ops@127.0.0.1:" + subscriberPort + ">\r\n" + extra + "Content-Length: 0\r\n\r\n";
    return subscriber.transactions().sendRequest((SipRequest) SipParser.create().parse(text), Transport.UDP, target)
        .response().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** The next NOTIFY of {@code callId} whose body passes {@code test}, within 5 s. */
  JsonNode awaitNotify(String callId, Predicate<JsonNode> test) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      SipRequest n = notifies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (n != null && n.callId().orElseThrow().equals(callId)) {
        assertThat(n.header(SipHeaders.SUBSCRIPTION_STATE).map(NamedValue::value)).contains("active");
        JsonNode body = JSON.readTree(n.body());
        if (test.test(body)) {
          return body;
        }
      }
    }
    throw new AssertionError("no matching NOTIFY for " + callId + " within 5 s");
  }

  static String condition(JsonNode cluster, int proxy) {
    return cluster.get("proxies").get(proxy).get("condition").asText();
  }

  @Test
  void controllerChangesAndMaintenanceEventsReachSubscribers() throws Exception {
    SipResponse ok = send("SUBSCRIBE", "sip:resourcecontroller@banos.com", "presence-1",
        "Event: pis-cluster\r\nExpires: 600\r\n");
    assertThat(ok.status()).isEqualTo(200);
    JsonNode first = awaitNotify("presence-1", b -> true);
    assertThat(first.get("cluster").asText()).isEqualTo("banos");
    assertThat(first.get("controller").asText()).isEqualTo("resourcecontroller@banos.com");
    assertThat(first.get("proxies")).hasSize(2);
    assertThat(first.get("available").asInt()).isEqualTo(2);

    assertThat(send("SUBSCRIBE", "sip:maintenance@banos.com", "ops-1", "Event: pis-maintenance\r\nExpires: 600\r\n")
        .status()).isEqualTo(200);
    assertThat(awaitNotify("ops-1", b -> true).get("events")).isEmpty();

    // an operator closes commode1 for cleaning: subscribers see it
    controllerLane.execute(() -> controller.operate("commode1@banos.com", ProxyCondition.CLOSED_FOR_CLEANING));
    JsonNode cleaning = awaitNotify("presence-1", b -> condition(b, 0).equals("closed-for-cleaning"));
    assertThat(cleaning.get("available").asInt()).isEqualTo(1);
    assertThat(cleaning.get("version").asLong()).isGreaterThan(first.get("version").asLong());

    // commode2 overflows: a FLUSH is answered 602 and maintenance hears of it
    controllerLane.execute(() -> controller.operate("commode2@banos.com", ProxyCondition.OVERFLOWED));
    assertThat(send("FLUSH", "sip:commode2@banos.com", "flush-1", "").status()).isEqualTo(602);
    JsonNode event = awaitNotify("ops-1", b -> b.get("events").size() > 0).get("events").get(0);
    assertThat(event.get("status").asInt()).isEqualTo(602);
    assertThat(event.get("proxy").asText()).isEqualTo("commode2@banos.com");
    assertThat(event.get("condition").asText()).isEqualTo("overflowed");
    assertThat(condition(awaitNotify("presence-1", b -> condition(b, 1).equals("overflowed")), 1))
        .isEqualTo("overflowed");
  }
}
