package io.miville.transaction.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadLanesTest {

  @Test
  void tasksRunInOrderOnTheLaneThread() throws Exception {
    try (ThreadLanes runtime = ThreadLanes.create()) {
      Lane lane = runtime.newLane("test-lane-0");
      List<Integer> seen = new CopyOnWriteArrayList<>();
      List<String> threads = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      for (int i = 0; i < 1000; i++) {
        int n = i;
        lane.execute(() -> {
          seen.add(n);
          threads.add(Thread.currentThread().getName());
        });
      }
      lane.execute(done::countDown);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).hasSize(1000).isSorted();
      assertThat(threads).containsOnly("test-lane-0");
    }
  }

  @Test
  void timersFireOnTheLaneAfterTheirDelayInDeadlineOrder() throws Exception {
    try (ThreadLanes runtime = ThreadLanes.create()) {
      Lane lane = runtime.newLane("test-lane-1");
      List<String> fired = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(2);
      long[] scheduledAt = new long[1];
      long[] firedAt = new long[2];
      lane.execute(() -> {
        scheduledAt[0] = System.nanoTime();
        lane.schedule(TimeUnit.MILLISECONDS.toNanos(60), () -> {
          firedAt[1] = System.nanoTime();
          fired.add("late:" + lane.inLane());
          done.countDown();
        });
        lane.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> {
          firedAt[0] = System.nanoTime();
          fired.add("early:" + lane.inLane());
          done.countDown();
        });
        TimerHandle never = lane.schedule(TimeUnit.MILLISECONDS.toNanos(30), () -> fired.add("cancelled"));
        never.cancel();
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).containsExactly("early:true", "late:true");
      assertThat(firedAt[0] - scheduledAt[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
      assertThat(firedAt[1] - scheduledAt[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
    }
  }

  @Test
  void schedulingOffTheLaneIsRefused() {
    try (ThreadLanes runtime = ThreadLanes.create()) {
      Lane lane = runtime.newLane("test-lane-2");
      assertThatThrownBy(() -> lane.schedule(1, () -> {})).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aFailingTaskDoesNotKillTheLane() throws Exception {
    try (ThreadLanes runtime = ThreadLanes.create()) {
      Lane lane = runtime.newLane("test-lane-3");
      AtomicReference<String> after = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      lane.execute(() -> {
        throw new IllegalStateException("expected in this test");
      });
      lane.execute(() -> {
        after.set("still running");
        done.countDown();
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(after.get()).isEqualTo("still running");
    }
  }
}
