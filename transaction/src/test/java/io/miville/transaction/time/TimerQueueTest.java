package io.miville.transaction.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TimerQueueTest {

  /** Random adds and cancels: the heap pops exactly the live entries, by deadline then by order. */
  @Property(tries = 200)
  void pollsLiveEntriesInDeadlineThenInsertionOrder(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 50) Integer> deadlines,
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 199) Integer> cancels) {
    TimerQueue q = new TimerQueue();
    List<TimerQueue.Entry> live = new ArrayList<>();
    List<TimerQueue.Entry> all = new ArrayList<>();
    for (int d : deadlines) {
      TimerQueue.Entry e = q.add(d, () -> {}, null);
      all.add(e);
      live.add(e);
    }
    for (int c : cancels) {
      if (c < all.size()) {
        all.get(c).cancel();
        live.remove(all.get(c));
      }
    }
    assertThat(q.size()).isEqualTo(live.size());
    live.sort(Comparator.<TimerQueue.Entry>comparingLong(e -> e.deadline).thenComparingLong(e -> e.sequence));
    List<TimerQueue.Entry> polled = new ArrayList<>();
    TimerQueue.Entry e;
    while ((e = q.poll()) != null) {
      polled.add(e);
    }
    assertThat(polled).containsExactlyElementsOf(live);
  }

  @Property(tries = 50)
  void cancellingAPolledEntryDoesNothing(@ForAll @IntRange(min = 1, max = 30) int n) {
    TimerQueue q = new TimerQueue();
    for (int i = 0; i < n; i++) {
      q.add(i, () -> {}, null);
    }
    TimerQueue.Entry first = q.poll();
    first.cancel();
    first.cancel();
    assertThat(q.size()).isEqualTo(n - 1);
    assertThat(first.isCancelled()).isTrue();
  }
}
