package io.miville.media;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether a sender really puts a packet on the wire: the hook for fault injection. A
 * packet that does not pass has still used its sequence number, so the receiver sees it as lost
 * (RFC 3550 §A.3).
 *
 * <p>Called on the sender's timer thread, one packet at a time.
 */
@FunctionalInterface
public interface PacketFilter {

  /** Whether to send {@code packet}. */
  boolean pass(RtpPacket packet);

  /** Sends everything (the default). */
  static PacketFilter all() {
    return packet -> true;
  }

  /** Drops the k-th, 2k-th, 3k-th ... packet offered to this filter (counting from 1). */
  static PacketFilter dropEvery(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive, not " + k);
    }
    AtomicLong offered = new AtomicLong();
    return packet -> offered.incrementAndGet() % k != 0;
  }
}
