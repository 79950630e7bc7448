package io.miville.codec.sdp;

import java.time.Instant;

/**
 * SDP times (RFC 8866 §5.9): decimal seconds since 1900-01-01 UTC, the NTP epoch. A non-zero
 * time has at least ten digits (RFC 8866 §9 {@code time = POS-DIGIT 9*DIGIT}); {@code 0} in
 * {@code t=} means "unbounded".
 */
public final class SdpTime {
  private SdpTime() {}

  /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
  public static final long NTP_UNIX_OFFSET = 2_208_988_800L;

  /** The smallest non-zero time the grammar allows (ten digits). */
  public static final long MIN_NONZERO = 1_000_000_000L;

  /** The SDP time of an instant, whole seconds. */
  public static long fromInstant(Instant instant) {
    return Math.addExact(instant.getEpochSecond(), NTP_UNIX_OFFSET);
  }

  /** The instant of a non-zero SDP time. */
  public static Instant toInstant(long sdpTime) {
    return Instant.ofEpochSecond(sdpTime - NTP_UNIX_OFFSET);
  }
}
