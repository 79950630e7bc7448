package io.miville.codec.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute {@code a=<name>} or a value
 * attribute {@code a=<name>:<value>}.
 *
 * <p>Attributes are opaque here: any well-formed name and value round-trips, known or not. The
 * typed views ({@link RtpMap}, {@link Fmtp}, {@link Direction}, {@link Rtcp}, {@link Ptime})
 * read them on demand. Names are compared exactly as written.
 *
 * @param name attribute-name, a token
 * @param value attribute-value (any bytes but NUL, CR and LF, at least one), or empty for a
 *     property attribute
 */
public record Attribute(String name, Optional<String> value) {
  public Attribute {
    SdpSyntax.requireToken(name, "bad attribute name");
    Objects.requireNonNull(value, "value");
    value.ifPresent(v -> SdpSyntax.requireByteString(v, "bad attribute value"));
  }

  /** A property attribute, {@code a=<name>} (for example {@code a=recvonly}). */
  public static Attribute of(String name) {
    return new Attribute(name, Optional.empty());
  }

  /** A value attribute, {@code a=<name>:<value>}. */
  public static Attribute of(String name, String value) {
    return new Attribute(name, Optional.of(value));
  }

  /** True for a property attribute (no value). */
  public boolean isProperty() {
    return value.isEmpty();
  }

  /** The text after {@code a=}: {@code name} or {@code name:value}. */
  @Override
  public String toString() {
    return value.map(v -> name + ":" + v).orElse(name);
  }
}
