package io.miville.media;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MediaClock} that moves only when a test says so.
 *
 * <p>{@link #advance(Duration)} moves time forward and runs every timer that falls due on the
 * way, in deadline order (ties in scheduling order), each at its own instant and on the calling
 * thread; a timer scheduled by a running timer fires too if it falls due within the advance.
 * Reading the time and scheduling are thread-safe (a receiver thread stamps arrivals with
 * {@link #nanos()}); only one thread should call {@code advance}.
 */
public final class ManualClock implements MediaClock {
  private static final long START = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(START);
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long scheduled;

  private ManualClock() {}

  /** A clock at an arbitrary non-zero reading, so that no code relies on time starting at 0. */
  public static ManualClock create() {
    return new ManualClock();
  }

  @Override
  public long nanos() {
    return now.get();
  }

  /** Time elapsed since this clock was created. */
  public Duration elapsed() {
    return Duration.ofNanos(now.get() - START);
  }

  @Override
  public Cancellable schedule(long delayNanos, Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (timers) {
      Timer timer = new Timer(now.get() + Math.max(0, delayNanos), scheduled++, task);
      timers.add(timer);
      return () -> {
        synchronized (timers) {
          timers.remove(timer);
        }
      };
    }
  }

  /** Moves time forward by {@code amount}, running every timer due by then, in order. */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    long target = now.get() + amount.toNanos();
    while (true) {
      Timer due;
      synchronized (timers) {
        due = timers.peek();
        if (due == null || due.deadline - target > 0) {
          break;
        }
        timers.poll();
      }
      // tasks run outside the lock: they may schedule, and other threads may read the time
      now.accumulateAndGet(due.deadline, Math::max);
      due.task.run();
    }
    now.set(target);
  }

  /** How many timers are waiting (cancelled ones leave at once). */
  public int pendingTimers() {
    synchronized (timers) {
      return timers.size();
    }
  }

  private record Timer(long deadline, long order, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byDeadline = Long.compare(deadline - other.deadline, 0);
      return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
    }
  }
}
