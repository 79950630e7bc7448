package io.miville.media;

import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream's block of {@value PortAllocator#BLOCK_SIZE} ports from a {@link PortAllocator}:
 * RTP on {@link #rtpPort()} = base, RTCP on {@link #rtcpPort()} = base + 1 (RFC 3550 §11),
 * spare ports up to base + 9.
 *
 * <p>The block holds the UDP sockets bound on the RTP and RTCP ports from the moment it is
 * allocated, so the ports cannot be taken by anyone else before the stream uses them. The
 * sockets are blocking {@link DatagramChannel}s; the stream that runs on the block uses them and
 * {@link #release()} closes them and gives the base back. Release is idempotent and thread-safe.
 */
public final class PortBlock implements AutoCloseable {
  private final PortAllocator allocator;
  private final int base;
  private final InetAddress address;
  private final DatagramChannel rtp;
  private final DatagramChannel rtcp;
  private final AtomicBoolean released = new AtomicBoolean();

  PortBlock(PortAllocator allocator, int base, InetAddress address, DatagramChannel rtp,
      DatagramChannel rtcp) {
    this.allocator = allocator;
    this.base = base;
    this.address = address;
    this.rtp = rtp;
    this.rtcp = rtcp;
  }

  /** The first port of the block, {@code n}. */
  public int base() {
    return base;
  }

  /** RTP port: {@code n}. */
  public int rtpPort() {
    return base;
  }

  /** RTCP port: {@code n + 1}. */
  public int rtcpPort() {
    return base + 1;
  }

  /** Port {@code n + offset} of the block, {@code offset} in [0, 9]. */
  public int port(int offset) {
    if (offset < 0 || offset >= PortAllocator.BLOCK_SIZE) {
      throw new IllegalArgumentException("offset " + offset + " outside the block");
    }
    return base + offset;
  }

  /** The local address the sockets are bound on. */
  public InetAddress address() {
    return address;
  }

  /** The socket bound on the RTP port; closed once the block is released. */
  public DatagramChannel rtpChannel() {
    return rtp;
  }

  /** The socket bound on the RTCP port; closed once the block is released. */
  public DatagramChannel rtcpChannel() {
    return rtcp;
  }

  /** Whether {@link #release()} has run. */
  public boolean isReleased() {
    return released.get();
  }

  /**
   * Closes both sockets, then gives the base back to the allocator (in that order, so the next
   * allocation of this base can bind it). Safe to call more than once and from any thread.
   */
  public void release() {
    if (released.compareAndSet(false, true)) {
      PortAllocator.closeQuietly(rtp);
      PortAllocator.closeQuietly(rtcp);
      allocator.releaseBase(base);
    }
  }

  /** Same as {@link #release()}. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "PortBlock[" + address.getHostAddress() + ":" + base + "-" + (base + PortAllocator.BLOCK_SIZE - 1)
        + (released.get() ? ", released]" : "]");
  }
}
