package io.miville.codec.sdp;

import java.util.Objects;

/**
 * A typed time of {@code r=} and {@code z=} lines (RFC 8866 §5.10, §9): a number with an
 * optional unit, {@code 7d}, {@code 1h}, {@code 25m}, {@code 30s} or plain seconds {@code 3600}.
 * The unit is kept so that a description writes back as it was read.
 *
 * @param amount the number, 0 or more
 * @param unit the unit letter as written, or {@link Unit#NONE}
 */
public record TypedTime(long amount, Unit unit) {
  /** fixed-len-time-unit of RFC 8866 §9 (case-sensitive). */
  public enum Unit {
    NONE("", 1),
    SECONDS("s", 1),
    MINUTES("m", 60),
    HOURS("h", 3600),
    DAYS("d", 86400);

    private final String letter;
    private final long seconds;

    Unit(String letter, long seconds) {
      this.letter = letter;
      this.seconds = seconds;
    }

    /** The letter written after the number ({@code ""} for none). */
    public String letter() {
      return letter;
    }
  }

  public TypedTime {
    Objects.requireNonNull(unit, "unit");
    if (amount < 0) {
      throw new IllegalArgumentException("negative time");
    }
  }

  /** A time in seconds, written without a unit. */
  public static TypedTime seconds(long seconds) {
    return new TypedTime(seconds, Unit.NONE);
  }

  /** A time with a unit. */
  public static TypedTime of(long amount, Unit unit) {
    return new TypedTime(amount, unit);
  }

  /**
   * Parses {@code 1*DIGIT [d|h|m|s]}.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static TypedTime parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("bad typed time");
    }
    Unit unit = Unit.NONE;
    String digits = text;
    char last = text.charAt(text.length() - 1);
    for (Unit u : Unit.values()) {
      if (u != Unit.NONE && u.letter.charAt(0) == last) {
        unit = u;
        digits = text.substring(0, text.length() - 1);
      }
    }
    return new TypedTime(SdpSyntax.parseDigits(digits, "bad typed time"), unit);
  }

  /** The time in seconds. */
  public long toSeconds() {
    return Math.multiplyExact(amount, unit.seconds);
  }

  @Override
  public String toString() {
    return amount + unit.letter;
  }
}
