package io.miville.pis.location;

import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@link ProxyLocator} over a static {@link KdTree} of every proxy of one planet of a site, each
 * at its cluster's Geo-spatial-position (draft-pis-00 Appendix 1). Proxies of clusters without a
 * geo position, or on another planet, are not indexed. Proxies in motion are indexed where the
 * site puts them: {@link SiteClusterLocator} is the one that follows them.
 *
 * <p>Built once in O(n log n) (about a second for 1,000,000 proxies); immutable afterwards, so
 * any thread may query. A query visits the tree nearest side first and stops when no unvisited
 * region can beat the k-th suitable proxy found, so a selective predicate makes it look further
 * but it always finishes.
 */
public final class SpatialProxyLocator implements ProxyLocator {
  private final Planet planet;
  private final double radius;
  private final ProxySpec[] proxies;
  private final Cluster[] clusterOf;
  private final KdTree tree;

  private SpatialProxyLocator(Planet planet, ProxySpec[] proxies, Cluster[] clusterOf, KdTree tree) {
    this.planet = planet;
    this.radius = Geo.radius(planet);
    this.proxies = proxies;
    this.clusterOf = clusterOf;
    this.tree = tree;
  }

  /** The proxies of {@code site} on Earth. */
  public static SpatialProxyLocator create(Site site) {
    return create(site, Planet.EARTH);
  }

  /** The proxies of {@code site} on {@code planet}. */
  public static SpatialProxyLocator create(Site site, Planet planet) {
    Objects.requireNonNull(planet, "planet");
    List<ProxySpec> ps = new ArrayList<>();
    List<Cluster> cs = new ArrayList<>();
    for (Cluster c : site.clusters()) {
      if (c.position().planet().means(planet) && c.position().geo().isPresent()) {
        for (ProxySpec p : c.proxies()) {
          ps.add(p);
          cs.add(c);
        }
      }
    }
    int n = ps.size();
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      GeoPosition g = cs.get(i).position().geo().orElseThrow();
      lat[i] = g.latitude();
      lon[i] = g.longitude();
    }
    return new SpatialProxyLocator(planet, ps.toArray(ProxySpec[]::new), cs.toArray(Cluster[]::new),
        KdTree.build(lat, lon));
  }

  /** A proxy found, with its cluster and its great-circle distance from the query. */
  public record Hit(ProxySpec proxy, Cluster cluster, double distanceMeters) {
  }

  @Override
  public List<ProxySpec> nearest(GeoPosition from, Predicate<ProxySpec> suitable, int k) {
    List<Hit> hits = nearestHits(from, suitable, k);
    List<ProxySpec> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      out.add(h.proxy());
    }
    return out;
  }

  /** The {@code k} nearest suitable proxies to {@code from} with their clusters and distances, nearest first. */
  public List<Hit> nearestHits(GeoPosition from, Predicate<ProxySpec> suitable, int k) {
    Objects.requireNonNull(suitable, "suitable");
    KdTree.Hits hits = tree.search(KdTree.unit(from.latitude(), from.longitude()), k,
        (id, d2) -> suitable.test(proxies[id]) ? d2 : Double.POSITIVE_INFINITY, d2 -> d2);
    List<Hit> out = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      int id = hits.ids()[i];
      out.add(new Hit(proxies[id], clusterOf[id], Geo.chord2ToMeters(hits.chord2()[i], radius)));
    }
    return out;
  }

  /** How many proxies are indexed. */
  public int size() {
    return tree.size();
  }

  /** The planet indexed. */
  public Planet planet() {
    return planet;
  }
}
