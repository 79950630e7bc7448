package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stream state codes on real sockets, with the timeout measured on a manual clock. */
class MediaStreamTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final ManualClock clock = ManualClock.create();
  private final PortAllocator allocator = TestPorts.allocator(4);
  private final PayloadFormat pcmu = PayloadFormat.pcmu();

  /** Records state changes; tests wait on it with a bound. */
  private static final class States implements StreamStateListener {
    final BlockingQueue<StreamState> changes = new LinkedBlockingQueue<>();
    final List<String> transitions = new ArrayList<>();

    @Override
    public synchronized void onStateChange(MediaStream stream, StreamState previous, StreamState current) {
      transitions.add(previous.code() + "->" + current.code());
      changes.add(current);
    }

    int next() {
      try {
        StreamState state = changes.poll(5, TimeUnit.SECONDS);
        assertThat(state).as("a state change within 5 s").isNotNull();
        return state.code();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    void assertNoChange() {
      assertThat(changes).as("no state change").isEmpty();
    }
  }

  @AfterEach
  void noLeaks() {
    assertThat(allocator.held()).as("ports held after the test").isEmpty();
    assertThat(clock.pendingTimers()).as("timers left after the test").isZero();
  }

  private static void send(DatagramChannel raw, int port, RtpPacket packet) throws IOException {
    raw.send(ByteBuffer.wrap(packet.encode()), new InetSocketAddress(TestPorts.LOOPBACK, port));
  }

  private static RtpPacket pcmuPacket(int sequence) {
    return RtpPacket.builder().ssrc(42).sequence(sequence).timestamp(160L * sequence).payload(new byte[160]).build();
  }

  @Test
  void sinkGoes408WithoutPacketsAndBackTo200WhenTheyResume() throws IOException {
    States states = new States();
    Arrivals arrivals = new Arrivals();
    PortBlock block = allocator.allocate();
    MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock).timeout(TIMEOUT)
        .listener(states).packetListener(arrivals).build();
    assertThat(sink.state()).isEqualTo(StreamState.STARTING);
    sink.start();

    clock.advance(TIMEOUT.minusMillis(1));
    assertThat(sink.state().code()).isEqualTo(100);
    states.assertNoChange();
    clock.advance(Duration.ofMillis(1));
    assertThat(states.next()).isEqualTo(408);
    assertThat(sink.state()).isEqualTo(StreamState.noPackets(TIMEOUT));
    assertThat(sink.state().message()).isEqualTo("No packets within 2000 ms");

    try (DatagramChannel raw = TestPorts.bind(0)) {
      send(raw, sink.rtpPort(), pcmuPacket(1));
      assertThat(states.next()).isEqualTo(200);

      // the timeout now counts from that packet
      clock.advance(TIMEOUT.minusMillis(1));
      states.assertNoChange();
      clock.advance(Duration.ofMillis(1));
      assertThat(states.next()).isEqualTo(408);

      send(raw, sink.rtpPort(), pcmuPacket(2));
      assertThat(states.next()).isEqualTo(200);
      arrivals.awaitPackets(2);

      // a packet every 20 ms for 5 s (longer than the timeout): no 408
      for (int i = 3; i < 253; i++) {
        clock.advance(Duration.ofMillis(20));
        send(raw, sink.rtpPort(), pcmuPacket(i));
        arrivals.awaitPackets(1);
      }
      states.assertNoChange();
      assertThat(sink.receiverStats().orElseThrow().packets()).isEqualTo(252);
      assertThat(sink.receiverStats().orElseThrow().lost()).isZero();
    }

    sink.stop();
    assertThat(states.next()).isEqualTo(0);
    assertThat(states.transitions).containsExactly("100->408", "408->200", "200->408", "408->200", "200->0");
    assertThat(block.isReleased()).isTrue();
  }

  @Test
  void sourceToSinkEndToEnd() {
    States sourceStates = new States();
    States sinkStates = new States();
    Arrivals arrivals = new Arrivals();
    MediaStream sink = MediaStream.sinkBuilder(allocator.allocate(), pcmu).clock(clock).timeout(TIMEOUT)
        .listener(sinkStates).packetListener(arrivals).name("audio").build();
    MediaStream source = MediaStream.sourceBuilder(allocator.allocate(), pcmu,
            new InetSocketAddress(TestPorts.LOOPBACK, sink.rtpPort()))
        .clock(clock).listener(sourceStates).build();
    assertThat(allocator.held()).containsExactly(sink.basePort(), source.basePort());
    sink.start();
    source.start();

    // the first frame leaves inside start()
    assertThat(sourceStates.next()).isEqualTo(200);
    assertThat(sinkStates.next()).isEqualTo(200);
    arrivals.awaitPackets(1);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMillis(100));
      arrivals.awaitPackets(5);
    }
    assertThat(source.senderStats().orElseThrow().packetsSent()).isEqualTo(51);

    // the user switches sending off: the source says 204, the sink times out
    source.enabled(false);
    assertThat(sourceStates.next()).isEqualTo(204);
    clock.advance(TIMEOUT);
    assertThat(sinkStates.next()).isEqualTo(408);
    assertThat(source.senderStats().orElseThrow().framesMuted()).isEqualTo(100);

    source.enabled(true);
    assertThat(sourceStates.next()).isEqualTo(100);
    clock.advance(Duration.ofMillis(20));
    assertThat(sourceStates.next()).isEqualTo(200);
    assertThat(sinkStates.next()).isEqualTo(200);
    arrivals.awaitPackets(1);

    ReceiverStats stats = sink.receiverStats().orElseThrow();
    assertThat(stats.packets()).isEqualTo(52);
    assertThat(stats.lost()).isZero();
    assertThat(source.senderStats()).isPresent();
    assertThat(sink.senderStats()).isEmpty();
    assertThat(source.receiverStats()).isEmpty();
    assertThat(source.remote()).isPresent();
    assertThat(source.direction()).isEqualTo(MediaStream.Direction.SOURCE);
    assertThat(sink.direction()).isEqualTo(MediaStream.Direction.SINK);

    source.stop();
    sink.close();
    assertThat(sourceStates.next()).isEqualTo(0);
    assertThat(sinkStates.next()).isEqualTo(0);
    assertThat(sourceStates.transitions).containsExactly("100->200", "200->204", "204->100", "100->200", "200->0");
    assertThat(sinkStates.transitions).containsExactly("100->200", "200->408", "408->200", "200->0");
  }

  @Test
  void aSocketFailureEndsASinkWith500AndReleasesItsPorts() throws IOException {
    States states = new States();
    PortBlock block = allocator.allocate();
    MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock).timeout(TIMEOUT)
        .listener((stream, previous, current) -> {
          // the ports are back by the time the final state is announced
          if (current.isEnded()) {
            assertThat(allocator.held()).doesNotContain(block.base());
          }
          states.onStateChange(stream, previous, current);
        })
        .build();
    sink.start();
    block.rtpChannel().close();

    assertThat(states.next()).isEqualTo(500);
    assertThat(sink.state()).isEqualTo(StreamState.error("socket closed"));
    assertThat(sink.state().isEnded()).isTrue();
    assertThat(TestPorts.bindable(block.rtpPort())).isTrue();
    assertThat(TestPorts.bindable(block.rtcpPort())).isTrue();
    // final: a stop afterwards changes nothing, nor does time
    sink.stop();
    clock.advance(TIMEOUT.multipliedBy(2));
    states.assertNoChange();
    assertThat(sink.state().code()).isEqualTo(500);
  }

  @Test
  void aSocketFailureEndsASourceWith500() throws IOException {
    States states = new States();
    PortBlock block = allocator.allocate();
    try (DatagramChannel peer = TestPorts.bind(0)) {
      MediaStream source = MediaStream.sourceBuilder(block, pcmu, (InetSocketAddress) peer.getLocalAddress())
          .clock(clock).listener(states).build();
      source.start();
      assertThat(states.next()).isEqualTo(200);
      block.rtpChannel().close();
      clock.advance(Duration.ofMillis(20));
      assertThat(states.next()).isEqualTo(500);
      assertThat(source.state().message()).isEqualTo("Error: socket closed");
    }
  }

  @Test
  void aSinkSwitchedOffNeverTimesOut() throws IOException {
    States states = new States();
    Arrivals arrivals = new Arrivals();
    MediaStream sink = MediaStream.sinkBuilder(allocator.allocate(), pcmu).clock(clock).timeout(TIMEOUT)
        .listener(states).packetListener(arrivals).build();
    sink.start();
    sink.enabled(false);
    assertThat(states.next()).isEqualTo(204);
    assertThat(clock.pendingTimers()).isZero();
    clock.advance(TIMEOUT.multipliedBy(10));
    states.assertNoChange();

    try (DatagramChannel raw = TestPorts.bind(0)) {
      send(raw, sink.rtpPort(), pcmuPacket(1));
      arrivals.awaitDrops(1);
      states.assertNoChange();
      assertThat(sink.receiverStats().orElseThrow().ignoredWhileDisabled()).isEqualTo(1);

      sink.enabled(true);
      assertThat(states.next()).isEqualTo(100);
      send(raw, sink.rtpPort(), pcmuPacket(2));
      assertThat(states.next()).isEqualTo(200);
      clock.advance(TIMEOUT);
      assertThat(states.next()).isEqualTo(408);
    }
    sink.stop();
    assertThat(states.next()).isZero();
  }

  @Test
  void garbageDoesNotCountAsPacketsArriving() throws IOException {
    States states = new States();
    Arrivals arrivals = new Arrivals();
    MediaStream sink = MediaStream.sinkBuilder(allocator.allocate(), pcmu).clock(clock).timeout(TIMEOUT)
        .listener(states).packetListener(arrivals).build();
    sink.start();
    try (DatagramChannel raw = TestPorts.bind(0)) {
      raw.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress(TestPorts.LOOPBACK, sink.rtpPort()));
      send(raw, sink.rtpPort(), RtpPacket.builder().payloadType(8).build()); // PCMA, not negotiated
      arrivals.awaitDrops(2);
    }
    states.assertNoChange();
    assertThat(sink.state().code()).isEqualTo(100);
    clock.advance(TIMEOUT);
    assertThat(states.next()).isEqualTo(408);
    sink.stop();
  }

  @Test
  void lifecycleRules() {
    // stopped before it started: released, final
    PortBlock first = allocator.allocate();
    MediaStream never = MediaStream.sinkBuilder(first, pcmu).clock(clock).build();
    never.stop();
    assertThat(never.state()).isEqualTo(StreamState.STOPPED);
    assertThat(first.isReleased()).isTrue();
    assertThatThrownBy(never::start).isInstanceOf(IllegalStateException.class);
    never.enabled(false);
    assertThat(never.state()).isEqualTo(StreamState.STOPPED);

    // a released block cannot carry a stream
    assertThatThrownBy(() -> MediaStream.sinkBuilder(first, pcmu).build()).isInstanceOf(IllegalStateException.class);

    // switched off before start: 204 from the start, no timeout armed
    States states = new States();
    MediaStream paused = MediaStream.sinkBuilder(allocator.allocate(), pcmu).clock(clock).timeout(TIMEOUT)
        .listener(states).build();
    paused.enabled(false);
    paused.start();
    assertThat(paused.state()).isEqualTo(StreamState.PAUSED);
    clock.advance(TIMEOUT.multipliedBy(3));
    assertThat(paused.state()).isEqualTo(StreamState.PAUSED);
    assertThatThrownBy(paused::start).isInstanceOf(IllegalStateException.class);
    paused.stop();
    paused.stop();
    assertThat(states.transitions).containsExactly("100->204", "204->0");
  }

  @Test
  void aListenerMayStopTheStreamAndStillSeesChangesInOrder() throws IOException {
    List<String> seen = new ArrayList<>();
    BlockingQueue<Integer> ended = new LinkedBlockingQueue<>();
    MediaStream sink = MediaStream.sinkBuilder(allocator.allocate(), pcmu).clock(clock)
        .listener((stream, previous, current) -> {
          seen.add(previous.code() + "->" + current.code());
          if (current.code() == 200) {
            stream.stop(); // re-entrant: delivered after this call returns
            seen.add("stop returned");
          }
          if (current.isEnded()) {
            ended.add(current.code());
          }
        })
        .build();
    sink.start();
    try (DatagramChannel raw = TestPorts.bind(0)) {
      send(raw, sink.rtpPort(), pcmuPacket(1));
    }
    try {
      assertThat(ended.poll(5, TimeUnit.SECONDS)).isZero();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(seen).containsExactly("100->200", "stop returned", "200->0");
  }

  @Test
  void stopFreesThePortsBeforeItReturns() {
    // closing a socket a virtual thread is blocked on completes when that thread unwinds: stop
    // must wait for it, or the port could still be bound after the release
    for (int i = 0; i < 200; i++) {
      PortBlock block = allocator.allocate();
      MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock).build();
      sink.start();
      sink.stop();
      assertThat(TestPorts.bindable(block.rtpPort())).as("port free after stop, round %d", i).isTrue();
    }
  }

  @Test
  void aSymmetricSourceSendsFromItsSinksPortAndLeavesThePortsToIt() throws IOException {
    States sinkStates = new States();
    States sourceStates = new States();
    Arrivals arrivals = new Arrivals();
    PortBlock block = allocator.allocate();
    MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock).timeout(TIMEOUT)
        .listener(sinkStates).packetListener(arrivals).build();
    try (java.net.DatagramSocket peer = new java.net.DatagramSocket(0, TestPorts.LOOPBACK)) {
      peer.setSoTimeout(5000);
      MediaStream source = MediaStream.symmetricSourceBuilder(sink, pcmu,
              new InetSocketAddress(TestPorts.LOOPBACK, peer.getLocalPort()))
          .clock(clock).listener(sourceStates).build();
      assertThat(source.isSymmetricSource()).isTrue();
      assertThat(source.rtpPort()).isEqualTo(sink.rtpPort());
      sink.start();
      source.start();

      // the peer sees packets coming from the sink's port, and answers to where they came from
      java.net.DatagramPacket datagram = new java.net.DatagramPacket(new byte[2048], 2048);
      peer.receive(datagram);
      assertThat(datagram.getPort()).isEqualTo(sink.rtpPort());
      assertThat(RtpPacket.decode(datagram.getData(), 0, datagram.getLength()).payloadLength()).isEqualTo(160);
      byte[] back = pcmuPacket(1).encode();
      peer.send(new java.net.DatagramPacket(back, back.length, datagram.getSocketAddress()));
      arrivals.awaitPackets(1);
      assertThat(sinkStates.next()).isEqualTo(200);
      assertThat(sourceStates.next()).isEqualTo(200);

      // ending the source leaves the sink and its ports alone
      source.stop();
      assertThat(sourceStates.next()).isEqualTo(0);
      assertThat(block.isReleased()).isFalse();
      assertThat(allocator.held()).containsExactly(block.base());
      byte[] more = pcmuPacket(2).encode();
      peer.send(new java.net.DatagramPacket(more, more.length, datagram.getSocketAddress()));
      arrivals.awaitPackets(1);
      assertThat(sink.state().code()).isEqualTo(200);

      // a second symmetric source; ending the sink closes the socket under it
      MediaStream again = MediaStream.symmetricSourceBuilder(sink, pcmu,
              new InetSocketAddress(TestPorts.LOOPBACK, peer.getLocalPort()))
          .clock(clock).listener(sourceStates).build();
      again.start();
      assertThat(sourceStates.next()).isEqualTo(200);
      sink.stop();
      assertThat(sinkStates.next()).isEqualTo(0);
      clock.advance(Duration.ofMillis(20));
      assertThat(sourceStates.next()).isEqualTo(500);
      assertThatThrownBy(() -> MediaStream.symmetricSourceBuilder(again, pcmu, new InetSocketAddress(TestPorts.LOOPBACK, 9)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
