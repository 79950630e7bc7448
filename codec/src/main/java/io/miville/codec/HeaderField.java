package io.miville.codec;

import io.miville.codec.header.HeaderType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One header line of a message: its name and its value as text (unfolded, without leading or
 * trailing white space). Typed values are parsed from the text on demand and kept, so each line
 * is parsed once; the parser fills them in for every header it validates.
 *
 * <p>A line read by {@link SipParser} keeps a view of the message bytes it came from: its value
 * becomes a String only when asked for, and a line written exactly as the writer would write it
 * ({@code Name: value} CRLF) is written back by copying those bytes.
 */
public final class HeaderField {
  private final HeaderName name;
  private String value; // null until asked for when read from ASCII bytes; benign race, as String's hash
  private final boolean ascii; // the value has no character above 0x7F: written with one byte per char
  // where a parsed line came from: src[lineStart, lineEnd) is the line with its CRLF and
  // src[valueStart, valueEnd) the value's bytes; src is null for built lines and for values that
  // differ from their bytes (folded lines, a PIS address given the sip: scheme)
  private final byte[] src;
  private final int lineStart;
  private final int valueStart;
  private final int valueEnd;
  private final int lineEnd; // -1 if the line is not written as it was read (other spelling, spacing, bare LF)
  // the values the line was made or read with (type null if none), and the values of another
  // type parsed later: latest is null while the first ones are the last asked for (canonical
  // form writes the last asked for); benign race, an immutable holder as String caches its hash
  private final HeaderType<?> type;
  private List<?> values; // null if the parser only checked the line: built when first asked for (benign race)
  private final SipVersion version; // of the message the line was read from, to build those values
  private Parsed latest;

  private record Parsed(HeaderType<?> type, List<?> values) {}

  private HeaderField(HeaderName name, String value, boolean ascii, HeaderType<?> type, List<?> values) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.ascii = ascii;
    this.src = null;
    this.lineStart = 0;
    this.valueStart = 0;
    this.valueEnd = 0;
    this.lineEnd = -1;
    this.type = type;
    this.values = values;
    this.version = SipVersion.SIP_2_0;
  }

  private HeaderField(HeaderName name, String value, boolean ascii, byte[] src, int lineStart, int valueStart,
      int valueEnd, int lineEnd, HeaderType<?> type, List<?> values, SipVersion version) {
    this.name = name;
    this.value = value;
    this.ascii = ascii;
    this.src = src;
    this.lineStart = lineStart;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.lineEnd = lineEnd;
    this.type = type;
    this.values = values;
    this.version = version;
  }

  /**
   * A header line with a raw value.
   *
   * @throws IllegalArgumentException if the value holds what {@link #checkValue} refuses
   */
  public static HeaderField of(HeaderName name, String value) {
    String v = value.strip();
    return new HeaderField(name, v, checkedAscii(v), null, null);
  }

  public static HeaderField of(String name, String value) {
    return of(HeaderName.of(name), value);
  }

  /**
   * A header line holding typed values, written in canonical form.
   *
   * @throws IllegalArgumentException if the written value holds what {@link #checkValue}
   *     refuses, for example a CR or LF put into a parameter or display name
   */
  public static <T> HeaderField of(HeaderType<T> type, List<T> values) {
    List<T> copy = List.copyOf(values);
    String text = type.formatAll(copy);
    return new HeaderField(type.name(), text, checkedAscii(text), type, copy);
  }

  /**
   * Refuses a value the parser would refuse, so that a built message always reads back: CR and
   * LF anywhere (they would end the line and let a value inject headers), other control
   * characters except HTAB unless a backslash escapes them as a quoted-pair (RFC 3261 §25.1),
   * and unpaired surrogates, which have no UTF-8 form.
   *
   * @throws IllegalArgumentException naming the problem, never echoing the value
   */
  public static void checkValue(String value) {
    checkedAscii(value);
  }

  /** {@link #checkValue}, returning true if the value is all ASCII (one byte per char when written). */
  static boolean checkedAscii(String value) {
    boolean ascii = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        ascii &= c < 0x80;
        checkSpecial(value, i, c);
        if (Character.isHighSurrogate(c)) {
          i++; // checkSpecial saw the pair
        }
      }
    }
    return ascii;
  }

  private static void checkSpecial(String value, int i, char c) {
    if (c == '\r' || c == '\n') {
      throw new IllegalArgumentException("header value must not contain CR or LF");
    }
    if ((c < 0x20 && c != '\t' || c == 0x7f) && (i == 0 || value.charAt(i - 1) != '\\')) {
      throw new IllegalArgumentException("header value must not contain control characters");
    }
    if (Character.isSurrogate(c)
        && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))) {
      throw new IllegalArgumentException("header value must not contain unpaired surrogates");
    }
  }

  /** For the parser: a field with text only (the TID of a PIS start line). */
  static HeaderField parsed(HeaderName name, String value) {
    return new HeaderField(name, value, true, null, null);
  }

  /**
   * For the parser: a line read from {@code src}. {@code value} may be null if the value is
   * ASCII and {@code src[valueStart, valueEnd)} holds it; {@code src} null if the value is only
   * in {@code value}; {@code lineEnd} -1 if the line cannot be copied as it is. {@code values}
   * are those of {@code type}, or null if the line was only checked as {@code type} in a message
   * of {@code version}: then they are built when first asked for.
   */
  static HeaderField read(HeaderName name, String value, boolean ascii, byte[] src, int lineStart, int valueStart,
      int valueEnd, int lineEnd, HeaderType<?> type, List<?> values, SipVersion version) {
    return new HeaderField(name, value, ascii, src, lineStart, valueStart, valueEnd, src == null ? -1 : lineEnd,
        type, values, version);
  }

  /** The values of the type the line was made or read with, built now if the parser only checked them. */
  private List<?> ownValues() {
    List<?> v = values;
    if (v == null) {
      v = type.parseLine(value(), version);
      values = v;
    }
    return v;
  }

  // ---- for the writer ----

  /** The length of the line as the writer writes it, CRLF included; -1 if the value is not ASCII and not in bytes. */
  int encodedLength() {
    if (lineEnd >= 0) {
      return lineEnd - lineStart;
    }
    if (src != null) {
      return name.nameBytes().length + 4 + valueEnd - valueStart;
    }
    return ascii ? name.nameBytes().length + 4 + value.length() : -1;
  }

  /** Writes the line at {@code out[at]}, which has room for {@link #encodedLength()} bytes; returns the end. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the copy for ASCII text
  int writeTo(byte[] out, int at) {
    if (lineEnd >= 0) {
      System.arraycopy(src, lineStart, out, at, lineEnd - lineStart);
      return at + lineEnd - lineStart;
    }
    byte[] n = name.nameBytes();
    System.arraycopy(n, 0, out, at, n.length);
    at += n.length;
    out[at++] = ':';
    out[at++] = ' ';
    if (src != null) {
      System.arraycopy(src, valueStart, out, at, valueEnd - valueStart);
      at += valueEnd - valueStart;
    } else {
      value.getBytes(0, value.length(), out, at);
      at += value.length();
    }
    out[at++] = '\r';
    out[at++] = '\n';
    return at;
  }

  public HeaderName name() {
    return name;
  }

  public String value() {
    String v = value;
    if (v == null) {
      v = new String(src, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
      value = v;
    }
    return v;
  }

  /**
   * The typed values on this line.
   *
   * @throws SipParseException if the text does not parse as {@code type}
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> values(HeaderType<T> type, SipVersion version) {
    Parsed p = latest;
    if (p != null && p.type == type) {
      return (List<T>) p.values;
    }
    if (type == this.type) {
      if (p != null) {
        latest = null;
      }
      return (List<T>) ownValues();
    }
    List<T> parsed = type.parseLine(value(), version);
    latest = new Parsed(type, parsed);
    return parsed;
  }

  /** The value in canonical form: typed headers re-written from their values, others as read. */
  public String canonicalValue() {
    Parsed p = latest;
    if (p == null && type != null) {
      p = new Parsed(type, ownValues());
    }
    if (p == null) {
      HeaderType<?> standard = io.miville.codec.header.HeaderRegistry.standardOrNull(name);
      if (standard == null) {
        return value();
      }
      try {
        values(standard, SipVersion.SIP_2_0);
      } catch (SipParseException e) {
        return value();
      }
      p = latest;
    }
    @SuppressWarnings("unchecked")
    HeaderType<Object> t = (HeaderType<Object>) p.type;
    return t.formatAll(p.values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderField f && f.name.equals(name) && f.value().equals(value());
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + value().hashCode();
  }

  @Override
  public String toString() {
    return name + ": " + value();
  }
}
