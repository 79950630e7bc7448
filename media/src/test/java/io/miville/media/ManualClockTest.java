package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void timersFireInDeadlineOrderAtTheirOwnInstant() {
    ManualClock clock = ManualClock.create();
    long start = clock.nanos();
    List<String> fired = new ArrayList<>();
    clock.schedule(30, () -> fired.add("c@" + (clock.nanos() - start)));
    clock.schedule(10, () -> fired.add("a@" + (clock.nanos() - start)));
    clock.schedule(10, () -> fired.add("b@" + (clock.nanos() - start)));
    clock.schedule(10, () -> clock.schedule(5, () -> fired.add("nested@" + (clock.nanos() - start))));
    MediaClock.Cancellable cancelled = clock.schedule(20, () -> fired.add("cancelled"));
    cancelled.cancel();

    clock.advance(Duration.ofNanos(29));
    assertThat(fired).containsExactly("a@10", "b@10", "nested@15");
    assertThat(clock.nanos() - start).isEqualTo(29);
    clock.advance(Duration.ofNanos(1));
    assertThat(fired).endsWith("c@30");
    assertThat(clock.pendingTimers()).isZero();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofNanos(30));
    assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
