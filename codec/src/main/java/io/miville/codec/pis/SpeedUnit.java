package io.miville.codec.pis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The unit of a {@link Velocity}: metres per second, kilometres per hour, miles per hour or
 * knots. Unlike the PIS vocabularies this set is not open, because a speed in an unknown unit
 * cannot be compared with any other; {@link #of} refuses other units.
 */
public final class SpeedUnit {
  public static final SpeedUnit METERS_PER_SECOND = new SpeedUnit("m/s", 1.0);
  public static final SpeedUnit KILOMETERS_PER_HOUR = new SpeedUnit("km/h", 1000.0 / 3600.0);
  public static final SpeedUnit MILES_PER_HOUR = new SpeedUnit("mph", 0.44704);
  /** Knots, for proxies at sea (draft-pis-00 §2.5, Marine-Toilet). */
  public static final SpeedUnit KNOTS = new SpeedUnit("kn", 1852.0 / 3600.0);

  private static final List<SpeedUnit> ALL = List.of(METERS_PER_SECOND, KILOMETERS_PER_HOUR, MILES_PER_HOUR, KNOTS);

  private final String symbol;
  private final double metersPerSecond;

  private SpeedUnit(String symbol, double metersPerSecond) {
    this.symbol = symbol;
    this.metersPerSecond = metersPerSecond;
  }

  /**
   * The unit written {@code symbol}, in any case.
   *
   * @throws IllegalArgumentException for any other unit
   */
  public static SpeedUnit of(String symbol) {
    String s = symbol.toLowerCase(Locale.ROOT);
    for (SpeedUnit u : ALL) {
      if (u.symbol.equals(s)) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown speed unit");
  }

  public static List<SpeedUnit> knownValues() {
    return ALL;
  }

  /** {@code m/s}, {@code km/h}, {@code mph} or {@code kn}. */
  public String symbol() {
    return symbol;
  }

  /** {@code value} of this unit in metres per second. */
  public double toMetersPerSecond(double value) {
    return value * metersPerSecond;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpeedUnit u && u.symbol.equals(symbol);
  }

  @Override
  public int hashCode() {
    return Objects.hash(symbol);
  }

  @Override
  public String toString() {
    return symbol;
  }
}
