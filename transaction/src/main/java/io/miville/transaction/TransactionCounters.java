package io.miville.transaction;

import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the layer's counters since it started. For each kind,
 * {@code created = completed + timedOut + transportErrors + live}.
 *
 * @param kinds counts per kind of transaction
 * @param overloadRejected new requests answered {@code 503} at once because their lane was past
 *     its high-water mark
 * @param dropped inbound messages dropped because their lane was at its hard bound
 * @param retransmissionsSent requests and responses sent again on a timer or on a retransmission
 * @param retransmissionsAbsorbed retransmitted requests and responses absorbed by a transaction
 * @param strayResponses responses that matched no client transaction, discarded (RFC 6026 §7.1)
 * @param malformed inbound messages missing what transactions need (top Via, CSeq, Call-ID)
 * @param merged482 merged requests answered {@code 482 Loop Detected} (RFC 3261 §8.2.2.2)
 * @param cancels481 CANCEL requests that matched nothing, answered {@code 481}
 */
public record TransactionCounters(
    Map<TransactionKind, Kind> kinds,
    long overloadRejected,
    long dropped,
    long retransmissionsSent,
    long retransmissionsAbsorbed,
    long strayResponses,
    long malformed,
    long merged482,
    long cancels481) {

  public TransactionCounters {
    kinds = Map.copyOf(kinds);
  }

  /** The counts for one kind of transaction. */
  public Kind of(TransactionKind kind) {
    return Objects.requireNonNull(kinds.get(kind));
  }

  /**
   * Counts for one kind of transaction.
   *
   * @param created transactions started
   * @param completed transactions that ended normally (a final response sent or received, and
   *     the retransmission window closed). A transaction is counted when it terminates, not when
   *     its final response goes out: over UDP a server transaction waits 64*T1 (32 s by default)
   *     after its final response to absorb retransmissions (Timer J, RFC 3261 §17.2.2; Timer L,
   *     RFC 6026 §7.1), Timer I (T4) after the ACK of a non-2xx, so until then it is in {@link
   *     #live()}
   * @param timedOut transactions that ended on a timeout: B or F (client, a 408 was given to the
   *     TU), H or L without ACK (INVITE server), no final response from the TU within 64*T1
   *     (non-INVITE server)
   * @param transportErrors transactions that ended on a transport failure
   */
  public record Kind(long created, long completed, long timedOut, long transportErrors) {
    /** Transactions still running. */
    public long live() {
      return created - completed - timedOut - transportErrors;
    }
  }
}
