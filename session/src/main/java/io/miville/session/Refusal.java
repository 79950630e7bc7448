package io.miville.session;

import java.util.Objects;

/**
 * A final non-2xx response, as a person reads it: the status and a text (from the Reason header
 * of RFC 3326, else the Warning text of RFC 3261 §20.43, else the reason phrase).
 *
 * @param status the status code (300-699)
 * @param reason readable text, never empty
 */
public record Refusal(int status, String reason) {
  public Refusal {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return status + " " + reason;
  }
}
