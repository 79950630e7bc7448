package io.miville.session;

/**
 * The offer/answer state of a session (RFC 3264 §4, RFC 6337 §2.1): at most one offer is
 * outstanding at a time, and a side never makes a new offer while its own is unanswered.
 */
public enum OfferState {
  /** No offer outstanding: either side may make one (when no INVITE transaction is in progress). */
  STABLE,
  /**
   * Our offer is outstanding: sent and not yet answered, or refused with 491 and waiting for its
   * randomized retry (RFC 3261 §14.1). We make no other offer until it is settled.
   */
  LOCAL_OFFER,
  /** The peer's offer awaits our answer (accept or reject). */
  REMOTE_OFFER
}
