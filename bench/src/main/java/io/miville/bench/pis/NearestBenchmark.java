package io.miville.bench.pis;

import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.ProxyType;
import io.miville.pis.location.Geo;
import io.miville.pis.location.SpatialProxyLocator;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.DemoSite;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.ItemDistance;
import org.locationtech.jts.index.strtree.STRtree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nearest-suitable proxy queries (draft-pis-00 Appendix 1) over 1,000,000 proxies in 100,000
 * clusters ({@link DemoSite#synthetic}, seed 1, south-east Louisiana): the 5 nearest suitable
 * proxies to a random point of the region, Miville's {@link SpatialProxyLocator} (static KD-tree
 * over unit vectors, filter inside the search) beside a JTS {@link STRtree} on the same points
 * (projected to metres around the region's middle; k-nearest with the filter folded into the
 * item distance, +∞ for an unsuitable proxy, so that it also keeps looking until k are found).
 *
 * <p>{@code filter}: {@code any} takes every proxy; {@code pizwah} only Pizwahs, about one proxy
 * in 120, so the search must look through ~600 proxies. Sample time: JMH prints p50, p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC"})
public class NearestBenchmark {
  private static final int PROXIES = 1_000_000;
  private static final int K = 5;
  private static final int QUERIES = 4096;

  @Param({"any", "pizwah"})
  public String filter;

  private Predicate<ProxySpec> suitable;
  private SpatialProxyLocator locator;
  private STRtree strtree;
  private ProxySpec[] proxies;
  private GeoPosition[] queries;
  private Point[] queryPoints;
  private int next;

  /** A proxy (or the query, {@code id < 0}) in projected metres. */
  record Point(int id, double x, double y) {
  }

  private static final double LAT0 = Math.toRadians((DemoSite.SOUTH + DemoSite.NORTH) / 2);

  private static double px(double lonDegrees) {
    return Geo.EARTH_RADIUS * Math.toRadians(lonDegrees) * Math.cos(LAT0);
  }

  private static double py(double latDegrees) {
    return Geo.EARTH_RADIUS * Math.toRadians(latDegrees);
  }

  @Setup(Level.Trial)
  public void setUp() {
    suitable = switch (filter) {
      case "any" -> p -> true;
      case "pizwah" -> p -> p.type().equals(ProxyType.PIZWAH);
      default -> throw new IllegalArgumentException(filter);
    };
    Site site = DemoSite.synthetic(PROXIES, 1);
    locator = SpatialProxyLocator.create(site);
    List<ProxySpec> ps = new ArrayList<>(PROXIES);
    strtree = new STRtree();
    for (Cluster c : site.clusters()) {
      GeoPosition g = c.position().geo().orElseThrow();
      double x = px(g.longitude());
      double y = py(g.latitude());
      for (ProxySpec p : c.proxies()) {
        Point pt = new Point(ps.size(), x, y);
        ps.add(p);
        strtree.insert(new Envelope(x, x, y, y), pt);
      }
    }
    strtree.build();
    proxies = ps.toArray(ProxySpec[]::new);
    SplittableRandom r = new SplittableRandom(2);
    queries = new GeoPosition[QUERIES];
    queryPoints = new Point[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = GeoPosition.of(DemoSite.SOUTH + r.nextDouble() * (DemoSite.NORTH - DemoSite.SOUTH),
          DemoSite.WEST + r.nextDouble() * (DemoSite.EAST - DemoSite.WEST));
      queryPoints[i] = new Point(-1, px(queries[i].longitude()), py(queries[i].latitude()));
    }
    sanity();
  }

  /** Both find k suitable proxies, and the nearest ones are as far (the projection differs by centimetres here). */
  private void sanity() {
    for (int i = 0; i < 50; i++) {
      List<SpatialProxyLocator.Hit> ours = locator.nearestHits(queries[i], suitable, K);
      Object[] theirs = jts(i);
      if (ours.size() != K || theirs.length != K) {
        throw new IllegalStateException("expected " + K + " results, got " + ours.size() + " and " + theirs.length);
      }
      Point p = (Point) theirs[0];
      if (!suitable.test(proxies[p.id()])) {
        throw new IllegalStateException("JTS returned an unsuitable proxy");
      }
      double dx = p.x() - queryPoints[i].x();
      double dy = p.y() - queryPoints[i].y();
      double jtsMeters = Math.hypot(dx, dy);
      double ourMeters = ours.get(0).distanceMeters();
      if (Math.abs(jtsMeters - ourMeters) > 0.01 * ourMeters + 5) {
        throw new IllegalStateException("nearest differs: " + ourMeters + " m vs " + jtsMeters + " m");
      }
    }
  }

  private final ItemDistance distance = new ItemDistance() {
    @Override
    public double distance(ItemBoundable a, ItemBoundable b) {
      Point p = (Point) a.getItem();
      Point q = (Point) b.getItem();
      Point proxy = p.id() >= 0 ? p : q;
      if (proxy.id() >= 0 && !suitable.test(proxies[proxy.id()])) {
        return Double.POSITIVE_INFINITY;
      }
      return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }
  };

  private Object[] jts(int i) {
    Point q = queryPoints[i];
    return strtree.nearestNeighbour(new Envelope(q.x(), q.x(), q.y(), q.y()), q, distance, K);
  }

  private int nextQuery() {
    int i = next;
    next = (i + 1) & (QUERIES - 1);
    return i;
  }

  @Benchmark
  public List<ProxySpec> kdTree() {
    return locator.nearest(queries[nextQuery()], suitable, K);
  }

  @Benchmark
  public Object[] jtsStrtree() {
    return jts(nextQuery());
  }
}
