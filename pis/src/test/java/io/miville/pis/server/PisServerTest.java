package io.miville.pis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.SipHeaders;
import io.miville.node.SipNode;
import io.miville.pis.controller.Controllers;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.PisMethods;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.pis.site.WashFacility;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.ProxyType;
import io.miville.transaction.ClientTransaction;
import io.miville.transaction.ResponseListener;
import io.miville.transaction.time.ThreadLanes;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PisServer on a real SipNode over UDP on 127.0.0.1, driven by a client node's transactions. */
class PisServerTest {
  private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);
  private ThreadLanes lanes;
  private SipNode server;
  private SipNode client;
  private InetSocketAddress target;
  private int calls;

  @BeforeEach
  void start() {
    Cluster banos = new Cluster("banos", "resourcecontroller@banos.com", "baños", List.of(),
        Position.of(GeoPosition.of(19.43, -99.13)),
        List.of(ProxySpec.of("commode1@banos.com", ProxyType.COMMODE, Set.of())), WashFacility.none());
    Site site = new Site("t", List.of(banos), Set.of(), Map.of());
    lanes = ThreadLanes.create();
    PisController controller = Controllers.create(site, lanes.newLane("pis"), PisConfig.DEFAULT);
    server = SipNode.builder().listen(Transport.UDP, ANY).lanes(1).ioThreads(1)
        .requestHandler(PisServer.create(controller, Optional.empty())).build().start();
    client = SipNode.builder().listen(Transport.UDP, ANY).lanes(1).ioThreads(1).build().start();
    target = server.address(Transport.UDP).orElseThrow();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    lanes.close();
  }

  private SipRequest request(String method, String to, String callId, String extra) {
    String text = method + " sip:" + to + " SIP/2.0\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:alice@x.org>;tag=a1\r\nTo: <sip:" + to + ">\r\n"
        + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
    return (SipRequest) SipParser.create().parse(text);
  }

  private final List<SipResponse> provisional = new CopyOnWriteArrayList<>();

  private SipResponse send(String method, String to, String callId, String extra) throws Exception {
    ClientTransaction tx = client.transactions().sendRequest(request(method, to, callId, extra), Transport.UDP, target,
        new ResponseListener() {
          @Override
          public void onProvisional(ClientTransaction t, SipResponse r) {
            provisional.add(r);
          }
        });
    return tx.response().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private SipResponse send(String method, String to) throws Exception {
    return send(method, to, "call-" + (++calls) + "@x.org", "");
  }

  @Test
  void seekAimInviteByeOverUdp() throws Exception {
    SipResponse seek = send("SEEK", "resourcecontroller@banos.com");
    assertThat(seek.status()).isEqualTo(200);
    assertThat(seek.reason()).isEqualTo("Proxy Available");
    assertThat(seek.header(HeaderName.FROM).orElseThrow()).contains("commode1@banos.com");
    SipResponse aim = send("AIM", "commode1@banos.com");
    assertThat(aim.status()).isEqualTo(200);
    assertThat(aim.reason()).isEqualTo("ON TARGET");
    assertThat(provisional).extracting(SipResponse::status).contains(180, 183);
    SipResponse invite = send("INVITE", "commode1@banos.com", "session@x.org", "");
    assertThat(invite.status()).isEqualTo(200);
    assertThat(invite.toTag()).isPresent();
    SipResponse bye = send("BYE", "commode1@banos.com", "session@x.org", "");
    assertThat(bye.status()).isEqualTo(200);
  }

  @Test
  void optionsListsEveryPisMethod() throws Exception {
    SipResponse r = send("OPTIONS", "resourcecontroller@banos.com");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers(SipHeaders.ALLOW)).containsAll(PisMethods.all());
  }

  @Test
  void subscribeWithoutAHandlerIs489AndUnknownMethodsAre501() throws Exception {
    assertThat(send("SUBSCRIBE", "resourcecontroller@banos.com", "sub@x.org", "Event: presence\r\n").status())
        .isEqualTo(489);
    assertThat(send("FROBNICATE", "resourcecontroller@banos.com").status()).isEqualTo(501);
  }

  @Test
  void subscribeGoesToTheHandler() throws Exception {
    server.close();
    PisController controller = Controllers.create(new Site("t", List.of(), Set.of(), Map.of()), lanes.newLane("p2"),
        PisConfig.DEFAULT);
    server = SipNode.builder().listen(Transport.UDP, ANY).lanes(1).ioThreads(1)
        .requestHandler(PisServer.create(controller, Optional.of(tx -> tx.respond(202)))).build().start();
    target = server.address(Transport.UDP).orElseThrow();
    assertThat(send("SUBSCRIBE", "resourcecontroller@banos.com", "sub2@x.org", "Event: presence\r\n").status())
        .isEqualTo(202);
    assertThat(SipMethod.of("DIG")).isSameAs(PisMethods.DIG);
  }
}
