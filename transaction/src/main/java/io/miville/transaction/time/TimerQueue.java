package io.miville.transaction.time;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by deadline, then by the order they were scheduled. Each
 * entry knows its slot, so that cancelling is O(log n) and leaves nothing behind: a lane that
 * creates and cancels a timer per transaction does not pile up dead entries. Not thread-safe: one
 * lane (or one test thread) owns it.
 */
final class TimerQueue {

  /** One timer; {@code owner} is what fires it (a lane), for {@link ManualTime}. */
  static final class Entry implements TimerHandle {
    final long deadline;
    final long sequence;
    final Runnable task;
    final Object owner;
    private TimerQueue queue;
    private int slot = -1;
    private boolean cancelled;

    Entry(long deadline, long sequence, Runnable task, Object owner) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.task = task;
      this.owner = owner;
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      if (slot >= 0) {
        queue.removeAt(slot);
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    boolean before(Entry o) {
      return deadline != o.deadline ? deadline - o.deadline < 0 : sequence < o.sequence;
    }
  }

  private Entry[] heap = new Entry[64];
  private int size;
  private long sequence;

  Entry add(long deadline, Runnable task, Object owner) {
    Entry e = new Entry(deadline, sequence++, task, owner);
    e.queue = this;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = e;
    e.slot = size;
    size++;
    siftUp(e.slot);
    return e;
  }

  int size() {
    return size;
  }

  /** The earliest entry, or null. */
  Entry peek() {
    return size == 0 ? null : heap[0];
  }

  /** Removes and returns the earliest entry, or null. */
  Entry poll() {
    if (size == 0) {
      return null;
    }
    Entry first = heap[0];
    removeAt(0);
    return first;
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].slot = -1;
      heap[i] = null;
    }
    size = 0;
  }

  private void removeAt(int i) {
    Entry gone = heap[i];
    gone.slot = -1;
    size--;
    if (i == size) {
      heap[size] = null;
      return;
    }
    Entry last = heap[size];
    heap[size] = null;
    heap[i] = last;
    last.slot = i;
    siftDown(i);
    if (heap[i] == last) {
      siftUp(i);
    }
  }

  private void siftUp(int i) {
    Entry e = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Entry p = heap[parent];
      if (!e.before(p)) {
        break;
      }
      heap[i] = p;
      p.slot = i;
      i = parent;
    }
    heap[i] = e;
    e.slot = i;
  }

  private void siftDown(int i) {
    Entry e = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right].before(heap[child])) {
        child = right;
      }
      if (!heap[child].before(e)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].slot = i;
      i = child;
    }
    heap[i] = e;
    e.slot = i;
  }
}
