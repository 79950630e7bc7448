package io.miville.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one RTP stream: a frame of {@link PayloadFormat#frameDuration()} from an
 * {@link AudioSource} every frame period, paced by a {@link MediaClock}.
 *
 * <p><b>Pacing.</b> Frame {@code k} is due at {@code start + k * period}: deadlines are computed
 * from the start, not from the last firing, so timer lateness never accumulates into drift. The
 * first frame goes out inside {@link #start()}. If the timer runs late, the frames due are sent
 * back to back, at most {@value #MAX_BURST}; beyond that the sender skips ahead (the timestamp
 * jumps with time, the sequence does not, the next packet carries the marker).
 *
 * <p><b>Sequence and timestamp</b> (RFC 3550 §5.1): both start at random values unless set; the
 * sequence number grows by one per packet built, modulo 2^16; the timestamp is
 * {@code initial + k * samplesPerFrame} modulo 2^32 for frame {@code k}, so it follows the
 * sampling clock even across frames that were not sent. The first packet, and the first after
 * sending was switched back on, carry the marker bit (RFC 3551 §4.1, start of a talkspurt).
 *
 * <p><b>Sending switched off</b> ({@link #enabled(boolean)}): frames are still read from the
 * source and time moves on, but nothing is sent and no sequence number is used.
 *
 * <p>The sender sends from the channel it is given (symmetric RTP when that is the stream's own
 * RTP socket) and does not connect it. {@link #stop()} closes the channel unless it is shared
 * ({@link Builder#closeOnStop(boolean)}). A send that fails
 * stops the sender and is reported to the {@link Listener}. Thread-safe; listener calls happen
 * outside the sender's lock, on the timer thread (or on the thread calling {@code start}).
 */
public final class RtpSender {
  /** Most overdue frames sent back to back when the timer was late. */
  public static final int MAX_BURST = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DatagramChannel channel;
  private final InetSocketAddress remote;
  private final PayloadFormat format;
  private final AudioSource source;
  private final MediaClock clock;
  private final PacketFilter filter;
  private final Listener listener;
  private final long ssrc;
  private final boolean closeOnStop;
  private final long initialTimestamp;
  private final long periodNanos;
  private final short[] samples;
  private final ByteBuffer out;
  private final Object lock = new Object();

  // guarded by lock
  private boolean started;
  private boolean running;
  private boolean enabled = true;
  private boolean markerPending = true;
  private int nextSequence;
  private long frameIndex;
  private long nextDue;
  private long lastTimestamp;
  private Optional<MediaClock.Cancellable> timer = Optional.empty();
  private long packetsSent;
  private long octetsSent;
  private long bytesSent;
  private long packetsFiltered;
  private long framesMuted;
  private long framesSkipped;

  /** Events of a sender; both methods have empty defaults. */
  public interface Listener {
    /** A packet went on the wire. */
    default void onSent(RtpPacket packet) {}

    /** Sending failed; the sender has stopped. */
    default void onFailure(IOException failure) {}
  }

  private RtpSender(Builder b) {
    this.channel = b.channel;
    this.remote = b.remote;
    this.format = b.format;
    this.source = b.source.orElseGet(() -> ToneSource.create(b.format, 440, -20));
    this.clock = b.clock;
    this.filter = b.filter;
    this.listener = b.listener;
    this.closeOnStop = b.closeOnStop;
    this.ssrc = b.ssrc.orElseGet(() -> RANDOM.nextLong() & 0xFFFF_FFFFL);
    this.nextSequence = b.initialSequence.orElseGet(() -> RANDOM.nextInt(1 << 16));
    this.initialTimestamp = b.initialTimestamp.orElseGet(() -> RANDOM.nextLong() & 0xFFFF_FFFFL);
    this.lastTimestamp = initialTimestamp;
    this.periodNanos = format.frameDuration().toNanos();
    this.samples = new short[format.samplesPerPacket()];
    this.out = ByteBuffer.allocate(RtpPacket.FIXED_HEADER_BYTES + format.payloadBytesPerFrame());
  }

  /**
   * A builder sending {@code format} from {@code channel} (bound, blocking) to {@code remote}.
   * By default: a 440 Hz tone at -20 dBFS, the system clock, random SSRC, sequence and
   * timestamp, no packet filter.
   */
  public static Builder builder(DatagramChannel channel, InetSocketAddress remote, PayloadFormat format) {
    return new Builder(channel, remote, format);
  }

  /**
   * Sends the first frame now and the next ones every frame period.
   *
   * @throws IllegalStateException if already started
   */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("sender already started");
      }
      started = true;
      running = true;
      nextDue = clock.nanos();
    }
    tick();
  }

  /**
   * Stops sending and closes the channel (unless built with {@code closeOnStop(false)});
   * harmless if already stopped.
   */
  public void stop() {
    synchronized (lock) {
      running = false;
      started = true;
      timer.ifPresent(MediaClock.Cancellable::cancel);
      timer = Optional.empty();
    }
    if (closeOnStop) {
      PortAllocator.closeQuietly(channel);
    }
  }

  /** Switches sending on or off (frames and time go on either way). */
  public void enabled(boolean enabled) {
    synchronized (lock) {
      this.enabled = enabled;
    }
  }

  /** Whether sending is switched on. */
  public boolean enabled() {
    synchronized (lock) {
      return enabled;
    }
  }

  /** Whether the sender has started and has neither been stopped nor failed. */
  public boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  public long ssrc() {
    return ssrc;
  }

  public PayloadFormat format() {
    return format;
  }

  /** Where packets go. */
  public InetSocketAddress remote() {
    return remote;
  }

  /** A snapshot of the counters. */
  public SenderStats stats() {
    synchronized (lock) {
      return new SenderStats(ssrc, packetsSent, octetsSent, bytesSent, packetsFiltered, framesMuted,
          framesSkipped, nextSequence, lastTimestamp);
    }
  }

  private void tick() {
    List<RtpPacket> sent = new ArrayList<>(1);
    Optional<IOException> failure = Optional.empty();
    synchronized (lock) {
      if (!running) {
        return;
      }
      long now = clock.nanos();
      try {
        int burst = 0;
        while (nextDue - now <= 0) {
          if (burst == MAX_BURST) {
            long behind = (now - nextDue) / periodNanos + 1;
            frameIndex += behind;
            nextDue += behind * periodNanos;
            framesSkipped += behind;
            markerPending = true;
            break;
          }
          sendFrame(sent);
          frameIndex++;
          nextDue += periodNanos;
          burst++;
        }
        timer = Optional.of(clock.schedule(nextDue - now, this::tick));
      } catch (IOException e) {
        running = false;
        timer = Optional.empty();
        failure = Optional.of(e);
      }
    }
    for (RtpPacket packet : sent) {
      listener.onSent(packet);
    }
    failure.ifPresent(listener::onFailure);
  }

  private void sendFrame(List<RtpPacket> sent) throws IOException {
    source.fill(samples);
    lastTimestamp = (initialTimestamp + frameIndex * format.samplesPerFrame()) & 0xFFFF_FFFFL;
    if (!enabled) {
      framesMuted++;
      markerPending = true;
      return;
    }
    RtpPacket packet = RtpPacket.builder()
        .payloadType(format.payloadType())
        .sequence(nextSequence)
        .timestamp(lastTimestamp)
        .ssrc(ssrc)
        .marker(markerPending)
        .payload(format.encode(samples))
        .build();
    nextSequence = (nextSequence + 1) & 0xFFFF;
    markerPending = false;
    if (!filter.pass(packet)) {
      packetsFiltered++;
      return;
    }
    out.clear();
    packet.encodeTo(out);
    out.flip();
    int bytes = channel.send(out, remote);
    packetsSent++;
    octetsSent += packet.payloadLength();
    bytesSent += bytes;
    sent.add(packet);
  }

  /** Settings of an {@link RtpSender}. */
  public static final class Builder {
    private final DatagramChannel channel;
    private final InetSocketAddress remote;
    private final PayloadFormat format;
    private Optional<AudioSource> source = Optional.empty();
    private MediaClock clock = MediaClock.system();
    private PacketFilter filter = PacketFilter.all();
    private Listener listener = new Listener() {};
    private Optional<Long> ssrc = Optional.empty();
    private Optional<Integer> initialSequence = Optional.empty();
    private Optional<Long> initialTimestamp = Optional.empty();
    private boolean closeOnStop = true;

    private Builder(DatagramChannel channel, InetSocketAddress remote, PayloadFormat format) {
      this.channel = Objects.requireNonNull(channel, "channel");
      this.remote = Objects.requireNonNull(remote, "remote");
      this.format = Objects.requireNonNull(format, "format");
      if (remote.isUnresolved()) {
        throw new IllegalArgumentException("remote address " + remote + " is unresolved");
      }
    }

    /** The sound to send (default: a 440 Hz tone at -20 dBFS). */
    public Builder source(AudioSource source) {
      this.source = Optional.of(source);
      return this;
    }

    public Builder clock(MediaClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Fault injection: which packets really go out. */
    public Builder filter(PacketFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The SSRC (default: random, RFC 3550 §8). */
    public Builder ssrc(long ssrc) {
      if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("SSRC must fit 32 unsigned bits");
      }
      this.ssrc = Optional.of(ssrc);
      return this;
    }

    /** The first sequence number (default: random, RFC 3550 §5.1). */
    public Builder initialSequence(int sequence) {
      if (sequence < 0 || sequence > 0xFFFF) {
        throw new IllegalArgumentException("sequence number must be in 0-65535");
      }
      this.initialSequence = Optional.of(sequence);
      return this;
    }

    /** The first timestamp (default: random, RFC 3550 §5.1). */
    public Builder initialTimestamp(long timestamp) {
      if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("timestamp must fit 32 unsigned bits");
      }
      this.initialTimestamp = Optional.of(timestamp);
      return this;
    }

    /**
     * Whether {@link RtpSender#stop()} closes the channel (default true); false when the channel
     * belongs to someone else, such as a sink receiving on the same port.
     */
    public Builder closeOnStop(boolean close) {
      this.closeOnStop = close;
      return this;
    }

    public RtpSender build() {
      return new RtpSender(this);
    }
  }
}
