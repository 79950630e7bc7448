package io.miville.media;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Receives one RTP stream on a UDP socket (the stream's RTP port) and keeps its statistics.
 *
 * <p>A virtual thread blocks on the channel. Each datagram is stamped with the injected
 * {@link MediaClock} as it is read, decoded with the strict checks of {@link RtpPacket#decode}
 * (garbage is counted and dropped), filtered by payload type, and fed to a
 * {@link ReceptionTracker} (loss, sequence wrap-around, jitter, duplicates, reordering). The
 * {@link Listener} hears of every valid packet of the expected payload type, with what the
 * tracker made of it, on the receiver's thread and outside its lock.
 *
 * <p><b>Receiving switched off</b> ({@link #enabled(boolean)}): datagrams are still read, so the
 * kernel buffer does not fill with stale packets, but they are only counted as
 * {@code ignoredWhileDisabled}.
 *
 * <p>{@link #stop()} closes the channel, which ends the thread. If the channel fails or is
 * closed by anyone else, the {@link Listener#onFailure} is told once. The datagram buffer holds
 * the largest UDP payload, so nothing is silently truncated.
 */
public final class RtpReceiver {
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramChannel channel;
  private final PayloadFormat format;
  private final MediaClock clock;
  private final Listener listener;
  private final boolean anyPayloadType;
  private final ReceptionTracker tracker;
  private final Object lock = new Object();

  // guarded by lock
  private boolean started;
  private volatile boolean stopping;
  private boolean enabled = true;
  private long datagrams;
  private long datagramBytes;
  private long packets;
  private long octets;
  private long malformed;
  private long unexpectedPayloadType;
  private long ignoredWhileDisabled;
  private OptionalLong lastSsrc = OptionalLong.empty();

  /** Events of a receiver; both methods have empty defaults. Called on the receiver thread. */
  public interface Listener {
    /** A valid packet of the expected payload type arrived at {@code arrivalNanos}. */
    default void onPacket(RtpPacket packet, ReceptionTracker.Outcome outcome, long arrivalNanos) {}

    /** The socket failed or was closed under the receiver; it has stopped. */
    default void onFailure(IOException failure) {}
  }

  private RtpReceiver(Builder b) {
    this.channel = b.channel;
    this.format = b.format;
    this.clock = b.clock;
    this.listener = b.listener;
    this.anyPayloadType = b.anyPayloadType;
    this.tracker = ReceptionTracker.create(format.clockRate());
  }

  /**
   * A builder receiving {@code format} on {@code channel} (bound, blocking). By default: the
   * system clock, only the format's payload type accepted.
   */
  public static Builder builder(DatagramChannel channel, PayloadFormat format) {
    return new Builder(channel, format);
  }

  /**
   * Starts the receiving thread.
   *
   * @throws IllegalStateException if already started
   */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("receiver already started");
      }
      started = true;
    }
    Thread.ofVirtual().name("miville-rtp-receiver-" + localPort()).start(this::run);
  }

  /** Stops receiving and closes the channel; harmless if already stopped. */
  public void stop() {
    stopping = true;
    PortAllocator.closeQuietly(channel);
  }

  /** Switches receiving on or off. */
  public void enabled(boolean enabled) {
    synchronized (lock) {
      this.enabled = enabled;
    }
  }

  /** Whether receiving is switched on. */
  public boolean enabled() {
    synchronized (lock) {
      return enabled;
    }
  }

  public PayloadFormat format() {
    return format;
  }

  /** The local port, or -1 once the channel is closed. */
  public int localPort() {
    try {
      SocketAddress local = channel.getLocalAddress();
      return local instanceof java.net.InetSocketAddress inet ? inet.getPort() : -1;
    } catch (IOException closed) {
      return -1;
    }
  }

  /** A snapshot of the statistics. */
  public ReceiverStats stats() {
    synchronized (lock) {
      return new ReceiverStats(datagrams, datagramBytes, packets, octets, malformed,
          unexpectedPayloadType, ignoredWhileDisabled, tracker.expected(), tracker.received(),
          tracker.lost(), tracker.duplicates(), tracker.reordered(), tracker.probationPackets(),
          tracker.droppedJumps(), tracker.extendedHighestSequence(), tracker.cycles(),
          tracker.jitter(), tracker.jitterMillis(), tracker.ssrc(), lastSsrc,
          tracker.ssrcChanges(), format.clockRate());
    }
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    try {
      while (!stopping) {
        buffer.clear();
        channel.receive(buffer);
        long arrival = clock.nanos();
        buffer.flip();
        onDatagram(buffer, arrival);
      }
    } catch (ClosedChannelException closed) {
      if (!stopping) {
        listener.onFailure(closed);
      }
    } catch (IOException e) {
      if (!stopping) {
        listener.onFailure(e);
      }
    }
  }

  private void onDatagram(ByteBuffer datagram, long arrival) {
    RtpPacket packet;
    ReceptionTracker.Outcome outcome;
    synchronized (lock) {
      datagrams++;
      datagramBytes += datagram.remaining();
      if (!enabled) {
        ignoredWhileDisabled++;
        return;
      }
      try {
        packet = RtpPacket.decode(datagram);
      } catch (RtpFormatException garbage) {
        malformed++;
        return;
      }
      if (!anyPayloadType && packet.payloadType() != format.payloadType()) {
        unexpectedPayloadType++;
        return;
      }
      packets++;
      octets += packet.payloadLength();
      lastSsrc = OptionalLong.of(packet.ssrc());
      outcome = tracker.onPacket(packet, arrival);
    }
    listener.onPacket(packet, outcome, arrival);
  }

  /** Settings of an {@link RtpReceiver}. */
  public static final class Builder {
    private final DatagramChannel channel;
    private final PayloadFormat format;
    private MediaClock clock = MediaClock.system();
    private Listener listener = new Listener() {};
    private boolean anyPayloadType;

    private Builder(DatagramChannel channel, PayloadFormat format) {
      this.channel = Objects.requireNonNull(channel, "channel");
      this.format = Objects.requireNonNull(format, "format");
    }

    /** The clock that stamps arrivals (jitter) . */
    public Builder clock(MediaClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Accept every payload type, not only the format's (default: only the format's). */
    public Builder anyPayloadType(boolean any) {
      this.anyPayloadType = any;
      return this;
    }

    public RtpReceiver build() {
      return new RtpReceiver(this);
    }
  }
}
