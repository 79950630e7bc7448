package io.miville.codec.sdp;

/**
 * One {@code b=} line (RFC 8866 §5.8): {@code b=<bwtype>:<bandwidth>}.
 *
 * <p>Unknown bandwidth types round-trip. {@code CT} and {@code AS} are in kilobits per second
 * (RFC 8866 §5.8), {@code TIAS} in bits per second (RFC 3890), {@code RS} and {@code RR} in
 * bits per second (RFC 3556).
 *
 * @param type bwtype, a token
 * @param value the bandwidth, 0 or more, in the unit its type defines
 */
public record Bandwidth(String type, long value) {
  /** Conference total, kbit/s. */
  public static final String CT = "CT";
  /** Application specific maximum, kbit/s. */
  public static final String AS = "AS";
  /** Transport independent application specific maximum, bit/s (RFC 3890). */
  public static final String TIAS = "TIAS";

  public Bandwidth {
    SdpSyntax.requireToken(type, "bad bandwidth type");
    if (value < 0) {
      throw new IllegalArgumentException("negative bandwidth");
    }
  }

  /** A bandwidth line of the given type. */
  public static Bandwidth of(String type, long value) {
    return new Bandwidth(type, value);
  }

  /** The text after {@code b=}. */
  @Override
  public String toString() {
    return type + ":" + value;
  }
}
