package io.miville.media;

/**
 * Hears of a {@link MediaStream}'s state changes, one at a time and in order, never while the
 * stream's lock is held. Called on whatever thread caused the change (the receiver thread, the
 * clock's timer thread, or the caller of {@code start}/{@code stop}/{@code enabled}); must be
 * quick and must not block. It may call back into the stream.
 */
@FunctionalInterface
public interface StreamStateListener {

  /** The stream went from {@code previous} to {@code current}. */
  void onStateChange(MediaStream stream, StreamState previous, StreamState current);
}
