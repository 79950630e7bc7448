package io.miville.session;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why and by whom a session ended, for the agent's control API and its UI.
 *
 * @param cause what happened
 * @param origin who ended it: this side, the peer, or the network (timeouts and errors)
 * @param status the SIP status that tells it, when there is one: the refusal's status, 487 for a
 *     cancelled INVITE, 408 for a timeout, 481 when the peer no longer knows the dialog...
 * @param reason readable text, never empty
 */
public record Ending(Cause cause, Origin origin, OptionalInt status, String reason) {

  /** What ended the session. */
  public enum Cause {
    /** This side hung up (BYE sent, RFC 3261 §15.1.1). */
    BYE_LOCAL,
    /** The peer hung up (BYE received, §15.1.2). */
    BYE_REMOTE,
    /** The caller cancelled the INVITE before it was answered (§9). */
    CANCELLED,
    /** The INVITE got a final non-2xx response (the callee refused: 603, 486, 488, 415...). */
    REJECTED,
    /** Nothing answered in time: no response to the INVITE, no answer while ringing, no ACK for the 2xx. */
    TIMEOUT,
    /** The peer of an established session stopped answering (liveness check, §12.2.1.2: 408, 481, transport error). */
    PEER_VANISHED,
    /** The target could not be reached at all: unknown host, connection refused, no route. */
    UNREACHABLE,
    /** A protocol or local error (a 2xx without an answer, the agent's callback failed...). */
    ERROR
  }

  /** Who ended the session. */
  public enum Origin {
    LOCAL,
    REMOTE,
    NETWORK
  }

  public Ending {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an ending needs a readable reason");
    }
  }

  static Ending of(Cause cause, Origin origin, String reason) {
    return new Ending(cause, origin, OptionalInt.empty(), reason);
  }

  static Ending of(Cause cause, Origin origin, int status, String reason) {
    return new Ending(cause, origin, OptionalInt.of(status), reason);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(cause);
    status.ifPresent(s -> b.append(' ').append(s));
    return b.append(" (").append(origin.name().toLowerCase()).append("): ").append(reason).toString();
  }
}
