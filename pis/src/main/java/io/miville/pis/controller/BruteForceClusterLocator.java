package io.miville.pis.controller;

import io.miville.codec.pis.GeoPosition;
import io.miville.pis.location.ClusterLocator;
import io.miville.pis.location.LocationQuery;
import io.miville.pis.location.RankedCluster;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A {@link ClusterLocator} that looks at every cluster of the site: fine for sites of a few
 * thousand clusters, and the fallback while no indexed locator is wired in. Distance is the
 * great-circle distance from the query's Geo-spatial-position (moved along its Velocity for the
 * time the walk takes, first order); without one, a cluster whose name or an alias shares a word
 * of Currently-Near-to counts as here (0 m), any other as {@link #UNKNOWN_DISTANCE_METERS} away.
 * Travel time is distance over {@link #WALKING_SPEED}.
 */
public final class BruteForceClusterLocator implements ClusterLocator {
  /** Walking speed, m/s. */
  public static final double WALKING_SPEED = 1.4;
  /** The distance assumed when neither position nor landmark says anything, m. */
  public static final double UNKNOWN_DISTANCE_METERS = 500;
  private static final double EARTH_RADIUS = 6_371_000;

  private final List<Cluster> clusters;

  /** Ranks the clusters of {@code site}. */
  public BruteForceClusterLocator(Site site) {
    this.clusters = site.clusters();
  }

  @Override
  public List<RankedCluster> rank(LocationQuery query, Predicate<Cluster> suitable, ToDoubleFunction<Cluster> waitSeconds,
      int limit) {
    return rank(clusters, query, suitable, waitSeconds, limit);
  }

  /** Ranks {@code candidates}. */
  public static List<RankedCluster> rank(List<Cluster> candidates, LocationQuery query, Predicate<Cluster> suitable,
      ToDoubleFunction<Cluster> waitSeconds, int limit) {
    List<RankedCluster> out = new ArrayList<>();
    List<String> words = query.nearTo().map(BruteForceClusterLocator::words).orElse(List.of());
    for (Cluster c : candidates) {
      if (!c.position().planet().means(query.planet()) || !suitable.test(c)) {
        continue;
      }
      double d = distance(query, c, words);
      out.add(new RankedCluster(c, d, d / WALKING_SPEED, waitSeconds.applyAsDouble(c)));
    }
    out.sort(Comparator.comparingDouble(RankedCluster::costSeconds));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private static double distance(LocationQuery q, Cluster c, List<String> nearWords) {
    if (q.geo().isPresent() && c.position().geo().isPresent()) {
      GeoPosition from = q.geo().get();
      double d = meters(from, c.position().geo().get());
      if (q.velocity().isPresent()) {
        // where the user will be once it walked there: moved for d / speed seconds
        double t = d / WALKING_SPEED;
        double north = q.velocity().get().northMetersPerSecond().orElse(0) * t;
        double east = q.velocity().get().eastMetersPerSecond().orElse(0) * t;
        double lat = from.latitude() + Math.toDegrees(north / EARTH_RADIUS);
        double lon = from.longitude()
            + Math.toDegrees(east / (EARTH_RADIUS * Math.max(1e-6, Math.cos(Math.toRadians(from.latitude())))));
        lat = Math.max(-90, Math.min(90, lat));
        lon = ((lon + 540) % 360) - 180;
        d = meters(GeoPosition.of(lat, lon), c.position().geo().get());
      }
      return d;
    }
    if (!nearWords.isEmpty()) {
      for (String w : words(c.name())) {
        if (nearWords.contains(w)) {
          return 0;
        }
      }
      for (String alias : c.aliases()) {
        for (String w : words(alias)) {
          if (nearWords.contains(w)) {
            return 0;
          }
        }
      }
    }
    return q.hasLocation() ? UNKNOWN_DISTANCE_METERS : 0;
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 3) {
        out.add(w);
      }
    }
    return out;
  }

  /** Great-circle distance (haversine), m. */
  static double meters(GeoPosition a, GeoPosition b) {
    double p1 = Math.toRadians(a.latitude());
    double p2 = Math.toRadians(b.latitude());
    double dp = p2 - p1;
    double dl = Math.toRadians(b.longitude() - a.longitude());
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
