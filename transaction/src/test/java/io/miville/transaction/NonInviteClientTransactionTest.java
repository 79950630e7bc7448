package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transport.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2: Trying, Proceeding, Completed, Terminated; Timers E, F, K. */
class NonInviteClientTransactionTest {
  private final Fixture f = new Fixture();
  private final RecordingListener listener = new RecordingListener();

  private ClientTransaction options(Transport transport) {
    return f.layer.sendRequest(Fixture.outgoing("OPTIONS", "call-2"), transport, Fixture.REMOTE, listener);
  }

  @Test
  void timerEDoublesUpToT2ThenTimerFTimesOutWith408() {
    long start = f.time.nanos();
    ClientTransaction t = options(Transport.UDP);
    assertThat(t.state()).isEqualTo(TransactionState.TRYING);
    f.advance(Duration.ofMillis(31_999));
    assertThat(t.state()).isEqualTo(TransactionState.TRYING);
    f.advanceMillis(1);
    // E: T1, 2T1, 4T1, then T2 = 4 s each time (§17.1.2.2)
    assertThat(f.sender.timesMillis(m -> true, start))
        .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(listener.timeouts).singleElement().extracting(SipResponse::status).isEqualTo(408);
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_CLIENT).timedOut()).isEqualTo(1);
  }

  @Test
  void inProceedingTimerEUsesT2AndTimerFStillFires() {
    long start = f.time.nanos();
    ClientTransaction t = options(Transport.UDP);
    f.advanceMillis(600); // retransmitted at 500, next due at 1500
    f.receive(Fixture.response(f.sender.requests().get(0), 180));
    assertThat(t.state()).isEqualTo(TransactionState.PROCEEDING);
    assertThat(listener.provisional).hasSize(1);
    f.advance(Duration.ofMillis(9_400)); // to 10 s
    // fired at 1500 with the interval reset to T2: 5500, 9500 (§17.1.2.2)
    assertThat(f.sender.timesMillis(m -> true, start)).containsExactly(0L, 500L, 1500L, 5500L, 9500L);
    f.advance(Duration.ofSeconds(22));
    assertThat(listener.timeouts).hasSize(1); // Timer F also in Proceeding
  }

  @Test
  void finalResponseCompletesAndTimerKAbsorbsRetransmissionsForT4() {
    ClientTransaction t = options(Transport.UDP);
    SipRequest sent = f.sender.requests().get(0);
    SipResponse ok = Fixture.response(sent, 200);
    f.receive(ok);
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(listener.finals).containsExactly(ok);
    f.receive(ok);
    f.receive(Fixture.response(sent, 180));
    assertThat(listener.finals).hasSize(1);
    assertThat(listener.provisional).isEmpty();
    assertThat(f.layer.counters().retransmissionsAbsorbed()).isEqualTo(2);
    f.advance(Duration.ofSeconds(10));
    assertThat(f.sender.requests()).hasSize(1); // no retransmission after the final response
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
  }

  @Test
  void timerKIsExactlyT4() {
    ClientTransaction t = options(Transport.UDP);
    f.receive(Fixture.response(f.sender.requests().get(0), 404));
    f.advance(Duration.ofMillis(4_999));
    assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
    f.advanceMillis(1);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(f.layer.counters().of(TransactionKind.NON_INVITE_CLIENT).completed()).isEqualTo(1);
  }

  @Test
  void reliableTransportNoRetransmissionsAndTimerKZero() {
    ClientTransaction t = options(Transport.TCP);
    f.advance(Duration.ofSeconds(20));
    assertThat(f.sender.requests()).hasSize(1);
    f.receive(Fixture.response(f.sender.requests().get(0), 200), Transport.TCP);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(listener.finals).hasSize(1);
  }

  @Test
  void defaultListenerHandsTimeoutToOnFinal() {
    SipResponse[] got = new SipResponse[1];
    f.layer.sendRequest(Fixture.outgoing("MESSAGE", "call-3"), Transport.UDP, Fixture.REMOTE,
        new ResponseListener() {
          @Override
          public void onFinal(ClientTransaction transaction, SipResponse response) {
            got[0] = response;
          }
        });
    f.advance(Duration.ofSeconds(33));
    assertThat(got[0].status()).isEqualTo(408);
  }

  @Test
  void retransmissionsUseTheFlowOfTheFirstSend() {
    options(Transport.UDP);
    f.advanceMillis(500);
    assertThat(f.sender.sent).hasSize(2);
    assertThat(f.sender.sent.get(1).flow()).isEqualTo(f.sender.sent.get(0).flow());
  }
}
