package io.miville.media;

import java.util.OptionalLong;

/**
 * Reception statistics of one RTP stream, fed one packet at a time with its arrival time: the
 * bookkeeping of RFC 3550 Appendix A.1 (sequence validation, 32-bit extended sequence number
 * across wrap-around), A.3 (expected, received, cumulative loss) and A.8 (interarrival jitter),
 * plus counts of duplicates and reordered packets. No I/O, no clock of its own, not thread-safe:
 * {@link RtpReceiver} owns one and calls it under its lock; tests feed it synthetic schedules.
 *
 * <p><b>Sources.</b> The first SSRC seen is adopted at once. A packet of another SSRC is held in
 * probation: only {@value #MIN_SEQUENTIAL} packets of it in sequence make it the new source
 * (RFC 3550 §A.1, MIN_SEQUENTIAL), so a stray packet cannot reset the statistics; the
 * statistics then restart with the new source, counting its probation packets.
 *
 * <p><b>Sequence numbers</b> (§A.1). For the current source, with {@code delta} the distance
 * from the highest sequence number seen, modulo 2^16:
 * <ul>
 *   <li>{@code 0 < delta < MAX_DROPOUT (3000)}: in order, perhaps after a gap; a wrap past 65535
 *       adds 2^16 to the extended number;
 *   <li>{@code delta == 0} or {@code delta > 2^16 - MAX_MISORDER (100)}: an old packet: a
 *       <em>duplicate</em> if seen already (within the last {@value #WINDOW} numbers), otherwise
 *       <em>reordered</em> (late);
 *   <li>otherwise a jump: dropped unless the next packet follows it, in which case the sender is
 *       taken to have restarted and the statistics start over from there.
 * </ul>
 * As in §A.3, {@code received} counts every packet accepted, duplicates and late ones included,
 * so the cumulative loss {@code expected - received} may go negative when duplicates arrive. A
 * late packet older than the first one counted moves the base back, so that it does not.
 *
 * <p><b>Jitter</b> (§6.4.1, §A.8): for each packet accepted (not duplicates), with arrival
 * {@code R} converted to timestamp units and RTP timestamp {@code S},
 * {@code D = (Rj - Ri) - (Sj - Si)} against the previous such packet, and
 * {@code J += (|D| - J) / 16}. Computed in floating point (A.8 keeps it scaled by 16 in an
 * integer; the values agree to within rounding); timestamp differences are taken modulo 2^32.
 */
public final class ReceptionTracker {
  /** Packets in sequence that validate a new source (RFC 3550 §A.1). */
  public static final int MIN_SEQUENTIAL = 2;
  /** Largest forward jump still taken as loss rather than a restart (§A.1). */
  public static final int MAX_DROPOUT = 3000;
  /** Largest backward step taken as a late packet rather than a jump (§A.1). */
  public static final int MAX_MISORDER = 100;
  /** How many recent sequence numbers are remembered to tell duplicates from late packets. */
  public static final int WINDOW = 1024;
  private static final int SEQ_MOD = 1 << 16;

  private final int clockRate;
  private boolean hasEpoch;
  private long arrivalEpoch;

  // the current source
  private boolean hasSource;
  private long ssrc;
  private long baseExtended;
  private long maxExtended;
  private int badSequence = -1;
  private long received;
  private long duplicates;
  private long reordered;
  private long restarts;
  private final long[] seen = new long[WINDOW / 64];
  private boolean hasLast;
  private double lastArrivalUnits;
  private long lastTimestamp;
  private double jitter;

  // a source in probation
  private boolean hasCandidate;
  private long candidateSsrc;
  private int candidateFirst;
  private int candidateLast;
  private int candidateCount;

  private long probationPackets;
  private long droppedJumps;
  private int ssrcChanges;

  /** What became of one packet. */
  public enum Outcome {
    /** In order (perhaps after a gap), or the first of a new source. */
    ACCEPTED,
    /** Older than the highest seen and not seen before: counted, late. */
    REORDERED,
    /** Seen already: counted as received (§A.3) but not used again. */
    DUPLICATE,
    /** From an SSRC in probation: not counted yet. */
    PROBATION,
    /** A jump in sequence numbers, dropped until confirmed by the next packet. */
    DROPPED_JUMP;

    /** Whether the packet counts for the current source (and should be played). */
    public boolean isUsable() {
      return this == ACCEPTED || this == REORDERED;
    }
  }

  private ReceptionTracker(int clockRate) {
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive");
    }
    this.clockRate = clockRate;
  }

  /** A tracker for a stream whose RTP timestamps run at {@code clockRate} Hz. */
  public static ReceptionTracker create(int clockRate) {
    return new ReceptionTracker(clockRate);
  }

  /** Accounts for one valid RTP packet that arrived at {@code arrivalNanos} (any monotonic clock). */
  public Outcome onPacket(RtpPacket packet, long arrivalNanos) {
    double arrivalUnits = arrivalUnits(arrivalNanos);
    int sequence = packet.sequence();
    if (!hasSource) {
      adopt(packet.ssrc(), sequence, sequence, 1);
      updateJitter(arrivalUnits, packet.timestamp());
      return Outcome.ACCEPTED;
    }
    if (packet.ssrc() != ssrc) {
      return probation(packet, arrivalUnits);
    }
    // a packet of the current source: the candidate, if any, was a stray
    hasCandidate = false;
    int maxSequence = (int) (maxExtended & 0xFFFF);
    int delta = (sequence - maxSequence) & 0xFFFF;
    if (delta > 0 && delta < MAX_DROPOUT) {
      badSequence = -1;
      advanceTo(maxExtended + delta);
      received++;
      updateJitter(arrivalUnits, packet.timestamp());
      return Outcome.ACCEPTED;
    }
    if (delta == 0 || delta > SEQ_MOD - MAX_MISORDER) {
      long extended = maxExtended - (delta == 0 ? 0 : SEQ_MOD - delta);
      received++;
      if (maxExtended - extended < WINDOW && extended >= baseExtended && isSeen(extended)) {
        duplicates++;
        return Outcome.DUPLICATE;
      }
      if (maxExtended - extended < WINDOW) {
        markSeen(extended);
      }
      if (extended < baseExtended) {
        // older than the first packet counted: widen the expected range rather than let a late
        // packet show up as negative loss, as plain A.1 would
        baseExtended = extended;
      }
      reordered++;
      updateJitter(arrivalUnits, packet.timestamp());
      return Outcome.REORDERED;
    }
    if (sequence == badSequence) {
      // two packets in sequence after a jump: the sender restarted; start over from here (§A.1)
      restarts++;
      adopt(ssrc, sequence, sequence, 1);
      updateJitter(arrivalUnits, packet.timestamp());
      return Outcome.ACCEPTED;
    }
    badSequence = (sequence + 1) & 0xFFFF;
    droppedJumps++;
    return Outcome.DROPPED_JUMP;
  }

  private Outcome probation(RtpPacket packet, double arrivalUnits) {
    int sequence = packet.sequence();
    if (hasCandidate && candidateSsrc == packet.ssrc()
        && sequence == ((candidateLast + 1) & 0xFFFF)) {
      candidateLast = sequence;
      candidateCount++;
    } else {
      hasCandidate = true;
      candidateSsrc = packet.ssrc();
      candidateFirst = sequence;
      candidateLast = sequence;
      candidateCount = 1;
    }
    if (candidateCount < MIN_SEQUENTIAL) {
      probationPackets++;
      return Outcome.PROBATION;
    }
    // validated: the new source's statistics include its probation packets
    probationPackets -= candidateCount - 1;
    ssrcChanges++;
    adopt(candidateSsrc, candidateFirst, candidateLast, candidateCount);
    updateJitter(arrivalUnits, packet.timestamp());
    return Outcome.ACCEPTED;
  }

  private void adopt(long newSsrc, int firstSequence, int lastSequence, int count) {
    hasSource = true;
    hasCandidate = false;
    ssrc = newSsrc;
    baseExtended = firstSequence;
    maxExtended = firstSequence + ((lastSequence - firstSequence) & 0xFFFF);
    badSequence = -1;
    received = count;
    duplicates = 0;
    reordered = 0;
    java.util.Arrays.fill(seen, 0);
    for (long s = baseExtended; s <= maxExtended; s++) {
      markSeen(s);
    }
    hasLast = false;
    jitter = 0;
  }

  private void advanceTo(long extended) {
    if (extended - maxExtended >= WINDOW) {
      java.util.Arrays.fill(seen, 0);
    } else {
      for (long s = maxExtended + 1; s < extended; s++) {
        clearSeen(s);
      }
    }
    markSeen(extended);
    maxExtended = extended;
  }

  private void updateJitter(double arrivalUnits, long timestamp) {
    if (hasLast) {
      int timestampDelta = (int) (timestamp - lastTimestamp); // modulo 2^32, signed
      double d = (arrivalUnits - lastArrivalUnits) - timestampDelta;
      jitter += (Math.abs(d) - jitter) / 16;
    }
    hasLast = true;
    lastArrivalUnits = arrivalUnits;
    lastTimestamp = timestamp;
  }

  private double arrivalUnits(long arrivalNanos) {
    if (!hasEpoch) {
      hasEpoch = true;
      arrivalEpoch = arrivalNanos;
    }
    // relative to the first arrival, so that nanoTime-sized readings do not lose precision
    return (arrivalNanos - arrivalEpoch) * (double) clockRate / 1e9;
  }

  private boolean isSeen(long extended) {
    int bit = (int) (extended & (WINDOW - 1));
    return (seen[bit >>> 6] & (1L << (bit & 63))) != 0;
  }

  private void markSeen(long extended) {
    int bit = (int) (extended & (WINDOW - 1));
    seen[bit >>> 6] |= 1L << (bit & 63);
  }

  private void clearSeen(long extended) {
    int bit = (int) (extended & (WINDOW - 1));
    seen[bit >>> 6] &= ~(1L << (bit & 63));
  }

  /** The SSRC of the current source, once there is one. */
  public OptionalLong ssrc() {
    return hasSource ? OptionalLong.of(ssrc) : OptionalLong.empty();
  }

  /** Highest extended sequence number: cycles * 2^16 + highest sequence number (§6.4.1). */
  public long extendedHighestSequence() {
    return maxExtended;
  }

  /** Sequence number wrap-arounds counted so far (the cycles of §A.1, in units of one). */
  public long cycles() {
    return maxExtended >>> 16;
  }

  /** Packets expected from the current source: extended highest - base + 1 (§A.3). */
  public long expected() {
    return hasSource ? maxExtended - baseExtended + 1 : 0;
  }

  /** Packets received from the current source, duplicates and late ones included (§A.3). */
  public long received() {
    return received;
  }

  /** Cumulative number of packets lost: expected - received, may be negative (§A.3). */
  public long lost() {
    return expected() - received;
  }

  public long duplicates() {
    return duplicates;
  }

  public long reordered() {
    return reordered;
  }

  /** Interarrival jitter in timestamp units (§6.4.1). */
  public double jitter() {
    return jitter;
  }

  /** Interarrival jitter in milliseconds. */
  public double jitterMillis() {
    return jitter * 1000 / clockRate;
  }

  /** Packets of another SSRC still in probation or never validated. */
  public long probationPackets() {
    return probationPackets;
  }

  /** Packets dropped as unconfirmed jumps in sequence numbers. */
  public long droppedJumps() {
    return droppedJumps;
  }

  /** Times the sender restarted its sequence (a confirmed jump). */
  public long restarts() {
    return restarts;
  }

  /** Times a new SSRC replaced the current source. */
  public int ssrcChanges() {
    return ssrcChanges;
  }

  public int clockRate() {
    return clockRate;
  }
}
