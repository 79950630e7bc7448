package io.miville.pis.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipVersion;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.pis.PisNode;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a PisNode with a scripted controller, over real UDP on 127.0.0.1. */
class PisClientTest {
  private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  private final ScriptedController scripted = new ScriptedController();
  private PisNode pis;
  private SipNode ua;
  private PisClient client;

  @BeforeEach
  void start() {
    pis = PisNode.builder().controller(lane -> scripted).listen(Transport.UDP, ANY_LOOPBACK).lanes(1).build().start();
    ua = SipNode.builder().listen(Transport.UDP, ANY_LOOPBACK).lanes(1).ioThreads(1).build().start();
    client = PisClient.create(ua, Uri.parse("sip:127.0.0.1:" + pis.address(Transport.UDP).orElseThrow().getPort()));
  }

  @AfterEach
  void stop() {
    ua.close();
    pis.close();
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void seekCollectsTheQueuedProvisionalAndTheFinalAnswer() throws Exception {
    PisClient.Agent anon = client.agent("anonymous", "latrine1.loo.com");
    Exchange seek = await(anon.send(SipMethod.SEEK, Uri.parse("sip:resourcecontroller@latrine1.loo.com"),
        b -> b.header(HeaderName.REQUIRES, "Clean-proxy Paper")));

    assertThat(seek.request().version()).isEqualTo(SipVersion.PIS_1_0);
    assertThat(seek.request().topVia()).isPresent();
    assertThat(seek.provisionals()).extracting(r -> r.status()).containsExactly(110);
    assertThat(seek.status()).isEqualTo(200);
    assertThat(seek.finalResponse().reason()).isEqualTo("Proxy Available");
    assertThat(scripted.received.get(0).header(HeaderName.REQUIRES)).contains("Clean-proxy Paper");
    assertThat(seek.transcript(false)).startsWith("--> sent" + System.lineSeparator()
        + "SEEK sip:resourcecontroller@latrine1.loo.com PIS/1.0\r\n")
        .contains("<-- received" + System.lineSeparator() + "PIS/1.0 110 Queued\r\n");
    assertThat(pis.answersByCode()).containsEntry(110, 1L).containsEntry(200, 1L);
    assertThat(pis.requests()).isEqualTo(1);
  }

  @Test
  void flushWithTidPrintsTheDraftsShortForm() throws Exception {
    PisClient.Agent user = client.agent("user", "ships-a-hoy.com");
    Exchange flush = await(user.send(SipMethod.FLUSH, Uri.parse("sip:head@ships-a-hoy.com"),
        b -> b.header(HeaderName.TID, "1")));

    String text = flush.transcript(true);
    assertThat(text).contains("PIS/1.0 FLUSH TID=1\r\n", "100 INFO TID=1\r\n", "How: Marine-plunger-pump\r\n",
        "TID=1\r\n");
    assertThat(flush.status()).isEqualTo(200);
  }

  @Test
  void inviteIsAcknowledgedAndByeEndsTheSessionInOneCallId() throws Exception {
    PisClient.Agent ua1 = client.agent("tipsy", "proxy1.wc.com");
    Uri proxy = Uri.parse("sip:crapper2@proxy1.wc.com");
    Exchange invite = await(ua1.send(ua1.request(SipMethod.INVITE, proxy).build()));
    assertThat(invite.ack()).isPresent();
    assertThat(ua1.dialog()).isPresent();
    Exchange bye = await(ua1.bye());

    assertThat(bye.status()).isEqualTo(200);
    assertThat(bye.request().to().orElseThrow().tag()).isEqualTo(invite.finalResponse().to().orElseThrow().tag());
    assertThat(bye.request().cseq().orElseThrow().sequence()).isEqualTo(2);
    assertThat(ua1.dialog()).isEmpty();
    assertThat(scripted.firstAck.await(5, TimeUnit.SECONDS)).as("the ACK reached the controller").isTrue();
    assertThat(scripted.acks).hasSize(1);
    assertThat(scripted.received).extracting(r -> r.callId().orElseThrow()).containsOnly(ua1.callId());
  }
}
