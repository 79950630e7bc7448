package io.miville.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Datagrams the Linux kernel dropped on UDP sockets because their receive buffer was full: the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6}.
 *
 * <p>Such datagrams never reach the process, so no counter of the transport or transaction layer
 * can see them; yet under load they are what loses ACKs and BYEs (a UAC does not retransmit an ACK
 * for a 2xx by itself, RFC 3261 §13.2.2.4). {@code miville serve} reads them for its listen points
 * before it closes its sockets (the rows go with the sockets).
 */
final class KernelUdpDrops {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

  private KernelUdpDrops() {}

  /**
   * The drops of the sockets bound to any of {@code addresses} (several sockets may share a port
   * with {@code SO_REUSEPORT}), or empty where the tables cannot be read (not Linux).
   */
  static OptionalLong of(Collection<InetSocketAddress> addresses) {
    List<String> lines = new ArrayList<>();
    try {
      for (Path table : TABLES) {
        if (Files.isReadable(table)) {
          lines.addAll(Files.readAllLines(table));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return OptionalLong.empty();
    }
    return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(count(lines, addresses));
  }

  /**
   * Sums the {@code drops} column (the last one) of the table rows whose local address is one of
   * {@code addresses}; header and unreadable rows are skipped. A wildcard address matches the
   * wildcard of either family, an IPv4 address matches its IPv4-mapped IPv6 form.
   */
  static long count(List<String> tableLines, Collection<InetSocketAddress> addresses) {
    long drops = 0;
    for (String line : tableLines) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length < 3 || !columns[0].endsWith(":")) {
        continue; // the header, or something this reader does not understand
      }
      Optional<InetSocketAddress> local = parseLocal(columns[1]);
      if (local.isEmpty() || addresses.stream().noneMatch(a -> matches(a, local.get()))) {
        continue;
      }
      try {
        drops += Long.parseLong(columns[columns.length - 1]);
      } catch (NumberFormatException e) {
        // a kernel without the drops column: nothing to add
      }
    }
    return drops;
  }

  private static boolean matches(InetSocketAddress wanted, InetSocketAddress socket) {
    if (wanted.getPort() != socket.getPort()) {
      return false;
    }
    InetAddress a = wanted.getAddress();
    InetAddress b = socket.getAddress();
    return a.equals(b) || (a.isAnyLocalAddress() && b.isAnyLocalAddress());
  }

  /**
   * {@code HEX:PORT} as the kernel prints it: the address as 32-bit words in host byte order (one
   * word for IPv4, four for IPv6), the port in hex; empty if malformed.
   */
  static Optional<InetSocketAddress> parseLocal(String column) {
    int colon = column.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String hex = column.substring(0, colon);
    if (hex.length() != 8 && hex.length() != 32) {
      return Optional.empty();
    }
    try {
      ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
      for (int i = 0; i < hex.length(); i += 8) {
        bytes.putInt((int) Long.parseLong(hex.substring(i, i + 8), 16));
      }
      // an IPv4-mapped IPv6 address comes back as an Inet4Address: what a dual-stack socket bound
      // to an IPv4 address shows in /proc/net/udp6
      InetAddress address = InetAddress.getByAddress(bytes.array());
      return Optional.of(new InetSocketAddress(address, Integer.parseInt(column.substring(colon + 1), 16)));
    } catch (IllegalArgumentException | UnknownHostException e) { // bad hex, or a port past 65535
      return Optional.empty();
    }
  }
}
