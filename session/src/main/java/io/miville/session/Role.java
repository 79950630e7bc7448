package io.miville.session;

/** The part a side plays in the INVITE that created the session (RFC 3261 §12.1). */
public enum Role {
  /** Sent the initial INVITE: the UAC of the dialog's first transaction, owner of the Call-ID. */
  CALLER,
  /** Received the initial INVITE: its UAS. */
  CALLEE
}
