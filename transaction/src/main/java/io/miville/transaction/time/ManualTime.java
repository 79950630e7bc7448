package io.miville.transaction.time;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Time that moves only when a test says so, and lanes that run on the test's own thread: the
 * {@link LaneRuntime} for deterministic tests of this layer and of the layers above it.
 *
 * <p>{@link #advance(Duration)} moves the clock forward, firing every timer that falls due on the
 * way, in deadline order (ties in scheduling order), each at its own instant: a timer that
 * schedules another timer inside the same advance sees it fire too. A lane runs each task at
 * once, on the thread that submitted it, unless it is already running one (the new task is then
 * queued behind it, as on a real lane) or it is {@linkplain ManualLane#pause() paused} (tasks
 * pile up in its queue, which is how tests drive a lane past its overload marks).
 *
 * <p>Not thread-safe: one test thread drives everything.
 */
public final class ManualTime implements LaneRuntime, Ticker {
  private final TimerQueue timers = new TimerQueue();
  private final List<ManualLane> lanes = new ArrayList<>();
  private long now;

  private ManualTime(long start) {
    this.now = start;
  }

  /** A clock at an arbitrary non-zero reading, so that code never relies on time starting at 0. */
  public static ManualTime create() {
    return new ManualTime(1_000_000_000L);
  }

  @Override
  public long nanos() {
    return now;
  }

  @Override
  public Ticker ticker() {
    return this;
  }

  /** Time elapsed since this clock was created. */
  public Duration elapsed() {
    return Duration.ofNanos(now - 1_000_000_000L);
  }

  /** Moves time forward by {@code amount}, firing every timer due by then in order. */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    long target = now + amount.toNanos();
    TimerQueue.Entry e;
    while ((e = timers.peek()) != null && e.deadline - target <= 0) {
      timers.poll();
      now = Math.max(now, e.deadline);
      fire(e);
    }
    now = target;
  }

  /** Advances in steps of {@code step} until {@code total} has passed; handy with paused lanes. */
  public void advance(Duration total, Duration step) {
    long left = total.toNanos();
    while (left > 0) {
      long s = Math.min(left, step.toNanos());
      advance(Duration.ofNanos(s));
      left -= s;
    }
  }

  /** How many timers are pending (cancelled ones are gone at once). */
  public int pendingTimers() {
    return timers.size();
  }

  /**
   * Runs {@code task} on the test thread after {@code delay}, outside any lane: for fakes such
   * as a lossy network that delays packets.
   */
  public TimerHandle schedule(Duration delay, Runnable task) {
    return timers.add(now + Math.max(0, delay.toNanos()), task, null);
  }

  @Override
  public ManualLane newLane(String name) {
    ManualLane lane = new ManualLane(name);
    lanes.add(lane);
    return lane;
  }

  /** The lanes made so far, in order. */
  public List<ManualLane> lanes() {
    return List.copyOf(lanes);
  }

  @Override
  public void close() {
    timers.clear();
    for (ManualLane lane : lanes) {
      lane.queue.clear();
    }
  }

  private void fire(TimerQueue.Entry e) {
    if (e.owner instanceof ManualLane lane) {
      // queued on a paused lane, a timer may be cancelled before it runs
      lane.execute(() -> {
        if (!e.isCancelled()) {
          e.task.run();
        }
      });
    } else {
      e.task.run();
    }
  }

  /** A lane that runs tasks on the calling thread; see {@link ManualTime}. */
  public final class ManualLane implements Lane {
    private final String name;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean paused;

    private ManualLane(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void execute(Runnable task) {
      queue.add(Objects.requireNonNull(task, "task"));
      if (!running && !paused) {
        drain();
      }
    }

    @Override
    public int depth() {
      return queue.size();
    }

    @Override
    public boolean inLane() {
      return running;
    }

    @Override
    public TimerHandle schedule(long delayNanos, Runnable task) {
      return timers.add(now + Math.max(0, delayNanos), task, this);
    }

    @Override
    public Ticker ticker() {
      return ManualTime.this;
    }

    /** Stops running tasks: they queue up until {@link #resume()}. Timers that fall due queue too. */
    public void pause() {
      paused = true;
    }

    /** Runs everything queued while paused, then runs tasks at once again. */
    public void resume() {
      paused = false;
      if (!running) {
        drain();
      }
    }

    public boolean isPaused() {
      return paused;
    }

    private void drain() {
      running = true;
      try {
        Runnable task;
        while (!paused && (task = queue.poll()) != null) {
          task.run(); // failures reach the test: a lane task must not throw
        }
      } finally {
        running = false;
      }
    }
  }
}
