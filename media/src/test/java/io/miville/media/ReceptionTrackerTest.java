package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.miville.media.ReceptionTracker.Outcome;
import org.junit.jupiter.api.Test;

/** RFC 3550 A.1, A.3 and A.8 on hand-made schedules, against values computed by hand. */
class ReceptionTrackerTest {
  private static final long A = 0x1111_1111L;
  private static final long B = 0xBBBB_0000L;
  // a nanoTime-sized origin: only differences may matter
  private static final long T0 = 9_000_000_000_000_000L;

  private static RtpPacket packet(long ssrc, int sequence, long timestamp) {
    return RtpPacket.builder().ssrc(ssrc).sequence(sequence & 0xFFFF).timestamp(timestamp & 0xFFFF_FFFFL).build();
  }

  private static long ms(double millis) {
    return T0 + Math.round(millis * 1_000_000);
  }

  @Test
  void inOrderPacketsOnTimeHaveNoLossAndNoJitter() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    for (int i = 0; i < 100; i++) {
      assertThat(tracker.onPacket(packet(A, 1000 + i, 160L * i), ms(20 * i))).isEqualTo(Outcome.ACCEPTED);
    }
    assertThat(tracker.expected()).isEqualTo(100);
    assertThat(tracker.received()).isEqualTo(100);
    assertThat(tracker.lost()).isZero();
    assertThat(tracker.jitter()).isZero();
    assertThat(tracker.extendedHighestSequence()).isEqualTo(1099);
    assertThat(tracker.ssrc()).hasValue(A);
  }

  @Test
  void jitterFollowsA8OnAHandComputedSchedule() {
    // PCMU, 160 timestamp units (20 ms) per packet; arrivals at 0, 20, 45, 60, 80 ms
    // R in units of 1/8000 s: 0, 160, 360, 480, 640
    // D: -, 0, 40, -40, 0
    // J: 0, 0, 40/16 = 2.5, 2.5 + (40 - 2.5)/16 = 4.84375, 4.84375 - 4.84375/16 = 4.541015625
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    double[] arrivals = {0, 20, 45, 60, 80};
    double[] expectedJitter = {0, 0, 2.5, 4.84375, 4.541015625};
    for (int i = 0; i < arrivals.length; i++) {
      tracker.onPacket(packet(A, 7 + i, 160L * i), ms(arrivals[i]));
      assertThat(tracker.jitter()).as("after packet %d", i).isCloseTo(expectedJitter[i], within(1e-9));
    }
    assertThat(tracker.jitterMillis()).isCloseTo(4.541015625 / 8, within(1e-9));
  }

  @Test
  void jitterIsRightAcrossTimestampWrapAround() {
    // the same schedule with timestamps 2^32 - 320, 2^32 - 160, 0, 160, 320
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    double[] arrivals = {0, 20, 45, 60, 80};
    for (int i = 0; i < arrivals.length; i++) {
      tracker.onPacket(packet(A, 65533 + i, (1L << 32) - 320 + 160L * i), ms(arrivals[i]));
    }
    assertThat(tracker.jitter()).isCloseTo(4.541015625, within(1e-9));
    assertThat(tracker.cycles()).isEqualTo(1);
  }

  @Test
  void jitterCountsLatePacketsButNotDuplicates() {
    // L16 at 48 kHz, 960 units per 20 ms. Sequence 1 (ts 0) at 0 ms, 3 (ts 1920) at 20 ms,
    // 2 (ts 960) at 40 ms, then 2 again at 41 ms (duplicate: no update).
    // R: 0, 960, 1920. D: (960 - 0) - (1920 - 0) = -960 -> J = 960/16 = 60
    // D: (1920 - 960) - (960 - 1920) = 1920 -> J = 60 + (1920 - 60)/16 = 176.25
    ReceptionTracker tracker = ReceptionTracker.create(48000);
    tracker.onPacket(packet(A, 1, 0), ms(0));
    tracker.onPacket(packet(A, 3, 1920), ms(20));
    assertThat(tracker.jitter()).isCloseTo(60, within(1e-9));
    assertThat(tracker.onPacket(packet(A, 2, 960), ms(40))).isEqualTo(Outcome.REORDERED);
    assertThat(tracker.jitter()).isCloseTo(176.25, within(1e-9));
    assertThat(tracker.onPacket(packet(A, 2, 960), ms(41))).isEqualTo(Outcome.DUPLICATE);
    assertThat(tracker.jitter()).isCloseTo(176.25, within(1e-9));
    assertThat(tracker.jitterMillis()).isCloseTo(176.25 / 48, within(1e-9));
  }

  @Test
  void sequenceWrapsIntoTheExtendedNumber() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    for (int i = 0; i < 20; i++) {
      tracker.onPacket(packet(A, 65530 + i, 160L * i), ms(20 * i));
    }
    // 65530..65535 then 0..13
    assertThat(tracker.cycles()).isEqualTo(1);
    assertThat(tracker.extendedHighestSequence()).isEqualTo(65536 + 13);
    assertThat(tracker.expected()).isEqualTo(20);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void lossAcrossTheWrapIsCountedExactly() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    for (int i = 0; i < 20; i++) {
      int sequence = (65530 + i) & 0xFFFF;
      if (sequence == 65535 || sequence == 0 || sequence == 5) {
        continue;
      }
      tracker.onPacket(packet(A, sequence, 160L * i), ms(20 * i));
    }
    assertThat(tracker.expected()).isEqualTo(20);
    assertThat(tracker.received()).isEqualTo(17);
    assertThat(tracker.lost()).isEqualTo(3);
  }

  @Test
  void duplicatesCountAsReceivedAsA3Says() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    for (int s = 100; s <= 107; s++) {
      tracker.onPacket(packet(A, s, s * 160L), ms(s));
    }
    assertThat(tracker.onPacket(packet(A, 105, 105 * 160L), ms(108))).isEqualTo(Outcome.DUPLICATE);
    assertThat(tracker.onPacket(packet(A, 107, 107 * 160L), ms(109))).isEqualTo(Outcome.DUPLICATE);
    tracker.onPacket(packet(A, 108, 108 * 160L), ms(110));
    tracker.onPacket(packet(A, 109, 109 * 160L), ms(111));
    assertThat(tracker.expected()).isEqualTo(10);
    assertThat(tracker.received()).isEqualTo(12);
    assertThat(tracker.lost()).isEqualTo(-2);
    assertThat(tracker.duplicates()).isEqualTo(2);
    assertThat(tracker.reordered()).isZero();
  }

  @Test
  void reorderedPacketsAreCountedAndNotLost() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    int[] order = {1, 2, 4, 3, 5, 7, 6, 8};
    for (int i = 0; i < order.length; i++) {
      tracker.onPacket(packet(A, order[i], order[i] * 160L), ms(20 * i));
    }
    assertThat(tracker.reordered()).isEqualTo(2);
    assertThat(tracker.duplicates()).isZero();
    assertThat(tracker.expected()).isEqualTo(8);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void aPacketOlderThanTheFirstWidensTheRange() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    tracker.onPacket(packet(A, 11, 0), ms(0));
    assertThat(tracker.onPacket(packet(A, 10, 0), ms(1))).isEqualTo(Outcome.REORDERED);
    tracker.onPacket(packet(A, 12, 0), ms(2));
    assertThat(tracker.expected()).isEqualTo(3);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void latePacketFromBeforeTheWrap() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    tracker.onPacket(packet(A, 65534, 0), ms(0));
    tracker.onPacket(packet(A, 0, 0), ms(1));
    assertThat(tracker.onPacket(packet(A, 65535, 0), ms(2))).isEqualTo(Outcome.REORDERED);
    tracker.onPacket(packet(A, 1, 0), ms(3));
    assertThat(tracker.extendedHighestSequence()).isEqualTo(65537);
    assertThat(tracker.expected()).isEqualTo(4);
    assertThat(tracker.received()).isEqualTo(4);
    assertThat(tracker.reordered()).isEqualTo(1);
  }

  @Test
  void aLoneJumpIsDroppedAndAConfirmedOneRestarts() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    for (int s = 1; s <= 3; s++) {
      tracker.onPacket(packet(A, s, 0), ms(s));
    }
    assertThat(tracker.onPacket(packet(A, 10_000, 0), ms(4))).isEqualTo(Outcome.DROPPED_JUMP);
    assertThat(tracker.onPacket(packet(A, 4, 0), ms(5))).isEqualTo(Outcome.ACCEPTED);
    assertThat(tracker.expected()).isEqualTo(4);
    assertThat(tracker.received()).isEqualTo(4);
    assertThat(tracker.droppedJumps()).isEqualTo(1);

    // two in sequence after a jump: the sender restarted (A.1), statistics start over
    assertThat(tracker.onPacket(packet(A, 20_000, 0), ms(6))).isEqualTo(Outcome.DROPPED_JUMP);
    assertThat(tracker.onPacket(packet(A, 20_001, 0), ms(7))).isEqualTo(Outcome.ACCEPTED);
    assertThat(tracker.restarts()).isEqualTo(1);
    assertThat(tracker.expected()).isEqualTo(1);
    tracker.onPacket(packet(A, 20_002, 0), ms(8));
    assertThat(tracker.expected()).isEqualTo(2);
    assertThat(tracker.lost()).isZero();
  }

  @Test
  void aNewSsrcMustPassProbationBeforeItReplacesTheSource() {
    ReceptionTracker tracker = ReceptionTracker.create(8000);
    for (int s = 1; s <= 5; s++) {
      tracker.onPacket(packet(A, s, s * 160L), ms(20 * s));
    }
    assertThat(tracker.onPacket(packet(B, 900, 0), ms(101))).isEqualTo(Outcome.PROBATION);
    assertThat(tracker.ssrc()).hasValue(A);
    assertThat(tracker.expected()).isEqualTo(5);
    // the current source goes on: the stray candidate is forgotten
    assertThat(tracker.onPacket(packet(A, 6, 960), ms(120))).isEqualTo(Outcome.ACCEPTED);
    assertThat(tracker.onPacket(packet(B, 901, 160), ms(121))).isEqualTo(Outcome.PROBATION);
    assertThat(tracker.onPacket(packet(B, 902, 320), ms(141))).isEqualTo(Outcome.ACCEPTED);
    assertThat(tracker.ssrc()).hasValue(B);
    assertThat(tracker.ssrcChanges()).isEqualTo(1);
    // statistics restart with B and include its probation packet 901
    assertThat(tracker.expected()).isEqualTo(2);
    assertThat(tracker.received()).isEqualTo(2);
    assertThat(tracker.probationPackets()).isEqualTo(1); // 900 never made it
    assertThat(tracker.jitter()).isZero();
  }
}
