package io.miville.pis.location;

import io.miville.pis.site.Cluster;

/**
 * A cluster a seeking user agent could go to, with what it would cost it: the time to get there
 * and the expected wait once there (draft-pis-00 Appendix 1: "nearest suitable first, with
 * loading and expected service/wait times").
 *
 * @param cluster        the cluster
 * @param distanceMeters straight-line distance from where the user will be (0 if unknown)
 * @param travelSeconds  time to walk (or ride) there
 * @param waitSeconds    expected wait on arrival
 */
public record RankedCluster(Cluster cluster, double distanceMeters, double travelSeconds, double waitSeconds) {
  /** What the ranking sorts by: travel time plus expected wait. */
  public double costSeconds() {
    return travelSeconds + waitSeconds;
  }
}
