package io.miville.transaction.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
  private final ManualTime time = ManualTime.create();
  private final ManualTime.ManualLane lane = time.newLane("l0");
  private final List<String> log = new ArrayList<>();

  @Test
  void advanceFiresDueTimersInOrderEachAtItsOwnTime() {
    long start = time.nanos();
    lane.schedule(Duration.ofMillis(300).toNanos(), () -> log.add("b@" + (time.nanos() - start) / 1_000_000));
    lane.schedule(Duration.ofMillis(100).toNanos(), () -> {
      log.add("a@" + (time.nanos() - start) / 1_000_000);
      // scheduled inside the advance and due before its end: fires too
      lane.schedule(Duration.ofMillis(50).toNanos(), () -> log.add("c@" + (time.nanos() - start) / 1_000_000));
    });
    lane.schedule(Duration.ofMillis(300).toNanos(), () -> log.add("d@" + (time.nanos() - start) / 1_000_000));
    time.advance(Duration.ofMillis(299));
    assertThat(log).containsExactly("a@100", "c@150");
    time.advance(Duration.ofMillis(1));
    assertThat(log).containsExactly("a@100", "c@150", "b@300", "d@300");
    assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void cancelledTimersNeverFire() {
    TimerHandle h = lane.schedule(10, () -> log.add("x"));
    h.cancel();
    time.advance(Duration.ofSeconds(1));
    assertThat(log).isEmpty();
    assertThat(time.pendingTimers()).isZero();
  }

  @Test
  void tasksSubmittedFromATaskRunAfterIt() {
    lane.execute(() -> {
      log.add("outer start");
      assertThat(lane.inLane()).isTrue();
      lane.execute(() -> log.add("inner"));
      log.add("outer end");
    });
    assertThat(log).containsExactly("outer start", "outer end", "inner");
    assertThat(lane.inLane()).isFalse();
  }

  @Test
  void pausedLaneQueuesTasksAndDueTimersUntilResumed() {
    TimerHandle cancelledWhileQueued = lane.schedule(5, () -> log.add("cancelled"));
    lane.schedule(10, () -> log.add("timer"));
    lane.pause();
    lane.execute(() -> log.add("task"));
    time.advance(Duration.ofMillis(1));
    assertThat(log).isEmpty();
    assertThat(lane.depth()).isEqualTo(3);
    cancelledWhileQueued.cancel();
    lane.resume();
    assertThat(log).containsExactly("task", "timer");
    assertThat(lane.depth()).isZero();
  }
}
