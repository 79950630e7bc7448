package io.miville.session;

import java.util.Objects;

/**
 * The identifier of a dialog (RFC 3261 §12): Call-ID, local tag and remote tag, as this side
 * sees them (the local tag is the From tag of the requests we send).
 */
public record DialogId(String callId, String localTag, String remoteTag) {
  public DialogId {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(localTag, "localTag");
    Objects.requireNonNull(remoteTag, "remoteTag");
  }
}
