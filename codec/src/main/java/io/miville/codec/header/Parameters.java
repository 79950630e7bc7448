package io.miville.codec.header;

import java.util.Arrays;
import java.util.Optional;

/**
 * An ordered, immutable list of {@code ;name[=value]} parameters, as found on URIs (RFC 3261
 * §19.1.1) and header values (§25.1 generic-param). Names compare case-insensitively; values
 * are kept as written (a quoted value keeps its quotes) so that a message writes back as it
 * was read. A parameter without a value ({@code ;lr}) has an empty {@link Optional} value.
 */
public final class Parameters {
  private static final String[] NONE = new String[0];
  private static final Parameters EMPTY = new Parameters(NONE);

  // name i at 2i, its value at 2i + 1 (null for a flag parameter without value)
  private final String[] pairs;

  private Parameters(String[] pairs) {
    this.pairs = pairs;
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
    return pairs.length >> 1;
  }

  public boolean isEmpty() {
    return pairs.length == 0;
  }

  public String name(int i) {
    return pairs[checkIndex(i)];
  }

  public Optional<String> value(int i) {
    return Optional.ofNullable(pairs[checkIndex(i) + 1]);
  }

  /** The value of parameter {@code i}, or null for a flag; for the parsers' checks. */
  String valueOrNull(int i) {
    return pairs[checkIndex(i) + 1];
  }

  private int checkIndex(int i) {
    return 2 * java.util.Objects.checkIndex(i, size());
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The value as written, if the parameter is present and has one. */
  public Optional<String> get(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.ofNullable(pairs[i + 1]);
  }

  /** The value with surrounding quotes and quoted-pairs removed. */
  public Optional<String> unquoted(String name) {
    return get(name).map(Parameters::unquote);
  }

  /** Where the name is in pairs, or -1. */
  private int indexOf(String name) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A copy with {@code name} set to {@code value} (null for a flag), replacing an existing one. */
  public Parameters with(String name, String value) {
    int i = indexOf(name);
    if (i >= 0) {
      String[] p = pairs.clone();
      p[i + 1] = value;
      return new Parameters(p);
    }
    String[] p = Arrays.copyOf(pairs, pairs.length + 2);
    p[pairs.length] = name;
    p[pairs.length + 1] = value;
    return new Parameters(p);
  }

  public Parameters without(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return this;
    }
    String[] p = new String[pairs.length - 2];
    System.arraycopy(pairs, 0, p, 0, i);
    System.arraycopy(pairs, i + 2, p, i, pairs.length - i - 2);
    return new Parameters(p);
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
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(';').append(pairs[i]);
      if (pairs[i + 1] != null) {
        b.append('=').append(pairs[i + 1]);
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
    if (!(o instanceof Parameters p) || p.pairs.length != pairs.length) {
      return false;
    }
    for (int i = 0; i < pairs.length; i += 2) {
      if (!pairs[i].equalsIgnoreCase(p.pairs[i]) || !java.util.Objects.equals(pairs[i + 1], p.pairs[i + 1])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < pairs.length; i += 2) {
      h = 31 * h + io.miville.codec.internal.Chars.lower(pairs[i]).hashCode();
      h = 31 * h + java.util.Objects.hashCode(pairs[i + 1]);
    }
    return h;
  }

  /** Accumulates parameters while parsing, without copying arrays for each one. */
  public static final class Builder {
    private String[] pairs = new String[2]; // most values carry one parameter: then no copy is made
    private int n; // used entries of pairs
    private boolean shared; // pairs is held by a built Parameters: copy before the next add

    public Builder add(String name, String value) {
      if (n == pairs.length || shared) {
        pairs = Arrays.copyOf(pairs, n == pairs.length ? 2 * n : pairs.length);
        shared = false;
      }
      pairs[n] = name;
      pairs[n + 1] = value;
      n += 2;
      return this;
    }

    public Parameters build() {
      if (n == 0) {
        return EMPTY;
      }
      if (n == pairs.length) {
        shared = true;
        return new Parameters(pairs);
      }
      return new Parameters(Arrays.copyOf(pairs, n));
    }
  }
}
