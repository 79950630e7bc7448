package io.miville.codec.sdp;

import io.miville.codec.uri.UriParser;

/**
 * Character classes and small checks of the RFC 8866 §9 grammar, shared by the parser and the
 * value records. Failures are {@link IllegalArgumentException}s with fixed reasons that never
 * echo input; the parser turns them into {@link SdpParseException}s with the line number.
 */
final class SdpSyntax {
  private SdpSyntax() {}

  private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`{|}~";

  /** token-char of RFC 8866 §9. */
  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || (c < 128 && TOKEN_SPECIALS.indexOf(c) >= 0);
  }

  /** token = 1*token-char. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** byte-string = 1*(any byte except NUL, CR or LF). */
  static boolean isByteString(String s) {
    return !s.isEmpty() && isText(s);
  }

  /** Text that may be empty but holds no NUL, CR or LF. */
  static boolean isText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        return false;
      }
    }
    return true;
  }

  /** non-ws-string = 1*(VCHAR / %x80-FF): visible characters, no space or control. */
  static boolean isNonWsString(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String requireToken(String s, String reason) {
    if (s == null || !isToken(s)) {
      throw new IllegalArgumentException(reason);
    }
    return s;
  }

  static String requireByteString(String s, String reason) {
    if (s == null || !isByteString(s)) {
      throw new IllegalArgumentException(reason);
    }
    return s;
  }

  static String requireNonWs(String s, String reason) {
    if (s == null || !isNonWsString(s)) {
      throw new IllegalArgumentException(reason);
    }
    return s;
  }

  /**
   * Parses 1*DIGIT into a long.
   *
   * @throws IllegalArgumentException if not digits or too large for a long
   */
  static long parseDigits(String s, String reason) {
    if (!isDigits(s) || s.length() > 18) {
      throw new IllegalArgumentException(reason);
    }
    return Long.parseLong(s);
  }

  /** integer = POS-DIGIT *DIGIT, bounded by {@code max}. */
  static int parseInteger(String s, int max, String reason) {
    if (!isDigits(s) || s.charAt(0) == '0' || s.length() > 10) {
      throw new IllegalArgumentException(reason);
    }
    long v = Long.parseLong(s);
    if (v > max) {
      throw new IllegalArgumentException(reason);
    }
    return (int) v;
  }

  /** A port: 1*DIGIT in 0..65535. */
  static int parsePort(String s, String reason) {
    if (!isDigits(s) || s.length() > 5) {
      throw new IllegalArgumentException(reason);
    }
    int v = Integer.parseInt(s);
    if (v > 65535) {
      throw new IllegalArgumentException(reason);
    }
    return v;
  }

  /** IP4-address: four decimal-uchar separated by dots, no leading zeros beyond the value. */
  static boolean isIpv4(String s) {
    int parts = 0;
    int i = 0;
    int n = s.length();
    while (true) {
      int start = i;
      while (i < n && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        return false;
      }
      // decimal-uchar has no leading zeros ("010" is not one)
      if (i - start > 1 && s.charAt(start) == '0') {
        return false;
      }
      if (Integer.parseInt(s, start, i, 10) > 255) {
        return false;
      }
      parts++;
      if (parts == 4) {
        return i == n;
      }
      if (i >= n || s.charAt(i) != '.') {
        return false;
      }
      i++;
    }
  }

  /** True if {@code s} is an IPv4 address in 224.0.0.0/4 (RFC 8866 §9 IP4-multicast). */
  static boolean isIpv4Multicast(String s) {
    if (!isIpv4(s)) {
      return false;
    }
    int first = Integer.parseInt(s, 0, s.indexOf('.'), 10);
    return first >= 224 && first <= 239;
  }

  /** IPv6 address text, without brackets (RFC 8866 §9 IP6-address, RFC 5118 §4.7). */
  static boolean isIpv6(String s) {
    return !s.isEmpty() && s.indexOf('[') < 0 && UriParser.isIpv6(s, 0, s.length());
  }

  static boolean isIpv6Multicast(String s) {
    return isIpv6(s) && s.length() >= 2 && (s.charAt(0) == 'f' || s.charAt(0) == 'F')
        && (s.charAt(1) == 'f' || s.charAt(1) == 'F');
  }

  /**
   * FQDN = 4*(alpha-numeric / "-" / "."), and not all digits and dots (those must be a valid
   * IPv4 address instead).
   */
  static boolean isFqdn(String s) {
    if (s.length() < 4) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!(alpha || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
        return false;
      }
      letter |= alpha || c == '-';
    }
    return letter;
  }

  /**
   * Checks a unicast address for its address type: IP4 address or FQDN for {@code IP4}, IPv6
   * address or FQDN for {@code IP6}, any non-ws-string otherwise (extn-addr).
   */
  static String requireUnicastAddress(String addrType, String address, String reason) {
    requireNonWs(address, reason);
    switch (addrType) {
      case "IP4" -> {
        if (!(isIpv4(address) && !isIpv4Multicast(address)) && !isFqdn(address)) {
          throw new IllegalArgumentException(reason);
        }
      }
      case "IP6" -> {
        if (!isIpv6(address) && !isFqdn(address)) {
          throw new IllegalArgumentException(reason);
        }
      }
      default -> {
        // extn-addr: any non-ws-string
      }
    }
    return address;
  }
}
