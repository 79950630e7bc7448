package io.miville.codec.uri;

import io.miville.codec.header.Parameters;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code sip:} or {@code sips:} URI (RFC 3261 §19.1). User and password are kept in their
 * escaped form (use {@link #decodedUser()} for the characters they stand for); the host is kept
 * as written, with brackets for an IPv6 reference (RFC 5118).
 */
public final class SipUri implements Uri {
  private final boolean secure;
  private String user; // null if absent, or not made yet from the bytes below (benign race, as String's hash)
  private final String password;
  private String host; // null until made from the bytes below
  private final int port;
  private final Parameters params;
  private final String headers;
  private final String text; // the written form if known already (a URI read from a whole text), else null
  // a URI read from a message keeps user and host as places in its bytes until they are asked
  // for: most URIs of a message are only checked and carried along
  private final byte[] src; // ASCII bytes that never change, or null
  private final int userStart; // -1 if no user
  private final int userEnd;
  private final int hostStart;
  private final int hostEnd;

  SipUri(boolean secure, String user, String password, String host, int port, Parameters params, String headers) {
    this(secure, user, password, host, port, params, headers, null);
  }

  /** {@code text}, if not null, is what {@link #toString()} would build: the text the URI was read from. */
  SipUri(boolean secure, String user, String password, String host, int port, Parameters params, String headers,
      String text) {
    this.text = text;
    this.secure = secure;
    this.user = user;
    this.password = password;
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.params = Objects.requireNonNull(params, "params");
    this.headers = headers;
    this.src = null;
    this.userStart = -1;
    this.userEnd = -1;
    this.hostStart = 0;
    this.hostEnd = 0;
  }

  /**
   * A URI read from the ASCII bytes {@code src}, which must never change: the user is
   * {@code src[userStart, userEnd)} ({@code userStart} -1 if none), the host
   * {@code src[hostStart, hostEnd)}.
   */
  SipUri(boolean secure, byte[] src, int userStart, int userEnd, String password, int hostStart, int hostEnd, int port,
      Parameters params, String headers, String text) {
    this.text = text;
    this.secure = secure;
    this.password = password;
    this.port = port;
    this.params = Objects.requireNonNull(params, "params");
    this.headers = headers;
    this.src = src;
    this.userStart = userStart;
    this.userEnd = userEnd;
    this.hostStart = hostStart;
    this.hostEnd = hostEnd;
  }

  private String userOrNull() {
    String u = user;
    if (u == null && userStart >= 0) {
      u = new String(src, userStart, userEnd - userStart, java.nio.charset.StandardCharsets.ISO_8859_1);
      user = u;
    }
    return u;
  }

  /** {@code sip:host}. */
  public static SipUri of(String host) {
    return create(false, null, host, -1);
  }

  /** {@code sip:user@host:port}, checking every part; user may be null, port -1 for none. */
  public static SipUri create(boolean secure, String user, String host, int port) {
    StringBuilder b = new StringBuilder(secure ? "sips:" : "sip:");
    if (user != null) {
      b.append(user).append('@');
    }
    b.append(host);
    if (port >= 0) {
      b.append(':').append(port);
    }
    return (SipUri) Uri.parse(b.toString());
  }

  @Override
  public String scheme() {
    return secure ? "sips" : "sip";
  }

  public boolean isSecure() {
    return secure;
  }

  /** The user part in its escaped, written form. */
  public Optional<String> user() {
    return Optional.ofNullable(userOrNull());
  }

  /** The user part with %HH escapes decoded (as UTF-8). */
  public Optional<String> decodedUser() {
    return user().map(UriParser::decode);
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The host as written: a name, an IPv4 address or a bracketed IPv6 reference. */
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

  /** The port, or {@code defaultPort} if absent. */
  public int portOr(int defaultPort) {
    return port < 0 ? defaultPort : port;
  }

  public Parameters params() {
    return params;
  }

  /** The {@code ?...} part without the question mark, escaped as written. */
  public Optional<String> headers() {
    return Optional.ofNullable(headers);
  }

  /** The {@code transport} parameter, lower-cased, if present. */
  public Optional<String> transport() {
    return params.get("transport").map(io.miville.codec.internal.Chars::lower);
  }

  /** True if the {@code lr} parameter is present (loose routing, RFC 3261 §19.1.1). */
  public boolean isLooseRouting() {
    return params.has("lr");
  }

  public SipUri withParams(Parameters newParams) {
    return new SipUri(secure, userOrNull(), password, host(), port, newParams, headers);
  }

  public SipUri withParam(String name, String value) {
    return withParams(params.with(name, value));
  }

  public SipUri withPort(int newPort) {
    if (newPort < -1 || newPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + newPort);
    }
    return new SipUri(secure, userOrNull(), password, host(), newPort, params, headers);
  }

  /** The same URI without the parts not allowed in a Request-URI (headers), RFC 3261 §19.1.1. */
  public SipUri withoutHeaders() {
    return headers == null ? this : new SipUri(secure, userOrNull(), password, host(), port, params, null);
  }

  @Override
  public String toString() {
    if (text != null) {
      return text;
    }
    StringBuilder b = new StringBuilder(64);
    appendTo(b);
    return b.toString();
  }

  public void appendTo(StringBuilder b) {
    if (text != null) {
      b.append(text);
      return;
    }
    b.append(secure ? "sips:" : "sip:");
    String user = userOrNull();
    if (user != null) {
      b.append(user);
      if (password != null) {
        b.append(':').append(password);
      }
      b.append('@');
    }
    b.append(host());
    if (port >= 0) {
      b.append(':').append(port);
    }
    params.appendTo(b);
    if (headers != null) {
      b.append('?').append(headers);
    }
  }

  /** Equal when written the same way, with the scheme and host compared without case. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SipUri u
        && u.secure == secure
        && u.port == port
        && Objects.equals(u.userOrNull(), userOrNull())
        && Objects.equals(u.password, password)
        && u.host().equalsIgnoreCase(host())
        && u.params.equals(params)
        && Objects.equals(u.headers, headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secure, userOrNull(), io.miville.codec.internal.Chars.lower(host()), port);
  }
}
