package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A receiver listener that tests wait on: one permit per packet or per dropped datagram, with a
 * bound, so no test sleeps for luck.
 */
final class Arrivals implements RtpReceiver.Listener {
  final List<RtpPacket> packets = new CopyOnWriteArrayList<>();
  final List<ReceptionTracker.Outcome> outcomes = new CopyOnWriteArrayList<>();
  final List<RtpReceiver.Drop> drops = new CopyOnWriteArrayList<>();
  private final Semaphore packetPermits = new Semaphore(0);
  private final Semaphore dropPermits = new Semaphore(0);

  @Override
  public void onPacket(RtpPacket packet, ReceptionTracker.Outcome outcome, long arrivalNanos) {
    packets.add(packet);
    outcomes.add(outcome);
    packetPermits.release();
  }

  @Override
  public void onDropped(RtpReceiver.Drop reason, SocketAddress sender) {
    drops.add(reason);
    dropPermits.release();
  }

  @Override
  public void onFailure(IOException failure) {}

  /** Waits (at most 5 s) until {@code count} more packets have arrived. */
  void awaitPackets(long count) {
    try {
      assertThat(packetPermits.tryAcquire((int) count, 5, TimeUnit.SECONDS))
          .as("%d more packets within 5 s (have %d)", count, packets.size()).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits (at most 5 s) until {@code count} more datagrams have been dropped. */
  void awaitDrops(int count) {
    try {
      assertThat(dropPermits.tryAcquire(count, 5, TimeUnit.SECONDS))
          .as("%d more drops within 5 s (have %d)", count, drops.size()).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
