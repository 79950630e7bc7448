package io.miville.node.uas;

import io.miville.codec.StatusCodes;
import java.time.Duration;
import java.util.Objects;

/**
 * How the basic UAS answers an INVITE: the final status (200 by default, or any final code to
 * test how callers handle refusals) and how long to ring first with {@code 180 Ringing}.
 *
 * @param answerStatus the final status for INVITE, 200 to 699
 * @param ring how long to send 180 before the final answer; zero answers at once
 */
public record UasPolicy(int answerStatus, Duration ring) {
  /** Answer 200 at once. */
  public static final UasPolicy DEFAULT = new UasPolicy(200, Duration.ZERO);

  public UasPolicy {
    if (answerStatus < 200 || !StatusCodes.isValid(answerStatus)) {
      throw new IllegalArgumentException("the answer must be a final status, 200 to 699: " + answerStatus);
    }
    Objects.requireNonNull(ring, "ring");
    if (ring.isNegative()) {
      throw new IllegalArgumentException("ring must not be negative");
    }
  }
}
