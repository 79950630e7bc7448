package io.miville.media;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Time for the media engine: a monotonic reading in nanoseconds and one-shot timers on the same
 * clock. Senders pace their frames with it, receivers stamp arrivals with it (RFC 3550 §6.4.1
 * jitter), and sinks measure their no-packet timeout with it. Production uses {@link #system()};
 * tests use {@link ManualClock}, so that pacing and timeouts need no sleeps.
 *
 * <p>Timer tasks must be short and must not block: in production they share one thread.
 */
public interface MediaClock {

  /** The current reading in nanoseconds; only differences between readings mean anything. */
  long nanos();

  /** Runs {@code task} once, {@code delayNanos} from now (at once or soon if not positive). */
  Cancellable schedule(long delayNanos, Runnable task);

  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Stops the task from running if it has not run yet; harmless otherwise. */
    void cancel();
  }

  /**
   * The production clock: {@link System#nanoTime()} and one shared daemon timer thread named
   * {@code miville-media-clock}.
   */
  static MediaClock system() {
    return SystemClock.INSTANCE;
  }

  /** Real time with timers on the given executor (which the caller owns and shuts down). */
  static MediaClock of(ScheduledExecutorService executor) {
    return new ExecutorClock(Objects.requireNonNull(executor, "executor"));
  }

  /** {@link System#nanoTime()} with timers on a scheduled executor. */
  final class ExecutorClock implements MediaClock {
    private static final System.Logger LOG = System.getLogger(MediaClock.class.getName());
    private final ScheduledExecutorService executor;

    private ExecutorClock(ScheduledExecutorService executor) {
      this.executor = executor;
    }

    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
      Objects.requireNonNull(task, "task");
      ScheduledFuture<?> future = executor.schedule(() -> {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          // a failing task must not go unnoticed inside its future
          LOG.log(System.Logger.Level.WARNING, "media timer task failed", e);
        }
      }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }
  }

  /** Holder of the lazily created shared production clock. */
  final class SystemClock {
    private static final MediaClock INSTANCE = create();

    private SystemClock() {}

    private static MediaClock create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "miville-media-clock");
        thread.setDaemon(true);
        return thread;
      });
      // cancelled pacing timers leave the queue at once instead of piling up
      executor.setRemoveOnCancelPolicy(true);
      return new ExecutorClock(executor);
    }
  }
}
