package io.miville.session;

/**
 * What a {@link SessionManager} tells the agent about its sessions.
 *
 * <p><b>Threading.</b> Every method runs on the lane that owns the session's Call-ID (see
 * docs/concurrency.md) and must not block: no I/O, no waiting on futures. Hand slow work to a
 * virtual thread and call the session back from there; the session's methods may be called from
 * any thread. Calls for one session arrive one at a time, in order. An exception thrown here is
 * logged and otherwise ignored, except in {@link #onIncoming}, where it refuses the call with 500.
 *
 * <p>Every method has a default so that an agent implements what it needs; the default of
 * {@link #onIncoming} refuses calls, the one of {@link #onReoffer} refuses re-offers.
 */
public interface SessionListener {

  /**
   * A call arrived with {@code offer} (RFC 3261 §13.3.1). Answer it with {@link
   * InviteSession#ring()}, then {@link InviteSession#accept} or {@link InviteSession#reject},
   * now or later. By default: {@code 480 Temporarily Unavailable}.
   */
  default void onIncoming(InviteSession session, Offer offer) {
    session.reject(480, "no one takes calls here");
  }

  /** Caller: the callee rings (a provisional response above 100 arrived, §13.2.2.1). Called once. */
  default void onRinging(InviteSession session) {}

  /**
   * Our offer was answered: the 2xx to our INVITE or re-INVITE carried {@code answer} (RFC 3264
   * §6). The ACK goes out right after this returns; an agent that finds the answer unacceptable
   * hangs up (or re-offers) once the session is confirmed.
   */
  default void onAnswered(InviteSession session, Answer answer) {}

  /**
   * The session is established: the caller sent its ACK, the callee received it. Caller streams
   * start here (the callee's start when it accepts).
   */
  default void onConfirmed(InviteSession session) {}

  /**
   * The peer made a new offer in a re-INVITE (§14.2). Answer with {@link
   * InviteSession#acceptReoffer} or {@link InviteSession#rejectReoffer} within the configured
   * re-offer timeout (after which it is refused with 500). By default: {@code 488 Not Acceptable Here}.
   */
  default void onReoffer(InviteSession session, Offer offer) {
    session.rejectReoffer(488, "re-offers are not taken here");
  }

  /**
   * The peer's re-offer went away before we answered it: it cancelled the re-INVITE (§9.2) or the
   * re-offer timeout passed. The session stays as it was.
   */
  default void onReofferWithdrawn(InviteSession session) {}

  /**
   * Our re-offer was refused by the peer (or given up after repeated 491s); the session stays as
   * it was (§14.1).
   */
  default void onReofferRejected(InviteSession session, Refusal refusal) {}

  /** An INFO arrived in the dialog (RFC 6086) and was answered 200. */
  default void onInfo(InviteSession session, Info info) {}

  /** The session is over; {@code ending} says why. The last call for this session. */
  default void onTerminated(InviteSession session, Ending ending) {}
}
