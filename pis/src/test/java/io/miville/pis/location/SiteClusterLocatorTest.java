package io.miville.pis.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.Preference;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.SpeedUnit;
import io.miville.codec.pis.Velocity;
import io.miville.pis.site.Access;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.DemoSite;
import io.miville.pis.site.FlushKind;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.pis.site.WashFacility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SiteClusterLocatorTest {
  private static final Site DEMO = DemoSite.create();
  private static final SiteClusterLocator DEMO_LOCATOR = SiteClusterLocator.create(DEMO);
  private static final Predicate<Cluster> ANY = c -> true;
  private static final ToDoubleFunction<Cluster> NO_WAIT = c -> 0;

  private static LocationQuery at(GeoPosition geo) {
    return new LocationQuery(Planet.EARTH, Optional.of(geo), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  private static LocationQuery nearTo(String text) {
    return new LocationQuery(Planet.EARTH, Optional.empty(), Optional.empty(), Optional.of(text), Optional.empty(), List.of());
  }

  private static Cluster cluster(String id, Position position, ProxySpec... proxies) {
    return new Cluster(id, "rc@" + id + ".test", id, List.of(), position, List.of(proxies), WashFacility.none());
  }

  private static ProxySpec stall(String id) {
    return ProxySpec.of("s@" + id + ".test", ProxyType.STALL, Set.of(ProxyAttribute.MALE));
  }

  private static Cluster at(String id, double lat, double lon) {
    return cluster(id, Position.of(GeoPosition.of(lat, lon)), stall(id));
  }

  private static Site site(Cluster... cs) {
    return new Site("t", List.of(cs), Set.of(), Map.of());
  }

  private static List<String> ids(List<RankedCluster> r) {
    return r.stream().map(rc -> rc.cluster().id()).toList();
  }

  @Test
  void agreesWithABruteForceRankingByTravelPlusWait() {
    SplittableRandom r = new SplittableRandom(11);
    Site site = SpatialProxyLocatorTest.randomSite(r, 3000, false);
    SiteClusterLocator locator = SiteClusterLocator.create(site);
    Map<Cluster, Double> waits = new java.util.HashMap<>();
    site.clusters().forEach(c -> waits.put(c, r.nextInt(5) == 0 ? 0.0 : r.nextDouble() * 900));
    double speed = TravelModel.defaults().walkingMetersPerSecond();
    for (int i = 0; i < 40; i++) {
      GeoPosition q = GeoPosition.of(29.85 + r.nextDouble() * 0.3, -90.35 + r.nextDouble() * 0.4);
      Predicate<Cluster> suitable = i % 2 == 0 ? ANY : c -> c.proxies().size() == 5;
      List<RankedCluster> got = locator.rank(at(q), suitable, waits::get, 10);
      List<Double> expected = new ArrayList<>();
      for (Cluster c : site.clusters()) {
        if (suitable.test(c)) {
          expected.add(Geo.meters(q, c.position().geo().orElseThrow(), Geo.EARTH_RADIUS) / speed + waits.get(c));
        }
      }
      expected.sort(Comparator.naturalOrder());
      assertThat(got).hasSize(10);
      for (int k = 0; k < got.size(); k++) {
        RankedCluster rc = got.get(k);
        assertThat(suitable.test(rc.cluster())).isTrue();
        assertThat(rc.costSeconds()).isCloseTo(expected.get(k), within(1e-6));
        assertThat(rc.waitSeconds()).isEqualTo(waits.get(rc.cluster()));
        assertThat(rc.travelSeconds()).isCloseTo(rc.distanceMeters() / speed, within(1e-9));
      }
    }
  }

  @Test
  void theDraftsAppendixQueryFindsLatrine1First() {
    // appendix1-seek-location.sip: Planet Earth, the Jax Brewery floor 2, walking east, Requires
    // Male, Female, Bano-Familiar + Handicapable
    LocationQuery q = new LocationQuery(Planet.EARTH, Optional.of(GeoPosition.parse("29.9574, -90.0629, 3")),
        Optional.of(BuildingPosition.parse("Jax Brewery, 2, C-12, 214")),
        Optional.of("Jackson Square, French Quarter, New Orleans"), Optional.of(Velocity.parse("1.4 m/s;heading=90")),
        List.of(Preference.PUBLIC_TYPE, Preference.PRIVATE_TYPE, Preference.CLEAN));
    List<ProxyAttribute> requires = List.of(ProxyAttribute.MALE, ProxyAttribute.FEMALE, ProxyAttribute.BANO_FAMILIAR,
        ProxyAttribute.HANDICAPABLE);
    Predicate<Cluster> suitable = c -> c.proxies().stream().anyMatch(p -> ProxyAttribute.allSatisfied(requires, p.attributes()));
    List<RankedCluster> r = DEMO_LOCATOR.rank(q, suitable, NO_WAIT, 5);
    assertThat(r).isNotEmpty();
    assertThat(r.get(0).cluster().host()).isEqualTo("latrine1.loo.com");
    assertThat(r.get(0).distanceMeters()).isLessThan(100);
    assertThat(r).extracting(rc -> rc.cluster().position().planet()).containsOnly(Planet.EARTH);
    // the next ones are at the airport, 20 km away: far but suitable
    assertThat(r.get(1).distanceMeters()).isGreaterThan(10_000);
  }

  @Test
  void currentlyNearToFindsTheUserWithoutAPosition() {
    assertThat(ids(DEMO_LOCATOR.rank(nearTo("Jakson Sqare, French Quater"), ANY, NO_WAIT, 1))).containsExactly("latrine1-loo");
    assertThat(ids(DEMO_LOCATOR.rank(nearTo("near gate B7"), ANY, NO_WAIT, 1))).containsExactly("msy-b7");
    assertThat(ids(DEMO_LOCATOR.rank(nearTo("Flugsteig C11"), ANY, NO_WAIT, 1))).containsExactly("msy-c11");
    assertThat(ids(DEMO_LOCATOR.rank(nearTo("PUERTA a15"), ANY, NO_WAIT, 1))).containsExactly("msy-a15");
    assertThat(ids(DEMO_LOCATOR.rank(nearTo("premiers secours"), ANY, NO_WAIT, 1))).containsExactly("msy-medical");
    assertThat(ids(DEMO_LOCATOR.rank(nearTo("Steamboat on the Missisippi"), ANY, NO_WAIT, 1))).containsExactly("ships-a-hoy");
    // the nearest after the matched one are its neighbours, not the airport
    List<RankedCluster> r = DEMO_LOCATOR.rank(nearTo("Jackson Square, French Quarter, New Orleans"), ANY, NO_WAIT, 4);
    assertThat(r).allSatisfy(rc -> assertThat(rc.distanceMeters()).isLessThan(2_000));
    // "baños" is an alias nearly everywhere: it places the user nowhere, so the wait decides
    assertThat(DEMO_LOCATOR.origin(nearTo("baños"))).isEmpty();
    List<RankedCluster> byWait = DEMO_LOCATOR.rank(nearTo("baños"), ANY, c -> c.id().equals("banos") ? 0 : 60, 1);
    assertThat(ids(byWait)).containsExactly("banos");
    assertThat(DEMO_LOCATOR.origin(nearTo("xylophone quartz"))).isEmpty();
  }

  @Test
  void nearToScoresAreFuzzyButNotLoose() {
    NearToMatcher m = NearToMatcher.of(DEMO.clusters());
    assertThat(NearToMatcher.tokens("Près de la Gate B7, Baños!")).containsExactly("gate", "b7", "banos");
    assertThat(NearToMatcher.similarity("jackson", "jakson")).isGreaterThan(0.8);
    assertThat(NearToMatcher.similarity("b7", "b5")).isZero();
    assertThat(NearToMatcher.similarity("toilettes", "toilette")).isEqualTo(0.9);
    assertThat(NearToMatcher.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(m.matches("Concourse B", 0.99)).extracting(x -> x.cluster().id())
        .contains("msy-b1", "msy-b15").doesNotContain("msy-a1");
  }

  @Test
  void aBuildingAloneIsEnoughAndFloorsCost() {
    LocationQuery inB = new LocationQuery(Planet.EARTH, Optional.empty(), Optional.of(BuildingPosition.parse("concourse b, 2")),
        Optional.empty(), Optional.empty(), List.of());
    List<RankedCluster> r = DEMO_LOCATOR.rank(inB, ANY, NO_WAIT, 3);
    assertThat(r).allSatisfy(rc -> assertThat(rc.cluster().position().building().orElseThrow().building())
        .isEqualTo("Concourse B"));

    GeoPosition here = GeoPosition.of(30, -90);
    Site tower = site(
        cluster("same-floor", new Position(Planet.EARTH, Optional.of(GeoPosition.of(30, -90.0005)),
            Optional.of(BuildingPosition.of("Tower", "3", "A", "1"))), stall("same-floor")),
        cluster("two-up", new Position(Planet.EARTH, Optional.of(here),
            Optional.of(BuildingPosition.of("Tower", "5", "A", "2"))), stall("two-up")),
        cluster("basement", new Position(Planet.EARTH, Optional.of(here),
            Optional.of(new BuildingPosition("Tower", Optional.of("B1"), Optional.empty(), Optional.empty()))),
            stall("basement")),
        cluster("next-door", new Position(Planet.EARTH, Optional.of(here),
            Optional.of(BuildingPosition.of("Annex", "G", "A", "1"))), stall("next-door")));
    LocationQuery onThird = new LocationQuery(Planet.EARTH, Optional.of(here),
        Optional.of(BuildingPosition.of("TOWER", "3", "C", "300")), Optional.empty(), Optional.empty(), List.of());
    List<RankedCluster> t = SiteClusterLocator.create(tower).rank(onThird, ANY, NO_WAIT, 4);
    // same floor 48 m away (37 s) beats two floors up right here (50 s); the annex is 3 floors down (75 s); B1 is 4 (100 s)
    assertThat(ids(t)).containsExactly("same-floor", "two-up", "next-door", "basement");
    assertThat(t.get(1).travelSeconds()).isCloseTo(50, within(1e-9));
    assertThat(t.get(2).travelSeconds()).isCloseTo(75, within(1e-9));
    assertThat(t.get(3).travelSeconds()).isCloseTo(100, within(1e-9));
    assertThat(SiteClusterLocator.floorNumber("Mezzanine")).hasValue(0.5);
    assertThat(SiteClusterLocator.floorNumber("Level 4")).hasValue(4);
    assertThat(SiteClusterLocator.floorNumber("RDC")).hasValue(0);
    assertThat(SiteClusterLocator.floorNumber("roof garden")).isEmpty();
  }

  @Test
  void velocityRanksFromWhereTheUserWillBe() {
    // two clusters 100 m west and 100 m east
    Site s = site(at("west", 30, -90.00104), at("east", 30, -89.99896));
    SiteClusterLocator l = SiteClusterLocator.create(s);
    GeoPosition here = GeoPosition.of(30, -90);
    for (double heading : new double[] {90, 270}) {
      LocationQuery q = new LocationQuery(Planet.EARTH, Optional.of(here), Optional.empty(), Optional.empty(),
          Optional.of(Velocity.of(1.4, SpeedUnit.METERS_PER_SECOND, heading)), List.of());
      List<RankedCluster> r = l.rank(q, ANY, NO_WAIT, 2);
      assertThat(r.get(0).cluster().id()).isEqualTo(heading == 90 ? "east" : "west");
      // 30 s at 1.4 m/s: 42 m ahead, so 58 m to go and 142 m back
      assertThat(r.get(0).distanceMeters()).isCloseTo(58, within(1.0));
      assertThat(r.get(1).distanceMeters()).isCloseTo(142, within(1.0));
    }
    // a user in a car rides at its own speed (capped), which shortens the trip
    LocationQuery driving = new LocationQuery(Planet.EARTH, Optional.of(here), Optional.empty(), Optional.empty(),
        Optional.of(Velocity.of(20, SpeedUnit.METERS_PER_SECOND)), List.of());
    assertThat(l.rank(driving, ANY, NO_WAIT, 1).get(0).travelSeconds()).isCloseTo(100.0 / 20, within(0.1));
  }

  @Test
  void proxiesInMotionAreRankedWhereTheyWillBe() {
    GeoPosition here = GeoPosition.of(30, -90);
    // a fixed cluster 400 m west; a bus 500 m east coming west at 1 m/s
    ProxySpec onboard = new ProxySpec("wc@bus.test", ProxyType.CHEMICAL_TOILET, 1, Set.of(), List.of(), List.of(),
        Access.PUBLIC, FlushKind.MANUAL, List.of(), Optional.of(Velocity.of(1, SpeedUnit.METERS_PER_SECOND, 270)));
    Cluster bus = new Cluster("bus", "rc@bus.test", "bus", List.of(), Position.of(GeoPosition.of(30, -89.9948)),
        List.of(onboard), WashFacility.none());
    Site s = site(at("fixed", 30, -90.00416), bus);
    List<RankedCluster> r = SiteClusterLocator.create(s).rank(at(here), ANY, NO_WAIT, 2);
    assertThat(ids(r)).containsExactly("bus", "fixed");
    // closing at 2.3 m/s: they meet after about 217 s, 283 m east
    assertThat(r.get(0).distanceMeters()).isCloseTo(283, within(3.0));
    // the same bus going away (east) is the farther one
    ProxySpec away = new ProxySpec("wc@bus.test", ProxyType.CHEMICAL_TOILET, 1, Set.of(), List.of(), List.of(),
        Access.PUBLIC, FlushKind.MANUAL, List.of(), Optional.of(Velocity.of(1, SpeedUnit.METERS_PER_SECOND, 90)));
    Site s2 = site(at("fixed", 30, -90.00416), new Cluster("bus", "rc@bus.test", "bus", List.of(),
        Position.of(GeoPosition.of(30, -89.9948)), List.of(away), WashFacility.none()));
    assertThat(ids(SiteClusterLocator.create(s2).rank(at(here), ANY, NO_WAIT, 2))).containsExactly("fixed", "bus");
  }

  @Test
  void aVehicleIsMetOnItsWayOrTakenWhereItIsIfItCannotBeCaught() {
    GeoPosition here = GeoPosition.of(30, -90);
    GeoPosition start = GeoPosition.of(30, -89.99); // about 964 m east
    double now = Geo.meters(here, start, Geo.EARTH_RADIUS);
    double r = Geo.EARTH_RADIUS;
    // a train going away east at 20 m/s cannot be caught on foot
    assertThat(SiteClusterLocator.intercept(here, start, new double[] {0, 20}, 1.3, r)).isCloseTo(now, within(1e-6));
    // coming west at 20 m/s it is met after now / 21.3 seconds
    assertThat(SiteClusterLocator.intercept(here, start, new double[] {0, -20}, 1.3, r))
        .isCloseTo(1.3 * now / 21.3, within(0.5));
    // going north, slower than the user: met north-east, farther than now
    double d = SiteClusterLocator.intercept(here, start, new double[] {1, 0}, 1.3, r);
    assertThat(d).isGreaterThan(now);
    double t = d / 1.3;
    assertThat(Math.hypot(now, t * 1.0)).isCloseTo(d, within(1.0));
  }

  @Test
  void onlyClustersOnTheQueryPlanet() {
    LocationQuery moon = new LocationQuery(Planet.MOON, Optional.of(GeoPosition.of(0.5, 23.4)), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
    assertThat(ids(DEMO_LOCATOR.rank(moon, ANY, NO_WAIT, 10))).containsExactly("tranquility-base");
    LocationQuery moonNoPosition = new LocationQuery(Planet.of("moon"), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
    assertThat(ids(DEMO_LOCATOR.rank(moonNoPosition, ANY, NO_WAIT, 10))).containsExactly("tranquility-base");
    LocationQuery mars = new LocationQuery(Planet.MARS, Optional.of(GeoPosition.of(0, 0)), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of());
    assertThat(DEMO_LOCATOR.rank(mars, ANY, NO_WAIT, 10)).isEmpty();
    assertThat(ids(DEMO_LOCATOR.rank(LocationQuery.none(), ANY, NO_WAIT, 100))).doesNotContain("tranquility-base")
        .hasSize(DEMO.clusters().size() - 1);
  }

  @Test
  void preferencesFilterWhenTheyCanAndGiveWayWhenTheyCannot() {
    GeoPosition gateB5 = GeoPosition.of(29.9957, -90.2585);
    LocationQuery privateOnly = new LocationQuery(Planet.EARTH, Optional.of(gateB5), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(Preference.PRIVATE_TYPE));
    assertThat(DEMO_LOCATOR.rank(privateOnly, ANY, NO_WAIT, 5))
        .allSatisfy(rc -> assertThat(rc.cluster().proxies()).anyMatch(p -> p.access() == Access.PRIVATE));
    LocationQuery publicOnly = new LocationQuery(Planet.EARTH, Optional.of(gateB5), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(Preference.PUBLIC_TYPE));
    assertThat(ids(DEMO_LOCATOR.rank(publicOnly, ANY, NO_WAIT, 10))).doesNotContain("flight-dl1492");
    // only the airplane is suitable: the preference gives way
    assertThat(ids(DEMO_LOCATOR.rank(publicOnly, c -> c.id().equals("flight-dl1492"), NO_WAIT, 10)))
        .containsExactly("flight-dl1492");
    LocationQuery clean = new LocationQuery(Planet.EARTH, Optional.of(GeoPosition.of(29.9838, -90.2655)), Optional.empty(),
        Optional.empty(), Optional.empty(), List.of(Preference.CLEAN));
    assertThat(ids(DEMO_LOCATOR.rank(clean, ANY, NO_WAIT, 3))).doesNotContain("msy-cellphone-lot");
    assertThat(ids(DEMO_LOCATOR.rank(at(GeoPosition.of(29.9838, -90.2655)), ANY, NO_WAIT, 1)))
        .containsExactly("msy-cellphone-lot");
  }

  @Test
  void theWaitCountsAndAnUnknownWaitDropsTheCluster() {
    Site s = site(at("near", 30, -90.0001), at("far", 30, -90.01));
    SiteClusterLocator l = SiteClusterLocator.create(s);
    GeoPosition here = GeoPosition.of(30, -90);
    assertThat(ids(l.rank(at(here), ANY, NO_WAIT, 2))).containsExactly("near", "far");
    assertThat(ids(l.rank(at(here), ANY, c -> c.id().equals("near") ? 3600 : 0, 2))).containsExactly("far", "near");
    assertThat(ids(l.rank(at(here), ANY, c -> c.id().equals("near") ? Double.NaN : 0, 2))).containsExactly("far");
    assertThat(l.rank(at(here), ANY, NO_WAIT, 0)).isEmpty();
    assertThat(ids(l.rank(at(here), c -> false, NO_WAIT, 2))).isEmpty();
    // walking speed is configurable
    SiteClusterLocator slow = SiteClusterLocator.create(s, TravelModel.defaults().withWalkingSpeed(0.5));
    RankedCluster far = slow.rank(at(here), c -> c.id().equals("far"), NO_WAIT, 1).get(0);
    assertThat(far.travelSeconds()).isCloseTo(far.distanceMeters() / 0.5, within(1e-9));
  }

  @Test
  void aLargeSyntheticSiteRanksQuickly() {
    Site big = DemoSite.synthetic(200_000, 9);
    SiteClusterLocator l = SiteClusterLocator.create(big);
    List<RankedCluster> r = l.rank(at(GeoPosition.of(30, -90.2)), c -> c.proxies().size() > 15, c -> c.proxies().size(), 5);
    assertThat(r).hasSize(5);
    assertThat(r).isSortedAccordingTo(Comparator.comparingDouble(RankedCluster::costSeconds));
  }
}
