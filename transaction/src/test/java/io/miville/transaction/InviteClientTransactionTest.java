package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Via;
import io.miville.transport.Transport;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1 with RFC 6026 §7.2: Calling, Proceeding, Accepted, Completed, Terminated; Timers A, B, D, M. */
class InviteClientTransactionTest {
  private final Fixture f = new Fixture();
  private final RecordingListener listener = new RecordingListener();

  private static Predicate<SipMessage> method(SipMethod m) {
    return msg -> msg instanceof SipRequest r && r.method().equals(m);
  }

  private ClientTransaction invite(Transport transport) {
    return f.layer.sendRequest(Fixture.outgoing("INVITE", "call-1"), transport, Fixture.REMOTE, listener);
  }

  @Test
  void addsTopViaWithMagicCookieAndConfiguredSentBy() {
    ClientTransaction t = invite(Transport.UDP);
    Via via = f.sender.requests().get(0).topVia().orElseThrow();
    assertThat(via.hasRfc3261Branch()).isTrue();
    assertThat(via.transport()).isEqualTo("UDP");
    assertThat(via.host()).isEqualTo("192.0.2.1");
    assertThat(via.port()).hasValue(5060);
    assertThat(t.branch()).isEqualTo(via.branch().orElseThrow());
    assertThat(t.state()).isEqualTo(TransactionState.CALLING);
  }

  @Test
  void keepsTheViaTheTuAdded() {
    SipRequest withVia = Fixture.request("INVITE", "z9hG4bKmine", "call-1", 1, null);
    ClientTransaction t = f.layer.sendRequest(withVia, Transport.UDP, Fixture.REMOTE);
    assertThat(t.branch()).isEqualTo("z9hG4bKmine");
    assertThat(f.sender.requests().get(0).vias()).hasSize(1);
  }

  @Test
  void timerADoublesWithoutCapUntilTimerBTimesOutWith408() {
    long start = f.time.nanos();
    ClientTransaction t = invite(Transport.UDP);
    f.advance(Duration.ofSeconds(31));
    assertThat(t.state()).isEqualTo(TransactionState.CALLING);
    f.advanceMillis(1000);
    // A: T1, 2T1, 4T1, ... never capped at T2 (§17.1.1.2)
    assertThat(f.sender.timesMillis(method(SipMethod.INVITE), start))
        .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(listener.timeouts).singleElement().extracting(SipResponse::status).isEqualTo(408);
    assertThat(listener.finals).isEmpty(); // the recording listener overrides the default hand-off
    assertThat(t.response().toCompletableFuture().getNow(null).status()).isEqualTo(408);
    TransactionCounters.Kind k = f.layer.counters().of(TransactionKind.INVITE_CLIENT);
    assertThat(k.created()).isEqualTo(1);
    assertThat(k.timedOut()).isEqualTo(1);
    assertThat(k.live()).isZero();
    assertThat(f.layer.counters().retransmissionsSent()).isEqualTo(6);
  }

  @Test
  void noRetransmissionOverReliableTransportButTimerBStillRuns() {
    ClientTransaction t = invite(Transport.TCP);
    f.advance(Duration.ofMillis(31_999));
    assertThat(f.sender.requests()).hasSize(1);
    assertThat(t.state()).isEqualTo(TransactionState.CALLING);
    f.advanceMillis(1);
    assertThat(listener.timeouts).hasSize(1);
  }

  @Test
  void provisionalMovesToProceedingStopsTimerAAndDisarmsTimerB() {
    ClientTransaction t = invite(Transport.UDP);
    SipRequest sent = f.sender.requests().get(0);
    f.advanceMillis(600); // one retransmission
    f.receive(Fixture.response(sent, 100));
    f.receive(Fixture.response(sent, 180));
    assertThat(t.state()).isEqualTo(TransactionState.PROCEEDING);
    assertThat(listener.provisional).extracting(SipResponse::status).containsExactly(100, 180);
    f.advance(Duration.ofSeconds(120));
    assertThat(f.sender.requests()).hasSize(2);
    assertThat(t.state()).isEqualTo(TransactionState.PROCEEDING); // no Timer B outside Calling
    assertThat(listener.timeouts).isEmpty();
  }

  @Test
  void successEntersAcceptedPassesEveryFurther2xxUpAndEndsOnTimerM() {
    ClientTransaction t = invite(Transport.UDP);
    SipRequest sent = f.sender.requests().get(0);
    f.receive(Fixture.response(sent, 180));
    SipResponse ok = Fixture.response(sent, 200);
    f.receive(ok);
    assertThat(t.state()).isEqualTo(TransactionState.ACCEPTED);
    assertThat(listener.finals).containsExactly(ok);
    assertThat(t.response().toCompletableFuture().getNow(null)).isEqualTo(ok);
    // no ACK from the transaction for a 2xx: that is the TU's (§13.2.2.4)
    assertThat(f.sender.methods()).containsExactly("INVITE");
    f.receive(ok);
    f.receive(ok);
    assertThat(listener.additional).hasSize(2);
    assertThat(listener.finals).hasSize(1);
    f.advance(Duration.ofMillis(31_999));
    assertThat(t.state()).isEqualTo(TransactionState.ACCEPTED);
    f.advanceMillis(1);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED); // Timer M = 64*T1
    f.receive(ok);
    assertThat(listener.additional).hasSize(2);
    assertThat(f.layer.counters().strayResponses()).isEqualTo(1);
    assertThat(f.layer.counters().of(TransactionKind.INVITE_CLIENT).completed()).isEqualTo(1);
  }

  @Test
  void failureIsAckedOnTheSameFlowAndRetransmissionsReAckedUntilTimerD() {
    ClientTransaction t = invite(Transport.UDP);
    SipRequest sent = f.sender.requests().get(0);
    SipResponse busy = Fixture.response(sent, 486);
    f.receive(busy);
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(listener.finals).containsExactly(busy);
    RecordingSender.Sent ackSent = f.sender.last();
    SipRequest ack = ackSent.request();
    assertThat(ack.method()).isEqualTo(SipMethod.ACK);
    // §17.1.1.3: same Request-URI, one Via equal to the INVITE's top Via, To of the response
    assertThat(ack.uri()).isEqualTo(sent.uri());
    assertThat(ack.vias()).containsExactly(sent.topVia().orElseThrow());
    assertThat(ack.to()).isEqualTo(busy.to());
    assertThat(ack.from()).isEqualTo(sent.from());
    assertThat(ack.callId()).isEqualTo(sent.callId());
    assertThat(ack.cseq().orElseThrow().sequence()).isEqualTo(1);
    assertThat(ack.cseq().orElseThrow().method()).isEqualTo(SipMethod.ACK);
    assertThat(ackSent.flow()).isEqualTo(f.sender.sent.get(0).flow());

    f.receive(busy);
    f.receive(busy);
    assertThat(f.sender.methods()).containsExactly("INVITE", "ACK", "ACK", "ACK");
    assertThat(listener.finals).hasSize(1);
    assertThat(f.layer.counters().retransmissionsAbsorbed()).isEqualTo(2);
    f.advance(Duration.ofMillis(31_999));
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    f.advanceMillis(1);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED); // Timer D = 32 s on UDP
  }

  @Test
  void timerDIsZeroOverReliableTransport() {
    ClientTransaction t = invite(Transport.TCP);
    f.receive(Fixture.response(f.sender.requests().get(0), 603), Transport.TCP);
    assertThat(f.sender.methods()).containsExactly("INVITE", "ACK");
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
  }

  @Test
  void transportErrorGivesTheTuA503() {
    f.sender.failing = true;
    ClientTransaction t = invite(Transport.TCP);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(listener.transportErrors).singleElement().extracting(SipResponse::status).isEqualTo(503);
    assertThat(t.response().toCompletableFuture().getNow(null).status()).isEqualTo(503);
    assertThat(f.layer.counters().of(TransactionKind.INVITE_CLIENT).transportErrors()).isEqualTo(1);
  }

  @Test
  void cancelWaitsForAProvisionalResponse() {
    ClientTransaction t = invite(Transport.UDP);
    SipRequest sent = f.sender.requests().get(0);
    t.cancel();
    assertThat(f.sender.methods()).containsExactly("INVITE"); // §9.1: not before a provisional
    f.receive(Fixture.response(sent, 180));
    assertThat(f.sender.methods()).containsExactly("INVITE", "CANCEL");
    SipRequest cancel = f.sender.requests().get(1);
    assertThat(cancel.vias()).containsExactly(sent.topVia().orElseThrow());
    assertThat(cancel.uri()).isEqualTo(sent.uri());
    assertThat(cancel.to()).isEqualTo(sent.to());
    assertThat(cancel.from()).isEqualTo(sent.from());
    assertThat(cancel.cseq().orElseThrow().sequence()).isEqualTo(1);
    assertThat(cancel.cseq().orElseThrow().method()).isEqualTo(SipMethod.CANCEL);
    ClientTransaction ct = t.cancelTransaction().orElseThrow();
    assertThat(ct.kind()).isEqualTo(TransactionKind.NON_INVITE_CLIENT);

    // the CANCEL's 200 goes to the CANCEL transaction, the 487 to the INVITE (§17.1.3: CSeq method)
    f.receive(Fixture.response(cancel, 200));
    assertThat(ct.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(t.state()).isEqualTo(TransactionState.PROCEEDING);
    f.receive(Fixture.response(sent, 487));
    assertThat(listener.finals).extracting(SipResponse::status).containsExactly(487);
    assertThat(f.sender.methods()).containsExactly("INVITE", "CANCEL", "ACK");
  }

  @Test
  void cancelAfterFinalResponseSendsNothing() {
    ClientTransaction t = invite(Transport.UDP);
    f.receive(Fixture.response(f.sender.requests().get(0), 200));
    t.cancel();
    assertThat(f.sender.methods()).containsExactly("INVITE");
    assertThat(t.cancelTransaction()).isEmpty();
  }

  @Test
  void inviteWithoutFinalResponse64T1AfterCancelTimesOut() {
    ClientTransaction t = invite(Transport.UDP);
    SipRequest sent = f.sender.requests().get(0);
    f.receive(Fixture.response(sent, 180));
    t.cancel();
    f.receive(Fixture.response(f.sender.requests().get(1), 200));
    f.advance(Duration.ofMillis(31_999));
    assertThat(listener.timeouts).isEmpty();
    f.advanceMillis(1);
    assertThat(listener.timeouts).singleElement().extracting(SipResponse::status).isEqualTo(408);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
  }
}
