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
  // reads one value as the parser does, failing the same way, without building it; null if
  // the parser is the only way
  private final ValueParser<?> checker;
  private final String expectedComma; // an error message, made once

  private HeaderType(HeaderName name, boolean list, boolean emptyAllowed, ValueParser<T> parser, ValueWriter<T> writer,
      ValueParser<?> checker) {
    this.name = Objects.requireNonNull(name);
    this.list = list;
    this.emptyAllowed = emptyAllowed;
    this.parser = Objects.requireNonNull(parser);
    this.writer = Objects.requireNonNull(writer);
    this.checker = checker;
    this.expectedComma = "expected comma in " + name.name() + " header";
  }

  private HeaderType(HeaderName name, boolean list, boolean emptyAllowed, ValueParser<T> parser, ValueWriter<T> writer) {
    this(name, list, emptyAllowed, parser, writer, null);
  }

  /**
   * This type with a checker: a reader of one value that moves the cursor and fails exactly as
   * the parser does, without building the value. The message parser then checks lines of this
   * header while reading and builds their values when they are first asked for.
   */
  HeaderType<T> checkedBy(ValueParser<?> valueChecker) {
    return new HeaderType<>(name, list, emptyAllowed, parser, writer, Objects.requireNonNull(valueChecker));
  }

  /** True if {@link #checkLine} checks a line without building its values (they are built when asked for). */
  public boolean checksWithoutBuilding() {
    return checker != null;
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
    return line(c, version, true);
  }

  /**
   * Checks a whole header value as {@link #parseLine(Cursor, SipVersion)} reads it, failing
   * with the same exception, without building the values where this type has a checker
   * ({@link #checksWithoutBuilding()}).
   *
   * @throws SipParseException with an offset relative to the value
   */
  public void checkLine(Cursor c, SipVersion version) {
    line(c, version, checker == null);
  }

  /** Reads a line; the values if {@code build}, else null, the checker reading each value. */
  private List<T> line(Cursor c, SipVersion version, boolean build) {
    ValueParser<?> reader = build ? parser : checker;
    c.skipWs();
    if (c.atEnd()) {
      if (emptyAllowed) {
        return List.of();
      }
      throw c.fail("empty " + name.name() + " header");
    }
    Object first = reader.parse(c, version);
    c.skipWs();
    if (c.atEnd()) {
      return build ? List.of(cast(first)) : null;
    }
    if (!list) {
      throw c.fail("unexpected text in " + name.name() + " header");
    }
    Object[] out = build ? new Object[8] : null;
    if (build) {
      out[0] = first;
    }
    int n = 1;
    while (!c.atEnd()) {
      c.expectSeparator(',', expectedComma);
      Object next = reader.parse(c, version);
      if (build) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, 2 * n);
        }
        out[n] = next;
      }
      n++;
      c.skipWs();
    }
    if (!build) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<T> values = (List<T>) List.of(n == out.length ? out : java.util.Arrays.copyOf(out, n));
    return values;
  }

  @SuppressWarnings("unchecked")
  private T cast(Object value) {
    return (T) value;
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
