package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMessage;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transport.Transport;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 with RFC 6026 §7.1: Proceeding, Accepted, Completed, Confirmed, Terminated; G, H, I, L. */
class InviteServerTransactionTest {
  private final Fixture f = new Fixture();
  private final SipRequest invite = Fixture.invite("z9hG4bKinv1", "call-10");

  private static Predicate<SipMessage> status(int s) {
    return m -> m instanceof SipResponse r && r.status() == s;
  }

  private ServerTransaction receiveInvite(Transport transport) {
    f.receive(invite, transport);
    return f.handler.last();
  }

  @Test
  void sends100TryingAtOnceAndPassesTheRequestUp() {
    ServerTransaction t = receiveInvite(Transport.UDP);
    assertThat(f.sender.statuses()).containsExactly(100);
    SipResponse trying = f.sender.responses().get(0);
    assertThat(trying.toTag()).isEmpty();
    assertThat(trying.vias()).isEqualTo(invite.vias());
    assertThat(f.sender.sent.get(0).flow()).isEqualTo(Fixture.flow(Transport.UDP));
    assertThat(t.state()).isEqualTo(TransactionState.PROCEEDING);
    assertThat(t.kind()).isEqualTo(TransactionKind.INVITE_SERVER);
  }

  @Test
  void retransmittedInviteInProceedingGetsTheLastProvisionalAgain() {
    ServerTransaction t = receiveInvite(Transport.UDP);
    f.receive(invite);
    t.respond(180);
    f.receive(invite);
    assertThat(f.sender.statuses()).containsExactly(100, 100, 180, 180);
    assertThat(f.handler.requests).hasSize(1);
    assertThat(f.layer.counters().retransmissionsAbsorbed()).isEqualTo(2);
    SipResponse ringing = f.sender.responses().get(2);
    assertThat(ringing.toTag()).contains(t.localTag());
  }

  @Test
  void failureRetransmittedOnTimerGCappedAtT2UntilAck() {
    long start = f.time.nanos();
    ServerTransaction t = receiveInvite(Transport.UDP);
    t.respond(486);
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    f.advance(Duration.ofMillis(12_000));
    // G: T1, 2T1, 4T1, then T2 (§17.2.1)
    assertThat(f.sender.timesMillis(status(486), start)).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L);
    f.receive(invite); // a retransmitted INVITE gets the final response again
    assertThat(f.sender.statuses()).last().isEqualTo(486);
    int before = f.sender.sent.size();
    SipRequest ack = Fixture.request("ACK", "z9hG4bKinv1", "call-10", 1, t.localTag());
    f.receive(ack);
    assertThat(t.state()).isEqualTo(TransactionState.CONFIRMED);
    assertThat(f.handler.acks).isEmpty(); // absorbed: the ACK of a non-2xx is part of the transaction
    f.receive(ack);
    f.advance(Duration.ofMillis(4_999));
    assertThat(f.sender.sent).hasSize(before); // G stopped
    assertThat(t.state()).isEqualTo(TransactionState.CONFIRMED);
    f.advanceMillis(1); // Timer I = T4
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.layer.counters().of(TransactionKind.INVITE_SERVER).completed()).isEqualTo(1);
  }

  @Test
  void timerHEndsTheTransactionWhenNoAckComes() {
    ServerTransaction t = receiveInvite(Transport.UDP);
    t.respond(603);
    f.advance(Duration.ofMillis(31_999));
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    f.advanceMillis(1);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.handler.timeouts).containsExactly(t);
    assertThat(f.layer.counters().of(TransactionKind.INVITE_SERVER).timedOut()).isEqualTo(1);
  }

  @Test
  void reliableTransportNoTimerGAndTimerIZero() {
    ServerTransaction t = receiveInvite(Transport.TCP);
    t.respond(486);
    f.advance(Duration.ofSeconds(10));
    assertThat(f.sender.statuses()).containsExactly(100, 486);
    f.receive(Fixture.request("ACK", "z9hG4bKinv1", "call-10", 1, t.localTag()), Transport.TCP);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
  }

  @Test
  void reliableTransportTimerHStillRuns() {
    ServerTransaction t = receiveInvite(Transport.TCP);
    t.respond(486);
    f.advance(Duration.ofSeconds(32));
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.handler.timeouts).containsExactly(t);
  }

  @Test
  void successEntersAcceptedAbsorbsInviteRetransmissionsAndRetransmits2xxUntilAck() {
    long start = f.time.nanos();
    ServerTransaction t = receiveInvite(Transport.UDP);
    t.respond(200);
    assertThat(t.state()).isEqualTo(TransactionState.ACCEPTED);
    f.advance(Duration.ofMillis(4_000));
    // §13.3.1.4: T1 doubling up to T2
    assertThat(f.sender.timesMillis(status(200), start)).containsExactly(0L, 500L, 1500L, 3500L);
    int before = f.sender.sent.size();
    f.receive(invite); // RFC 6026: absorbed in Accepted, nothing resent, not passed up
    assertThat(f.sender.sent).hasSize(before);
    assertThat(f.handler.requests).hasSize(1);

    // the ACK for a 2xx has a branch of its own (§13.2.2.4)
    SipRequest ack = Fixture.request("ACK", "z9hG4bKack1", "call-10", 1, t.localTag());
    f.receive(ack);
    assertThat(f.handler.acks).containsExactly(ack);
    // acknowledged, it keeps bytes only, and still gives back what it was given and sent
    assertThat(t.request()).isEqualTo(invite);
    assertThat(t.lastResponse().map(SipResponse::status)).contains(200);
    f.advance(Duration.ofSeconds(20));
    assertThat(f.sender.sent).hasSize(before); // retransmission stopped
    assertThat(t.state()).isEqualTo(TransactionState.ACCEPTED);
    f.advance(Duration.ofMillis(7_999));
    assertThat(t.state()).isEqualTo(TransactionState.ACCEPTED);
    f.advanceMillis(1); // Timer L = 64*T1 from the 2xx
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.handler.timeouts).isEmpty();
    assertThat(f.layer.counters().of(TransactionKind.INVITE_SERVER).completed()).isEqualTo(1);
  }

  @Test
  void timerLWithoutAckForThe2xxTellsTheTu() {
    ServerTransaction t = receiveInvite(Transport.UDP);
    t.respond(200);
    f.advance(Duration.ofSeconds(32));
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.handler.timeouts).containsExactly(t);
    // the 2xx at 0, then 0.5, 1.5, 3.5, 7.5 and every 4 s up to 31.5: 11 sends in 64*T1
    assertThat(f.sender.statuses().stream().filter(s -> s == 200)).hasSize(11);
  }

  @Test
  void ackReusingTheInviteBranchInAcceptedGoesToTheTu() {
    ServerTransaction t = receiveInvite(Transport.UDP);
    t.respond(200);
    SipRequest ack = Fixture.request("ACK", "z9hG4bKinv1", "call-10", 1, t.localTag());
    f.receive(ack);
    assertThat(f.handler.acks).containsExactly(ack);
    int before = f.sender.sent.size();
    f.advance(Duration.ofSeconds(5));
    assertThat(f.sender.sent).hasSize(before);
  }

  @Test
  void tuRetransmissionsOf2xxInAcceptedGoOutOtherResponsesDoNot() {
    ServerTransaction t = receiveInvite(Transport.TCP);
    SipResponse ok = t.responseBuilder(200).build();
    t.respond(ok);
    t.respond(ok);
    t.respond(486);
    t.respond(180);
    assertThat(f.sender.statuses()).containsExactly(100, 200, 200);
  }

  @Test
  void transportErrorEndsTheTransactionAndTellsTheTu() {
    ServerTransaction t = receiveInvite(Transport.TCP);
    f.sender.failing = true;
    t.respond(180);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.handler.transportErrors).containsExactly(t);
    assertThat(f.layer.counters().of(TransactionKind.INVITE_SERVER).transportErrors()).isEqualTo(1);
  }

  @Test
  void respondFromAnotherThreadRunsOnTheLane() throws Exception {
    ServerTransaction t = receiveInvite(Transport.UDP);
    Thread other = new Thread(() -> t.respond(180));
    // with the manual runtime, a call off the lane queues the task and runs it at once
    other.start();
    other.join(5_000);
    assertThat(f.sender.statuses()).containsExactly(100, 180);
  }

  @Test
  void timestampIsCopiedInto100Trying() {
    SipRequest withTs = (SipRequest) Fixture.PARSER.parse(invite.toString().replace(
        "Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nTimestamp: 54.2\r\n"));
    f.receive(withTs);
    assertThat(f.sender.responses().get(0).header(io.miville.codec.HeaderName.TIMESTAMP)).contains("54.2");
  }
}
