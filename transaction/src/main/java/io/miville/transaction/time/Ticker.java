package io.miville.transaction.time;

/**
 * A monotonic clock in nanoseconds, injected wherever the stack reads time so that timers can be
 * tested with {@link ManualTime}. Only differences between readings mean anything, as with
 * {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

  /** The current reading, in nanoseconds. */
  long nanos();

  /** The production ticker: {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
