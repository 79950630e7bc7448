package io.miville.pis.location;

/**
 * How the locator turns places into seconds (draft-pis-00 Appendix 1: "nearest suitable first,
 * with loading and expected service/wait times"). Immutable; {@link #defaults()} and withers.
 *
 * @param walkingMetersPerSecond   how fast a user agent walks (1.3 m/s, a brisk but dignified pace)
 * @param maxRideMetersPerSecond   a user agent whose Velocity is faster than walking is riding:
 *                                 its own speed is used for travel, up to this (30 m/s, a car on a
 *                                 highway; no faster, since it has to get off to go)
 * @param secondsPerFloor          what one floor up or down costs (stairs, lift) when both
 *                                 buildings and floors are known
 * @param velocityHorizonSeconds   Velocity is read as "where the user will be": the position is
 *                                 projected this far ahead along the heading before ranking
 * @param unknownDistanceSeconds   the travel time charged to a cluster whose position cannot be
 *                                 compared with the user's (no geo position, another building)
 * @param nearToThreshold          the least Currently-Near-to match score (0 to 1) that places the
 *                                 user at a cluster
 */
public record TravelModel(double walkingMetersPerSecond, double maxRideMetersPerSecond, double secondsPerFloor,
    double velocityHorizonSeconds, double unknownDistanceSeconds, double nearToThreshold) {

  public TravelModel {
    positive(walkingMetersPerSecond, "walkingMetersPerSecond");
    positive(maxRideMetersPerSecond, "maxRideMetersPerSecond");
    notNegative(secondsPerFloor, "secondsPerFloor");
    notNegative(velocityHorizonSeconds, "velocityHorizonSeconds");
    notNegative(unknownDistanceSeconds, "unknownDistanceSeconds");
    if (!(nearToThreshold > 0 && nearToThreshold <= 1)) {
      throw new IllegalArgumentException("nearToThreshold must be in (0, 1]");
    }
  }

  /** 1.3 m/s walking, rides up to 30 m/s, 25 s a floor, 30 s velocity horizon, 600 s for unknown distances, 0.6 match. */
  public static TravelModel defaults() {
    return new TravelModel(1.3, 30, 25, 30, 600, 0.6);
  }

  public TravelModel withWalkingSpeed(double metersPerSecond) {
    return new TravelModel(metersPerSecond, maxRideMetersPerSecond, secondsPerFloor, velocityHorizonSeconds,
        unknownDistanceSeconds, nearToThreshold);
  }

  public TravelModel withSecondsPerFloor(double seconds) {
    return new TravelModel(walkingMetersPerSecond, maxRideMetersPerSecond, seconds, velocityHorizonSeconds,
        unknownDistanceSeconds, nearToThreshold);
  }

  public TravelModel withVelocityHorizon(double seconds) {
    return new TravelModel(walkingMetersPerSecond, maxRideMetersPerSecond, secondsPerFloor, seconds,
        unknownDistanceSeconds, nearToThreshold);
  }

  private static void positive(double v, String name) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite");
    }
  }

  private static void notNegative(double v, String name) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and not negative");
    }
  }
}
