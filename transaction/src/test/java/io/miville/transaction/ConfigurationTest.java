package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipResponse;
import io.miville.transport.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

  @Test
  void timersFollowTheConfiguredT1T2T4() {
    TimerConfig fast = TimerConfig.of(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(700));
    Fixture f = new Fixture(b -> b.timers(fast));
    long start = f.time.nanos();
    RecordingListener l = new RecordingListener();
    ClientTransaction t = f.layer.sendRequest(Fixture.outgoing("OPTIONS", "cfg-1"), Transport.UDP, Fixture.REMOTE, l);
    f.advance(Duration.ofMillis(6_399));
    assertThat(f.sender.timesMillis(m -> true, start))
        .startsWith(0L, 100L, 300L, 700L, 1500L, 2500L, 3500L); // E doubles from T1, capped at T2
    assertThat(l.timeouts).isEmpty();
    f.advanceMillis(1); // F = 64*T1 = 6.4 s
    assertThat(l.timeouts).singleElement().extracting(SipResponse::status).isEqualTo(408);

    ClientTransaction u = f.layer.sendRequest(Fixture.outgoing("OPTIONS", "cfg-2"), Transport.UDP, Fixture.REMOTE, l);
    f.receive(Fixture.response(u.request(), 200));
    f.advance(Duration.ofMillis(699));
    assertThat(u.state()).isEqualTo(TransactionState.COMPLETED);
    f.advanceMillis(1); // K = T4
    assertThat(u.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(fast.timeout()).isEqualTo(Duration.ofMillis(6_400));
    assertThat(TimerConfig.DEFAULT.t1()).isEqualTo(Duration.ofMillis(500));
    assertThat(TimerConfig.DEFAULT.t2()).isEqualTo(Duration.ofSeconds(4));
    assertThat(TimerConfig.DEFAULT.t4()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void invalidTimersAreRefused() {
    assertThatThrownBy(() -> TimerConfig.of(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimerConfig.of(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendRequestRefusesAckAndNeedsALocalAddressToAddAVia() {
    Fixture f = new Fixture();
    assertThatThrownBy(() -> f.layer.sendRequest(Fixture.outgoing("ACK", "cfg-3"), Transport.UDP, Fixture.REMOTE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.layer.sendRequest(Fixture.outgoing("OPTIONS", "cfg-4"), Transport.TLS, Fixture.REMOTE))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TransactionLayer.builder(f.sender).queueCapacity(10).highWaterMark(11).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callIdsSpreadOverTheLanes() {
    Fixture f = new Fixture(b -> b.lanes(4));
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      used.add(f.layer.laneFor("call-" + i + "@example.com").name());
    }
    assertThat(used).hasSize(4);
    assertThat(f.layer.laneFor("same")).isSameAs(f.layer.laneFor("same"));
  }

  @Test
  void sendRequestOnAnExistingFlowUsesIt() {
    Fixture f = new Fixture();
    io.miville.transport.Flow flow = Fixture.flow(Transport.TCP);
    ClientTransaction t = f.layer.sendRequest(Fixture.outgoing("BYE", "cfg-5"), flow);
    assertThat(f.sender.sent.get(0).flow()).isEqualTo(flow);
    assertThat(t.flow()).contains(flow);
    assertThat(f.sender.requests().get(0).topVia().orElseThrow().transport()).isEqualTo("TCP");
  }
}
