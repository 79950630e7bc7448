package io.miville.media;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.Optional;
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
 * <p>{@link #stop()} closes the channel, which ends the thread, and waits for it to end so the
 * port is really free when it returns. If the channel fails or is
 * closed by anyone else, the {@link Listener#onFailure} is told once. The datagram buffer holds
 * the largest UDP payload, so nothing is silently truncated.
 */
public final class RtpReceiver {
  private static final int MAX_DATAGRAM = 65_535;
  private static final long STOP_WAIT_MILLIS = 2_000;

  private final DatagramChannel channel;
  private final PayloadFormat format;
  private final MediaClock clock;
  private final Listener listener;
  private final boolean anyPayloadType;
  private final ReceptionTracker tracker;
  private final Object lock = new Object();
  private volatile boolean stopping;
  private volatile Optional<Thread> thread = Optional.empty();

  // guarded by lock
  private boolean started;
  private boolean enabled = true;
  private long datagrams;
  private long datagramBytes;
  private long packets;
  private long octets;
  private long malformed;
  private long unexpectedPayloadType;
  private long ignoredWhileDisabled;
  private OptionalLong lastSsrc = OptionalLong.empty();

  /** Why a datagram was dropped before the statistics. */
  public enum Drop {
    /** Not a valid RTP packet. */
    MALFORMED,
    /** Valid RTP of another payload type than the stream's. */
    UNEXPECTED_PAYLOAD_TYPE,
    /** Receiving is switched off. */
    DISABLED
  }

  /** Events of a receiver; every method has an empty default. Called on the receiver thread. */
  public interface Listener {
    /** A valid packet of the expected payload type arrived at {@code arrivalNanos}. */
    default void onPacket(RtpPacket packet, ReceptionTracker.Outcome outcome, long arrivalNanos) {}

    /** A datagram from {@code sender} was counted and dropped. */
    default void onDropped(Drop reason, SocketAddress sender) {}

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
    Thread receiving = Thread.ofVirtual().name("miville-rtp-receiver-" + localPort()).unstarted(this::run);
    thread = Optional.of(receiving);
    receiving.start();
  }

  /**
   * Stops receiving and closes the channel, and waits (at most 2 s) for
   * the receiving thread to end: a socket closed while a virtual thread is blocked on it is only
   * really closed, and its port free, once that thread unwinds. Called from the receiving thread
   * itself (a listener), it cannot wait: the port is then freed as that thread returns.
   * Harmless if already stopped.
   */
  public void stop() {
    stopping = true;
    wakeReceivingThread();
    PortAllocator.closeQuietly(channel);
    Optional<Thread> receiving = thread;
    if (receiving.isPresent() && receiving.get() != Thread.currentThread()) {
      try {
        receiving.get().join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A virtual thread blocked in {@code receive} does not notice its channel closing until a
   * datagram arrives, which would hold the port (and {@link #stop}) for up to the join bound: send
   * it an empty datagram so that it wakes, sees {@code stopping} and ends at once.
   */
  private void wakeReceivingThread() {
    try {
      SocketAddress local = channel.getLocalAddress();
      if (!(local instanceof java.net.InetSocketAddress inet) || thread.isEmpty()) {
        return;
      }
      java.net.InetAddress target = inet.getAddress().isAnyLocalAddress()
          ? java.net.InetAddress.getLoopbackAddress() : inet.getAddress();
      try (java.nio.channels.DatagramChannel poke = java.nio.channels.DatagramChannel.open()) {
        poke.send(ByteBuffer.allocate(0), new java.net.InetSocketAddress(target, inet.getPort()));
      }
    } catch (IOException | RuntimeException e) {
      // closed already, or no route: the join below bounds the wait anyway
    }
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
        SocketAddress sender = channel.receive(buffer);
        long arrival = clock.nanos();
        buffer.flip();
        onDatagram(buffer, sender, arrival);
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

  private void onDatagram(ByteBuffer datagram, SocketAddress sender, long arrival) {
    RtpPacket packet = null;
    ReceptionTracker.Outcome outcome = null;
    Drop drop = null;
    synchronized (lock) {
      datagrams++;
      datagramBytes += datagram.remaining();
      if (!enabled) {
        ignoredWhileDisabled++;
        drop = Drop.DISABLED;
      } else {
        try {
          packet = RtpPacket.decode(datagram);
          if (!anyPayloadType && packet.payloadType() != format.payloadType()) {
            unexpectedPayloadType++;
            drop = Drop.UNEXPECTED_PAYLOAD_TYPE;
          } else {
            packets++;
            octets += packet.payloadLength();
            lastSsrc = OptionalLong.of(packet.ssrc());
            outcome = tracker.onPacket(packet, arrival);
          }
        } catch (RtpFormatException garbage) {
          malformed++;
          drop = Drop.MALFORMED;
        }
      }
    }
    // the listener runs outside the lock, so that it may read stats()
    if (drop != null) {
      listener.onDropped(drop, sender);
    } else {
      listener.onPacket(packet, outcome, arrival);
    }
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

    /** The clock that stamps arrivals (for jitter). */
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
