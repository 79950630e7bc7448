package io.miville.codec.sdp;

import java.util.Objects;

/**
 * One pair of a {@code z=} line (RFC 8866 §5.11): from {@code time} on, the repeat times of
 * the enclosing time description are shifted by {@code offset}.
 *
 * @param time when the adjustment applies, NTP seconds (10 digits or more)
 * @param negative true if the offset is written with a minus sign
 * @param offset the size of the shift
 */
public record ZoneAdjustment(long time, boolean negative, TypedTime offset) {
  public ZoneAdjustment {
    Objects.requireNonNull(offset, "offset");
    if (time < SdpTime.MIN_NONZERO) {
      throw new IllegalArgumentException("bad adjustment time");
    }
  }

  @Override
  public String toString() {
    return time + " " + (negative ? "-" : "") + offset;
  }
}
