package io.miville.transaction;

/**
 * The states of the four machines. Which ones a machine uses (RFC 3261 §17, RFC 6026 §7):
 * INVITE client: Calling, Proceeding, Accepted, Completed, Terminated; non-INVITE client:
 * Trying, Proceeding, Completed, Terminated; INVITE server: Proceeding, Accepted, Completed,
 * Confirmed, Terminated; non-INVITE server: Trying, Proceeding, Completed, Terminated.
 */
public enum TransactionState {
  CALLING,
  TRYING,
  PROCEEDING,
  /** RFC 6026: a 2xx was sent or received; the transaction absorbs retransmissions until Timer L or M. */
  ACCEPTED,
  COMPLETED,
  CONFIRMED,
  TERMINATED
}
