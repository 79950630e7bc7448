package io.miville.codec.sdp;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code a=rtpmap} attribute (RFC 8866 §6.6): {@code a=rtpmap:<payload type> <encoding
 * name>/<clock rate>[/<encoding parameters>]}, and the static payload types of RFC 3551 §6 that
 * need no rtpmap.
 *
 * <p>Encoding names compare without regard to case (RFC 4855 §3). For audio the encoding
 * parameter is the number of channels; an rtpmap without it means one channel.
 *
 * @param payloadType RTP payload type, 0..127
 * @param encodingName the encoding name, a token (for example {@code PCMU}, {@code H264})
 * @param clockRate the RTP clock rate in Hz, more than 0
 * @param channels the number of audio channels, if written
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, OptionalInt channels) {
  /** The attribute name. */
  public static final String NAME = "rtpmap";

  /** First dynamic payload type (RFC 3551 §6). */
  public static final int FIRST_DYNAMIC = 96;

  // RFC 3551 §6, tables 4 and 5: payload types with a fixed meaning.
  private static final Map<Integer, RtpMap> STATIC = Map.ofEntries(
      entry(0, "PCMU", 8000, 0), entry(3, "GSM", 8000, 0), entry(4, "G723", 8000, 0),
      entry(5, "DVI4", 8000, 0), entry(6, "DVI4", 16000, 0), entry(7, "LPC", 8000, 0),
      entry(8, "PCMA", 8000, 0), entry(9, "G722", 8000, 0), entry(10, "L16", 44100, 2),
      entry(11, "L16", 44100, 0), entry(12, "QCELP", 8000, 0), entry(13, "CN", 8000, 0),
      entry(14, "MPA", 90000, 0), entry(15, "G728", 8000, 0), entry(16, "DVI4", 11025, 0),
      entry(17, "DVI4", 22050, 0), entry(18, "G729", 8000, 0), entry(25, "CelB", 90000, 0),
      entry(26, "JPEG", 90000, 0), entry(28, "nv", 90000, 0), entry(31, "H261", 90000, 0),
      entry(32, "MPV", 90000, 0), entry(33, "MP2T", 90000, 0), entry(34, "H263", 90000, 0));

  private static Map.Entry<Integer, RtpMap> entry(int pt, String name, int rate, int channels) {
    return Map.entry(pt, new RtpMap(pt, name, rate,
        channels == 0 ? OptionalInt.empty() : OptionalInt.of(channels)));
  }

  public RtpMap {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range");
    }
    SdpSyntax.requireToken(encodingName, "bad encoding name");
    if (clockRate <= 0) {
      throw new IllegalArgumentException("bad clock rate");
    }
    Objects.requireNonNull(channels, "channels");
    if (channels.isPresent() && channels.getAsInt() <= 0) {
      throw new IllegalArgumentException("bad channel count");
    }
  }

  /** {@code <pt> <name>/<rate>}. */
  public static RtpMap of(int payloadType, String encodingName, int clockRate) {
    return new RtpMap(payloadType, encodingName, clockRate, OptionalInt.empty());
  }

  /** {@code <pt> <name>/<rate>/<channels>}. */
  public static RtpMap of(int payloadType, String encodingName, int clockRate, int channels) {
    return new RtpMap(payloadType, encodingName, clockRate, OptionalInt.of(channels));
  }

  /**
   * Parses an rtpmap attribute value.
   *
   * @throws IllegalArgumentException with a short reason if malformed
   */
  public static RtpMap parse(String value) {
    int sp = value.indexOf(' ');
    if (sp <= 0) {
      throw new IllegalArgumentException("rtpmap needs a payload type and an encoding");
    }
    int pt = parsePayloadType(value.substring(0, sp));
    String[] parts = value.substring(sp + 1).split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("rtpmap needs an encoding name and a clock rate");
    }
    int rate = SdpSyntax.parseInteger(parts[1], Integer.MAX_VALUE, "bad clock rate");
    OptionalInt channels = parts.length == 3
        ? OptionalInt.of(SdpSyntax.parseInteger(parts[2], 255, "bad channel count"))
        : OptionalInt.empty();
    return new RtpMap(pt, parts[0], rate, channels);
  }

  /**
   * Parses an RTP payload type number, 0..127.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static int parsePayloadType(String text) {
    if (!SdpSyntax.isDigits(text) || text.length() > 3 || Integer.parseInt(text) > 127) {
      throw new IllegalArgumentException("bad payload type");
    }
    return Integer.parseInt(text);
  }

  /** Like {@link #parse} but empty for a malformed value. */
  public static Optional<RtpMap> tryParse(String value) {
    try {
      return Optional.of(parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The RFC 3551 §6 meaning of a static payload type (0..95), if it has one. */
  public static Optional<RtpMap> forStaticPayloadType(int payloadType) {
    return Optional.ofNullable(STATIC.get(payloadType));
  }

  /**
   * The static payload type (RFC 3551 §6) for an encoding, clock rate and channel count, if
   * one is assigned. {@code L16} at 44100 Hz is 10 for two channels and 11 for one.
   */
  public static Optional<RtpMap> findStatic(String encodingName, int clockRate, int channels) {
    for (RtpMap m : STATIC.values()) {
      if (m.hasEncoding(encodingName) && m.clockRate == clockRate
          && m.channels.orElse(1) == channels) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** True if the encoding name is {@code name}, ignoring case (RFC 4855 §3). */
  public boolean hasEncoding(String name) {
    return encodingName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }

  /** True for payload types 96..127, which need an rtpmap (RFC 3551 §6). */
  public boolean isDynamic() {
    return payloadType >= FIRST_DYNAMIC;
  }

  /** The attribute {@code a=rtpmap:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, toString());
  }

  /** The attribute value. */
  @Override
  public String toString() {
    String s = payloadType + " " + encodingName + "/" + clockRate;
    return channels.isPresent() ? s + "/" + channels.getAsInt() : s;
  }
}
