package io.miville.codec;

import io.miville.codec.header.HeaderType;
import java.util.List;
import java.util.Objects;

/**
 * One header line of a message: its name and its value as text (unfolded, without leading or
 * trailing white space). Typed values are parsed from the text on demand and kept, so each line
 * is parsed once; the parser fills them in for every header it validates.
 */
public final class HeaderField {
  private final HeaderName name;
  private final String value;
  private Parsed parsed; // benign race: an immutable holder, as String caches its hash

  private record Parsed(HeaderType<?> type, List<?> values) {}

  private HeaderField(HeaderName name, String value, Parsed parsed) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.parsed = parsed;
  }

  /**
   * A header line with a raw value.
   *
   * @throws IllegalArgumentException if the value holds what {@link #checkValue} refuses
   */
  public static HeaderField of(HeaderName name, String value) {
    String v = value.strip();
    checkValue(v);
    return new HeaderField(name, v, null);
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
    checkValue(text);
    return new HeaderField(type.name(), text, new Parsed(type, copy));
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
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("header value must not contain CR or LF");
      }
      if ((c < 0x20 && c != '\t' || c == 0x7f) && (i == 0 || value.charAt(i - 1) != '\\')) {
        throw new IllegalArgumentException("header value must not contain control characters");
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else {
          throw new IllegalArgumentException("header value must not contain unpaired surrogates");
        }
      }
    }
  }

  /** For the parser: a field whose values it already parsed. */
  static HeaderField parsed(HeaderName name, String value, HeaderType<?> type, List<?> values) {
    return new HeaderField(name, value, type == null ? null : new Parsed(type, values));
  }

  public HeaderName name() {
    return name;
  }

  public String value() {
    return value;
  }

  /**
   * The typed values on this line.
   *
   * @throws SipParseException if the text does not parse as {@code type}
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> values(HeaderType<T> type, SipVersion version) {
    Parsed p = parsed;
    if (p != null && p.type == type) {
      return (List<T>) p.values;
    }
    List<T> values = type.parseLine(value, version);
    parsed = new Parsed(type, values);
    return values;
  }

  /** The value in canonical form: typed headers re-written from their values, others as read. */
  public String canonicalValue() {
    Parsed p = parsed;
    if (p == null) {
      HeaderType<?> standard = io.miville.codec.header.HeaderRegistry.standardOrNull(name);
      if (standard == null) {
        return value;
      }
      try {
        values(standard, SipVersion.SIP_2_0);
      } catch (SipParseException e) {
        return value;
      }
      p = parsed;
    }
    @SuppressWarnings("unchecked")
    HeaderType<Object> t = (HeaderType<Object>) p.type;
    return t.formatAll(p.values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderField f && f.name.equals(name) && f.value.equals(value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + value.hashCode();
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
