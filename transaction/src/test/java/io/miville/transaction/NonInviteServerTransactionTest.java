package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transport.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2: Trying, Proceeding, Completed, Terminated; Timer J. */
class NonInviteServerTransactionTest {
  private final Fixture f = new Fixture();
  private final SipRequest options = Fixture.request("OPTIONS", "z9hG4bKopt1", "call-20", 7, null);

  @Test
  void tryingAbsorbsRetransmissionsSilently() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    assertThat(t.state()).isEqualTo(TransactionState.TRYING);
    assertThat(t.kind()).isEqualTo(TransactionKind.NON_INVITE_SERVER);
    f.receive(options);
    f.receive(options);
    assertThat(f.sender.sent).isEmpty(); // no 100 for non-INVITE, nothing to resend yet
    assertThat(f.handler.requests).hasSize(1);
    assertThat(f.layer.counters().retransmissionsAbsorbed()).isEqualTo(2);
  }

  @Test
  void proceedingResendsTheLastProvisional() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    t.respond(183);
    assertThat(t.state()).isEqualTo(TransactionState.PROCEEDING);
    f.receive(options);
    assertThat(f.sender.statuses()).containsExactly(183, 183);
  }

  @Test
  void completedResendsTheFinalResponseUntilTimerJ() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    t.respond(200);
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    f.receive(options);
    assertThat(f.sender.statuses()).containsExactly(200, 200);
    t.respond(500); // a second final response from the TU is dropped
    assertThat(f.sender.statuses()).containsExactly(200, 200);
    f.advance(Duration.ofSeconds(20));
    assertThat(f.sender.statuses()).hasSize(2); // no timer-driven retransmission for non-INVITE
    f.advance(Duration.ofMillis(11_999));
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    // counted when it terminates, not when its final response goes out
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_SERVER).completed()).isZero();
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_SERVER).live()).isEqualTo(1);
    f.advanceMillis(1); // Timer J = 64*T1 on UDP
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_SERVER).completed()).isEqualTo(1);
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_SERVER).live()).isZero();
    // after J the same request is new again
    f.receive(options);
    assertThat(f.handler.requests).hasSize(2);
  }

  @Test
  void aCompletedTransactionStillGivesItsRequestAndResponseAndResendsTheSameBytes() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    t.respond(t.responseBuilder(200).header("Warning", "399 here \"kept\"").build());
    SipResponse sent = f.sender.responses().get(0);
    // waiting for Timer J, the transaction keeps bytes only; what it gives back is equal
    assertThat(t.request()).isEqualTo(options);
    assertThat(t.lastResponse()).contains(sent);
    f.receive(options);
    assertThat(f.sender.responses()).hasSize(2);
    assertThat(f.sender.responses().get(1).encode()).isEqualTo(sent.encode());
    assertThat(t.responseBuilder(500).build().toTag()).contains(t.localTag());
  }

  @Test
  void aResponseTheCodecCouldNotReadBackIsKeptAsItIsAndResentUnchanged() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    // a TU may set a header value the parser would refuse in a SIP/2.0 message
    t.respond(t.responseBuilder(200).header("Warning", "Turbulence").build());
    SipResponse sent = f.sender.responses().get(0);
    assertThat(t.lastResponse()).contains(sent);
    f.receive(options);
    assertThat(f.sender.responses()).hasSize(2);
    assertThat(f.sender.responses().get(1).encode()).isEqualTo(sent.encode());
  }

  @Test
  void reliableTransportTimerJIsZero() {
    f.receive(options, Transport.TCP);
    ServerTransaction t = f.handler.last();
    t.respond(200);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_SERVER).completed()).isEqualTo(1);
  }

  @Test
  void finalResponseCarriesTheLocalTagAndTheRequestsHeaders() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    t.respond(200);
    var r = f.sender.responses().get(0);
    assertThat(r.toTag()).contains(t.localTag());
    assertThat(r.callId()).isEqualTo(options.callId());
    assertThat(r.cseq()).isEqualTo(options.cseq());
    assertThat(r.vias()).isEqualTo(options.vias());
  }

  @Test
  void inDialogRequestKeepsItsToTag() {
    SipRequest bye = Fixture.request("BYE", "z9hG4bKbye1", "call-20", 8, "b2");
    f.receive(bye);
    ServerTransaction t = f.handler.last();
    assertThat(t.localTag()).isEqualTo("b2");
    t.respond(200);
    assertThat(f.sender.responses().get(0).toTag()).contains("b2");
  }

  @Test
  void unansweredRequestEndsAfter64T1() {
    f.receive(options);
    ServerTransaction t = f.handler.last();
    f.advance(Duration.ofSeconds(32));
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.handler.timeouts).containsExactly(t);
    t.respond(200);
    assertThat(f.sender.sent).isEmpty();
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_SERVER).timedOut()).isEqualTo(1);
  }

  @Test
  void throwingHandlerGets500() {
    f.handler.onRequest = t -> {
      throw new IllegalStateException("bug in the TU");
    };
    f.receive(options);
    assertThat(f.sender.statuses()).containsExactly(500);
  }

  @Test
  void noHandlerRegisteredAnswers503() {
    Fixture bare = new Fixture(b -> b.requestHandler(txn -> txn.respond(503)));
    bare.receive(options);
    assertThat(bare.sender.statuses()).containsExactly(503);
  }

  @Test
  void cseqMethodMismatchGets400WithoutTheTu() {
    // the parser refuses this; a message built in memory (or by a lenient transport) may not
    SipRequest bad = options.toBuilder()
        .set(io.miville.codec.header.SipHeaders.CSEQ, new io.miville.codec.header.CSeq(7, io.miville.codec.SipMethod.INFO))
        .build();
    f.receive(bad);
    assertThat(f.sender.statuses()).containsExactly(400);
    assertThat(f.handler.requests).isEmpty();
  }

  @Test
  void offloadRunsWorkElsewhereAndRespondsOnTheLane() {
    java.util.List<Boolean> onLane = new java.util.ArrayList<>();
    f.handler.onRequest = t -> t.offload(() -> "looked up", (value, error) -> {
      onLane.add(t.lane().inLane());
      t.respond(value.equals("looked up") ? 200 : 500);
    });
    f.receive(options);
    assertThat(onLane).containsExactly(true);
    assertThat(f.sender.statuses()).containsExactly(200);
  }
}
