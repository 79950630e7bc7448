package io.miville.codec.internal;

import io.miville.codec.SipParseException;
import java.nio.charset.StandardCharsets;

/**
 * A position in a header value or URI being parsed, with the small steps of the RFC 3261 §25
 * grammar. Values reaching a cursor are already unfolded (CRLF + WSP became SP), so linear
 * white space is just SP and HTAB here.
 *
 * <p>Errors are {@link SipParseException}s with offsets relative to the start of the text; the
 * message parser shifts them to message offsets.
 */
public final class Cursor {
  private String s; // the text; for a cursor over ASCII bytes, made from them when first asked for
  private byte[] b; // char i of the text is b[off + i], a char above 0xFF read as 0xFF
  private int off;
  private int length; // of the text
  private int end;
  private int pos;
  private boolean stable; // over bytes that never change: values may keep places in them instead of strings

  public Cursor(String s) {
    this(s, 0, s.length());
  }

  public Cursor(String s, int start, int end) {
    this.s = s;
    this.b = latin1(s);
    this.off = 0;
    this.length = s.length();
    this.pos = start;
    this.end = end;
  }

  private Cursor(byte[] b, int start, int end) {
    this.b = b;
    this.off = start;
    this.length = end - start;
    this.pos = 0;
    this.end = end - start;
  }

  /**
   * A cursor over the text whose chars are the bytes {@code b[start, end)} (ISO-8859-1: ASCII
   * bytes spell ASCII text), without copying them; positions count from {@code start}. The
   * bytes must not change while the cursor is in use; the strings it makes are copies.
   */
  public static Cursor ofLatin1(byte[] b, int start, int end) {
    return new Cursor(b, start, end);
  }

  /**
   * Turns this cursor into {@link #ofLatin1(byte[], int, int) ofLatin1(b, start, end)}: one
   * cursor serves every value of a message. Only for the one who made the cursor, once nothing
   * holds on to it. {@code stable}: the bytes never change, so that values read may refer to
   * them ({@link #stableBytes()}) instead of copying.
   */
  public Cursor reset(byte[] b, int start, int end, boolean stable) {
    this.stable = stable;
    this.s = null;
    this.b = b;
    this.off = start;
    this.length = end - start;
    this.pos = 0;
    this.end = end - start;
    return this;
  }

  /**
   * The ASCII bytes under the text if they never change, else null: char {@code i} of the text
   * is {@code stableBytes()[offset() + i]}. Set only for values of a message being parsed.
   */
  public byte[] stableBytes() {
    return stable ? b : null;
  }

  /** Where the text starts in {@link #stableBytes()}. */
  public int offset() {
    return off;
  }

  /** The chars of {@code s} as bytes, those above 0xFF as 0xFF: no ASCII class holds either. */
  private static byte[] latin1(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < out.length; i++) {
      char c = s.charAt(i);
      out[i] = (byte) (c <= 0xFF ? c : 0xFF);
    }
    return out;
  }

  /** The whole text (positions are offsets in it). */
  public String text() {
    String t = s;
    if (t == null) {
      t = new String(b, off, length, StandardCharsets.ISO_8859_1);
      s = t;
    }
    return t;
  }

  /** The length of the whole text. */
  public int length() {
    return length;
  }

  /** Char {@code i} of the text (a char above 0xFF as 0xFF, which only non-ASCII checks see). */
  public char charAt(int i) {
    return (char) (b[off + i] & 0xff);
  }

  /** {@code text().substring(from, to)}, without making the whole text. */
  public String substring(int from, int to) {
    if (s != null) {
      return s.substring(from, to);
    }
    return new String(b, off + from, to - from, StandardCharsets.ISO_8859_1);
  }

  /**
   * True if the text {@code [start, end)} is {@code lowerWord} in any case, as
   * {@link String#equalsIgnoreCase} says for ASCII words.
   */
  public boolean is(int start, int end, String lowerWord) {
    if (end - start != lowerWord.length()) {
      return false;
    }
    for (int i = 0; i < lowerWord.length(); i++) {
      char c = charAt(start + i);
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lowerWord.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True if the text {@code [start, end)} is {@code word} exactly. */
  public boolean same(int start, int end, String word) {
    if (end - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (charAt(start + i) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Where {@code c} (ASCII) first occurs in the text {@code [from, to)}, or -1. */
  public int indexOf(char c, int from, int to) {
    byte[] bytes = b;
    for (int i = off + from, e = off + to; i < e; i++) {
      if (bytes[i] == c) {
        return i - off;
      }
    }
    return -1;
  }

  /** Where {@code c} (ASCII) next occurs in the text from {@code from}, or -1. */
  public int indexOf(char c, int from) {
    for (int i = off + from, e = off + length; i < e; i++) {
      if (b[i] == c) {
        return i - off;
      }
    }
    return -1;
  }

  public int pos() {
    return pos;
  }

  public void pos(int p) {
    pos = p;
  }

  public int end() {
    return end;
  }

  public boolean atEnd() {
    return pos >= end;
  }

  /** The current char, or 0 at the end. */
  public char peek() {
    return pos < end ? charAt(pos) : 0;
  }

  public char peek(int ahead) {
    int p = pos + ahead;
    return p < end ? charAt(p) : 0;
  }

  public char next() {
    if (pos >= end) {
      throw fail("unexpected end of value");
    }
    return charAt(pos++);
  }

  public boolean tryChar(char c) {
    int p = pos;
    if (p < end && (b[off + p] & 0xff) == c) {
      pos = p + 1;
      return true;
    }
    return false;
  }

  public void expect(char c, String what) {
    if (!tryChar(c)) {
      throw fail(what);
    }
  }

  /** Skips SP and HTAB; returns true if any was skipped. */
  public boolean skipWs() {
    int start = pos;
    int p = wsEnd(start);
    pos = p;
    return p > start;
  }

  /** Where the SP and HTAB from {@code p} end. */
  private int wsEnd(int p) {
    byte[] bytes = b;
    int o = off;
    int e = end;
    while (p < e) {
      byte c = bytes[o + p];
      if (c != ' ' && c != '\t') {
        break;
      }
      p++;
    }
    return p;
  }

  /** SWS c SWS: optional white space around a separator char; returns false (not moving) if absent. */
  public boolean trySeparator(char c) {
    int p = wsEnd(pos);
    if (p < end && (b[off + p] & 0xff) == c) {
      pos = wsEnd(p + 1);
      return true;
    }
    return false;
  }

  /** True if, after optional white space, {@code c} comes next; the cursor does not move. */
  public boolean peekSeparator(char c) {
    int p = wsEnd(pos);
    return p < end && (b[off + p] & 0xff) == c;
  }

  public void expectSeparator(char c, String what) {
    if (!trySeparator(c)) {
      throw fail(what);
    }
  }

  /** A token (RFC 3261 §25.1); fails if there is none here. Common words come from {@link Words}. */
  public String token(String what) {
    int start = pos;
    return Words.of(this, start, skipToken(what));
  }

  /** Moves past a token and returns where it ends; fails if there is none here. */
  public int skipToken(String what) {
    byte[] bytes = b;
    int o = off;
    int e = end;
    int p = pos;
    while (p < e && Chars.isToken((char) (bytes[o + p] & 0xff))) {
      p++;
    }
    if (p == pos) {
      throw fail(what);
    }
    pos = p;
    return p;
  }

  /** A token if one starts here, else null (internal use only). */
  public String tokenOrNull() {
    int start = pos;
    while (pos < end && Chars.isToken(charAt(pos))) {
      pos++;
    }
    return pos == start ? null : substring(start, pos);
  }

  /** Unsigned decimal digits, at most {@code maxDigits}, as a long; fails if none or too many. */
  public long digits(int maxDigits, String what) {
    int start = pos;
    long v = 0;
    while (pos < end) {
      char c = charAt(pos);
      if (c < '0' || c > '9') {
        break;
      }
      if (pos - start >= maxDigits) {
        throw fail(what + " too large");
      }
      v = v * 10 + (c - '0');
      pos++;
    }
    if (pos == start) {
      throw fail("expected " + what);
    }
    return v;
  }

  /**
   * A quoted-string starting at the DQUOTE here; returns its content with quoted-pairs kept as
   * they are (the raw form between the quotes), so that it writes back unchanged.
   */
  public String quotedRaw() {
    int start = pos + 1;
    skipQuotedString();
    return substring(start, pos - 1);
  }

  /** Moves past the quoted-string starting at the DQUOTE here, checking it as {@link #quotedRaw()} does. */
  public void skipQuotedString() {
    int open = pos;
    expect('"', "expected quoted string");
    while (pos < end) {
      char c = charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\') {
        if (pos + 1 >= end) {
          break;
        }
        char q = charAt(pos + 1);
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
        if (q == '\r' || q == '\n' || q > 0x7f) {
          throw fail("bad escape in quoted string");
        }
        pos += 2;
        continue;
      }
      // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
      if (c < 0x20 && c != '\t') {
        throw fail("control character in quoted string");
      }
      if (c == 0x7f) {
        throw fail("control character in quoted string");
      }
      pos++;
    }
    pos = open;
    throw fail("unterminated quoted string");
  }

  public SipParseException fail(String reason) {
    return SipParseException.badRequest(pos, reason);
  }

  public String rest() {
    return substring(pos, end);
  }

  @Override
  public String toString() {
    return "Cursor@" + pos;
  }
}
