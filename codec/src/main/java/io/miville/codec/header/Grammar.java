package io.miville.codec.header;

import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import io.miville.codec.uri.Uri;
import io.miville.codec.uri.UriParser;

/** Shared pieces of the RFC 3261 §25 grammar used by the typed header parsers. */
public final class Grammar {
  private Grammar() {}

  /**
   * {@code *( SEMI generic-param )}: parameters after a header value. gen-value is a token, a
   * host or a quoted-string; quoted values keep their quotes.
   */
  public static Parameters genericParams(Cursor c) {
    if (!peekSeparator(c, ';')) {
      return Parameters.empty();
    }
    Parameters.Builder b = new Parameters.Builder();
    while (c.trySeparator(';')) {
      String name = c.token("expected parameter name");
      String value = null;
      if (c.trySeparator('=')) {
        value = genValue(c);
      }
      b.add(name, value);
    }
    return b.build();
  }

  /** Moves past {@code *( SEMI generic-param )} as {@link #genericParams} reads it, failing the same way. */
  public static void skipGenericParams(Cursor c) {
    while (c.trySeparator(';')) {
      c.skipToken("expected parameter name");
      if (c.trySeparator('=')) {
        skipGenValue(c);
      }
    }
  }

  /** Moves past a gen-value as {@link #genValue} reads it, failing the same way. */
  public static void skipGenValue(Cursor c) {
    char first = c.peek();
    if (first == '"') {
      c.skipQuotedString();
    } else if (first == '[') {
      c.pos(UriParser.scanHost(c, c.pos(), c.end()));
    } else {
      c.skipToken("expected parameter value");
    }
  }

  /** True if, after optional white space, {@code sep} comes next (the cursor does not move). */
  public static boolean peekSeparator(Cursor c, char sep) {
    return c.peekSeparator(sep);
  }

  /** gen-value = token / host / quoted-string. */
  public static String genValue(Cursor c) {
    char first = c.peek();
    if (first == '"') {
      int start = c.pos();
      c.skipQuotedString();
      return c.substring(start, c.pos());
    }
    if (first == '[') {
      int start = c.pos();
      int end = UriParser.scanHost(c, start, c.end());
      c.pos(end);
      return c.substring(start, end);
    }
    // tokens include every char of hostnames and IPv4 addresses; values are seldom common words
    int start = c.pos();
    return c.substring(start, c.skipToken("expected parameter value"));
  }

  /** host [ ":" port ]: returns the port or -1, leaving the host text in {@code hostOut[0]}. */
  public static int hostPort(Cursor c, String[] hostOut) {
    int start = c.pos();
    int end = UriParser.scanHost(c, start, c.end());
    hostOut[0] = c.substring(start, end);
    c.pos(end);
    if (c.tryChar(':')) {
      long port = c.digits(5, "port");
      if (port > 65535) {
        throw c.fail("port out of range");
      }
      return (int) port;
    }
    return -1;
  }

  /**
   * A URI inside {@code < >}, with the cursor on the {@code <}. Nothing but the URI may stand
   * between the brackets (RFC 3261 §25.1 LAQUOT/RAQUOT; RFC 4475 §3.1.2.13).
   */
  public static Uri bracketedUri(Cursor c) {
    return bracketedUri(c, true);
  }

  /** {@link #bracketedUri(Cursor)}, or if not {@code build} the same checks without a URI (null). */
  static Uri bracketedUri(Cursor c, boolean build) {
    c.expect('<', "expected <");
    int start = c.pos();
    int close = c.indexOf('>', start);
    if (close < 0 || close > c.end()) {
      throw c.fail("missing >");
    }
    Uri uri = build ? parseUri(c, start, close) : null;
    if (!build) {
      UriParser.check(c, start, close);
    }
    c.pos(close + 1);
    return uri;
  }

  /** Parses {@code text[start,end)} as a URI, shifting errors to text offsets. */
  public static Uri parseUri(Cursor c, int start, int end) {
    return UriParser.parse(c, start, end);
  }

  /** delta-seconds, saturating at 2^32-1 as RFC 3261 §20.19 and RFC 4475 §3.1.2.3 allow. */
  public static long deltaSeconds(Cursor c, String what) {
    int start = c.pos();
    long v = 0;
    while (!c.atEnd() && Chars.isDigit(c.peek())) {
      v = Math.min(v * 10 + (c.next() - '0'), 0xFFFF_FFFFL);
    }
    if (c.pos() == start) {
      throw c.fail("expected " + what);
    }
    return v;
  }

  /** A method (a token), or throws with {@code what}; known methods are found without a copy of the name. */
  public static SipMethod method(Cursor c, String what) {
    return SipMethod.parse(c, what);
  }

  /** A token, or throws with {@code what}. */
  public static String token(Cursor c, String what) {
    return c.token(what);
  }

  static SipParseException fail(Cursor c, String reason) {
    return c.fail(reason);
  }
}
