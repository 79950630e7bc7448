package io.miville.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * One direction of one medium on one agent: a <em>source</em> that sends RTP to the peer, or a
 * <em>sink</em> that receives it (Miville RFC 1: "each stream has a source and sink, each located
 * on each agent"). It runs on a {@link PortBlock} and reports a {@link StreamState}.
 *
 * <p><b>States.</b> Built: 100. A source goes to 200 when its first packet is on the wire. A sink
 * goes to 200 on the first valid packet of its payload type, to 408 when none has come for the
 * timeout (default 5 s, measured on the injected {@link MediaClock}, counted from the start or
 * from the last packet), and back to 200 when packets resume. Switching the direction off
 * ({@link #enabled(boolean)}) gives 204, switching it on again 100 (then 200 as packets flow).
 * A socket failure ends the stream with 500, {@link #stop()} with 0; both are final. Every change
 * goes to the {@link StreamStateListener}, in order.
 *
 * <p><b>Ports.</b> The stream owns its block from {@code build()} on, and releases it on every
 * ending: stop, close, socket failure, failed start (a {@linkplain #symmetricSourceBuilder
 * symmetric source} borrows its sink's block instead and leaves it to the sink). The release happens before the final state
 * is announced, so a listener that sees 0 or 500 also sees the ports back in the allocator.
 *
 * <p>Thread-safe. Garbage on the port never counts as "packets arriving".
 */
public final class MediaStream implements AutoCloseable {
  /** Default no-packet timeout of a sink. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Which end of the stream this is. */
  public enum Direction {
    /** Sends RTP. */
    SOURCE,
    /** Receives RTP. */
    SINK
  }

  private enum Phase { NEW, RUNNING, ENDED }

  private record Change(StreamState previous, StreamState current) {}

  private final Direction direction;
  private final String name;
  private final PortBlock block;
  private final boolean ownsBlock;
  private final PayloadFormat format;
  private final MediaClock clock;
  private final StreamStateListener listener;
  private final Duration timeout;
  private final long timeoutNanos;
  private final Optional<InetSocketAddress> remote;
  // exactly one of the two is set, by direction
  private final Optional<RtpSender> sender;
  private final Optional<RtpReceiver> receiver;

  private final Object lock = new Object();
  // guarded by lock
  private Phase phase = Phase.NEW;
  private StreamState state = StreamState.STARTING;
  private boolean enabled = true;
  private long lastArrival;
  private Optional<MediaClock.Cancellable> watchdog = Optional.empty();
  private final ArrayDeque<Change> undelivered = new ArrayDeque<>();
  private boolean delivering;

  private MediaStream(SourceBuilder b) {
    this.direction = Direction.SOURCE;
    this.name = b.name;
    this.block = b.block;
    this.ownsBlock = b.sharedWith.isEmpty();
    this.format = b.format;
    this.clock = b.clock;
    this.listener = b.listener;
    this.timeout = DEFAULT_TIMEOUT;
    this.timeoutNanos = timeout.toNanos();
    this.remote = Optional.of(b.remote);
    RtpSender.Builder sb = RtpSender.builder(block.rtpChannel(), b.remote, format)
        .clock(clock)
        .closeOnStop(ownsBlock)
        .filter(b.filter)
        .listener(new RtpSender.Listener() {
          @Override
          public void onSent(RtpPacket packet) {
            onPacketSent();
          }

          @Override
          public void onFailure(IOException failure) {
            fail(failure);
          }
        });
    b.source.ifPresent(sb::source);
    b.ssrc.ifPresent(sb::ssrc);
    b.initialSequence.ifPresent(sb::initialSequence);
    b.initialTimestamp.ifPresent(sb::initialTimestamp);
    this.sender = Optional.of(sb.build());
    this.receiver = Optional.empty();
  }

  private MediaStream(SinkBuilder b) {
    this.direction = Direction.SINK;
    this.name = b.name;
    this.block = b.block;
    this.ownsBlock = true;
    this.format = b.format;
    this.clock = b.clock;
    this.listener = b.listener;
    this.timeout = b.timeout;
    this.timeoutNanos = timeout.toNanos();
    this.remote = Optional.empty();
    RtpReceiver.Listener packets = b.packetListener;
    this.receiver = Optional.of(RtpReceiver.builder(block.rtpChannel(), format)
        .clock(clock)
        .anyPayloadType(b.anyPayloadType)
        .listener(new RtpReceiver.Listener() {
          @Override
          public void onPacket(RtpPacket packet, ReceptionTracker.Outcome outcome, long arrivalNanos) {
            onPacketReceived(arrivalNanos);
            packets.onPacket(packet, outcome, arrivalNanos);
          }

          @Override
          public void onDropped(RtpReceiver.Drop reason, SocketAddress sender) {
            packets.onDropped(reason, sender);
          }

          @Override
          public void onFailure(IOException failure) {
            fail(failure);
            packets.onFailure(failure);
          }
        })
        .build());
    this.sender = Optional.empty();
  }

  /**
   * A source sending {@code format} from {@code block}'s RTP port (symmetric RTP) to
   * {@code remote}, the peer sink's RTP address.
   */
  public static SourceBuilder sourceBuilder(PortBlock block, PayloadFormat format,
      InetSocketAddress remote) {
    return new SourceBuilder(block, format, remote);
  }

  /**
   * A source that sends from the RTP socket of {@code sink}, the sink of the same medium on this
   * agent: one port for both directions, as an SDP {@code sendrecv} media line has, and
   * symmetric RTP (RFC 4961) for peers that send back to where packets come from. The source
   * borrows the sink's block: ending the source neither closes nor releases it; ending the
   * sink closes the socket under the source, which then ends with 500.
   *
   * @throws IllegalArgumentException if {@code sink} is not a sink
   */
  public static SourceBuilder symmetricSourceBuilder(MediaStream sink, PayloadFormat format,
      InetSocketAddress remote) {
    if (sink.direction != Direction.SINK) {
      throw new IllegalArgumentException("a symmetric source shares the socket of a sink, not a source");
    }
    SourceBuilder builder = new SourceBuilder(sink.block, format, remote);
    builder.sharedWith = Optional.of(sink);
    return builder;
  }

  /** A sink receiving {@code format} on {@code block}'s RTP port. */
  public static SinkBuilder sinkBuilder(PortBlock block, PayloadFormat format) {
    return new SinkBuilder(block, format);
  }

  /**
   * Starts sending (a source sends its first packet at once) or receiving (a sink's timeout
   * starts counting). A failure to start ends the stream with 500.
   *
   * @throws IllegalStateException if started or ended before
   */
  public void start() {
    synchronized (lock) {
      if (phase != Phase.NEW) {
        throw new IllegalStateException("stream " + name + " was already started or has ended");
      }
      phase = Phase.RUNNING;
      if (direction == Direction.SINK && enabled) {
        lastArrival = clock.nanos();
        armWatchdog(timeoutNanos);
      }
    }
    try {
      sender.ifPresent(RtpSender::start);
      receiver.ifPresent(RtpReceiver::start);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** Ends the stream: state 0, sockets closed, ports released. Harmless if already ended. */
  public void stop() {
    synchronized (lock) {
      if (phase == Phase.ENDED) {
        return;
      }
      phase = Phase.ENDED;
      cancelWatchdog();
    }
    end(StreamState.STOPPED);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Switches sending (source) or receiving (sink) on or off: 204 when off, 100 when back on
   * (then 200 as packets flow again). A sink's timeout does not run while it is off. Allowed
   * before start; ignored once ended.
   */
  public void enabled(boolean on) {
    synchronized (lock) {
      if (phase == Phase.ENDED || enabled == on) {
        return;
      }
      enabled = on;
      sender.ifPresent(s -> s.enabled(on));
      receiver.ifPresent(r -> r.enabled(on));
      if (!on) {
        cancelWatchdog();
        change(StreamState.PAUSED);
      } else {
        change(StreamState.STARTING);
        if (phase == Phase.RUNNING && direction == Direction.SINK) {
          lastArrival = clock.nanos();
          armWatchdog(timeoutNanos);
        }
      }
    }
    deliver();
  }

  /** Whether sending or receiving is switched on. */
  public boolean enabled() {
    synchronized (lock) {
      return enabled;
    }
  }

  /** The current state. */
  public StreamState state() {
    synchronized (lock) {
      return state;
    }
  }

  public Direction direction() {
    return direction;
  }

  /** A label for logs and displays ("audio", "video" ...). */
  public String name() {
    return name;
  }

  public PayloadFormat format() {
    return format;
  }

  /** Whether this stream sends from its sink's socket and does not own its ports. */
  public boolean isSymmetricSource() {
    return !ownsBlock;
  }

  /** The block's base port. */
  public int basePort() {
    return block.base();
  }

  /** The local RTP port: where a sink receives, where a source sends from. */
  public int rtpPort() {
    return block.rtpPort();
  }

  /** The local RTCP port (bound and kept for the stream; RTCP is not run yet). */
  public int rtcpPort() {
    return block.rtcpPort();
  }

  /** A source's destination. */
  public Optional<InetSocketAddress> remote() {
    return remote;
  }

  /** A sink's no-packet timeout. */
  public Duration timeout() {
    return timeout;
  }

  /** A source's counters. */
  public Optional<SenderStats> senderStats() {
    return sender.map(RtpSender::stats);
  }

  /** A sink's statistics. */
  public Optional<ReceiverStats> receiverStats() {
    return receiver.map(RtpReceiver::stats);
  }

  @Override
  public String toString() {
    return "MediaStream[" + name + " " + direction + " " + format.rtpmap() + " port " + block.rtpPort()
        + remote.map(r -> " -> " + r).orElse("") + ", " + state() + "]";
  }

  private void onPacketSent() {
    synchronized (lock) {
      if (phase == Phase.RUNNING && enabled && state.code() == StreamState.STARTING_CODE) {
        change(StreamState.STREAMING);
      }
    }
    deliver();
  }

  private void onPacketReceived(long arrivalNanos) {
    synchronized (lock) {
      if (phase != Phase.RUNNING || !enabled) {
        return;
      }
      lastArrival = Math.max(lastArrival, arrivalNanos);
      int code = state.code();
      if (code == StreamState.STARTING_CODE || code == StreamState.NO_PACKETS_CODE) {
        change(StreamState.STREAMING);
      }
      if (watchdog.isEmpty()) {
        armWatchdog(lastArrival + timeoutNanos - clock.nanos());
      }
    }
    deliver();
  }

  private void checkTimeout() {
    synchronized (lock) {
      watchdog = Optional.empty();
      if (phase != Phase.RUNNING || !enabled) {
        return;
      }
      long silent = clock.nanos() - lastArrival;
      if (silent >= timeoutNanos) {
        // the next packet re-arms the watchdog
        change(StreamState.noPackets(timeout));
      } else {
        armWatchdog(timeoutNanos - silent);
      }
    }
    deliver();
  }

  private void fail(Throwable cause) {
    synchronized (lock) {
      if (phase == Phase.ENDED) {
        return;
      }
      phase = Phase.ENDED;
      cancelWatchdog();
    }
    end(StreamState.error(describe(cause)));
  }

  // after phase became ENDED, on exactly one thread: close, release, then announce
  private void end(StreamState last) {
    sender.ifPresent(RtpSender::stop);
    receiver.ifPresent(RtpReceiver::stop);
    if (ownsBlock) {
      block.release();
    }
    synchronized (lock) {
      change(last);
    }
    deliver();
  }

  private void armWatchdog(long delayNanos) {
    watchdog = Optional.of(clock.schedule(delayNanos, this::checkTimeout));
  }

  private void cancelWatchdog() {
    watchdog.ifPresent(MediaClock.Cancellable::cancel);
    watchdog = Optional.empty();
  }

  // under lock
  private void change(StreamState next) {
    if (!next.equals(state)) {
      undelivered.add(new Change(state, next));
      state = next;
    }
  }

  // outside the lock: one thread at a time delivers, in order, everything queued
  private void deliver() {
    while (true) {
      Change change;
      synchronized (lock) {
        if (delivering || undelivered.isEmpty()) {
          return;
        }
        delivering = true;
        change = undelivered.poll();
      }
      try {
        listener.onStateChange(this, change.previous(), change.current());
      } catch (RuntimeException e) {
        System.getLogger(MediaStream.class.getName())
            .log(System.Logger.Level.WARNING, "stream state listener failed", e);
      } finally {
        synchronized (lock) {
          delivering = false;
        }
      }
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof ClosedChannelException) {
      return "socket closed";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** Settings shared by sources and sinks. */
  public abstract static sealed class Builder<B extends Builder<B>> permits SourceBuilder, SinkBuilder {
    final PortBlock block;
    final PayloadFormat format;
    String name = "audio";
    MediaClock clock = MediaClock.system();
    StreamStateListener listener = (stream, previous, current) -> {};

    private Builder(PortBlock block, PayloadFormat format) {
      this.block = Objects.requireNonNull(block, "block");
      this.format = Objects.requireNonNull(format, "format");
    }

    abstract B self();

    /** A label for logs and displays (default "audio"). */
    public B name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return self();
    }

    /** The clock for pacing, arrival stamps and the timeout (default: real time). */
    public B clock(MediaClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return self();
    }

    public B listener(StreamStateListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return self();
    }

    void checkBlock() {
      if (block.isReleased()) {
        throw new IllegalStateException(block + " was released before its stream was built");
      }
    }
  }

  /** Settings of a source; see {@link RtpSender.Builder} for the defaults. */
  public static final class SourceBuilder extends Builder<SourceBuilder> {
    private final InetSocketAddress remote;
    private Optional<AudioSource> source = Optional.empty();
    private PacketFilter filter = PacketFilter.all();
    private Optional<Long> ssrc = Optional.empty();
    private Optional<Integer> initialSequence = Optional.empty();
    private Optional<Long> initialTimestamp = Optional.empty();
    private Optional<MediaStream> sharedWith = Optional.empty();

    private SourceBuilder(PortBlock block, PayloadFormat format, InetSocketAddress remote) {
      super(block, format);
      this.remote = Objects.requireNonNull(remote, "remote");
    }

    @Override
    SourceBuilder self() {
      return this;
    }

    /** The sound to send (default: 440 Hz at -20 dBFS). */
    public SourceBuilder source(AudioSource source) {
      this.source = Optional.of(source);
      return this;
    }

    /** Fault injection: which packets really go out. */
    public SourceBuilder filter(PacketFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    public SourceBuilder ssrc(long ssrc) {
      this.ssrc = Optional.of(ssrc);
      return this;
    }

    public SourceBuilder initialSequence(int sequence) {
      this.initialSequence = Optional.of(sequence);
      return this;
    }

    public SourceBuilder initialTimestamp(long timestamp) {
      this.initialTimestamp = Optional.of(timestamp);
      return this;
    }

    /** The stream, owning the block from now on. If this throws, the block stays the caller's. */
    public MediaStream build() {
      checkBlock();
      return new MediaStream(this);
    }
  }

  /** Settings of a sink. */
  public static final class SinkBuilder extends Builder<SinkBuilder> {
    private Duration timeout = DEFAULT_TIMEOUT;
    private RtpReceiver.Listener packetListener = new RtpReceiver.Listener() {};
    private boolean anyPayloadType;

    private SinkBuilder(PortBlock block, PayloadFormat format) {
      super(block, format);
    }

    @Override
    SinkBuilder self() {
      return this;
    }

    /** How long without packets before 408 (default 5 s). */
    public SinkBuilder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Hears every valid packet (to play it out, or to watch it), on the receiver thread. */
    public SinkBuilder packetListener(RtpReceiver.Listener packetListener) {
      this.packetListener = Objects.requireNonNull(packetListener, "packetListener");
      return this;
    }

    /** Accept every payload type (default: only the format's). */
    public SinkBuilder anyPayloadType(boolean any) {
      this.anyPayloadType = any;
      return this;
    }

    /** The stream, owning the block from now on. If this throws, the block stays the caller's. */
    public MediaStream build() {
      checkBlock();
      return new MediaStream(this);
    }
  }
}
