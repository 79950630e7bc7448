package io.miville.node.uas;

import java.util.concurrent.atomic.LongAdder;

/** What the basic UAS has done, counted for its exit report. Updated from the lanes. */
public final class UasCounters {
  final LongAdder invites = new LongAdder();
  final LongAdder answered = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder confirmed = new LongAdder();
  final LongAdder cancelled = new LongAdder();
  final LongAdder ended = new LongAdder();
  final LongAdder endedBeforeAck = new LongAdder();
  final LongAdder ackTimeouts = new LongAdder();
  final LongAdder options = new LongAdder();
  final LongAdder notAllowed = new LongAdder();
  final LongAdder notImplemented = new LongAdder();
  final LongAdder badExtension = new LongAdder();
  final LongAdder unsupportedMedia = new LongAdder();
  final LongAdder noDialog = new LongAdder();

  /**
   * A consistent-enough copy of the counters.
   *
   * @param invites new INVITEs received
   * @param answered INVITEs answered 2xx
   * @param refused INVITEs answered with a failure by policy
   * @param confirmed 2xx answers acknowledged by ACK
   * @param cancelled INVITEs cancelled before the answer
   * @param ended calls ended by BYE
   * @param endedBeforeAck calls ended by a BYE that came before the ACK of their 2xx (the ACK was
   *     lost, or overtaken); counted in {@code ended} too, never in {@code confirmed}
   * @param ackTimeouts 2xx answers never acknowledged (Timer L)
   * @param options OPTIONS answered 200
   * @param notAllowed requests answered 405
   * @param notImplemented requests answered 501
   * @param badExtension requests answered 420
   * @param unsupportedMedia requests answered 415
   * @param noDialog in-dialog requests for unknown dialogs, answered 481
   */
  public record Snapshot(long invites, long answered, long refused, long confirmed, long cancelled, long ended,
      long endedBeforeAck, long ackTimeouts, long options, long notAllowed, long notImplemented, long badExtension,
      long unsupportedMedia, long noDialog) {

    /**
     * Answered calls still waiting for the ACK of their 2xx: neither confirmed, nor ended by BYE,
     * nor given up at Timer L (64*T1 after the 2xx, RFC 6026 §7.1). Every answered call is in
     * exactly one of these four groups, so {@code answered = confirmed + endedBeforeAck +
     * ackTimeouts + awaitingAck} once the lanes are idle.
     */
    public long awaitingAck() {
      return Math.max(0, answered - confirmed - endedBeforeAck - ackTimeouts);
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(invites.sum(), answered.sum(), refused.sum(), confirmed.sum(), cancelled.sum(), ended.sum(),
        endedBeforeAck.sum(), ackTimeouts.sum(), options.sum(), notAllowed.sum(), notImplemented.sum(),
        badExtension.sum(), unsupportedMedia.sum(), noDialog.sum());
  }
}
