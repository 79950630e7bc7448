package io.miville.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code HOST:PORT} or {@code [IPv6]:PORT} options into socket addresses, and writes them so. */
final class HostPort implements ITypeConverter<InetSocketAddress> {
  /** {@code IP:PORT}, IPv6 in brackets, as the commands print where they listen. */
  static String format(InetSocketAddress a) {
    return format(a.getAddress(), a.getPort());
  }

  /** {@code IP:PORT}, IPv6 in brackets. */
  static String format(InetAddress a, int port) {
    String ip = a.getHostAddress();
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }

  @Override
  public InetSocketAddress convert(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new TypeConversionException("expected HOST:PORT, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("bad port in '" + value + "'");
    }
    if (port < 0 || port > 65535) {
      throw new TypeConversionException("port out of range in '" + value + "'");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new TypeConversionException("unknown host '" + host + "'");
    }
  }
}
