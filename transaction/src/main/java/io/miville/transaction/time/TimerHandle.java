package io.miville.transaction.time;

/** A timer scheduled on a {@link Lane}; cancel it from the lane that owns it. */
public interface TimerHandle {

  /** Stops the timer if it has not fired yet; calling it again, or after firing, does nothing. */
  void cancel();

  /** True once {@link #cancel()} was called. */
  boolean isCancelled();

  /** A handle for "no timer", so that fields never hold null. */
  TimerHandle NONE = new TimerHandle() {
    @Override
    public void cancel() {}

    @Override
    public boolean isCancelled() {
      return true;
    }
  };
}
