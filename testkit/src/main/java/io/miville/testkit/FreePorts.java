package io.miville.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports chosen free at run time for processes that cannot be told to bind port 0 (SIPp). The
 * port is free for both UDP and TCP on 127.0.0.1 when returned; a small race with other
 * processes remains, which is why tests bind their own servers to port 0 instead where they can.
 */
public final class FreePorts {
  private FreePorts() {}

  /** A port free for UDP and TCP on the loopback address. */
  public static int udpAndTcp() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
          return udp.getLocalPort();
        } catch (IOException busyForUdp) {
          // try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP");
  }
}
