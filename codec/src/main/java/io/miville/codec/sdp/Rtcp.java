package io.miville.codec.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code a=rtcp} attribute (RFC 3605 §2.1): the port, and optionally the address, where the
 * writer receives RTCP when it is not the RTP port plus one. {@code a=rtcp:<port> [<nettype>
 * <addrtype> <connection-address>]}.
 *
 * @param port the RTCP port, 0..65535
 * @param connection the RTCP address, if it differs from the media's
 */
public record Rtcp(int port, Optional<Connection> connection) {
  /** The attribute name. */
  public static final String NAME = "rtcp";

  public Rtcp {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("RTCP port out of range");
    }
    Objects.requireNonNull(connection, "connection");
  }

  /** RTCP on a port of the media address. */
  public static Rtcp of(int port) {
    return new Rtcp(port, Optional.empty());
  }

  /** RTCP on a port of another address. */
  public static Rtcp of(int port, Connection connection) {
    return new Rtcp(port, Optional.of(connection));
  }

  /**
   * Parses an rtcp attribute value.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static Rtcp parse(String value) {
    String[] f = SdpParser.fields(value, 1, 4, "bad rtcp attribute");
    int port = SdpSyntax.parsePort(f[0], "bad RTCP port");
    if (f.length == 1) {
      return of(port);
    }
    if (f.length != 4) {
      throw new IllegalArgumentException("bad rtcp attribute");
    }
    return of(port, Connection.parse(f[1], f[2], f[3]));
  }

  /** Like {@link #parse} but empty for a malformed value. */
  public static Optional<Rtcp> tryParse(String value) {
    try {
      return Optional.of(parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The attribute {@code a=rtcp:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, toString());
  }

  /** The attribute value. */
  @Override
  public String toString() {
    return connection.map(c -> port + " " + c).orElse(Integer.toString(port));
  }
}
