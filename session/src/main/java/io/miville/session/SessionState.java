package io.miville.session;

/**
 * Where an {@link InviteSession} stands. A caller goes CALLING → RINGING → CONFIRMED →
 * TERMINATED; a callee INCOMING → RINGING → ACCEPTED → CONFIRMED → TERMINATED. RINGING and
 * ACCEPTED may be skipped; any state may lead to TERMINATED. See docs/sessions.md.
 */
public enum SessionState {
  /** Caller: the INVITE is out (or its destination is being resolved); no provisional response yet. */
  CALLING,
  /** Callee: an INVITE arrived and the agent has not answered it. */
  INCOMING,
  /** Either side: a provisional response above 100 was sent or received (an early dialog, §12.1). */
  RINGING,
  /** Callee: the 2xx is sent, the ACK has not arrived yet (§13.3.1.4). */
  ACCEPTED,
  /** The dialog is confirmed and the session is up: the caller got the 2xx, the callee the ACK. */
  CONFIRMED,
  /**
   * Ending, waiting for the peer: a CANCEL is out and the INVITE's final response has not come
   * (§9.1), or a callee hung up before the ACK came and waits for it to send BYE (§15).
   */
  TERMINATING,
  /** Over; {@link InviteSession#ending()} says why. */
  TERMINATED;

  /** True for the states before the INVITE's final response. */
  public boolean isEarly() {
    return this == CALLING || this == INCOMING || this == RINGING;
  }
}
