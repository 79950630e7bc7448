package io.miville.pis.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.DemoSite;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.pis.site.WashFacility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SpatialProxyLocatorTest {

  /** A site of {@code clusters} clusters of 1..5 proxies at random places in the box, or all over the globe. */
  static Site randomSite(SplittableRandom r, int clusters, boolean global) {
    List<Cluster> cs = new ArrayList<>();
    for (int i = 0; i < clusters; i++) {
      String host = "c" + i + ".test";
      double lat = global ? Math.toDegrees(Math.asin(2 * r.nextDouble() - 1)) : 29.9 + r.nextDouble() * 0.2;
      double lon = global ? -180 + 360 * r.nextDouble() : -90.3 + r.nextDouble() * 0.3;
      List<ProxySpec> ps = new ArrayList<>();
      int n = 1 + r.nextInt(5);
      for (int k = 0; k < n; k++) {
        ps.add(ProxySpec.of("p" + k + "@" + host, r.nextInt(4) == 0 ? ProxyType.URINAL : ProxyType.STALL,
            r.nextBoolean() ? Set.of(ProxyAttribute.MALE) : Set.of(ProxyAttribute.FEMALE)));
      }
      cs.add(new Cluster("c" + i, "rc@" + host, "cluster " + i, List.of(), Position.of(GeoPosition.of(lat, lon)), ps,
          WashFacility.none()));
    }
    return new Site("random", cs, Set.of(), Map.of());
  }

  /** The distances of the k nearest suitable proxies, by looking at every one. */
  static List<Double> bruteForce(Site site, GeoPosition from, Predicate<ProxySpec> suitable, int k) {
    List<Double> d = new ArrayList<>();
    for (Cluster c : site.clusters()) {
      for (ProxySpec p : c.proxies()) {
        if (suitable.test(p)) {
          d.add(Geo.meters(from, c.position().geo().orElseThrow(), Geo.EARTH_RADIUS));
        }
      }
    }
    d.sort(Comparator.naturalOrder());
    return d.subList(0, Math.min(k, d.size()));
  }

  private static void assertSameAsBruteForce(Site site, SpatialProxyLocator locator, GeoPosition q,
      Predicate<ProxySpec> suitable, int k) {
    List<SpatialProxyLocator.Hit> hits = locator.nearestHits(q, suitable, k);
    List<Double> expected = bruteForce(site, q, suitable, k);
    assertThat(hits).hasSize(expected.size());
    for (int i = 0; i < hits.size(); i++) {
      assertThat(suitable.test(hits.get(i).proxy())).isTrue();
      assertThat(hits.get(i).distanceMeters()).isCloseTo(expected.get(i), within(1e-3));
      assertThat(Geo.meters(q, hits.get(i).cluster().position().geo().orElseThrow(), Geo.EARTH_RADIUS))
          .isCloseTo(expected.get(i), within(1e-3));
      assertThat(hits.get(i).cluster().proxies()).contains(hits.get(i).proxy());
    }
  }

  @Test
  void agreesWithABruteForceScanOnRandomDataAndFilters() {
    SplittableRandom r = new SplittableRandom(42);
    Site site = randomSite(r, 4000, false);
    SpatialProxyLocator locator = SpatialProxyLocator.create(site);
    assertThat(locator.size()).isEqualTo(site.proxyCount());
    List<Predicate<ProxySpec>> filters = List.of(p -> true, p -> p.type().equals(ProxyType.URINAL),
        p -> p.attributes().contains(ProxyAttribute.FEMALE),
        p -> p.address().hashCode() % 500 == 0, // about one in 500: the search must look far
        p -> p.address().equals("p0@c3999.test"), // exactly one
        p -> false);
    for (int i = 0; i < 30; i++) {
      GeoPosition q = GeoPosition.of(29.85 + r.nextDouble() * 0.3, -90.35 + r.nextDouble() * 0.4);
      for (Predicate<ProxySpec> f : filters) {
        for (int k : new int[] {1, 7, 40}) {
          assertSameAsBruteForce(site, locator, q, f, k);
        }
      }
    }
  }

  @Test
  void worksAcrossTheAntimeridianAndThePoles() {
    SplittableRandom r = new SplittableRandom(7);
    Site site = randomSite(r, 3000, true);
    SpatialProxyLocator locator = SpatialProxyLocator.create(site);
    List<GeoPosition> qs = List.of(GeoPosition.of(0, 179.999), GeoPosition.of(0, -179.999), GeoPosition.of(89.9, 0),
        GeoPosition.of(-90, 0), GeoPosition.of(45, -180));
    for (GeoPosition q : qs) {
      assertSameAsBruteForce(site, locator, q, p -> true, 25);
      assertSameAsBruteForce(site, locator, q, p -> p.type().equals(ProxyType.URINAL), 10);
    }
  }

  @Property(tries = 60)
  void anyQueryMatchesBruteForce(@ForAll @IntRange(min = 1, max = 400) int clusters, @ForAll long seed,
      @ForAll @DoubleRange(min = -90, max = 90) double lat, @ForAll @DoubleRange(min = -180, max = 180) double lon,
      @ForAll @IntRange(min = 1, max = 30) int k) {
    Site site = randomSite(new SplittableRandom(seed), clusters, true);
    assertSameAsBruteForce(site, SpatialProxyLocator.create(site), GeoPosition.of(lat, lon),
        p -> p.attributes().contains(ProxyAttribute.MALE), k);
  }

  @Test
  void findsTheDemoSitesPizwahsFromJacksonSquare() {
    Site demo = DemoSite.create();
    SpatialProxyLocator locator = SpatialProxyLocator.create(demo);
    GeoPosition jaxBrewery = GeoPosition.of(29.9574, -90.0629, 3);
    List<ProxySpec> pizwahs = locator.nearest(jaxBrewery, p -> p.type().equals(ProxyType.PIZWAH), 5);
    assertThat(pizwahs).extracting(ProxySpec::address)
        .containsExactlyInAnyOrder("pizwah1@lavatory1.pizwah.com", "pizwah2@lavatory1.pizwah.com");
    // the nearest of all is in the Jax Brewery itself
    assertThat(locator.nearest(jaxBrewery, p -> true, 1)).extracting(ProxySpec::host).containsExactly("latrine1.loo.com");
    // the Moon's bucket is not on Earth
    assertThat(locator.nearest(jaxBrewery, p -> p.host().contains("moon"), 3)).isEmpty();
    SpatialProxyLocator moon = SpatialProxyLocator.create(demo, Planet.MOON);
    assertThat(moon.size()).isEqualTo(1);
    assertThat(moon.nearest(GeoPosition.of(0, 23), p -> true, 3)).hasSize(1);
  }

  @Test
  void handlesEmptySitesAndSmallK() {
    Site site = randomSite(new SplittableRandom(1), 3, false);
    SpatialProxyLocator locator = SpatialProxyLocator.create(site);
    assertThat(locator.nearest(GeoPosition.of(30, -90), p -> true, 0)).isEmpty();
    assertThat(locator.nearest(GeoPosition.of(30, -90), p -> true, 1000)).hasSize(site.proxyCount());
    assertThat(SpatialProxyLocator.create(site, Planet.MARS).nearest(GeoPosition.of(0, 0), p -> true, 3)).isEmpty();
  }

  @Test
  void aMillionProxiesAnswerQuickly() {
    Site big = DemoSite.synthetic(1_000_000, 3);
    SpatialProxyLocator locator = SpatialProxyLocator.create(big);
    SplittableRandom r = new SplittableRandom(5);
    long start = System.nanoTime();
    int found = 0;
    for (int i = 0; i < 2000; i++) {
      GeoPosition q = GeoPosition.of(29.2 + r.nextDouble() * 1.6, -91.3 + r.nextDouble() * 2.1);
      found += locator.nearest(q, p -> p.type().equals(ProxyType.PIZWAH), 5).size();
    }
    long perQueryMicros = (System.nanoTime() - start) / 2000 / 1000;
    assertThat(found).isEqualTo(2000 * 5);
    // generous: a selective filter (about 1 in 120 proxies) over 10^6 proxies, on a shared machine
    assertThat(perQueryMicros).isLessThan(5_000);
    // and it is right
    GeoPosition q = GeoPosition.of(30, -90);
    assertSameAsBruteForce(big, locator, q, p -> p.type().equals(ProxyType.PIZWAH), 5);
  }
}
