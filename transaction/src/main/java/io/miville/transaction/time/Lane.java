package io.miville.transaction.time;

import java.util.concurrent.Executor;

/**
 * One single-threaded lane of execution (see docs/concurrency.md): tasks run one at a time, in
 * the order they were submitted, and the lane's timers fire on the lane too, so that state owned
 * by a lane needs no locks.
 *
 * <p>{@link #execute(Runnable)} never refuses a task: admission control (the bounded inbound
 * queue, 503 under overload) is the caller's job, done by reading {@link #depth()} first.
 */
public interface Lane extends Executor {

  /** A short name for logs and thread names. */
  String name();

  /** Queues {@code task} to run on the lane after the tasks already queued. Any thread may call it. */
  @Override
  void execute(Runnable task);

  /** How many tasks wait in the queue; any thread may read it (an estimate while others submit). */
  int depth();

  /** True if the calling thread is this lane running one of its tasks or timers. */
  boolean inLane();

  /**
   * Runs {@code task} on this lane after {@code delayNanos} (at once, but still queued, if it is
   * zero or negative). Call it from the lane; the handle must be cancelled from the lane too.
   */
  TimerHandle schedule(long delayNanos, Runnable task);

  /** The clock this lane's timers follow. */
  Ticker ticker();
}
