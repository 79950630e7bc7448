package io.miville.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port ranges for tests: random, below the kernel's ephemeral range (32768+) where other tests
 * bind port 0, and checked free when chosen. Another process may still take a port afterwards;
 * the allocator's own bind check is what the tests rely on.
 */
final class TestPorts {
  static final InetAddress LOOPBACK = loopback();
  private static final int LOW = 10_000;
  private static final int HIGH = 32_000;

  private TestPorts() {}

  /** An allocator on 127.0.0.1 over {@code bases} blocks that were all free a moment ago. */
  static PortAllocator allocator(int bases) {
    int first = freeRange(bases);
    return PortAllocator.builder().address(LOOPBACK).range(first, first + bases * 10 - 1).build();
  }

  /** The even first port of {@code bases} blocks whose RTP and RTCP ports all bind now. */
  static int freeRange(int bases) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = LOW + 2 * random.nextInt((HIGH - LOW - bases * 10) / 2);
      boolean free = true;
      for (int b = 0; b < bases && free; b++) {
        free = bindable(first + 10 * b) && bindable(first + 10 * b + 1);
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("no free port range of " + bases + " blocks below " + HIGH);
  }

  /** Whether a UDP socket can bind 127.0.0.1:{@code port} right now. */
  static boolean bindable(int port) {
    try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
      probe.bind(new InetSocketAddress(LOOPBACK, port));
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  /** A UDP socket bound on 127.0.0.1 at {@code port} (0: any), blocking. */
  static DatagramChannel bind(int port) {
    try {
      DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
      channel.bind(new InetSocketAddress(LOOPBACK, port));
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
