package io.miville.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hands out blocks of {@value #BLOCK_SIZE} UDP ports, one block per media stream: RTP on the base
 * port {@code n} (even, as RFC 3550 §11 asks: the first port and the step must be even), RTCP on {@code n + 1}, the
 * rest up to {@code n + 9} reserved for more services of the stream (Miville RFC 1: ports between
 * 10000 and 65535, blocks at least 10 apart).
 *
 * <p><b>Free on the machine, not just in this table.</b> A base is offered only after binding
 * UDP {@code n} and {@code n + 1} on the allocator's address, with {@code SO_REUSEADDR} off. The
 * bound sockets are <em>not</em> closed and re-opened later: they travel inside the
 * {@link PortBlock} to the stream that uses them, so no other process can take a port between
 * the check and the use (the classic probe-then-bind race). A block whose ports are advertised
 * in an offer therefore keeps them bound until its stream starts, or until it is released.
 * Ports {@code n + 2 .. n + 9} are reserved within this allocator only; Miville does not use
 * them yet, so they are not bound.
 *
 * <p><b>No leaks.</b> Every block goes back with {@link PortBlock#release()} (idempotent, also
 * {@code close()}); a {@link MediaStream} releases its block on every ending: stop, socket
 * failure, or a failed start. {@link #held()} lists the bases out, so a test can prove that
 * nothing leaked.
 *
 * <p>Candidates are tried round-robin from after the last base handed out, so a port just
 * released is not reused at once (late packets of an ended stream do not reach the next one).
 * A base busy on the machine is skipped. Thread-safe; sockets are bound outside the lock.
 */
public final class PortAllocator {
  /** Ports in one block: RTP, RTCP and eight more. */
  public static final int BLOCK_SIZE = 10;
  /** Lowest base allowed by Miville RFC 1. */
  public static final int MIN_PORT = 10000;
  /** Highest port of any block. */
  public static final int MAX_PORT = 65535;
  /** Kernel receive buffer asked for each RTP socket, so that bursts are not dropped. */
  static final int RECEIVE_BUFFER_BYTES = 1 << 20;

  private final InetAddress address;
  private final int first;
  private final int last;
  private final int step;
  private final int candidates;
  private final Set<Integer> held = new HashSet<>();
  private int cursor;

  private PortAllocator(Builder builder) {
    this.address = builder.address;
    this.first = builder.first;
    this.last = builder.last;
    this.step = builder.step;
    this.candidates = (last - (BLOCK_SIZE - 1) - first) / step + 1;
  }

  /** Bases 10000, 10010, ... up to 65520 on the IPv4 wildcard address. */
  public static PortAllocator create() {
    return builder().build();
  }

  /** A builder with the defaults of {@link #create()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Allocates the next block whose RTP and RTCP ports are free on this machine.
   *
   * @throws PortsExhaustedException if every base in the range is held here or busy elsewhere
   */
  public PortBlock allocate() {
    int busy = 0;
    Optional<String> lastBindError = Optional.empty();
    for (int attempt = 0; attempt < candidates; attempt++) {
      int base;
      synchronized (this) {
        base = first + cursor * step;
        cursor = (cursor + 1) % candidates;
        if (!held.add(base)) {
          continue;
        }
      }
      try {
        return bind(base);
      } catch (BindException inUse) {
        releaseBase(base);
        busy++;
        lastBindError = Optional.ofNullable(inUse.getMessage());
      }
    }
    int heldHere = heldCount();
    throw new PortsExhaustedException(
        "no free block of " + BLOCK_SIZE + " UDP ports on " + address.getHostAddress() + " in ["
            + first + ", " + last + "] step " + step + ": " + candidates + " bases, " + heldHere
            + " held by Miville streams, " + busy + " in use by other sockets"
            + lastBindError.map(m -> " (last bind error: " + m + ")").orElse(""));
  }

  /**
   * Allocates the block at {@code base} if it is not held and its ports are free: for an
   * answerer choosing among the ports an offer lists (Miville RFC 1, "Ports Negociation").
   *
   * @throws IllegalArgumentException if {@code base} is not one of this allocator's bases
   */
  public Optional<PortBlock> tryAllocate(int base) {
    if (base < first || base + BLOCK_SIZE - 1 > last || (base - first) % step != 0) {
      throw new IllegalArgumentException(
          "port " + base + " is not a block base in [" + first + ", " + last + "] step " + step);
    }
    synchronized (this) {
      if (!held.add(base)) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(bind(base));
    } catch (BindException inUse) {
      releaseBase(base);
      return Optional.empty();
    }
  }

  /** The bases of the blocks currently out, in ascending order (an immutable snapshot). */
  public synchronized Set<Integer> held() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(held));
  }

  /** How many blocks are out. */
  public synchronized int heldCount() {
    return held.size();
  }

  /** The address blocks are bound on. */
  public InetAddress address() {
    return address;
  }

  /** The lowest base. */
  public int firstPort() {
    return first;
  }

  /** The highest port any block may use. */
  public int lastPort() {
    return last;
  }

  /** Distance between bases. */
  public int step() {
    return step;
  }

  /** How many bases the range holds. */
  public int capacity() {
    return candidates;
  }

  synchronized void releaseBase(int base) {
    held.remove(base);
  }

  private PortBlock bind(int base) throws BindException {
    DatagramChannel rtp = null;
    DatagramChannel rtcp = null;
    try {
      rtp = open(base);
      rtcp = open(base + 1);
      return new PortBlock(this, base, address, rtp, rtcp);
    } catch (BindException inUse) {
      closeQuietly(rtp);
      closeQuietly(rtcp);
      throw inUse;
    } catch (IOException e) {
      closeQuietly(rtp);
      closeQuietly(rtcp);
      releaseBase(base);
      throw new UncheckedIOException("cannot open a UDP socket on port " + base, e);
    } catch (RuntimeException | Error e) {
      closeQuietly(rtp);
      closeQuietly(rtcp);
      releaseBase(base);
      throw e;
    }
  }

  private DatagramChannel open(int port) throws IOException {
    DatagramChannel channel = DatagramChannel.open(
        address instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
    try {
      // another socket on the port must make the bind fail, not share it
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
      channel.bind(new InetSocketAddress(address, port));
      return channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  static void closeQuietly(DatagramChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a datagram socket does not fail in practice; nothing to do if it does
      }
    }
  }

  @Override
  public String toString() {
    return "PortAllocator[" + address.getHostAddress() + " " + first + ".." + last + " step " + step
        + ", " + heldCount() + " held]";
  }

  /** Settings of a {@link PortAllocator}. */
  public static final class Builder {
    private InetAddress address = anyIpv4();
    private int first = MIN_PORT;
    private int last = MAX_PORT;
    private int step = BLOCK_SIZE;

    private Builder() {}

    /** The local address the blocks are bound on (default: the IPv4 wildcard 0.0.0.0). */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * The ports blocks may use: the first base is {@code firstPort}, no block goes past
     * {@code lastPort}. Both within [10000, 65535], room for one block at least, and an even
     * first port (RTP on even ports, RFC 3550 §11).
     */
    public Builder range(int firstPort, int lastPort) {
      if (firstPort < MIN_PORT || lastPort > MAX_PORT || lastPort - firstPort < BLOCK_SIZE - 1) {
        throw new IllegalArgumentException("port range [" + firstPort + ", " + lastPort
            + "] must lie in [" + MIN_PORT + ", " + MAX_PORT + "] and hold " + BLOCK_SIZE + " ports");
      }
      if (firstPort % 2 != 0) {
        throw new IllegalArgumentException("first port " + firstPort + " is odd; RTP uses even ports");
      }
      this.first = firstPort;
      this.last = lastPort;
      return this;
    }

    /**
     * Distance between bases: even, and at least {@value PortAllocator#BLOCK_SIZE} so that blocks
     * never overlap.
     */
    public Builder step(int step) {
      if (step < BLOCK_SIZE || step % 2 != 0) {
        throw new IllegalArgumentException(
            "step " + step + " must be even and at least the block size " + BLOCK_SIZE);
      }
      this.step = step;
      return this;
    }

    public PortAllocator build() {
      return new PortAllocator(this);
    }

    private static InetAddress anyIpv4() {
      try {
        return InetAddress.getByAddress(new byte[4]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
