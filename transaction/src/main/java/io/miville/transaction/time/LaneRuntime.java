package io.miville.transaction.time;

/**
 * Makes lanes and says what time it is: {@link ThreadLanes} in production (one platform thread
 * per lane, {@link System#nanoTime()}), {@link ManualTime} in tests (lanes that run on the
 * caller's thread, time that moves only when the test says so).
 */
public interface LaneRuntime extends AutoCloseable {

  /** A new lane. */
  Lane newLane(String name);

  /** The clock the lanes' timers follow. */
  Ticker ticker();

  /** Stops every lane this runtime made; queued tasks and pending timers are dropped. */
  @Override
  void close();

  /** The production runtime: {@link ThreadLanes#create()}. */
  static LaneRuntime threads() {
    return ThreadLanes.create();
  }
}
