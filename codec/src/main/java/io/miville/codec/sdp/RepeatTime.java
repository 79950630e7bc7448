package io.miville.codec.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An {@code r=} line (RFC 8866 §5.10): {@code r=<repeat interval> <active duration> <offsets
 * from start-time>}.
 *
 * @param interval the repeat interval, more than 0
 * @param activeDuration how long each repetition lasts
 * @param offsets one or more offsets from the start time of the enclosing {@code t=} line
 */
public record RepeatTime(TypedTime interval, TypedTime activeDuration, List<TypedTime> offsets) {
  public RepeatTime {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(activeDuration, "activeDuration");
    offsets = List.copyOf(offsets);
    if (interval.amount() == 0) {
      throw new IllegalArgumentException("zero repeat interval");
    }
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("r= needs an offset");
    }
  }

  /**
   * Parses the value of an {@code r=} line.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static RepeatTime parse(String value) {
    String[] f = SdpParser.fields(value, 3, Integer.MAX_VALUE, "r= needs three fields or more");
    // repeat-interval = POS-DIGIT *DIGIT [fixed-len-time-unit]
    if (f[0].charAt(0) == '0') {
      throw new IllegalArgumentException("bad repeat interval");
    }
    TypedTime[] offsets = new TypedTime[f.length - 2];
    for (int i = 2; i < f.length; i++) {
      offsets[i - 2] = TypedTime.parse(f[i]);
    }
    return new RepeatTime(TypedTime.parse(f[0]), TypedTime.parse(f[1]), List.of(offsets));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(interval).append(' ').append(activeDuration);
    offsets.forEach(o -> b.append(' ').append(o));
    return b.toString();
  }
}
