package io.miville.transaction;

/** The four transaction state machines of RFC 3261 §17 (as updated by RFC 6026). */
public enum TransactionKind {
  /** RFC 3261 §17.1.1, RFC 6026 §7.2 (Figure 5). */
  INVITE_CLIENT,
  /** RFC 3261 §17.1.2 (Figure 6). */
  NON_INVITE_CLIENT,
  /** RFC 3261 §17.2.1, RFC 6026 §7.1 (Figure 7). */
  INVITE_SERVER,
  /** RFC 3261 §17.2.2 (Figure 8). */
  NON_INVITE_SERVER;

  public boolean isClient() {
    return this == INVITE_CLIENT || this == NON_INVITE_CLIENT;
  }

  public boolean isInvite() {
    return this == INVITE_CLIENT || this == INVITE_SERVER;
  }
}
