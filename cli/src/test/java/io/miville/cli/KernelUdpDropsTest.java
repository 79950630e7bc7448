package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Reading what the Linux kernel dropped on full UDP receive buffers. */
class KernelUdpDropsTest {
  private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
      + "   uid  timeout inode ref pointer drops";

  /** A table row as the kernel prints it, for an address given in network byte order. */
  private static String row(int sl, byte[] address, int port, long drops) {
    ByteBuffer network = ByteBuffer.wrap(address);
    StringBuilder hex = new StringBuilder();
    while (network.hasRemaining()) {
      // each 32-bit word is printed as the host reads it
      int word = ByteBuffer.wrap(new byte[] {network.get(), network.get(), network.get(), network.get()})
          .order(ByteOrder.nativeOrder()).getInt();
      hex.append(String.format("%08X", word));
    }
    return String.format("%5d: %s:%04X %s:0000 07 00000000:00000000 00:00000000 00000000     0        0 1234 2"
        + " 0000000000000000 %d", sl, hex, port, "0".repeat(hex.length()), drops);
  }

  private static byte[] ip(String literal) throws Exception {
    return InetAddress.getByName(literal).getAddress();
  }

  private static byte[] mapped(String ipv4) throws Exception {
    byte[] v4 = ip(ipv4);
    return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, v4[0], v4[1], v4[2], v4[3]};
  }

  @Test
  void sumsTheDropsOfTheSocketsOnTheListenAddressInBothTables() throws Exception {
    InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 5071);
    List<String> lines = List.of(HEADER,
        row(0, ip("127.0.0.1"), 5071, 7), // an IPv4 socket
        row(1, mapped("127.0.0.1"), 5071, 2550), // a dual-stack socket, as Netty's epoll opens them
        row(2, mapped("127.0.0.1"), 5071, 3), // a second one on the port (SO_REUSEPORT)
        row(3, ip("127.0.0.1"), 6071, 99), // another port
        row(4, ip("127.0.0.2"), 5071, 99), // another address
        row(5, ip("::1"), 5071, 99));
    assertThat(KernelUdpDrops.count(lines, List.of(listen))).isEqualTo(2560);
  }

  @Test
  void aWildcardListenAddressMatchesTheWildcardOfEitherFamily() throws Exception {
    List<String> lines = List.of(HEADER, row(0, ip("0.0.0.0"), 5060, 4), row(1, ip("::"), 5060, 5),
        row(2, ip("127.0.0.1"), 5060, 99));
    assertThat(KernelUdpDrops.count(lines, List.of(new InetSocketAddress("0.0.0.0", 5060)))).isEqualTo(9);
  }

  @Test
  void skipsWhatItCannotRead() {
    List<String> lines = List.of(HEADER, "", "   7: nonsense", "   8: 0100007F:ZZZZ 00000000:0000 07 x y z 5",
        "   9: 0100007F:13CF 00000000:0000 07 no drops column here", "  10: 0100007F:13CF");
    assertThat(KernelUdpDrops.count(lines, List.of(new InetSocketAddress("127.0.0.1", 5071)))).isZero();
  }

  @Test
  void seesTheDatagramsARealSocketCouldNotHold() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "Linux only");
    try (DatagramChannel receiver = DatagramChannel.open();
        DatagramChannel sender = DatagramChannel.open()) {
      // the smallest receive buffer the kernel allows, never read: it fills after a few datagrams
      receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1);
      receiver.bind(new InetSocketAddress("127.0.0.1", 0));
      InetSocketAddress address = (InetSocketAddress) receiver.getLocalAddress();
      assertThat(KernelUdpDrops.of(List.of(address))).isEqualTo(OptionalLong.of(0));
      for (int i = 0; i < 100; i++) {
        sender.send(ByteBuffer.allocate(1200), address);
      }
      // loopback delivery is done by the time send returns, or in a softirq just after: wait for it
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long drops = 0;
      while (drops == 0 && System.nanoTime() < deadline) {
        drops = KernelUdpDrops.of(List.of(address)).orElseThrow();
        if (drops == 0) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
      }
      assertThat(drops).isBetween(1L, 100L);
    }
  }
}
