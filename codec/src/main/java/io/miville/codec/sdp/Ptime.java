package io.miville.codec.sdp;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code a=ptime} attribute (RFC 8866 §6.4): the length of media in one packet, in
 * milliseconds. RFC 8866 allows a decimal value ({@code non-zero-int-or-real}); it is kept as a
 * {@link BigDecimal} so that {@code 20} and {@code 2.5} each write back exactly as read.
 *
 * @param milliseconds more than 0
 */
public record Ptime(BigDecimal milliseconds) {
  /** The attribute name. */
  public static final String NAME = "ptime";

  public Ptime {
    Objects.requireNonNull(milliseconds, "milliseconds");
    if (milliseconds.signum() <= 0) {
      throw new IllegalArgumentException("ptime must be more than zero");
    }
  }

  /** A whole number of milliseconds. */
  public static Ptime ofMillis(long milliseconds) {
    return new Ptime(BigDecimal.valueOf(milliseconds));
  }

  /**
   * Parses a ptime value: {@code integer} or {@code zero-based-integer "." *DIGIT POS-DIGIT}.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static Ptime parse(String value) {
    int dot = value.indexOf('.');
    String whole = dot < 0 ? value : value.substring(0, dot);
    if (!SdpSyntax.isDigits(whole) || whole.length() > 9
        || (whole.length() > 1 && whole.charAt(0) == '0')) {
      throw new IllegalArgumentException("bad ptime");
    }
    if (dot >= 0) {
      String fraction = value.substring(dot + 1);
      if (!SdpSyntax.isDigits(fraction) || fraction.length() > 9
          || fraction.charAt(fraction.length() - 1) == '0') {
        throw new IllegalArgumentException("bad ptime");
      }
    }
    return new Ptime(new BigDecimal(value));
  }

  /** Like {@link #parse} but empty for a malformed value. */
  public static Optional<Ptime> tryParse(String value) {
    try {
      return Optional.of(parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The attribute {@code a=ptime:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, toString());
  }

  /** The attribute value. */
  @Override
  public String toString() {
    return milliseconds.toPlainString();
  }
}
