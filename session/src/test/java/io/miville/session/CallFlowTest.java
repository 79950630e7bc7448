package io.miville.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.session.Ending.Cause;
import io.miville.session.Ending.Origin;
import io.miville.transaction.time.ManualTime;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Calls between two agents on an in-memory network: set-up, refusal, CANCEL, BYE, 2xx retransmission. */
class CallFlowTest {
  private ManualTime time;
  private FakeNetwork net;
  private Peer alice;
  private Peer bob;

  @BeforeEach
  void setUp() {
    time = ManualTime.create();
    net = new FakeNetwork(time);
    alice = new Peer("alice", "192.0.2.1", net, time, c -> { });
    bob = new Peer("bob", "192.0.2.2", net, time, c -> { });
  }

  private void advance(long millis) {
    time.advance(Duration.ofMillis(millis));
  }

  @Test
  void callIsAnsweredAcknowledgedAndHungUpByTheCaller() {
    InviteSession call = alice.call(bob);
    assertThat(call.state()).isEqualTo(SessionState.CALLING);
    assertThat(call.offerState()).isEqualTo(OfferState.LOCAL_OFFER);
    assertThat(call.role()).isEqualTo(Role.CALLER);

    advance(200);
    InviteSession answered = bob.lastIncoming();
    assertThat(answered.role()).isEqualTo(Role.CALLEE);
    assertThat(answered.remoteParty().uri()).isEqualTo(alice.uri());
    assertThat(alice.events).containsExactly("ringing", "answered", "confirmed");
    assertThat(bob.events).containsExactly("incoming", "confirmed");
    assertThat(call.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(answered.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(call.offerState()).isEqualTo(OfferState.STABLE);
    assertThat(answered.offerState()).isEqualTo(OfferState.STABLE);
    // the answer carries what bob said; both sides hold the same exchange
    assertThat(alice.answers.get(0).body().text()).contains("\"from\":\"bob\"");
    assertThat(call.localDescription()).isEqualTo(answered.remoteDescription());
    assertThat(call.remoteDescription()).isEqualTo(answered.localDescription());
    // one dialog, seen from both ends
    Dialog a = call.dialog().orElseThrow();
    Dialog b = answered.dialog().orElseThrow();
    assertThat(a.isEarly()).isFalse();
    assertThat(a.callId()).isEqualTo(b.callId());
    assertThat(a.localTag()).isEqualTo(b.remoteTag());
    assertThat(a.remoteTag()).isEqualTo(b.localTag());
    assertThat(a.remoteTarget()).isEqualTo(bob.uri());
    assertThat(b.remoteTarget()).isEqualTo(alice.uri());
    assertThat(net.count(p -> p.isRequest("ACK"))).isEqualTo(1);

    call.hangUp();
    assertThat(call.state()).isEqualTo(SessionState.TERMINATED);
    advance(200);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.BYE_LOCAL);
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.BYE_REMOTE);
    assertThat(bob.lastEnding().origin()).isEqualTo(Origin.REMOTE);
    assertThat(net.count(p -> p.isResponse(200, "BYE"))).isEqualTo(1);
    assertThat(alice.manager.sessions()).isEmpty();
    assertThat(bob.manager.sessions()).isEmpty();
  }

  @Test
  void theCalleeHangsUpToo() {
    InviteSession call = alice.call(bob);
    advance(200);
    bob.lastIncoming().hangUp();
    advance(200);
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.BYE_LOCAL);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.BYE_REMOTE);
    assertThat(call.ending()).contains(alice.lastEnding());
    // the callee's BYE is a request in the dialog: bob's first CSeq, alice's tags reversed
    SipRequest bye = (SipRequest) net.sent.stream().filter(p -> p.isRequest("BYE")).findFirst().orElseThrow().message();
    assertThat(bye.uri()).isEqualTo(alice.uri());
    assertThat(bye.cseq().orElseThrow().sequence()).isEqualTo(1);
    assertThat(bye.from().orElseThrow().tag()).contains(call.dialog().orElseThrow().remoteTag());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "603, 'Bob does not take calls now'",
      "486, 'Bob is in another session'",
      "488, 'no common video format'",
      "415, 'only application/sdp here'"})
  void aRefusalReachesTheCallerWithItsReason(int status, String reason) {
    bob.onIncoming = (s, offer) -> {
      s.ring();
      s.reject(status, reason);
    };
    InviteSession call = alice.call(bob);
    advance(200);
    Ending ending = alice.lastEnding();
    assertThat(ending.cause()).isEqualTo(Cause.REJECTED);
    assertThat(ending.origin()).isEqualTo(Origin.REMOTE);
    assertThat(ending.status()).hasValue(status);
    assertThat(ending.reason()).isEqualTo(reason);
    assertThat(call.state()).isEqualTo(SessionState.TERMINATED);
    assertThat(alice.events).containsExactly("ringing", "terminated:REJECTED");
    assertThat(bob.lastEnding()).isEqualTo(Ending.of(Cause.REJECTED, Origin.LOCAL, status, reason));
    // on the wire: the status with a Warning carrying the text (RFC 3261 §20.43)
    SipResponse refusal = (SipResponse) net.sent.stream().filter(p -> p.isResponse(status, "INVITE"))
        .findFirst().orElseThrow().message();
    assertThat(refusal.headers(SipHeaders.WARNING)).singleElement()
        .satisfies(w -> assertThat(w.text()).isEqualTo(reason));
    assertThat(alice.manager.sessions()).isEmpty();
    assertThat(bob.manager.sessions()).isEmpty();
  }

  @Test
  void aReasonHeaderFromAnotherAgentIsReadToo() {
    // a foreign UAS that puts the text in Reason (RFC 3326), as many do
    InetSocketAddress foreign = new InetSocketAddress("192.0.2.9", 5060);
    List<SipMessage> got = net.capture(foreign);
    InviteSession call = alice.manager.call(alice.uri(), io.miville.codec.uri.SipUri.create(false, "x", "192.0.2.9", 5060),
        alice.offer("o"));
    advance(50);
    SipRequest invite = (SipRequest) got.get(0);
    SipResponse busy = SipResponse.forRequest(invite, 486)
        .set(SipHeaders.TO, invite.to().orElseThrow().withTag("foreign1"))
        .header(SipHeaders.REASON, Reasons.reason(486, "on the phone with Carol")).build();
    net.inject(busy, foreign, alice.address);
    advance(50);
    assertThat(call.ending().orElseThrow().reason()).isEqualTo("on the phone with Carol");
  }

  @Test
  void theCallerCancelsWhileItRings() {
    bob.onIncoming = (s, offer) -> s.ring();
    InviteSession call = alice.call(bob);
    advance(200);
    assertThat(call.state()).isEqualTo(SessionState.RINGING);
    assertThat(call.dialog()).hasValueSatisfying(d -> assertThat(d.isEarly()).isTrue());
    InviteSession ringing = bob.lastIncoming();
    assertThat(ringing.state()).isEqualTo(SessionState.RINGING);

    call.cancel();
    assertThat(call.state()).isEqualTo(SessionState.TERMINATING);
    advance(200);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.CANCELLED);
    assertThat(alice.lastEnding().status()).hasValue(487);
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.CANCELLED);
    assertThat(bob.lastEnding().origin()).isEqualTo(Origin.REMOTE);
    assertThat(net.count(p -> p.isRequest("CANCEL"))).isEqualTo(1);
    assertThat(net.count(p -> p.isResponse(487, "INVITE"))).isEqualTo(1);
    // too late for the callee now
    assertThatThrownBy(() -> ringing.accept(bob.answerTo(call.initialOffer())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CANCELLED");
    assertThat(bob.manager.sessions()).isEmpty();
  }

  @Test
  void anAnswerThatCrossesTheCancelIsAcknowledgedAndHungUp() {
    bob.onIncoming = (s, offer) -> s.ring();
    InviteSession call = alice.call(bob);
    advance(200);
    call.cancel(); // the CANCEL is on the wire...
    bob.lastIncoming().accept(bob.answerTo(call.initialOffer())); // ...and so is the 200
    advance(500);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.CANCELLED);
    assertThat(net.count(p -> p.isRequest("ACK"))).isEqualTo(1);
    assertThat(net.count(p -> p.isRequest("BYE"))).isEqualTo(1);
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.BYE_REMOTE);
  }

  @Test
  void cancelBeforeAnyResponseEndsAtOnce() {
    net.latency = Duration.ofMillis(300);
    InviteSession call = alice.call(bob);
    call.cancel();
    assertThat(call.ending()).hasValueSatisfying(e -> assertThat(e.cause()).isEqualTo(Cause.CANCELLED));
    bob.onIncoming = (s, offer) -> s.ring();
    advance(2000);
    // the late 100 let the transaction send its CANCEL: bob's ringing call was ended too
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.CANCELLED);
  }

  @Test
  void everyRetransmitted2xxIsAcknowledgedAgain() {
    // the first ACK is lost: bob's layer retransmits the 200 (§13.3.1.4), alice ACKs it again
    boolean[] dropped = {false};
    net.drop = p -> {
      if (p.isRequest("ACK") && !dropped[0]) {
        dropped[0] = true;
        return true;
      }
      return false;
    };
    InviteSession call = alice.call(bob);
    advance(200);
    assertThat(call.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(bob.lastIncoming().state()).isEqualTo(SessionState.ACCEPTED);
    advance(1000);
    assertThat(net.count(p -> p.isResponse(200, "INVITE"))).isGreaterThanOrEqualTo(2);
    assertThat(net.count(p -> p.isRequest("ACK"))).isEqualTo(2);
    assertThat(bob.lastIncoming().state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(bob.events).containsExactly("incoming", "confirmed");
    assertThat(alice.events).containsExactly("ringing", "answered", "confirmed");
  }

  @Test
  void withoutAckTheCalleeEndsTheCallAfterTimerL() {
    net.drop = p -> p.isRequest("ACK");
    alice.call(bob);
    advance(200);
    InviteSession answered = bob.lastIncoming();
    assertThat(answered.state()).isEqualTo(SessionState.ACCEPTED);
    time.advance(Duration.ofSeconds(33)); // Timer L = 64*T1
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(bob.lastEnding().reason()).contains("ACK");
    advance(200);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.BYE_REMOTE); // the callee's BYE (§13.3.1.4)
  }

  @Test
  void aCalleeThatHangsUpBeforeTheAckWaitsForItThenSendsBye() {
    net.latency = Duration.ofMillis(100);
    bob.onIncoming = (s, offer) -> {
      s.accept(bob.answerTo(offer));
      s.hangUp();
    };
    alice.call(bob);
    advance(150);
    InviteSession answered = bob.lastIncoming();
    assertThat(answered.state()).isEqualTo(SessionState.TERMINATING);
    assertThat(net.count(p -> p.isRequest("BYE"))).isZero();
    advance(500);
    assertThat(bob.lastEnding().cause()).isEqualTo(Cause.BYE_LOCAL);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.BYE_REMOTE);
    // §15: the BYE went after the ACK
    int ack = indexOf("ACK");
    int bye = indexOf("BYE");
    assertThat(ack).isLessThan(bye);
  }

  private int indexOf(String method) {
    for (int i = 0; i < net.sent.size(); i++) {
      if (net.sent.get(i).isRequest(method)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theCalleeIsToldWhenTheAgentIgnoresTheCallTooLong() {
    bob.onIncoming = (s, offer) -> s.ring();
    InviteSession call = alice.call(bob);
    time.advance(Duration.ofSeconds(61));
    // both sides' ring timeouts are 60 s: whichever acts first, both end with a timeout
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(bob.lastEnding().cause()).isIn(Cause.TIMEOUT, Cause.CANCELLED);
    assertThat(call.state()).isEqualTo(SessionState.TERMINATED);
  }

  @Test
  void incomingInvitesTheManagerCannotTakeAreRefusedWithoutTheAgent() {
    // no offer
    InetSocketAddress probe = new InetSocketAddress("192.0.2.50", 5060);
    List<SipMessage> got = net.capture(probe);
    net.inject(RawRequests.invite(probe, bob.uri(), null), probe, bob.address);
    advance(100);
    assertThat(finalStatus(got)).isEqualTo(488);
    // a body type bob does not take
    Peer picky = new Peer("carol", "192.0.2.3", net, time, c -> c.accept(MediaType.APPLICATION_SDP));
    got.clear();
    net.inject(RawRequests.invite(probe, picky.uri(), "{}"), probe, picky.address);
    advance(100);
    SipResponse unsupported = finalResponse(got);
    assertThat(unsupported.status()).isEqualTo(415);
    assertThat(unsupported.headers(SipHeaders.ACCEPT)).containsExactly(MediaType.APPLICATION_SDP);
    // an extension we do not support
    got.clear();
    SipRequest requiring = RawRequests.invite(probe, bob.uri(), "{}").toBuilder().header(SipHeaders.REQUIRE, "100rel").build();
    net.inject(requiring, probe, bob.address);
    advance(100);
    SipResponse badExtension = finalResponse(got);
    assertThat(badExtension.status()).isEqualTo(420);
    assertThat(badExtension.headers(SipHeaders.UNSUPPORTED)).containsExactly("100rel");
    assertThat(bob.events).isEmpty();
    assertThat(picky.events).isEmpty();
  }

  @Test
  void requestsOutOfDialogOrOutOfOrderAreRefused() {
    InviteSession call = alice.call(bob);
    advance(200);
    InetSocketAddress probe = new InetSocketAddress("192.0.2.50", 5060);
    List<SipMessage> got = net.capture(probe);
    Dialog d = call.dialog().orElseThrow(); // local CSeq 1: the INVITE's

    // an INFO from alice's dialog state, sent again with a new branch but an old CSeq (§12.2.2: 500)
    call.sendInfo(Info.of(Body.of(MediaType.TEXT_PLAIN, "state 1")));
    advance(100);
    net.inject(d.withNextLocalSequence().request(SipMethod.INFO).header(SipHeaders.VIA,
        io.miville.codec.header.Via.create("UDP", "192.0.2.50", 5060, io.miville.transaction.Requests.newBranch()))
        .build(), probe, bob.address);
    advance(100);
    assertThat(finalStatus(got)).isEqualTo(500);

    // a request for a dialog bob does not know (§12.2.2: 481)
    got.clear();
    SipRequest stray = RawRequests.inDialog(probe, bob.uri(), SipMethod.BYE, "no-such-tag");
    net.inject(stray, probe, bob.address);
    advance(100);
    assertThat(finalStatus(got)).isEqualTo(481);
    assertThat(bob.lastIncoming().state()).isEqualTo(SessionState.CONFIRMED);

    // OPTIONS outside a dialog: 200 with Allow
    got.clear();
    net.inject(RawRequests.outOfDialog(probe, bob.uri(), SipMethod.OPTIONS), probe, bob.address);
    advance(100);
    SipResponse ok = finalResponse(got);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.headers(SipHeaders.ALLOW)).contains(SipMethod.INVITE, SipMethod.BYE, SipMethod.INFO);
  }

  private static SipResponse finalResponse(List<SipMessage> got) {
    return got.stream().filter(m -> m instanceof SipResponse r && r.isFinal()).map(m -> (SipResponse) m)
        .findFirst().orElseThrow(() -> new AssertionError("no final response in " + got));
  }

  private static int finalStatus(List<SipMessage> got) {
    return finalResponse(got).status();
  }
}
