package io.miville.codec.header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An ordered, immutable list of {@code ;name[=value]} parameters, as found on URIs (RFC 3261
 * §19.1.1) and header values (§25.1 generic-param). Names compare case-insensitively; values
 * are kept as written (a quoted value keeps its quotes) so that a message writes back as it
 * was read. A parameter without a value ({@code ;lr}) has an empty {@link Optional} value.
 */
public final class Parameters {
  private static final String[] NONE = new String[0];
  private static final Parameters EMPTY = new Parameters(NONE, NONE);

  private final String[] names;
  private final String[] values; // null entry = flag parameter without value

  private Parameters(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  public static Parameters empty() {
    return EMPTY;
  }

  /** Parameters from alternating name, value pairs; a null value makes a flag parameter. */
  public static Parameters of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Parameters p = EMPTY;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      p = p.with(namesAndValues[i], namesAndValues[i + 1]);
    }
    return p;
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public String name(int i) {
    return names[i];
  }

  public Optional<String> value(int i) {
    return Optional.ofNullable(values[i]);
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The value as written, if the parameter is present and has one. */
  public Optional<String> get(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.ofNullable(values[i]);
  }

  /** The value with surrounding quotes and quoted-pairs removed. */
  public Optional<String> unquoted(String name) {
    return get(name).map(Parameters::unquote);
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A copy with {@code name} set to {@code value} (null for a flag), replacing an existing one. */
  public Parameters with(String name, String value) {
    int i = indexOf(name);
    if (i >= 0) {
      String[] v = values.clone();
      v[i] = value;
      return new Parameters(names, v);
    }
    String[] n = Arrays.copyOf(names, names.length + 1);
    String[] v = Arrays.copyOf(values, values.length + 1);
    n[names.length] = name;
    v[values.length] = value;
    return new Parameters(n, v);
  }

  public Parameters without(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return this;
    }
    List<String> n = new ArrayList<>(Arrays.asList(names));
    List<String> v = new ArrayList<>(Arrays.asList(values));
    n.remove(i);
    v.remove(i);
    return new Parameters(n.toArray(NONE), v.toArray(NONE));
  }

  /** Removes one level of quoting: {@code "a\"b"} becomes {@code a"b}; unquoted text is returned as is. */
  public static String unquote(String s) {
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() - 1) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Quotes {@code s} as a quoted-string (RFC 3261 §25.1), escaping {@code "}, {@code \} and
   * control characters other than HTAB as quoted-pairs.
   *
   * @throws IllegalArgumentException if {@code s} holds CR or LF, which no quoted-pair carries
   */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("a quoted string cannot hold CR or LF");
      }
      if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** Writes {@code ;name=value...} in order. */
  public void appendTo(StringBuilder b) {
    for (int i = 0; i < names.length; i++) {
      b.append(';').append(names[i]);
      if (values[i] != null) {
        b.append('=').append(values[i]);
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    appendTo(b);
    return b.toString();
  }

  /** Equal when the same names (ignoring case) carry the same values in the same order. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Parameters p) || p.names.length != names.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      if (!names[i].equalsIgnoreCase(p.names[i]) || !java.util.Objects.equals(values[i], p.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < names.length; i++) {
      h = 31 * h + io.miville.codec.internal.Chars.lower(names[i]).hashCode();
      h = 31 * h + java.util.Objects.hashCode(values[i]);
    }
    return h;
  }

  /** Accumulates parameters while parsing, without copying arrays for each one. */
  public static final class Builder {
    private final ArrayList<String> names = new ArrayList<>(4);
    private final ArrayList<String> values = new ArrayList<>(4);

    public Builder add(String name, String value) {
      names.add(name);
      values.add(value);
      return this;
    }

    public Parameters build() {
      if (names.isEmpty()) {
        return EMPTY;
      }
      return new Parameters(names.toArray(NONE), values.toArray(NONE));
    }
  }
}
