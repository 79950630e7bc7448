package io.miville.codec.header;

import io.miville.codec.SipVersion;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import io.miville.codec.uri.Uri;
import io.miville.codec.uri.UriParser;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39, §25.1): the
 * value of From, To, Contact, Route, Record-Route, Reply-To, Refer-To and similar headers.
 * {@code Contact: *} is the {@link #wildcard()} address.
 */
public final class Address {
  private static final Address WILDCARD = new Address(null, null, Parameters.empty(), false);

  private String displayName; // as written: a quoted-string with quotes, or tokens; see src
  // an address read from a message keeps its display name as a place in the message bytes until
  // asked for: src[displayStart, displayEnd), if src is not null (benign race, as String's hash)
  private final byte[] src;
  private final int displayStart;
  private final int displayEnd;
  private final Uri uri;
  private final Parameters params;
  private final boolean bracketed;

  private Address(String displayName, Uri uri, Parameters params, boolean bracketed) {
    this(displayName, null, 0, 0, uri, params, bracketed);
  }

  private Address(String displayName, byte[] src, int displayStart, int displayEnd, Uri uri, Parameters params,
      boolean bracketed) {
    this.displayName = displayName;
    this.src = src;
    this.displayStart = displayStart;
    this.displayEnd = displayEnd;
    this.uri = uri;
    this.params = params;
    this.bracketed = bracketed;
  }

  /** {@code <uri>}. */
  public static Address of(Uri uri) {
    return new Address(null, Objects.requireNonNull(uri), Parameters.empty(), true);
  }

  /** {@code "display name" <uri>}; the name is quoted as needed. */
  public static Address of(String displayName, Uri uri) {
    return new Address(Parameters.quote(displayName), Objects.requireNonNull(uri), Parameters.empty(), true);
  }

  /** The {@code Contact: *} of a REGISTER that removes all bindings (RFC 3261 §10.2.2). */
  public static Address wildcard() {
    return WILDCARD;
  }

  public boolean isWildcard() {
    return this == WILDCARD;
  }

  /** The URI; fails for the wildcard. */
  public Uri uri() {
    if (uri == null) {
      throw new IllegalStateException("the wildcard contact has no URI");
    }
    return uri;
  }

  /** The display name as written, or null. */
  private String display() {
    String d = displayName;
    if (d == null && src != null) {
      d = new String(src, displayStart, displayEnd - displayStart, java.nio.charset.StandardCharsets.ISO_8859_1);
      displayName = d;
    }
    return d;
  }

  /** The display name without quotes and escapes. */
  public Optional<String> displayName() {
    return Optional.ofNullable(display()).map(Parameters::unquote);
  }

  /** The display name as written (quoted-string with its quotes, or tokens). */
  public Optional<String> rawDisplayName() {
    return Optional.ofNullable(display());
  }

  public Parameters params() {
    return params;
  }

  public Optional<String> tag() {
    return params.get("tag");
  }

  /** The {@code q} parameter of a Contact. */
  public OptionalDouble q() {
    return params.get("q").map(v -> OptionalDouble.of(Double.parseDouble(v))).orElse(OptionalDouble.empty());
  }

  /** The {@code expires} parameter of a Contact, saturating at 2^32-1. */
  public OptionalLong expires() {
    return params.get("expires").map(v -> OptionalLong.of(Grammar.deltaSeconds(new Cursor(v), "expires")))
        .orElse(OptionalLong.empty());
  }

  public Address withTag(String tag) {
    if (!Chars.isToken(tag)) {
      throw new IllegalArgumentException("a tag must be a token");
    }
    return withParam("tag", tag);
  }

  public Address withParam(String name, String value) {
    if (isWildcard()) {
      throw new IllegalStateException("the wildcard contact takes no parameters");
    }
    return new Address(display(), uri, params.with(name, value), true);
  }

  public Address withParams(Parameters newParams) {
    return new Address(display(), uri, newParams, true);
  }

  /** Parses any address; {@code *} is allowed only where {@code allowWildcard}. */
  static Address parse(Cursor c, SipVersion version, boolean allowWildcard, boolean requireBrackets) {
    return read(c, allowWildcard, requireBrackets, true);
  }

  /** Reads an address as {@link #parse} does, failing the same way, without building it. */
  static Object check(Cursor c, SipVersion version, boolean allowWildcard, boolean requireBrackets) {
    read(c, allowWildcard, requireBrackets, false);
    return null;
  }

  /** Reads an address: the address if {@code build}, else null. */
  private static Address read(Cursor c, boolean allowWildcard, boolean requireBrackets, boolean build) {
    if (c.peek() == '*') {
      // RFC 3261 §20.10: Contact = ( STAR / (contact-param *(COMMA contact-param)) ): the
      // wildcard stands alone on its line, without parameters
      if (!allowWildcard || !onlyWhiteSpace(c, 0, c.pos()) || !onlyWhiteSpace(c, c.pos() + 1, c.end())) {
        throw c.fail("unexpected *");
      }
      c.next();
      return WILDCARD;
    }
    String display = null;
    int displayStart = -1; // with displayEnd, the display name in the cursor's text if not made yet
    int displayEnd = -1;
    Uri uri;
    boolean bracketed;
    if (c.peek() == '"') {
      int start = c.pos();
      c.skipQuotedString();
      displayStart = start;
      displayEnd = c.pos();
      c.skipWs();
      uri = Grammar.bracketedUri(c, build);
      bracketed = true;
    } else if (c.peek() == '<') {
      uri = Grammar.bracketedUri(c, build);
      bracketed = true;
    } else {
      // display-name = *(token LWS): tokens up to a "<" make a display name; otherwise addr-spec
      int start = c.pos();
      int p = start;
      Cursor s = c;
      int lastTokenEnd = start;
      while (p < c.end()) {
        char ch = s.charAt(p);
        if (Chars.isToken(ch)) {
          p++;
          lastTokenEnd = p;
        } else if (ch == ' ' || ch == '\t') {
          p++;
        } else {
          break;
        }
      }
      if (p < c.end() && s.charAt(p) == '<' && lastTokenEnd > start) {
        displayStart = start;
        displayEnd = lastTokenEnd;
        c.pos(p);
        uri = Grammar.bracketedUri(c, build);
        bracketed = true;
      } else if (requireBrackets) {
        throw c.fail("expected <URI>");
      } else {
        // addr-spec: URI parameters and headers would be ambiguous here (RFC 3261 §20.10)
        int end = start;
        while (end < c.end()) {
          char ch = s.charAt(end);
          if (ch == ';' || ch == ',' || ch == ' ' || ch == '\t' || ch == '?') {
            break;
          }
          end++;
        }
        if (end < c.end() && s.charAt(end) == '?') {
          c.pos(end);
          throw c.fail("URI with headers must be enclosed in < >");
        }
        if (build) {
          uri = Grammar.parseUri(c, start, end);
        } else {
          uri = null;
          UriParser.check(c, start, end);
        }
        c.pos(end);
        bracketed = false;
      }
    }
    if (!build) {
      int paramsStart = c.pos();
      Grammar.skipGenericParams(c);
      checkParamsInPlace(c, paramsStart);
      return null;
    }
    Parameters params = Grammar.genericParams(c);
    checkParams(c, params);
    byte[] bytes = c.stableBytes();
    if (displayStart >= 0 && bytes != null) {
      int o = c.offset();
      return new Address(null, bytes, o + displayStart, o + displayEnd, uri, params, bracketed);
    }
    if (displayStart >= 0) {
      display = c.substring(displayStart, displayEnd);
    }
    return new Address(display, uri, params, bracketed);
  }

  private static boolean onlyWhiteSpace(Cursor s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Chars.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void checkParams(Cursor c, Parameters params) {
    for (int i = 0; i < params.size(); i++) {
      String name = params.name(i);
      String value = params.valueOrNull(i);
      if (name.equalsIgnoreCase("tag") && (value == null || !Chars.isToken(value))) {
        throw c.fail("bad tag parameter");
      }
      if (name.equalsIgnoreCase("q") && (value == null || !isQValue(value))) {
        throw c.fail("bad q parameter");
      }
      if (name.equalsIgnoreCase("expires") && (value == null || !allDigits(value))) {
        throw c.fail("bad expires parameter");
      }
    }
  }

  /**
   * The checks of {@link #checkParams} on the parameters read from {@code from} to the cursor,
   * in place: each failure as there, at the cursor.
   */
  private static void checkParamsInPlace(Cursor c, int from) {
    int end = c.pos();
    c.pos(from);
    while (c.trySeparator(';')) {
      int nameStart = c.pos();
      int nameEnd = c.skipToken("expected parameter name");
      int valueStart = -1; // no value
      int valueEnd = -1;
      if (c.trySeparator('=')) {
        valueStart = c.pos();
        Grammar.skipGenValue(c);
        valueEnd = c.pos();
      }
      String failure = null;
      if (c.is(nameStart, nameEnd, "tag") && (valueStart < 0 || !isToken(c, valueStart, valueEnd))) {
        failure = "bad tag parameter";
      } else if (c.is(nameStart, nameEnd, "q") && (valueStart < 0 || !isQValue(c.substring(valueStart, valueEnd)))) {
        failure = "bad q parameter";
      } else if (c.is(nameStart, nameEnd, "expires") && (valueStart < 0 || !allDigits(c, valueStart, valueEnd))) {
        failure = "bad expires parameter";
      }
      if (failure != null) {
        c.pos(end);
        throw c.fail(failure);
      }
    }
    c.pos(end);
  }

  private static boolean isToken(Cursor c, int start, int end) {
    if (start == end) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Chars.isToken(c.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allDigits(Cursor c, int start, int end) {
    if (start == end) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Chars.isDigit(c.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allDigits(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      if (!Chars.isDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). */
  private static boolean isQValue(String v) {
    if (v.isEmpty() || v.length() > 5 || (v.charAt(0) != '0' && v.charAt(0) != '1')) {
      return false;
    }
    if (v.length() == 1) {
      return true;
    }
    if (v.charAt(1) != '.') {
      return false;
    }
    for (int i = 2; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (!Chars.isDigit(ch) || (v.charAt(0) == '1' && ch != '0')) {
        return false;
      }
    }
    return true;
  }

  void write(StringBuilder b) {
    if (isWildcard()) {
      b.append('*');
      return;
    }
    String display = display();
    if (display != null) {
      b.append(display).append(' ');
    }
    // canonical form always brackets the URI: it is never ambiguous that way
    b.append('<').append(uri).append('>');
    params.appendTo(b);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(64);
    write(b);
    return b.toString();
  }

  /** Equal when display name, URI and parameters are equal; bracketing is not significant. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Address a
        && Objects.equals(a.display(), display())
        && Objects.equals(a.uri, uri)
        && a.params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(display(), uri, params);
  }

  /** True if the URI was written inside {@code < >}. */
  public boolean isBracketed() {
    return bracketed;
  }
}
