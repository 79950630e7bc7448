package io.miville.codec.pis;

import io.miville.codec.internal.Cursor;
import java.math.BigDecimal;

/**
 * Shared syntax of the structured PIS values (Appendix 1): decimal numbers, read strictly and
 * written in their shortest plain form, and reading a whole header value.
 */
final class PisSyntax {
  private PisSyntax() {}

  /** Longest number accepted, sign and point included: far beyond any useful precision. */
  static final int MAX_CHARS = 32;

  /**
   * {@code ["+" / "-"] 1*DIGIT ["." 1*DIGIT]} in {@code [min, max]}: no exponent, no NaN or
   * Infinity. Fails at the start of the number if it is out of range.
   */
  static double decimal(Cursor c, String what, double min, double max) {
    int start = c.pos();
    if (c.peek() == '+' || c.peek() == '-') {
      c.next();
    }
    digits(c, what);
    if (c.tryChar('.')) {
      digits(c, what);
    }
    if (c.pos() - start > MAX_CHARS) {
      c.pos(start);
      throw c.fail(what + " has too many digits");
    }
    double value = new BigDecimal(c.substring(start, c.pos())).doubleValue();
    if (!(value >= min && value <= max)) {
      c.pos(start);
      throw c.fail(what + " out of range");
    }
    return value + 0.0;
  }

  private static void digits(Cursor c, String what) {
    int start = c.pos();
    while (c.peek() >= '0' && c.peek() <= '9') {
      c.next();
    }
    if (c.pos() == start) {
      throw c.fail("expected " + what);
    }
  }

  /** The shortest decimal that reads back as {@code d}, without exponent: {@code 29.9574}, {@code 3}. */
  static String format(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** Checks that {@code value} is a finite number in {@code [min, max]}. */
  static double inRange(double value, double min, double max, String what) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(what + " must be between " + format(min) + " and " + format(max));
    }
    return value + 0.0; // -0.0 becomes 0.0, so that equal positions are equal records
  }

  /**
   * Runs {@code parse} over all of {@code text}, failing at the first character it leaves over.
   *
   * @throws io.miville.codec.SipParseException (400) with an offset in {@code text}
   */
  static <T> T parseAll(String text, java.util.function.Function<Cursor, T> parse, String what) {
    Cursor c = new Cursor(text);
    c.skipWs();
    T value = parse.apply(c);
    c.skipWs();
    if (!c.atEnd()) {
      throw c.fail("unexpected text in " + what);
    }
    return value;
  }
}
