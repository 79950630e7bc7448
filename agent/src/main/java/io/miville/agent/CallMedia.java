package io.miville.agent;

import io.miville.agent.api.StreamView;
import io.miville.description.AgentContact;
import io.miville.description.MediaStream;
import io.miville.description.Profile;
import io.miville.description.Role;
import io.miville.description.SessionDescription;
import io.miville.description.StreamConfig;
import io.miville.description.StreamDirection;
import io.miville.media.PayloadFormat;
import io.miville.media.PortAllocator;
import io.miville.media.PortBlock;
import io.miville.media.ReceiverStats;
import io.miville.media.SenderStats;
import io.miville.media.StreamState;
import io.miville.media.ToneSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The media of one call on one agent: the port blocks it holds and the RTP streams it runs.
 * Each side states where it wants to receive: this agent allocates a block of ten ports for
 * every stream it receives (RFC 1), and one for the socket of every stream it sends. Every block
 * is released on every ending ({@link #releaseAll()}).
 *
 * <p>Not thread-safe: the owning {@link Agent.Call}'s monitor guards it.
 */
final class CallMedia {
  /** Receives the state changes of this agent's stream ends. */
  interface StateSink {
    void changed(int index, boolean source, StreamState state);
  }

  /** One running end: a source (this agent sends) or a sink (it receives). */
  private record End(int index, boolean source, io.miville.media.MediaStream stream) {}

  private final PortAllocator ports;
  private final InetAddress address;
  private final Role role;
  private final Duration noPacketsTimeout;
  private final StateSink stateSink;
  private final Map<Integer, PortBlock> sinkBlocks = new HashMap<>();
  private final Map<Integer, PortBlock> pendingSinkBlocks = new HashMap<>();
  private final List<End> running = new ArrayList<>();
  private final Map<String, String> settings = new HashMap<>();

  CallMedia(PortAllocator ports, InetAddress address, Role role, Duration noPacketsTimeout, StateSink stateSink) {
    this.ports = ports;
    this.address = address;
    this.role = role;
    this.noPacketsTimeout = noPacketsTimeout;
    this.stateSink = stateSink;
  }

  /** Why a description cannot be served by the built-in audio engine, if it cannot. */
  static Optional<String> unsupported(SessionDescription d) {
    for (String setting : d.profile().settings()) {
      if (!Settings.known().contains(setting)) {
        return Optional.of("unsupported setting " + setting);
      }
    }
    for (int i = 0; i < d.streams().size(); i++) {
      StreamConfig c = d.streams().get(i).config();
      if (!c.media().equalsIgnoreCase("audio")) {
        return Optional.of("stream " + i + ": media " + c.media() + " not supported (audio only)");
      }
      if (formatFor(c.format(), 1).isEmpty()) {
        return Optional.of("stream " + i + ": format " + c.format() + " not supported (PCMU or L16)");
      }
    }
    return Optional.empty();
  }

  private static Optional<PayloadFormat> formatFor(String format, int channels) {
    if (format.equalsIgnoreCase("PCMU")) {
      return Optional.of(PayloadFormat.pcmu());
    }
    if (format.equalsIgnoreCase("L16")) {
      return Optional.of(PayloadFormat.l16(96, channels));
    }
    return Optional.empty();
  }

  /**
   * The offer of a new call: one audio stream each way. The stream this agent receives gets a
   * block here; the one the answerer receives names a proposed base that the answerer may take
   * or replace, and {@code ports} lists further bases it may choose from.
   */
  SessionDescription offer(String id, Instant start, String myName, InetAddress myAddress, int mySipPort,
      String peerName, String peerAddress, int peerSipPort, String profileName, Map<String, String> resolved) {
    settings.clear();
    settings.putAll(resolved);
    PortBlock mine = ports.allocate();
    sinkBlocks.put(1, mine);
    List<Integer> proposals = proposals(mine.base());
    StreamConfig toPeer = StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER, "audio", setting("/send/audio/codec", "PCMU"),
        peerAddress, proposals.get(0)).sendEnabled(flag("/send/audio/enabled")).build();
    StreamConfig toMe = StreamConfig.builder(StreamDirection.ANSWERER_TO_OFFERER, "audio", setting("/recv/audio/codec", "PCMU"),
        myAddress.getHostAddress(), mine.base()).receiveEnabled(flag("/recv/audio/enabled")).build();
    return SessionDescription.builder(id, start)
        .ports(proposals)
        .profile(Profile.of(profileName, List.copyOf(resolved.keySet())))
        .offerer(AgentContact.of(myAddress.getHostAddress(), mySipPort, peerName))
        .answerer(AgentContact.of(peerAddress, peerSipPort))
        .stream(MediaStream.of(toPeer))
        .stream(MediaStream.of(toMe))
        .build();
  }

  /** The answer: a block for every stream this agent receives, preferring a base the offer proposed. */
  SessionDescription answer(SessionDescription offer, Map<String, String> resolved) {
    settings.clear();
    settings.putAll(resolved);
    return withMySinks(offer, sinkBlocks);
  }

  /** The answer to a re-offer, after {@link #stopAll()} released the previous blocks. */
  SessionDescription answerReoffer(SessionDescription offer, Role myRole) {
    return withMySinks(offer, sinkBlocks);
  }

  /** A new offer in a running session with other settings: new blocks for what this agent receives. */
  SessionDescription reoffer(SessionDescription current, Role myRole, String profileName, Map<String, String> resolved) {
    releasePending();
    SessionDescription.Builder b = current.toBuilder().profile(Profile.of(profileName, List.copyOf(resolved.keySet())));
    List<MediaStream> streams = new ArrayList<>();
    for (int i = 0; i < current.streams().size(); i++) {
      MediaStream s = current.streams().get(i);
      StreamConfig c = s.config();
      boolean iSend = c.direction().source() == myRole;
      String format = iSend ? resolved.getOrDefault("/send/audio/codec", c.format())
          : resolved.getOrDefault("/recv/audio/codec", c.format());
      StreamConfig.Builder nc = c.toBuilder().format(format);
      if (!iSend) {
        PortBlock block = ports.allocate();
        pendingSinkBlocks.put(i, block);
        nc.address(address.getHostAddress()).port(block.base());
      }
      streams.add(MediaStream.of(nc.build()));
    }
    b.streams(streams);
    settings.putAll(resolved);
    return b.build();
  }

  /** Our re-offer was answered: its blocks become the current ones. */
  void applyPending() {
    sinkBlocks.putAll(pendingSinkBlocks);
    pendingSinkBlocks.clear();
  }

  void releasePending() {
    pendingSinkBlocks.values().forEach(PortBlock::release);
    pendingSinkBlocks.clear();
  }

  private SessionDescription withMySinks(SessionDescription offer, Map<Integer, PortBlock> into) {
    SessionDescription d = offer;
    for (int i = 0; i < offer.streams().size(); i++) {
      StreamConfig c = offer.streams().get(i).config();
      if (c.direction().sink() != role) {
        continue;
      }
      PortBlock block = ports.tryAllocate(c.port()).orElse(null);
      for (int j = 0; block == null && j < offer.ports().size(); j++) {
        block = ports.tryAllocate(offer.ports().get(j)).orElse(null);
      }
      if (block == null) {
        block = ports.allocate();
      }
      into.put(i, block);
      d = d.withStream(i, MediaStream.of(c.withSink(address.getHostAddress(), block.base())));
    }
    return d;
  }

  /** Starts this agent's ends of every stream of the agreed description. */
  void start(SessionDescription agreed) {
    for (int i = 0; i < agreed.streams().size(); i++) {
      StreamConfig c = agreed.streams().get(i).config();
      final int index = i;
      int channels = Integer.parseInt(settings.getOrDefault(
          c.direction().source() == role ? "/send/audio/channels" : "/recv/audio/channels", "1"));
      PayloadFormat format = formatFor(c.format(), c.format().equalsIgnoreCase("PCMU") ? 1 : channels)
          .orElseThrow(() -> new IllegalArgumentException("format " + c.format()));
      if (c.direction().sink() == role) {
        PortBlock block = sinkBlocks.remove(i);
        if (block == null) {
          continue;
        }
        io.miville.media.MediaStream sink = io.miville.media.MediaStream.sinkBuilder(block, format)
            .name("stream-" + i + "-sink")
            .timeout(noPacketsTimeout)
            .anyPayloadType(true)
            .listener((s, prev, now) -> stateSink.changed(index, false, now))
            .build();
        running.add(new End(i, false, sink));
        sink.start();
        sink.enabled(c.receiveEnabled());
      } else if (c.port() > 0) {
        PortBlock block = ports.allocate();
        double tone = Double.parseDouble(settings.getOrDefault("/send/audio/tone", "440"));
        double level = Double.parseDouble(settings.getOrDefault("/send/audio/level", "-20"));
        io.miville.media.MediaStream source = io.miville.media.MediaStream
            .sourceBuilder(block, format, new InetSocketAddress(c.address(), c.port()))
            .name("stream-" + i + "-source")
            .source(ToneSource.create(format, tone, level))
            .listener((s, prev, now) -> stateSink.changed(index, true, now))
            .build();
        running.add(new End(i, true, source));
        source.start();
        source.enabled(c.sendEnabled());
      }
    }
  }

  /** Stops every running end; their blocks are released by the streams themselves. */
  void stopAll() {
    for (End e : running) {
      e.stream().close();
    }
    running.clear();
  }

  /** Stops everything and releases every block this call holds. */
  void releaseAll() {
    stopAll();
    sinkBlocks.values().forEach(PortBlock::release);
    sinkBlocks.clear();
    releasePending();
  }

  List<StreamView> views(SessionDescription d) {
    List<StreamView> out = new ArrayList<>();
    for (End e : running) {
      StreamConfig c = d.streams().size() > e.index() ? d.streams().get(e.index()).config() : null;
      if (c == null) {
        continue;
      }
      Role peer = role.peer();
      MediaStream ms = d.streams().get(e.index());
      io.miville.description.StreamState peerState = ms.stateOn(peer);
      StreamState local = e.stream().state();
      long packets = 0;
      long lost = 0;
      double jitter = 0;
      if (e.source()) {
        packets = e.stream().senderStats().map(SenderStats::packetsSent).orElse(0L);
      } else {
        Optional<ReceiverStats> r = e.stream().receiverStats();
        packets = r.map(ReceiverStats::packets).orElse(0L);
        lost = r.map(x -> Math.max(0, x.lost())).orElse(0L);
        jitter = r.map(ReceiverStats::jitterMillis).orElse(0.0);
      }
      String remote = c.address() + ":" + c.port();
      out.add(new StreamView("stream-" + e.index(), c.media(), e.source() ? "source" : "sink", c.format(),
          e.stream().rtpPort(), remote, local.code(), local.message(), peerState.code(), peerState.message(),
          packets, lost, jitter));
    }
    return out;
  }

  private String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  private boolean flag(String key) {
    return !"false".equalsIgnoreCase(settings.getOrDefault(key, "true"));
  }

  /** Four consecutive bases the answerer may choose from, in the upper part of the port range. */
  /**
   * Four adjacent bases for the answerer to choose from, none overlapping {@code myBase}: both
   * agents may share an address, and a description whose blocks overlap is invalid.
   */
  private static List<Integer> proposals(int myBase) {
    int first;
    do {
      first = 20000 + 10 * ThreadLocalRandom.current().nextInt(0, 4000);
    } while (myBase > first - 10 && myBase < first + 40);
    return List.of(first, first + 10, first + 20, first + 30);
  }
}
