package io.miville.description;

import java.util.Objects;

/** Field checks shared by the records; each failure names the field. */
final class Checks {
  private Checks() {}

  private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`{|}~";

  /** One line of text: no control characters (so it fits an SDP line and a log line). */
  static String text(String value, String field) {
    if (value == null) {
      throw new DescriptionException(field, "missing");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        throw new DescriptionException(field, "control character in text");
      }
    }
    return value;
  }

  /** Text of at least one character. */
  static String nonEmptyText(String value, String field) {
    text(value, field);
    if (value.isEmpty()) {
      throw new DescriptionException(field, "must not be empty");
    }
    return value;
  }

  /** A word: at least one visible character, no space or control character. */
  static String word(String value, String field) {
    nonEmptyText(value, field);
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == ' ') {
        throw new DescriptionException(field, "must not contain spaces");
      }
    }
    return value;
  }

  /** An SDP token (RFC 8866 §9), so that it can stand in an m= line or an rtpmap. */
  static String token(String value, String field) {
    nonEmptyText(value, field);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || (c < 128 && TOKEN_SPECIALS.indexOf(c) >= 0);
      if (!ok) {
        throw new DescriptionException(field, "must be a token (letters, digits, -._ ...)");
      }
    }
    return value;
  }

  /**
   * A dotted-quad unicast IPv4 address: RFC 1 streams and contacts are IPv4, and "we only think
   * about unicast sessions".
   */
  static String ipv4(String value, String field) {
    if (value == null) {
      throw new DescriptionException(field, "missing");
    }
    if (!isIpv4(value)) {
      throw new DescriptionException(field, "must be an IPv4 address (a.b.c.d)");
    }
    int first = Integer.parseInt(value.substring(0, value.indexOf('.')));
    if (first >= 224 && first <= 239) {
      throw new DescriptionException(field, "must be a unicast IPv4 address");
    }
    return value;
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * An OSC address (OSC 1.0): starts with {@code /}, then printable ASCII without space and
   * without the pattern characters {@code # * , ? [ ] { }}.
   */
  static String oscPath(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.length() < 2 || value.charAt(0) != '/') {
      throw new DescriptionException(field, "must be an OSC path like /send/video/codec");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7F || "#*,?[]{}".indexOf(c) >= 0) {
        throw new DescriptionException(field, "must be an OSC path like /send/video/codec");
      }
    }
    return value;
  }

  /** A UDP/TCP port, 0..65535 (0 only where allowed by {@code min}). */
  static int port(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new DescriptionException(field, "port out of range " + min + ".." + max);
    }
    return value;
  }
}
