package io.miville.pis.presence;

import java.time.Duration;
import java.util.Objects;

/**
 * Rates and limits of the presence service (docs/pis-presence.md).
 *
 * @param minExpires         the shortest subscription accepted, seconds; shorter ones get
 *                           {@code 423 Interval Too Brief} with Min-Expires (RFC 6665 §4.2.1.1)
 * @param maxExpires         longer requested durations are cut to this, seconds
 * @param defaultExpires     the duration when the SUBSCRIBE has no Expires, seconds (RFC 6665
 *                           §7.2: each package says; both of ours say this value)
 * @param notifyInterval     at most one NOTIFY per subscription per interval; changes in
 *                           between are coalesced, the latest state wins
 * @param maxSubscriptions   subscriptions held at once; beyond it {@code 503} with Retry-After
 * @param maxInFlight        NOTIFY transactions outstanding per subscription; while at it,
 *                           changes wait (coalesced) for a response
 * @param maxInFlightTotal   NOTIFY transactions outstanding in all: a fan-out to many subscribers
 *                           goes out in a window of this size, paced by the responses, so that a
 *                           burst does not overrun the socket
 * @param maintenanceHistory maintenance events kept and carried in each pis-maintenance NOTIFY
 * @param retryAfter         the Retry-After of the {@code 503} when full
 */
public record PresenceConfig(long minExpires, long maxExpires, long defaultExpires, Duration notifyInterval,
    int maxSubscriptions, int maxInFlight, int maxInFlightTotal, int maintenanceHistory, Duration retryAfter) {

  /**
   * 60 s to 1 h, 10 min by default, one NOTIFY per 500 ms, 100,000 subscriptions, 2 NOTIFYs in
   * flight per subscription and 256 in all, 32 maintenance events.
   */
  public static final PresenceConfig DEFAULT =
      new PresenceConfig(60, 3600, 600, Duration.ofMillis(500), 100_000, 2, 256, 32, Duration.ofSeconds(30));

  public PresenceConfig {
    Objects.requireNonNull(notifyInterval, "notifyInterval");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (minExpires < 1 || maxExpires < minExpires || defaultExpires < minExpires || defaultExpires > maxExpires) {
      throw new IllegalArgumentException("need 1 <= minExpires <= defaultExpires <= maxExpires");
    }
    if (notifyInterval.isNegative() || maxSubscriptions < 1 || maxInFlight < 1 || maxInFlightTotal < 1 || maintenanceHistory < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** This configuration with another {@link #notifyInterval()}. */
  public PresenceConfig withNotifyInterval(Duration interval) {
    return new PresenceConfig(minExpires, maxExpires, defaultExpires, interval, maxSubscriptions, maxInFlight,
        maxInFlightTotal, maintenanceHistory, retryAfter);
  }

  /** This configuration with another {@link #maxSubscriptions()}. */
  public PresenceConfig withMaxSubscriptions(int max) {
    return new PresenceConfig(minExpires, maxExpires, defaultExpires, notifyInterval, max, maxInFlight,
        maxInFlightTotal, maintenanceHistory, retryAfter);
  }

  /** This configuration with another {@link #maxInFlight()}. */
  public PresenceConfig withMaxInFlight(int max) {
    return new PresenceConfig(minExpires, maxExpires, defaultExpires, notifyInterval, maxSubscriptions, max,
        maxInFlightTotal, maintenanceHistory, retryAfter);
  }

  /** This configuration with another {@link #maxInFlightTotal()}. */
  public PresenceConfig withMaxInFlightTotal(int max) {
    return new PresenceConfig(minExpires, maxExpires, defaultExpires, notifyInterval, maxSubscriptions, maxInFlight,
        max, maintenanceHistory, retryAfter);
  }

  /** This configuration with other {@link #minExpires()}, {@link #maxExpires()} and {@link #defaultExpires()}. */
  public PresenceConfig withExpires(long min, long max, long byDefault) {
    return new PresenceConfig(min, max, byDefault, notifyInterval, maxSubscriptions, maxInFlight,
        maxInFlightTotal, maintenanceHistory, retryAfter);
  }
}
