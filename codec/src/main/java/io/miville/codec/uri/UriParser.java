package io.miville.codec.uri;

import io.miville.codec.SipParseException;
import io.miville.codec.header.Parameters;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import io.miville.codec.internal.Words;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Parses URIs by the RFC 3261 §25.1 grammar, with RFC 5118 IPv6 references and RFC 3966 tel URIs. */
public final class UriParser {
  private UriParser() {}

  // classes of the characters of a hostname or IPv4 address, for scanHost
  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  private static final byte DASH = 3;
  private static final byte DOT = 4;
  private static final byte[] HOST_CLASS = new byte[128];
  private static final byte[] BAD_PAIR = new byte[64]; // by previous class * 8 + class

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      HOST_CLASS[c] = LETTER;
      HOST_CLASS[c - 32] = LETTER;
    }
    for (char c = '0'; c <= '9'; c++) {
      HOST_CLASS[c] = DIGIT;
    }
    HOST_CLASS['-'] = DASH;
    HOST_CLASS['.'] = DOT;
    // class pairs no hostname holds: an empty label, a label starting or ending with "-"
    BAD_PAIR[DOT * 8 + DOT] = 1;
    BAD_PAIR[DOT * 8 + DASH] = 1;
    BAD_PAIR[DASH * 8 + DOT] = 1;
  }

  /** Parses exactly {@code text[start, end)} as a URI. Error offsets are relative to {@code text}. */
  public static Uri parse(Cursor text, int start, int end) {
    return read(text, start, end, true);
  }

  /**
   * Checks {@code text[start, end)} as {@link #parse(Cursor, int, int)} reads it, failing the
   * same way, without building the URI.
   */
  public static void check(Cursor text, int start, int end) {
    read(text, start, end, false);
  }

  /** Reads a URI: the URI if {@code build}, else null. */
  private static Uri read(Cursor text, int start, int end, boolean build) {
    int colon = -1;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        colon = i;
        break;
      }
      boolean ok = i == start ? Chars.isAlpha(c) : Chars.isAlpha(c) || Chars.isDigit(c) || c == '+' || c == '-' || c == '.';
      if (!ok) {
        throw SipParseException.badRequest(i, "bad URI scheme");
      }
    }
    if (colon <= start) {
      throw SipParseException.badRequest(start, "missing URI scheme");
    }
    int schemeLen = colon - start;
    // the scheme is letters, digits, "+", "-" and ".": (c | 0x20) is a letter's lower case
    char c0 = (char) (text.charAt(start) | 0x20);
    if (schemeLen <= 4 && c0 == 's' && (text.charAt(start + 1) | 0x20) == 'i' && (text.charAt(start + 2) | 0x20) == 'p'
        && (schemeLen == 3 || (text.charAt(start + 3) | 0x20) == 's')) {
      boolean secure = schemeLen == 4;
      // a URI that is the whole text and writes back as written keeps the text as its string form
      boolean whole = start == 0 && end == text.length() && text.charAt(0) == 's' && text.charAt(1) == 'i'
          && text.charAt(2) == 'p' && (!secure || text.charAt(3) == 's');
      return parseSip(text, colon + 1, end, secure, whole, build);
    }
    if (schemeLen == 3 && c0 == 't' && (text.charAt(start + 1) | 0x20) == 'e' && (text.charAt(start + 2) | 0x20) == 'l') {
      return parseTel(text, colon + 1, end, build);
    }
    return parseAbsolute(text, start, colon, end, build);
  }

  private static SipUri parseSip(Cursor s, int start, int end, boolean secure, boolean whole, boolean build) {
    int at = s.indexOf('@', start, end);
    String user = null;
    String password = null;
    int hostStart = start;
    int userEnd = -1;
    if (at >= 0) {
      int passColon = -1;
      for (int i = start; i < at; i++) {
        char c = s.charAt(i);
        if (c == ':' && passColon < 0) {
          passColon = i;
          continue;
        }
        if (c == '%') {
          checkEscape(s, i, at);
          i += 2;
          continue;
        }
        boolean ok = passColon < 0 ? Chars.isUserChar(c) : Chars.isPasswordChar(c);
        if (!ok) {
          throw SipParseException.badRequest(i, "bad character in URI user part");
        }
      }
      userEnd = passColon < 0 ? at : passColon;
      if (userEnd == start) {
        throw SipParseException.badRequest(start, "empty URI user part");
      }
      if (build && s.stableBytes() == null) {
        user = s.substring(start, userEnd);
      }
      if (build && passColon >= 0) {
        password = s.substring(passColon + 1, at);
      }
      hostStart = at + 1;
    }
    int hostEnd = scanHost(s, hostStart, end);
    int pos = hostEnd;
    int port = -1;
    if (pos < end && s.charAt(pos) == ':') {
      pos++;
      int portStart = pos;
      long v = 0;
      while (pos < end && Chars.isDigit(s.charAt(pos))) {
        v = v * 10 + (s.charAt(pos) - '0');
        if (v > 65535) {
          throw SipParseException.badRequest(portStart, "URI port out of range");
        }
        pos++;
      }
      if (pos == portStart) {
        throw SipParseException.badRequest(portStart, "missing URI port");
      }
      port = (int) v;
      // written back without leading zeros
      whole &= s.charAt(portStart) != '0' || pos == portStart + 1;
    }
    Parameters params = Parameters.empty();
    if (pos < end && s.charAt(pos) == ';') {
      Parameters.Builder b = build ? new Parameters.Builder() : null;
      while (pos < end && s.charAt(pos) == ';') {
        pos++;
        int nameStart = pos;
        pos = scanParamChars(s, pos, end);
        if (pos == nameStart) {
          throw SipParseException.badRequest(pos, "empty URI parameter");
        }
        String name = build ? Words.of(s, nameStart, pos) : null;
        String value = null;
        if (pos < end && s.charAt(pos) == '=') {
          pos++;
          int valueStart = pos;
          pos = scanParamChars(s, pos, end);
          if (pos == valueStart) {
            throw SipParseException.badRequest(pos, "empty URI parameter value");
          }
          value = build ? Words.of(s, valueStart, pos) : null;
        }
        if (build) {
          b.add(name, value);
        }
      }
      if (build) {
        params = b.build();
      }
    }
    String headers = null;
    if (pos < end && s.charAt(pos) == '?') {
      pos++;
      int hstart = pos;
      // headers = hname "=" hvalue *( "&" hname "=" hvalue )
      while (true) {
        int nameStart = pos;
        pos = scanHeaderChars(s, pos, end);
        if (pos == nameStart) {
          throw SipParseException.badRequest(pos, "empty URI header name");
        }
        if (pos >= end || s.charAt(pos) != '=') {
          throw SipParseException.badRequest(pos, "URI header without value");
        }
        pos = scanHeaderChars(s, pos + 1, end);
        if (pos < end && s.charAt(pos) == '&') {
          pos++;
          continue;
        }
        break;
      }
      headers = build ? s.substring(hstart, pos) : "";
    }
    if (pos != end) {
      throw SipParseException.badRequest(pos, "bad character in SIP URI");
    }
    if (!build) {
      return null;
    }
    String text = whole ? s.text() : null;
    byte[] bytes = s.stableBytes();
    if (bytes != null) {
      // user and host stay places in the message until asked for
      int o = s.offset();
      return new SipUri(secure, bytes, at >= 0 ? o + start : -1, o + userEnd, password, o + hostStart, o + hostEnd,
          port, params, headers, text);
    }
    return new SipUri(secure, user, password, s.substring(hostStart, hostEnd), port, params, headers, text);
  }

  private static int scanParamChars(Cursor s, int pos, int end) {
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == '%') {
        checkEscape(s, pos, end);
        pos += 3;
      } else if (Chars.isParamChar(c)) {
        pos++;
      } else {
        break;
      }
    }
    return pos;
  }

  private static int scanHeaderChars(Cursor s, int pos, int end) {
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == '%') {
        checkEscape(s, pos, end);
        pos += 3;
      } else if (Chars.isHeaderChar(c)) {
        pos++;
      } else {
        break;
      }
    }
    return pos;
  }

  private static void checkEscape(Cursor s, int i, int end) {
    if (i + 2 >= end || !Chars.isHex(s.charAt(i + 1)) || !Chars.isHex(s.charAt(i + 2))) {
      throw SipParseException.badRequest(i, "bad escape in URI");
    }
  }

  /**
   * Scans a host (hostname, IPv4address or IPv6reference) starting at {@code start}; returns
   * where it ends. Fails if there is no valid host there.
   */
  public static int scanHost(Cursor s, int start, int end) {
    if (start < end && s.charAt(start) == '[') {
      int close = s.indexOf(']', start);
      if (close < 0 || close >= end) {
        throw SipParseException.badRequest(start, "unterminated IPv6 reference");
      }
      if (!isIpv6(s, start + 1, close)) {
        throw SipParseException.badRequest(start, "bad IPv6 address");
      }
      return close + 1;
    }
    // one pass over the run of letters, digits, "-" and ".", checking on the way what
    // isHostname checks, with few branches: no empty label, no label starting or ending with
    // "-" (pairs of classes), a letter first in the top label (the last one, before an optional
    // trailing dot)
    int pos = start;
    int bad = 0;
    int prev = DOT; // the start acts as the end of a label
    int lastDot = start - 1;
    int dotBefore = start - 1; // the dot before lastDot
    while (pos < end) {
      char c = s.charAt(pos);
      int cls = c < 128 ? HOST_CLASS[c] : 0;
      if (cls == 0) {
        break;
      }
      bad |= BAD_PAIR[prev * 8 + cls];
      boolean dot = cls == DOT;
      dotBefore = dot ? lastDot : dotBefore;
      lastDot = dot ? pos : lastDot;
      prev = cls;
      pos++;
    }
    int topStart = prev == DOT ? dotBefore + 1 : lastDot + 1;
    boolean hostname = bad == 0 && pos > start && prev != DASH && s.charAt(topStart) < 128
        && HOST_CLASS[s.charAt(topStart)] == LETTER;
    if (!hostname && !isIpv4(s, start, pos)) {
      throw SipParseException.badRequest(start, "bad host");
    }
    return pos;
  }

  /** True if {@code s[start,end)} is a host: hostname, IPv4 address or bracketed IPv6 reference. */
  public static boolean isHost(Cursor s, int start, int end) {
    if (start >= end) {
      return false;
    }
    if (s.charAt(start) == '[') {
      return s.charAt(end - 1) == ']' && isIpv6(s, start + 1, end - 1);
    }
    return isHostname(s, start, end) || isIpv4(s, start, end);
  }

  /** hostname = *( domainlabel "." ) toplabel [ "." ]; toplabel starts with a letter. */
  static boolean isHostname(Cursor s, int start, int end) {
    if (start >= end) {
      return false;
    }
    int labelStart = start;
    int lastLabelStart = start;
    int lastLabelEnd = -1;
    for (int i = start; i <= end; i++) {
      char c = i < end ? s.charAt(i) : '.';
      if (c == '.') {
        if (i == labelStart) {
          // empty label: only allowed as the trailing dot
          if (i == end && i > start) {
            break;
          }
          return false;
        }
        if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
          return false;
        }
        lastLabelStart = labelStart;
        lastLabelEnd = i;
        labelStart = i + 1;
      } else if (!(Chars.isAlpha(c) || Chars.isDigit(c) || c == '-')) {
        return false;
      }
    }
    return lastLabelEnd > lastLabelStart && Chars.isAlpha(s.charAt(lastLabelStart));
  }

  /** True if {@code s[start,end)} is a dotted-quad IPv4 address, each part 0 to 255 in up to three digits. */
  public static boolean isIpv4(Cursor s, int start, int end) {
    int parts = 0;
    int pos = start;
    while (true) {
      int partStart = pos;
      int v = 0;
      while (pos < end && Chars.isDigit(s.charAt(pos)) && pos - partStart < 3) {
        v = v * 10 + s.charAt(pos) - '0';
        pos++;
      }
      if (pos == partStart || v > 255) {
        return false;
      }
      parts++;
      if (parts == 4) {
        return pos == end;
      }
      if (pos >= end || s.charAt(pos) != '.') {
        return false;
      }
      pos++;
    }
  }

  /** IPv6address of RFC 3261 §25.1 / RFC 4291 text form, with an optional trailing IPv4 part. */
  public static boolean isIpv6(Cursor s, int start, int end) {
    if (start >= end) {
      return false;
    }
    int groups = 0;
    boolean doubleColon = false;
    int pos = start;
    if (pos + 1 < s.length() && s.charAt(pos) == ':' && s.charAt(pos + 1) == ':' && pos + 2 <= end) {
      doubleColon = true;
      pos += 2;
      if (pos == end || isExtraColonBeforeIpv4(s, pos, end)) {
        return true;
      }
    } else if (s.charAt(pos) == ':') {
      return false;
    }
    while (pos < end) {
      int groupStart = pos;
      while (pos < end && Chars.isHex(s.charAt(pos)) && pos - groupStart < 5) {
        pos++;
      }
      int len = pos - groupStart;
      if (pos < end && s.charAt(pos) == '.') {
        // trailing IPv4 part takes two groups
        if (!isIpv4(s, groupStart, end)) {
          return false;
        }
        groups += 2;
        pos = end;
        break;
      }
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      if (pos == end) {
        break;
      }
      if (s.charAt(pos) != ':') {
        return false;
      }
      pos++;
      if (pos < end && s.charAt(pos) == ':') {
        if (doubleColon) {
          return false;
        }
        doubleColon = true;
        pos++;
        if (pos == end) {
          break;
        }
        if (isExtraColonBeforeIpv4(s, pos, end)) {
          groups += 2;
          break;
        }
      } else if (pos == end) {
        return false;
      }
    }
    return doubleColon ? groups <= 7 : groups == 8;
  }

  /**
   * RFC 3261's {@code IPv6address = hexpart [ ":" IPv4address ]} lets a hexpart that ends in
   * {@code ::} be followed by {@code :} and an IPv4 address ({@code 2001:db8:::192.0.2.1}), which
   * RFC 4291 does not; RFC 5118 §4.10 asks parsers to tolerate it. True if {@code s[pos,end)} is
   * that {@code :} and an IPv4 address.
   */
  private static boolean isExtraColonBeforeIpv4(Cursor s, int pos, int end) {
    return s.charAt(pos) == ':' && isIpv4(s, pos + 1, end);
  }

  // rare schemes: checking builds as parsing does, and drops the result
  private static TelUri parseTel(Cursor s, int start, int end, boolean build) {
    int pos = start;
    boolean global = pos < end && s.charAt(pos) == '+';
    if (global) {
      pos++;
    }
    int numberStart = pos;
    boolean hasDigit = false; // RFC 3966 §3: visual separators alone are not a number
    while (pos < end) {
      char c = s.charAt(pos);
      boolean digit = global ? Chars.isDigit(c) : Chars.isHex(c) || c == '*' || c == '#';
      if (!digit && c != '-' && c != '.' && c != '(' && c != ')') {
        break;
      }
      hasDigit |= digit;
      pos++;
    }
    if (!hasDigit) {
      throw SipParseException.badRequest(pos, "bad tel URI number");
    }
    String number = s.substring(start, pos);
    Parameters.Builder params = new Parameters.Builder();
    while (pos < end && s.charAt(pos) == ';') {
      pos++;
      int nameStart = pos;
      while (pos < end && (Chars.isAlpha(s.charAt(pos)) || Chars.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
        pos++;
      }
      if (pos == nameStart) {
        throw SipParseException.badRequest(pos, "empty tel URI parameter");
      }
      String name = s.substring(nameStart, pos);
      String value = null;
      if (pos < end && s.charAt(pos) == '=') {
        pos++;
        int valueStart = pos;
        pos = scanParamChars(s, pos, end);
        if (pos == valueStart) {
          throw SipParseException.badRequest(pos, "empty tel URI parameter value");
        }
        value = s.substring(valueStart, pos);
      }
      params.add(name, value);
    }
    if (pos != end) {
      throw SipParseException.badRequest(pos, "bad character in tel URI");
    }
    return build ? new TelUri(number, params.build()) : null;
  }

  private static AbsoluteUri parseAbsolute(Cursor s, int start, int colon, int end, boolean build) {
    int pos = colon + 1;
    if (pos >= end) {
      throw SipParseException.badRequest(pos, "empty URI");
    }
    // opaque-part starts with uric-no-slash; hier-part with "/": both are runs of uric
    for (int i = pos; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        checkEscape(s, i, end);
        i += 2;
      } else if (!Chars.isUric(c)) {
        throw SipParseException.badRequest(i, "bad character in URI");
      }
    }
    return build ? new AbsoluteUri(Chars.lower(s.substring(start, colon)), s.substring(start, end)) : null;
  }

  /** Parses exactly {@code text[start, end)} as a URI. Error offsets are relative to {@code text}. */
  public static Uri parse(String text, int start, int end) {
    return parse(new Cursor(text), start, end);
  }

  /**
   * Scans a host (hostname, IPv4address or IPv6reference) starting at {@code start}; returns
   * where it ends. Fails if there is no valid host there.
   */
  public static int scanHost(String s, int start, int end) {
    return scanHost(new Cursor(s), start, end);
  }

  /** True if {@code s[start,end)} is a host: hostname, IPv4 address or bracketed IPv6 reference. */
  public static boolean isHost(String s, int start, int end) {
    return isHost(new Cursor(s), start, end);
  }

  /** True if {@code s[start,end)} is a dotted-quad IPv4 address, each part 0 to 255 in up to three digits. */
  public static boolean isIpv4(String s, int start, int end) {
    return isIpv4(new Cursor(s), start, end);
  }

  /** IPv6address of RFC 3261 §25.1 / RFC 4291 text form, with an optional trailing IPv4 part. */
  public static boolean isIpv6(String s, int start, int end) {
    return isIpv6(new Cursor(s), start, end);
  }

  /** Decodes %HH escapes (as UTF-8 bytes) in {@code s}. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        out.write(Chars.hexValue(s.charAt(i + 1)) * 16 + Chars.hexValue(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
