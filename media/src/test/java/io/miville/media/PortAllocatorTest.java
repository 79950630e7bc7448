package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  @Test
  void aBlockHoldsItsRtpAndRtcpSocketsBoundUntilReleased() throws Exception {
    PortAllocator allocator = TestPorts.allocator(3);
    int first = allocator.firstPort();
    PortBlock block = allocator.allocate();

    assertThat(block.base()).isEqualTo(first);
    assertThat(block.rtpPort()).isEqualTo(first);
    assertThat(block.rtcpPort()).isEqualTo(first + 1);
    assertThat(block.port(9)).isEqualTo(first + 9);
    assertThatThrownBy(() -> block.port(10)).isInstanceOf(IllegalArgumentException.class);
    assertThat(((InetSocketAddress) block.rtpChannel().getLocalAddress()).getPort()).isEqualTo(first);
    assertThat(((InetSocketAddress) block.rtcpChannel().getLocalAddress()).getPort()).isEqualTo(first + 1);
    // really taken on the machine: nobody else can bind them
    assertThat(TestPorts.bindable(first)).isFalse();
    assertThat(TestPorts.bindable(first + 1)).isFalse();
    assertThat(allocator.held()).containsExactly(first);

    block.release();
    block.release();
    assertThat(block.isReleased()).isTrue();
    assertThat(block.rtpChannel().isOpen()).isFalse();
    assertThat(allocator.held()).isEmpty();
    assertThat(TestPorts.bindable(first)).isTrue();
    assertThat(TestPorts.bindable(first + 1)).isTrue();
  }

  @Test
  void aBaseWhoseRtpOrRtcpPortIsInUseElsewhereIsSkipped() {
    PortAllocator allocator = TestPorts.allocator(4);
    int first = allocator.firstPort();
    try (DatagramChannel rtpTaken = TestPorts.bind(first);
        DatagramChannel rtcpTaken = TestPorts.bind(first + 11)) {
      PortBlock block = allocator.allocate();
      assertThat(block.base()).isEqualTo(first + 20);
      PortBlock next = allocator.allocate();
      assertThat(next.base()).isEqualTo(first + 30);

      assertThatThrownBy(allocator::allocate)
          .isInstanceOf(PortsExhaustedException.class)
          .hasMessageContaining("2 held by Miville streams")
          .hasMessageContaining("2 in use by other sockets")
          .hasMessageContaining("[" + first + ", " + (first + 39) + "]");
      // a busy base stays out of the table
      assertThat(allocator.held()).containsExactly(first + 20, first + 30);
      assertThat(allocator.tryAllocate(first)).isEmpty();
      assertThat(allocator.held()).containsExactly(first + 20, first + 30);
      block.release();
      next.release();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(allocator.held()).isEmpty();
  }

  @Test
  void exhaustionIsAClearExceptionAndReleaseCuresIt() {
    PortAllocator allocator = TestPorts.allocator(3);
    int first = allocator.firstPort();
    List<PortBlock> blocks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocks.add(allocator.allocate());
    }
    assertThat(blocks).extracting(PortBlock::base).containsExactly(first, first + 10, first + 20);

    assertThatThrownBy(allocator::allocate)
        .isInstanceOf(PortsExhaustedException.class)
        .hasMessage("no free block of 10 UDP ports on 127.0.0.1 in [" + first + ", " + (first + 29)
            + "] step 10: 3 bases, 3 held by Miville streams, 0 in use by other sockets");

    blocks.get(1).release();
    assertThat(allocator.allocate().base()).isEqualTo(first + 10);
    blocks.get(0).release();
    blocks.get(1).release();
    blocks.get(2).release();
  }

  @Test
  void aJustReleasedBaseIsNotHandedOutAgainAtOnce() {
    PortAllocator allocator = TestPorts.allocator(3);
    PortBlock a = allocator.allocate();
    a.release();
    PortBlock b = allocator.allocate();
    assertThat(b.base()).isNotEqualTo(a.base());
    b.release();
  }

  @Test
  void tryAllocateTakesAChosenBaseOnlyIfFree() {
    PortAllocator allocator = TestPorts.allocator(3);
    int second = allocator.firstPort() + 10;
    PortBlock chosen = allocator.tryAllocate(second).orElseThrow();
    assertThat(chosen.base()).isEqualTo(second);
    assertThat(allocator.tryAllocate(second)).isEmpty();
    assertThatThrownBy(() -> allocator.tryAllocate(second + 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> allocator.tryAllocate(allocator.firstPort() + 30))
        .isInstanceOf(IllegalArgumentException.class);
    chosen.release();
    assertThat(allocator.held()).isEmpty();
  }

  @Test
  void builderRefusesRangesOutsideRfc1() {
    assertThatThrownBy(() -> PortAllocator.builder().range(9990, 20000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortAllocator.builder().range(10000, 65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortAllocator.builder().range(10000, 10008)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortAllocator.builder().range(10001, 20000)).hasMessageContaining("odd");
    assertThatThrownBy(() -> PortAllocator.builder().step(8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortAllocator.builder().step(11)).isInstanceOf(IllegalArgumentException.class);

    PortAllocator defaults = PortAllocator.create();
    assertThat(defaults.firstPort()).isEqualTo(10000);
    assertThat(defaults.lastPort()).isEqualTo(65535);
    // bases 10000 .. 65520: n + 9 <= 65535
    assertThat(defaults.capacity()).isEqualTo(5553);
    assertThat(PortAllocator.builder().range(10000, 10019).step(20).build().capacity()).isEqualTo(1);
    assertThat(PortAllocator.builder().range(65500, 65535).build().capacity()).isEqualTo(3);
  }

  /**
   * A thousand allocations ended in every way a stream can end, interleaved, with real sockets:
   * nothing may stay held, no socket may stay bound, no timer may stay scheduled.
   */
  @Test
  void aThousandCyclesWithRandomEndingsLeakNothing() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    PortAllocator allocator = TestPorts.allocator(20);
    ManualClock clock = ManualClock.create();
    PayloadFormat pcmu = PayloadFormat.pcmu();
    List<Runnable> live = new ArrayList<>();
    try (DatagramChannel peer = TestPorts.bind(0)) {
      InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
      for (int cycle = 0; cycle < 1000; cycle++) {
        PortBlock block = allocator.allocate();
        switch (random.nextInt(9)) {
          case 0 -> block.release();
          case 1 -> {
            try (block) {
              block.release();
            }
          }
          case 2 -> {
            MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock).build();
            sink.start();
            clock.advance(Duration.ofMillis(random.nextInt(10_000)));
            sink.stop();
          }
          case 3 -> {
            // the socket fails under a running sink: 500, and the ports go back
            CompletableFuture<StreamState> ended = new CompletableFuture<>();
            MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock)
                .listener((s, previous, current) -> {
                  if (current.isEnded()) {
                    ended.complete(current);
                  }
                })
                .build();
            sink.start();
            block.rtpChannel().close();
            assertThat(ended.get(5, TimeUnit.SECONDS).code()).isEqualTo(500);
          }
          case 4 -> {
            MediaStream source = MediaStream.sourceBuilder(block, pcmu, peerAddress).clock(clock).build();
            source.start();
            clock.advance(Duration.ofMillis(random.nextInt(100)));
            source.stop();
          }
          case 5 -> MediaStream.sinkBuilder(block, pcmu).clock(clock).build().stop();
          case 6 -> {
            try (MediaStream source = MediaStream.sourceBuilder(block, pcmu, peerAddress).clock(clock).build()) {
              source.start();
              assertThatThrownBy(source::start).isInstanceOf(IllegalStateException.class);
            }
          }
          case 7 -> {
            // a source whose socket is closed under it fails on its next frame
            MediaStream source = MediaStream.sourceBuilder(block, pcmu, peerAddress).clock(clock).build();
            source.start();
            block.rtpChannel().close();
            clock.advance(Duration.ofMillis(20));
            assertThat(source.state().code()).isEqualTo(500);
          }
          default -> {
            // kept for a while, ended later in a random way
            if (random.nextBoolean()) {
              MediaStream sink = MediaStream.sinkBuilder(block, pcmu).clock(clock).build();
              sink.start();
              live.add(sink::stop);
            } else {
              live.add(block::release);
            }
          }
        }
        if (live.size() > 8 || (!live.isEmpty() && random.nextInt(4) == 0)) {
          live.remove(random.nextInt(live.size())).run();
        }
      }
      Collections.shuffle(live, random);
      live.forEach(Runnable::run);
    }
    assertThat(allocator.held()).as("seed %d", seed).isEmpty();
    assertThat(clock.pendingTimers()).as("seed %d", seed).isZero();
    for (int base = allocator.firstPort(); base < allocator.lastPort(); base += 10) {
      assertThat(TestPorts.bindable(base) && TestPorts.bindable(base + 1)).as("port %d free again", base).isTrue();
    }
  }

  @Test
  void concurrentAllocationsNeverShareABase() throws Exception {
    PortAllocator allocator = TestPorts.allocator(16);
    Set<Integer> inUse = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(threads.submit(() -> {
          go.await();
          int cycles = 0;
          for (int i = 0; i < 250; i++) {
            PortBlock first = allocator.allocate();
            PortBlock second = allocator.allocate();
            if (!inUse.add(first.base()) || !inUse.add(second.base())) {
              throw new AssertionError("base handed out twice: " + first + " " + second);
            }
            inUse.remove(first.base());
            first.release();
            inUse.remove(second.base());
            second.release();
            cycles++;
          }
          return cycles;
        }));
      }
      go.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(15, TimeUnit.SECONDS)).isEqualTo(250);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(allocator.held()).isEmpty();
  }

  @Test
  void bindIsExclusive() throws Exception {
    // the allocator's check relies on a second bind failing (SO_REUSEADDR off)
    PortAllocator allocator = TestPorts.allocator(1);
    try (PortBlock block = allocator.allocate()) {
      assertThatThrownBy(() -> TestPorts.bind(block.rtpPort()))
          .hasCauseInstanceOf(BindException.class);
    }
  }
}
