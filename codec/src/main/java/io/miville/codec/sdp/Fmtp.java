package io.miville.codec.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code a=fmtp} attribute (RFC 8866 §6.15): {@code a=fmtp:<format> <format specific
 * parameters>}. The parameters are kept as written; {@link #parameterMap()} reads the common
 * {@code key=value;key=value} form.
 *
 * @param format the format (payload type) the parameters are for, a token
 * @param parameters the parameters, any text without NUL, CR or LF, at least one character
 */
public record Fmtp(String format, String parameters) {
  /** The attribute name. */
  public static final String NAME = "fmtp";

  public Fmtp {
    SdpSyntax.requireToken(format, "bad fmtp format");
    SdpSyntax.requireByteString(parameters, "bad fmtp parameters");
  }

  /** An fmtp for a format. */
  public static Fmtp of(String format, String parameters) {
    return new Fmtp(format, parameters);
  }

  /**
   * Parses an fmtp attribute value.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static Fmtp parse(String value) {
    int sp = value.indexOf(' ');
    if (sp <= 0 || sp == value.length() - 1) {
      throw new IllegalArgumentException("fmtp needs a format and parameters");
    }
    return new Fmtp(value.substring(0, sp), value.substring(sp + 1));
  }

  /** Like {@link #parse} but empty for a malformed value. */
  public static Optional<Fmtp> tryParse(String value) {
    try {
      return Optional.of(parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The parameters read as {@code key=value} pairs separated by {@code ;}, keys and values
   * trimmed, in order; a part without {@code =} maps to {@code ""}.
   */
  public Map<String, String> parameterMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : parameters.split(";")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        map.putIfAbsent(p, "");
      } else {
        map.putIfAbsent(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** The attribute {@code a=fmtp:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, toString());
  }

  /** The attribute value. */
  @Override
  public String toString() {
    return format + " " + parameters;
  }
}
