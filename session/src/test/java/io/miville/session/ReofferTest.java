package io.miville.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.transaction.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** New offers in an established session: re-INVITE accepted and refused, the one-offer rule, glare, INFO. */
class ReofferTest {
  private ManualTime time;
  private FakeNetwork net;
  private Peer alice;
  private Peer bob;
  private InviteSession aliceCall;
  private InviteSession bobCall;

  @BeforeEach
  void setUp() {
    time = ManualTime.create();
    net = new FakeNetwork(time);
    alice = new Peer("alice", "192.0.2.1", net, time, c -> c.random(new SplittableRandom(1)).infoPackage("miville-state"));
    bob = new Peer("bob", "192.0.2.2", net, time, c -> c.random(new SplittableRandom(2)).infoPackage("miville-state"));
    aliceCall = alice.call(bob);
    advance(200);
    bobCall = bob.lastIncoming();
    assertThat(aliceCall.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(bobCall.state()).isEqualTo(SessionState.CONFIRMED);
    alice.events.clear();
    bob.events.clear();
  }

  private void advance(long millis) {
    time.advance(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "offer made by the {0}")
  @ValueSource(strings = {"caller", "callee"})
  void aReofferIsAnsweredAndBecomesTheSession(String who) {
    boolean fromCaller = who.equals("caller");
    Peer offerer = fromCaller ? alice : bob;
    Peer answerer = fromCaller ? bob : alice;
    InviteSession mine = fromCaller ? aliceCall : bobCall;
    InviteSession theirs = fromCaller ? bobCall : aliceCall;
    Offer second = offerer.offer("second");

    mine.reoffer(second);
    assertThat(mine.offerState()).isEqualTo(OfferState.LOCAL_OFFER);
    advance(100);
    assertThat(answerer.reoffers).containsExactly(second);
    assertThat(offerer.events).containsExactly("answered");
    assertThat(mine.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(theirs.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(mine.localDescription()).contains(second.body());
    assertThat(theirs.remoteDescription()).contains(second.body());
    assertThat(mine.remoteDescription()).isEqualTo(theirs.localDescription());
    assertThat(mine.remoteDescription().orElseThrow().text()).contains("second");
    // the re-INVITE is a request in the dialog with the next CSeq, and its 2xx was ACKed
    SipRequest reinvite = (SipRequest) net.sent.stream()
        .filter(p -> p.isRequest("INVITE") && p.from().equals(offerer.address)).reduce((a, b) -> b).orElseThrow().message();
    assertThat(reinvite.to().orElseThrow().tag()).isPresent();
    assertThat(reinvite.cseq().orElseThrow().sequence()).isEqualTo(fromCaller ? 2 : 1);
    assertThat(net.count(p -> p.isRequest("ACK"))).isEqualTo(2);
    assertThat(mine.state()).isEqualTo(SessionState.CONFIRMED);
  }

  @Test
  void aRefusedReofferLeavesTheSessionAsItWas() {
    Body before = aliceCall.localDescription().orElseThrow();
    bob.onReoffer = (s, offer) -> s.rejectReoffer(488, "no such codec");
    aliceCall.reoffer(alice.offer("h265 please"));
    advance(100);
    assertThat(alice.reofferRefusals).containsExactly(new Refusal(488, "no such codec"));
    assertThat(aliceCall.localDescription()).contains(before);
    assertThat(aliceCall.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(aliceCall.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(bobCall.state()).isEqualTo(SessionState.CONFIRMED);
    // and a new offer may be made again
    bob.onReoffer = (s, offer) -> s.acceptReoffer(bob.answerTo(offer));
    aliceCall.reoffer(alice.offer("h264 then"));
    advance(100);
    assertThat(alice.answers).hasSize(2);
  }

  @Test
  void noNewOfferWhileAnOfferIsOutstanding() {
    bob.onReoffer = (s, offer) -> { }; // bob thinks about it
    aliceCall.reoffer(alice.offer("second"));
    assertThatThrownBy(() -> aliceCall.reoffer(alice.offer("third")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unanswered");
    advance(100);
    // still unanswered on both ends: neither may offer now
    assertThatThrownBy(() -> aliceCall.reoffer(alice.offer("third")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unanswered");
    assertThat(bobCall.offerState()).isEqualTo(OfferState.REMOTE_OFFER);
    assertThatThrownBy(() -> bobCall.reoffer(bob.offer("mine")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("answer it first");
    bobCall.acceptReoffer(bob.answerTo(bob.reoffers.get(0)));
    advance(100);
    assertThat(aliceCall.offerState()).isEqualTo(OfferState.STABLE);
    assertThatThrownBy(() -> aliceCall.acceptReoffer(alice.answerTo(bob.offer("x"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no re-offer");
  }

  @Test
  void anUnansweredReofferIsRefusedAfterTheTimeoutAndTheAgentIsTold() {
    bob.onReoffer = (s, offer) -> { };
    aliceCall.reoffer(alice.offer("second"));
    time.advance(Duration.ofSeconds(31)); // reofferTimeout 30 s
    assertThat(bob.events).containsExactly("reoffer", "reoffer-withdrawn");
    assertThat(alice.reofferRefusals).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(500));
    assertThat(aliceCall.state()).isEqualTo(SessionState.CONFIRMED);
  }

  @Test
  void crossingReoffersGet491AndBothGoThroughAfterTheRandomizedDelays() {
    Offer fromAlice = alice.offer("alice-2");
    Offer fromBob = bob.offer("bob-2");
    aliceCall.reoffer(fromAlice);
    bobCall.reoffer(fromBob); // before alice's re-INVITE arrives: glare
    advance(100);
    assertThat(net.count(p -> p.isResponse(491, "INVITE"))).isEqualTo(2);
    assertThat(aliceCall.offerState()).isEqualTo(OfferState.LOCAL_OFFER);
    assertThat(bobCall.offerState()).isEqualTo(OfferState.LOCAL_OFFER);
    assertThat(alice.events).isEmpty(); // a 491 is retried, not reported
    // the 491s arrived at 40 ms; bob (not the Call-ID owner) retries within 0-2 s
    time.advance(Duration.ofMillis(2040 - 100 + 100));
    assertThat(alice.reoffers).containsExactly(fromBob);
    assertThat(bob.answers).hasSize(1);
    assertThat(bob.answeredAt.get(0)).isLessThanOrEqualTo(Duration.ofMillis(200 + 40 + 2000 + 40 + 40 + 1));
    // alice (the owner) retries within 2.1-4 s of her 491
    time.advance(Duration.ofSeconds(3));
    assertThat(bob.reoffers).containsExactly(fromAlice);
    assertThat(alice.answers).hasSize(2);
    Duration aliceAnswered = alice.answeredAt.get(1);
    assertThat(aliceAnswered).isBetween(Duration.ofMillis(200 + 40 + 2100), Duration.ofMillis(200 + 40 + 4000 + 80));
    assertThat(aliceCall.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(bobCall.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(aliceCall.localDescription()).contains(fromAlice.body());
    assertThat(bobCall.remoteDescription()).contains(fromAlice.body());
    assertThat(net.count(p -> p.isResponse(491, "INVITE"))).isEqualTo(2);
  }

  @Test
  void theRetryDelayFollowsRfc3261Section14Point1() {
    List<Duration> caller = new ArrayList<>();
    List<Duration> callee = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      caller.add(aliceCall.glareDelay());
      callee.add(bobCall.glareDelay());
    }
    assertThat(caller).allSatisfy(d -> {
      assertThat(d).isBetween(Duration.ofMillis(2100), Duration.ofMillis(4000));
      assertThat(d.toMillis() % 10).isZero();
    });
    assertThat(callee).allSatisfy(d -> {
      assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(2000));
      assertThat(d.toMillis() % 10).isZero();
    });
    assertThat(caller).contains(Duration.ofMillis(2100), Duration.ofMillis(4000));
    assertThat(callee).contains(Duration.ZERO, Duration.ofMillis(2000));
  }

  @Test
  void aReofferMadeWhileThePeersOfferIsAnsweredWaitsForItsAck() {
    net.latency = Duration.ofMillis(50);
    bob.onReoffer = (s, offer) -> {
      s.acceptReoffer(bob.answerTo(offer));
      s.reoffer(bob.offer("bob-right-after")); // allowed: the exchange is over, but the ACK is not here yet
    };
    aliceCall.reoffer(alice.offer("alice-2"));
    advance(60);
    assertThat(bobCall.offerState()).isEqualTo(OfferState.LOCAL_OFFER);
    // bob's re-INVITE waits for the ACK of alice's (§14.1); no 491 anywhere
    advance(500);
    assertThat(alice.reoffers).hasSize(1);
    assertThat(bob.answers).hasSize(1);
    assertThat(net.count(p -> p.isResponse(491, "INVITE"))).isZero();
    int ack = -1;
    int bobInvite = -1;
    for (int i = 0; i < net.sent.size(); i++) {
      if (net.sent.get(i).isRequest("ACK") && ack < 0 && i > 0 && net.sent.get(i).from().equals(alice.address)
          && ((SipRequest) net.sent.get(i).message()).cseq().orElseThrow().sequence() == 2) {
        ack = i;
      }
      if (net.sent.get(i).isRequest("INVITE") && net.sent.get(i).from().equals(bob.address)) {
        bobInvite = i;
      }
    }
    assertThat(ack).isLessThan(bobInvite);
  }

  @Test
  void infoIsDeliveredBothWays() {
    CompletionStage<Integer> sent = aliceCall.sendInfo(Info.of("miville-state", Body.of(Peer.JSON, "{\"video\":200}")));
    advance(100);
    assertThat(sent.toCompletableFuture().join()).isEqualTo(200);
    assertThat(bob.infos).containsExactly(Info.of("miville-state", Body.of(Peer.JSON, "{\"video\":200}")));
    bobCall.sendInfo(Info.of(Body.of(MediaType.TEXT_PLAIN, "legacy")));
    advance(100);
    assertThat(alice.infos).singleElement().satisfies(i -> {
      assertThat(i.infoPackage()).isEmpty();
      assertThat(i.body().text()).isEqualTo("legacy");
    });
    assertThat(aliceCall.remoteInfoPackages()).containsExactly("miville-state");
    SipRequest info = (SipRequest) net.sent.stream().filter(p -> p.isRequest("INFO")).findFirst().orElseThrow().message();
    assertThat(info.header(InviteSession.INFO_PACKAGE)).contains("miville-state");
  }

  @Test
  void infoOfAPackageThePeerDoesNotReceiveIsRefused() {
    assertThatThrownBy(() -> aliceCall.sendInfo(Info.of("dtmf", Body.of(MediaType.TEXT_PLAIN, "1"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("dtmf");
    // and one that reaches bob anyway gets 469 with his Recv-Info (RFC 6086 §4.2.2)
    SipRequest forged = aliceCall.dialog().orElseThrow().withNextLocalSequence().withNextLocalSequence()
        .request(io.miville.codec.SipMethod.INFO).header(InviteSession.INFO_PACKAGE, "dtmf")
        .body(MediaType.TEXT_PLAIN, "1").build();
    alice.layer.sendRequest(forged, io.miville.transport.Transport.UDP, bob.address);
    advance(100);
    SipResponse refused = (SipResponse) net.sent.stream().filter(p -> p.isResponse(469, "INFO")).findFirst()
        .orElseThrow().message();
    assertThat(refused.header(InviteSession.RECV_INFO)).contains("miville-state");
    assertThat(bob.infos).isEmpty();
  }

  @Test
  void anOfferlessReinviteIsAnsweredWithTheCurrentDescription() {
    Body current = bobCall.localDescription().orElseThrow();
    // alice's agent cannot do this through the API; a foreign UA may (RFC 3261 §14.2)
    Dialog d = aliceCall.dialog().orElseThrow().withNextLocalSequence().withNextLocalSequence();
    SipRequest reinvite = d.request(io.miville.codec.SipMethod.INVITE)
        .header(SipHeaders.CONTACT, io.miville.codec.header.Address.of(alice.uri())).build();
    alice.layer.sendRequest(reinvite, io.miville.transport.Transport.UDP, bob.address).response().thenAccept(ok -> {
      SipRequest ack = d.ack(d.localSequence().orElseThrow()).body(Peer.JSON, "{\"answer\":\"same\"}").build();
      alice.layer.sendAck(ack, io.miville.transport.Transport.UDP, bob.address);
    });
    advance(50);
    assertThat(bobCall.offerState()).isEqualTo(OfferState.LOCAL_OFFER);
    SipResponse ok = (SipResponse) net.sent.stream().filter(p -> p.isResponse(200, "INVITE")).reduce((a, b) -> b)
        .orElseThrow().message();
    assertThat(ok.body()).isEqualTo(current.content());
    advance(100);
    assertThat(bobCall.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(bobCall.remoteDescription().orElseThrow().text()).isEqualTo("{\"answer\":\"same\"}");
    assertThat(bob.events).containsExactly("answered");
  }
}
