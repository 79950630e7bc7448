package io.miville.pis.controller;

import io.miville.codec.pis.ProxyType;

/**
 * Load of one proxy type in one cluster (draft-pis-00 Appendix 1: "loading and typical servicing
 * times"), smoothed by exponentially weighted moving averages with weight {@code w}:
 * {@code mean = (1 - w) * mean + w * sample}.
 *
 * <ul>
 *   <li>occupancy: one sample per ended session (INVITE to BYE), seconds; starts at the
 *       configured default;</li>
 *   <li>arrivals: one sample per SEEK, the time since the previous SEEK of this type; the rate is
 *       60 / mean gap, per minute;</li>
 *   <li>utilisation: one sample per change of occupancy, places in use / capacity.</li>
 * </ul>
 *
 * <p>Expected wait at queue position {@code k} (1 = next) with {@code f} places free and
 * {@code c} places in all, {@code S} the mean occupancy: {@code 0} if {@code k <= f}, else
 * {@code S / 2 + floor((k - f - 1) / c) * S}: half a session for the first round (a session in
 * progress is on average half done) and a whole one per further round of {@code c} places.
 * Not owned by any thread; the controller's lane uses it.
 */
final class LoadTracker {
  private final ProxyType type;
  private final double weight;
  private double meanOccupancy;
  private double meanGap = Double.NaN;
  private long lastArrival = Long.MIN_VALUE;
  private double utilisation;
  int capacity;
  int inUse;

  LoadTracker(ProxyType type, double weight, double defaultOccupancySeconds) {
    this.type = type;
    this.weight = weight;
    this.meanOccupancy = defaultOccupancySeconds;
  }

  ProxyType type() {
    return type;
  }

  void onSession(double seconds) {
    meanOccupancy = (1 - weight) * meanOccupancy + weight * seconds;
  }

  void onArrival(long nanos) {
    if (lastArrival != Long.MIN_VALUE) {
      double gap = (nanos - lastArrival) / 1e9;
      meanGap = Double.isNaN(meanGap) ? gap : (1 - weight) * meanGap + weight * gap;
    }
    lastArrival = nanos;
  }

  void onOccupancy(int inUse) {
    this.inUse = inUse;
    double sample = capacity == 0 ? 0 : (double) inUse / capacity;
    utilisation = (1 - weight) * utilisation + weight * sample;
  }

  double meanOccupancySeconds() {
    return meanOccupancy;
  }

  double arrivalsPerMinute() {
    return Double.isNaN(meanGap) ? 0 : meanGap <= 0 ? 60_000 : 60 / meanGap;
  }

  double utilisation() {
    return utilisation;
  }

  /** Expected wait at queue position {@code k} (1-based) with {@code free} places free now. */
  double waitAt(int k, int free) {
    if (k <= free || capacity == 0) {
      return 0;
    }
    int ahead = k - free - 1; // user agents that get a place before this one, once places free
    int rounds = ahead / capacity;
    return meanOccupancy / 2 + rounds * meanOccupancy;
  }

  LoadFigures figures(int queueLength, int free) {
    return new LoadFigures(type, meanOccupancy, arrivalsPerMinute(), utilisation, queueLength,
        waitAt(queueLength + 1, free));
  }
}
