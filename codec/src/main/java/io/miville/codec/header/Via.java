package io.miville.codec.header;

import io.miville.codec.SipVersion;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import io.miville.codec.internal.Words;
import io.miville.codec.uri.UriParser;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Via value (RFC 3261 §20.42): sent-protocol, sent-by and parameters, with the
 * {@code received} and {@code rport} parameters of RFC 3581 and IPv6 sent-by of RFC 5118.
 */
public final class Via {
  /** The magic cookie that marks an RFC 3261 branch (§8.1.1.7). */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  private final String protocol;
  private final String version;
  private final String transport;
  private String host; // null until made from src[hostStart, hostEnd) (benign race, as String's hash)
  private final byte[] src; // the message bytes a Via read from a message keeps its host in, else null
  private final int hostStart;
  private final int hostEnd;
  private final int port;
  private final Parameters params;

  private Via(String protocol, String version, String transport, String host, int port, Parameters params) {
    this.protocol = protocol;
    this.version = version;
    this.transport = transport;
    this.host = host;
    this.src = null;
    this.hostStart = 0;
    this.hostEnd = 0;
    this.port = port;
    this.params = params;
  }

  /** A Via read from the ASCII bytes {@code src}, which never change; its host is {@code src[hostStart, hostEnd)}. */
  private Via(String protocol, String version, String transport, byte[] src, int hostStart, int hostEnd, int port,
      Parameters params) {
    this.protocol = protocol;
    this.version = version;
    this.transport = transport;
    this.src = src;
    this.hostStart = hostStart;
    this.hostEnd = hostEnd;
    this.port = port;
    this.params = params;
  }

  /**
   * {@code SIP/2.0/<transport> host[:port];branch=<branch>}.
   *
   * @param branch a token, or null for none
   * @throws IllegalArgumentException if the branch is not a token
   * @throws io.miville.codec.SipParseException if transport, host or port do not make a Via
   */
  public static Via create(String transport, String host, int port, String branch) {
    if (branch != null && !Chars.isToken(branch)) {
      // checked here: "a;b" would read back as branch=a and a second parameter
      throw new IllegalArgumentException("a branch must be a token");
    }
    Parameters p = branch == null ? Parameters.empty() : Parameters.of("branch", branch);
    Via v = new Via("SIP", "2.0", transport.toUpperCase(java.util.Locale.ROOT), host, port, p);
    return SipHeaders.VIA.parse(v.toString()); // validates every part
  }

  /** The protocol name, {@code SIP} (or {@code PIS}). */
  public String protocol() {
    return protocol;
  }

  public String version() {
    return version;
  }

  /** The transport as written, for example {@code UDP}, {@code TCP}, {@code TLS}, {@code WS}. */
  public String transport() {
    return transport;
  }

  public String host() {
    String h = host;
    if (h == null) {
      h = new String(src, hostStart, hostEnd - hostStart, java.nio.charset.StandardCharsets.ISO_8859_1);
      host = h;
    }
    return h;
  }

  public OptionalInt port() {
    return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  public Parameters params() {
    return params;
  }

  public Optional<String> branch() {
    return params.get("branch");
  }

  /** True if the branch carries the RFC 3261 magic cookie. */
  public boolean hasRfc3261Branch() {
    return branch().map(b -> b.startsWith(MAGIC_COOKIE)).orElse(false);
  }

  public Optional<String> received() {
    return params.get("received");
  }

  /** True if an {@code rport} parameter is present, with or without a value (RFC 3581). */
  public boolean hasRport() {
    return params.has("rport");
  }

  /** The value of {@code rport}, if it has one. */
  public OptionalInt rport() {
    return params.get("rport").map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
  }

  public Optional<String> maddr() {
    return params.get("maddr");
  }

  public Via withParam(String name, String value) {
    return new Via(protocol, version, transport, host(), port, params.with(name, value));
  }

  /** This Via with {@code received} set, as a server does on arrival (RFC 3261 §18.2.1). */
  public Via withReceived(String address) {
    return withParam("received", address);
  }

  /** This Via with {@code rport} filled in with the source port (RFC 3581 §4). */
  public Via withRport(int sourcePort) {
    return withParam("rport", Integer.toString(sourcePort));
  }

  static Via parse(Cursor c, SipVersion version) {
    return read(c, true);
  }

  /** Reads a Via as {@link #parse} does, failing the same way, without building it. */
  static Object check(Cursor c, SipVersion version) {
    read(c, false);
    return null;
  }

  /** Reads one Via value: the Via if {@code build}, else null. */
  private static Via read(Cursor c, boolean build) {
    // sent-protocol is nearly always SIP/2.0/UDP, TCP or TLS: recognized in place
    int start = c.pos();
    int end = c.skipToken("expected Via protocol name");
    String protocol = !build ? null : is(c, start, end, 'S', 'I', 'P') ? "SIP" : c.substring(start, end);
    c.expectSeparator('/', "expected / in Via");
    start = c.pos();
    end = c.skipToken("expected Via protocol version");
    String ver = !build ? null : is(c, start, end, '2', '.', '0') ? "2.0" : c.substring(start, end);
    c.expectSeparator('/', "expected / in Via");
    start = c.pos();
    end = c.skipToken("expected Via transport");
    String transport = !build ? null : is(c, start, end, 'U', 'D', 'P') ? "UDP" : is(c, start, end, 'T', 'C', 'P')
        ? "TCP" : is(c, start, end, 'T', 'L', 'S') ? "TLS" : Words.of(c, start, end);
    if (!c.skipWs()) {
      throw c.fail("expected space after Via transport");
    }
    int hostStart = c.pos();
    int hostEnd = UriParser.scanHost(c, hostStart, c.end());
    byte[] bytes = c.stableBytes(); // if set, the host stays a place in the message until asked for
    String host = bytes != null || !build ? null : c.substring(hostStart, hostEnd);
    c.pos(hostEnd);
    int port = -1;
    if (c.tryChar(':')) {
      long p = c.digits(5, "port");
      if (p > 65535) {
        throw c.fail("port out of range");
      }
      port = (int) p;
    }
    Parameters params = Parameters.empty();
    if (c.peekSeparator(';')) {
      Parameters.Builder b = build ? new Parameters.Builder() : null;
      while (c.trySeparator(';')) {
        int nameStart = c.pos();
        int nameEnd = c.skipToken("expected Via parameter");
        String value = null;
        if (c.trySeparator('=')) {
          value = viaParamValue(c, nameStart, nameEnd, build);
        } else if (c.is(nameStart, nameEnd, "branch") || c.is(nameStart, nameEnd, "received")
            || c.is(nameStart, nameEnd, "maddr") || c.is(nameStart, nameEnd, "ttl")) {
          throw c.fail("Via parameter needs a value");
        }
        if (build) {
          b.add(Words.of(c, nameStart, nameEnd), value);
        }
      }
      if (build) {
        params = b.build();
      }
    }
    if (!build) {
      return null;
    }
    return bytes != null
        ? new Via(protocol, ver, transport, bytes, c.offset() + hostStart, c.offset() + hostEnd, port, params)
        : new Via(protocol, ver, transport, host, port, params);
  }

  /** True if the text {@code [start, end)} is the three chars {@code a b c}. */
  private static boolean is(Cursor c, int start, int end, char a, char b, char d) {
    return end - start == 3 && c.charAt(start) == a && c.charAt(start + 1) == b && c.charAt(start + 2) == d;
  }

  /**
   * The value of the parameter named {@code [nameStart, nameEnd)} at the cursor, checked as
   * received, ttl, rport and maddr must be; null if not {@code build}.
   */
  private static String viaParamValue(Cursor c, int nameStart, int nameEnd, boolean build) {
    int start = c.pos();
    if (c.is(nameStart, nameEnd, "received")) {
      // received = IPv4address / IPv6address (RFC 3261), bracketed IPv6 too (RFC 5118 §4.5)
      while (!c.atEnd() && (Chars.isHex(c.peek()) || c.peek() == ':' || c.peek() == '.'
          || c.peek() == '[' || c.peek() == ']')) {
        c.next();
      }
      int end = c.pos();
      boolean ok;
      if (isDottedQuad(c, start, end)) {
        // digits and dots are never a hostname (its top label starts with a letter) nor IPv6
        ok = UriParser.isIpv4(c, start, end);
      } else {
        ok = end > start && (UriParser.isHost(c, start, end) || UriParser.isIpv6(c, start, end))
            && (c.charAt(start) == '[' || contains(c, start, end, ':'));
      }
      if (!ok) {
        c.pos(start);
        throw c.fail("bad Via received address");
      }
      return build ? c.substring(start, end) : null;
    }
    boolean ttl = c.is(nameStart, nameEnd, "ttl");
    if (ttl || c.is(nameStart, nameEnd, "rport")) {
      // the words of the error messages as the name is written, made only when needed
      String what = c.same(nameStart, nameEnd, "rport") ? "Via rport" : c.same(nameStart, nameEnd, "ttl") ? "Via ttl"
          : "Via " + c.substring(nameStart, nameEnd);
      long v = c.digits(5, what);
      if ((ttl && v > 255) || v > 65535) {
        c.pos(start);
        throw c.fail(what + " out of range");
      }
      return build ? c.substring(start, c.pos()) : null;
    }
    if (c.is(nameStart, nameEnd, "maddr")) {
      int end = UriParser.scanHost(c, start, c.end());
      c.pos(end);
      return build ? c.substring(start, end) : null;
    }
    if (build) {
      return Grammar.genValue(c);
    }
    Grammar.skipGenValue(c);
    return null;
  }

  private static boolean contains(Cursor c, int start, int end, char ch) {
    for (int i = start; i < end; i++) {
      if (c.charAt(i) == ch) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDottedQuad(Cursor c, int start, int end) {
    for (int i = start; i < end; i++) {
      char ch = c.charAt(i);
      if (!Chars.isDigit(ch) && ch != '.') {
        return false;
      }
    }
    return true;
  }

  void write(StringBuilder b) {
    b.append(protocol).append('/').append(version).append('/').append(transport).append(' ').append(host());
    if (port >= 0) {
      b.append(':').append(port);
    }
    params.appendTo(b);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(64);
    write(b);
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Via v
        && v.protocol.equalsIgnoreCase(protocol)
        && v.version.equals(version)
        && v.transport.equalsIgnoreCase(transport)
        && v.host().equalsIgnoreCase(host())
        && v.port == port
        && v.params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Chars.lower(transport), Chars.lower(host()), port, params);
  }
}
