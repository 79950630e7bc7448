package io.miville.codec.header;

import io.miville.codec.HeaderName;
import io.miville.codec.SipParseException;
import io.miville.codec.SipVersion;
import io.miville.codec.internal.Cursor;
import java.util.List;
import java.util.Objects;

/**
 * A typed view of one header: its name, how one value is parsed and written, and whether a
 * header line may carry several comma-separated values (RFC 3261 §7.3.1).
 *
 * <p>The standard types are constants of {@link SipHeaders} and {@link PisHeaders}; a user of
 * the stack may define its own with {@link #single} or {@link #list}.
 *
 * @param <T> the type of one value
 */
public final class HeaderType<T> {

  /** Parses one value at the cursor, leaving it just after the value. */
  @FunctionalInterface
  public interface ValueParser<T> {
    T parse(Cursor cursor, SipVersion version);
  }

  /** Writes one value in canonical form. */
  @FunctionalInterface
  public interface ValueWriter<T> {
    void write(T value, StringBuilder out);
  }

  private final HeaderName name;
  private final boolean list;
  private final boolean emptyAllowed;
  private final ValueParser<T> parser;
  private final ValueWriter<T> writer;
  private final String expectedComma; // an error message, made once

  private HeaderType(HeaderName name, boolean list, boolean emptyAllowed, ValueParser<T> parser, ValueWriter<T> writer) {
    this.name = Objects.requireNonNull(name);
    this.list = list;
    this.emptyAllowed = emptyAllowed;
    this.parser = Objects.requireNonNull(parser);
    this.writer = Objects.requireNonNull(writer);
    this.expectedComma = "expected comma in " + name.name() + " header";
  }

  /** A header with exactly one value per line. */
  public static <T> HeaderType<T> single(HeaderName name, ValueParser<T> parser, ValueWriter<T> writer) {
    return new HeaderType<>(name, false, false, parser, writer);
  }

  /** A header whose lines hold comma-separated values ({@code Via}, {@code Contact}, ...). */
  public static <T> HeaderType<T> list(HeaderName name, ValueParser<T> parser, ValueWriter<T> writer) {
    return new HeaderType<>(name, true, false, parser, writer);
  }

  /** A list header whose value may be empty ({@code Allow:}, {@code Supported:}, RFC 3261 §20). */
  public static <T> HeaderType<T> optionalList(HeaderName name, ValueParser<T> parser, ValueWriter<T> writer) {
    return new HeaderType<>(name, true, true, parser, writer);
  }

  public HeaderName name() {
    return name;
  }

  public boolean isList() {
    return list;
  }

  /**
   * Parses a whole header value (one line, already unfolded).
   *
   * @return the values on the line: exactly one unless this is a list type
   * @throws SipParseException with an offset relative to the value
   */
  public List<T> parseLine(String value, SipVersion version) {
    return parseLine(new Cursor(value), version);
  }

  /**
   * Parses a whole header value (one line, already unfolded) from a cursor at its start; for
   * the message parser, which reads values without making strings of them first.
   *
   * @return the values on the line: exactly one unless this is a list type
   * @throws SipParseException with an offset relative to the value
   */
  public List<T> parseLine(Cursor c, SipVersion version) {
    c.skipWs();
    if (c.atEnd()) {
      if (emptyAllowed) {
        return List.of();
      }
      throw c.fail("empty " + name.name() + " header");
    }
    T first = parser.parse(c, version);
    c.skipWs();
    if (c.atEnd()) {
      return List.of(first);
    }
    if (!list) {
      throw c.fail("unexpected text in " + name.name() + " header");
    }
    Object[] out = new Object[8];
    out[0] = first;
    int n = 1;
    while (!c.atEnd()) {
      c.expectSeparator(',', expectedComma);
      if (n == out.length) {
        out = java.util.Arrays.copyOf(out, 2 * n);
      }
      out[n++] = parser.parse(c, version);
      c.skipWs();
    }
    @SuppressWarnings("unchecked")
    List<T> values = (List<T>) List.of(n == out.length ? out : java.util.Arrays.copyOf(out, n));
    return values;
  }

  /** Parses a value that holds exactly one element. */
  public T parse(String value) {
    List<T> values = parseLine(value, SipVersion.SIP_2_0);
    if (values.size() != 1) {
      throw SipParseException.badRequest(0, "expected one " + name.name() + " value");
    }
    return values.get(0);
  }

  /** Writes one value in canonical form. */
  public String format(T value) {
    StringBuilder b = new StringBuilder();
    writer.write(value, b);
    return b.toString();
  }

  /** Writes several values as one header line, comma-separated. */
  public String formatAll(List<? extends T> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      writer.write(values.get(i), b);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "HeaderType[" + name + "]";
  }
}
