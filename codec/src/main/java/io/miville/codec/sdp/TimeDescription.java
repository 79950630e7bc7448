package io.miville.codec.sdp;

import java.util.List;

/**
 * A time description (RFC 8866 §5.9–§5.11): a {@code t=} line, its {@code r=} lines, and the
 * {@code z=} line that may follow them.
 *
 * <p>RFC 8866 §9 ties {@code z=} to repeat times: a {@code z=} line with no {@code r=} line
 * before it is a syntax error there, and it is refused here.
 *
 * @param start start time in NTP seconds, or 0
 * @param stop stop time in NTP seconds, or 0 for unbounded
 * @param repeats the {@code r=} lines
 * @param zoneAdjustments the pairs of the {@code z=} line, empty if there is none
 */
public record TimeDescription(
    long start, long stop, List<RepeatTime> repeats, List<ZoneAdjustment> zoneAdjustments) {

  /** {@code t=0 0}: a session without time bounds, what RFC 3264 §5 asks for in offers. */
  public static final TimeDescription UNBOUNDED = new TimeDescription(0, 0, List.of(), List.of());

  public TimeDescription {
    checkTime(start, "bad start time");
    checkTime(stop, "bad stop time");
    repeats = List.copyOf(repeats);
    zoneAdjustments = List.copyOf(zoneAdjustments);
    if (!zoneAdjustments.isEmpty() && repeats.isEmpty()) {
      throw new IllegalArgumentException("z= without r=");
    }
  }

  private static void checkTime(long t, String reason) {
    if (t != 0 && t < SdpTime.MIN_NONZERO) {
      throw new IllegalArgumentException(reason);
    }
  }

  /** {@code t=<start> <stop>} without repeats. */
  public static TimeDescription of(long start, long stop) {
    return new TimeDescription(start, stop, List.of(), List.of());
  }

  /** The text after {@code t=}. */
  public String timeField() {
    return start + " " + stop;
  }
}
