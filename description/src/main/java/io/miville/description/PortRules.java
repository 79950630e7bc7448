package io.miville.description;

/**
 * The port rules of RFC 1 for streams a Miville agent receives: each stream takes a block of
 * ten ports starting at its base {@code n} (RTP on {@code n}, RTCP on {@code n + 1}, spare
 * service ports up to {@code n + 9}); bases are at least 10000 and the whole block must fit
 * below 65536, so the highest base is 65526; blocks on one address must not overlap, so bases
 * on one address are at least ten apart.
 */
public final class PortRules {
  private PortRules() {}

  /** Lowest port base. */
  public static final int MIN_BASE = 10000;
  /** Ports in a block. */
  public static final int BLOCK_SIZE = 10;
  /** Highest port base: the block of ten must end at 65535 at most. */
  public static final int MAX_BASE = 65535 - BLOCK_SIZE + 1;

  /** True if {@code base} is a valid RFC 1 port base. */
  public static boolean isValidBase(int base) {
    return base >= MIN_BASE && base <= MAX_BASE;
  }

  /** True if the blocks starting at {@code a} and {@code b} share a port. */
  public static boolean overlap(int a, int b) {
    return Math.abs(a - b) < BLOCK_SIZE;
  }

  /** The RTP port of a block. */
  public static int rtpPort(int base) {
    return base;
  }

  /** The RTCP port of a block. */
  public static int rtcpPort(int base) {
    return base + 1;
  }
}
