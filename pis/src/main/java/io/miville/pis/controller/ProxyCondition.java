package io.miville.pis.controller;

/**
 * The condition of one proxy (draft-pis-00 §2.1–§2.5). Occupancy ({@code n} of capacity) is
 * counted apart, in {@link ProxySnapshot#occupants()}; a multi-user proxy with free places is
 * {@link #AVAILABLE} even while in use.
 */
public enum ProxyCondition {
  /** Ready for a session. */
  AVAILABLE,
  /** Every place is taken. */
  OCCUPIED,
  /** A session ended and nobody flushed yet (Info: Previous-transaction-not-cleared). */
  NEEDS_FLUSH,
  /** A FLUSH is in progress (Info: Previous-transaction-clearing). */
  FLUSHING,
  /** A cleaning (COMET) runs: SEEK answers {@code 301 Closed for cleaning}. */
  CLOSED_FOR_CLEANING,
  /** {@code 470 Plugged} / {@code 507 Clogged}. */
  PLUGGED,
  /** {@code 602 Overflowed}. */
  OVERFLOWED,
  /** {@code 404 No water}. */
  NO_WATER,
  /** {@code 666 Backup}: abandon the proxy. */
  BACKUP,
  /** {@code 667 Septic Reflux}: abandon the proxy. */
  SEPTIC_REFLUX,
  /** Taken out of service (for good after {@code 699 Explosion}, or by an operator). */
  OUT_OF_SERVICE;

  /** True if a new session may start on a proxy in this condition (given a free place). */
  public boolean acceptsSessions() {
    return this == AVAILABLE;
  }
}
