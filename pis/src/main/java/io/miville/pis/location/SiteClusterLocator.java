package io.miville.pis.location;

import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.Preference;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.Velocity;
import io.miville.pis.site.Access;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Ranks the clusters of a site for a location-enhanced SEEK (draft-pis-00 Appendix 1) by travel
 * time plus expected wait. Built once per site; immutable, so any thread may query.
 *
 * <h2>Where the user is</h2>
 * <ol>
 *   <li>{@code Geo-spatial-position} when given;</li>
 *   <li>else {@code Implementation-Specific-Position}: the middle of the site's clusters in that
 *       building (names compared without case, accents or punctuation);</li>
 *   <li>else {@code Currently-Near-to}: the cluster whose name and aliases match it best
 *       ({@link NearToMatcher}, at least {@link TravelModel#nearToThreshold()}); if several tie,
 *       the middle of them when they are within a kilometre of each other, else nowhere;</li>
 *   <li>else nowhere: clusters are ranked by expected wait alone.</li>
 * </ol>
 *
 * <h2>Velocity</h2>
 * A {@code Velocity} with a heading moves that position {@link TravelModel#velocityHorizonSeconds()}
 * ahead (30 s by default): the user keeps going while deciding, so a cluster just behind costs
 * more than one just ahead. A Velocity faster than walking means the user rides, and its speed
 * (up to {@link TravelModel#maxRideMetersPerSecond()}) replaces the walking speed. A cluster whose
 * proxies are in motion (bus, train, RV, airplane, boat: {@link ProxySpec#motion()} with a
 * heading and a speed) is ranked where the user would meet it, going straight for it (solved in
 * a local flat frame); one the user cannot catch is ranked where it is now.
 *
 * <h2>Cost</h2>
 * {@code travel = distance / speed + floors}, where floors cost
 * {@link TravelModel#secondsPerFloor()} each: between the two floors in one building, or down to
 * the street and up again between buildings (floors named {@code 2}, {@code B1}, {@code G},
 * {@code Mezzanine}, {@code Level 3}, ...). A cluster with no geo position while the user has one
 * costs {@link TravelModel#unknownDistanceSeconds()} unless it is in the user's building. The
 * expected wait comes from the caller; a wait that is NaN or infinite drops the cluster.
 *
 * <h2>Planet and Preferences</h2>
 * Only clusters on the query's Planet are ranked. {@code Public-type} or {@code private-type}
 * alone keeps clusters with a proxy of that access; {@code clean} keeps clusters with a
 * Clean-proxy; {@code in-restaurant} keeps clusters named or aliased as a restaurant. Preferences
 * are wishes: when none of the suitable clusters meets them, the ranking is made without them.
 * The other criteria (no-graffiti, not-occupied) are live state, for the caller's predicate.
 */
public final class SiteClusterLocator implements ClusterLocator {
  private final TravelModel model;
  private final Map<Planet, PlanetIndex> planets;

  private SiteClusterLocator(TravelModel model, Map<Planet, PlanetIndex> planets) {
    this.model = model;
    this.planets = planets;
  }

  /** The locator of {@code site} with {@link TravelModel#defaults()}. */
  public static SiteClusterLocator create(Site site) {
    return create(site, TravelModel.defaults());
  }

  /** The locator of {@code site} with {@code model}. */
  public static SiteClusterLocator create(Site site, TravelModel model) {
    Objects.requireNonNull(model, "model");
    Map<Planet, List<Cluster>> byPlanet = new HashMap<>();
    for (Cluster c : site.clusters()) {
      byPlanet.computeIfAbsent(c.position().planet().canonical(), p -> new ArrayList<>()).add(c);
    }
    Map<Planet, PlanetIndex> planets = new HashMap<>();
    byPlanet.forEach((p, cs) -> planets.put(p, new PlanetIndex(p, cs)));
    return new SiteClusterLocator(model, Map.copyOf(planets));
  }

  /** The travel model in use. */
  public TravelModel model() {
    return model;
  }

  /** The clusters of one planet, split by how they are found. */
  private static final class PlanetIndex {
    final double radius;
    final List<Cluster> all;
    final Cluster[] fixed;
    final KdTree tree;
    final List<Cluster> moving = new ArrayList<>();
    final List<double[]> movingVelocity = new ArrayList<>(); // north, east m/s
    final List<Cluster> unplaced = new ArrayList<>();
    final NearToMatcher matcher;

    PlanetIndex(Planet planet, List<Cluster> clusters) {
      this.radius = Geo.radius(planet);
      this.all = List.copyOf(clusters);
      List<Cluster> stay = new ArrayList<>();
      for (Cluster c : clusters) {
        if (c.position().geo().isEmpty()) {
          unplaced.add(c);
          continue;
        }
        Optional<double[]> v = velocityOf(c);
        if (v.isPresent()) {
          moving.add(c);
          movingVelocity.add(v.get());
        } else {
          stay.add(c);
        }
      }
      fixed = stay.toArray(Cluster[]::new);
      double[] lat = new double[fixed.length];
      double[] lon = new double[fixed.length];
      for (int i = 0; i < fixed.length; i++) {
        GeoPosition g = fixed[i].position().geo().orElseThrow();
        lat[i] = g.latitude();
        lon[i] = g.longitude();
      }
      tree = KdTree.build(lat, lon);
      matcher = NearToMatcher.of(all);
    }

    /** The horizontal velocity of a cluster in motion: that of its first proxy with a moving Velocity and a heading. */
    private static Optional<double[]> velocityOf(Cluster c) {
      for (ProxySpec p : c.proxies()) {
        if (p.motion().isPresent()) {
          Velocity v = p.motion().get();
          if (v.metersPerSecond() > 0 && v.heading().isPresent()) {
            return Optional.of(new double[] {v.northMetersPerSecond().getAsDouble(), v.eastMetersPerSecond().getAsDouble()});
          }
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public List<RankedCluster> rank(LocationQuery query, Predicate<Cluster> suitable, ToDoubleFunction<Cluster> waitSeconds,
      int limit) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(suitable, "suitable");
    Objects.requireNonNull(waitSeconds, "waitSeconds");
    PlanetIndex pi = planets.get(query.planet().canonical());
    if (limit <= 0 || pi == null) {
      return List.of();
    }
    Optional<Predicate<Cluster>> preferred = preferences(query.preferences());
    if (preferred.isPresent()) {
      List<RankedCluster> r = rank(pi, query, suitable.and(preferred.get()), waitSeconds, limit);
      if (!r.isEmpty()) {
        return r;
      }
    }
    return rank(pi, query, suitable, waitSeconds, limit);
  }

  /** Where the user is taken to be and how fast it goes. */
  private record Origin(Optional<GeoPosition> geo, Optional<BuildingPosition> building, double speed) {
  }

  /**
   * Where the user will be for ranking: the position of the query (or the one found from its
   * building or Currently-Near-to), projected along its Velocity (see the class comment).
   */
  public Optional<GeoPosition> origin(LocationQuery query) {
    PlanetIndex pi = planets.get(query.planet().canonical());
    return pi == null ? Optional.empty() : origin(pi, query).geo();
  }

  private Origin origin(PlanetIndex pi, LocationQuery query) {
    Optional<GeoPosition> geo = query.geo();
    if (geo.isEmpty() && query.building().isPresent()) {
      geo = buildingAnchor(pi, query.building().get().building());
    }
    if (geo.isEmpty() && query.nearTo().isPresent()) {
      geo = nearToAnchor(pi, query.nearTo().get());
    }
    double speed = model.walkingMetersPerSecond();
    if (query.velocity().isPresent()) {
      Velocity v = query.velocity().get();
      if (v.metersPerSecond() > speed) {
        speed = Math.min(v.metersPerSecond(), Math.max(speed, model.maxRideMetersPerSecond()));
      }
      if (geo.isPresent() && v.heading().isPresent()) {
        double h = model.velocityHorizonSeconds();
        geo = Optional.of(Geo.move(geo.get(), v.northMetersPerSecond().getAsDouble() * h,
            v.eastMetersPerSecond().getAsDouble() * h, pi.radius));
      }
    }
    return new Origin(geo, query.building(), speed);
  }

  private Optional<GeoPosition> buildingAnchor(PlanetIndex pi, String building) {
    String key = buildingKey(building);
    List<GeoPosition> in = new ArrayList<>();
    for (Cluster c : pi.all) {
      if (c.position().geo().isPresent() && c.position().building().isPresent()
          && buildingKey(c.position().building().get().building()).equals(key)) {
        in.add(c.position().geo().get());
      }
    }
    return middle(in, Double.POSITIVE_INFINITY, pi.radius);
  }

  private Optional<GeoPosition> nearToAnchor(PlanetIndex pi, String nearTo) {
    List<NearToMatcher.Match> ms = pi.matcher.matches(nearTo, model.nearToThreshold());
    if (ms.isEmpty()) {
      return Optional.empty();
    }
    double best = ms.get(0).score();
    List<GeoPosition> top = new ArrayList<>();
    for (NearToMatcher.Match m : ms) {
      if (m.score() < best - 1e-9) {
        break;
      }
      m.cluster().position().geo().ifPresent(top::add);
    }
    return middle(top, 1000, pi.radius);
  }

  /** The mean of {@code ps}, if they lie within {@code spreadMeters} of it. */
  private static Optional<GeoPosition> middle(List<GeoPosition> ps, double spreadMeters, double radius) {
    if (ps.isEmpty()) {
      return Optional.empty();
    }
    double lat = 0;
    double lon = 0;
    for (GeoPosition p : ps) {
      lat += p.latitude();
      lon += p.longitude();
    }
    GeoPosition m = GeoPosition.of(lat / ps.size(), lon / ps.size());
    for (GeoPosition p : ps) {
      if (Geo.meters(m, p, radius) > spreadMeters) {
        return Optional.empty();
      }
    }
    return Optional.of(m);
  }

  private List<RankedCluster> rank(PlanetIndex pi, LocationQuery query, Predicate<Cluster> suitable,
      ToDoubleFunction<Cluster> waitSeconds, int limit) {
    Origin o = origin(pi, query);
    List<RankedCluster> out = new ArrayList<>();
    if (o.geo().isPresent()) {
      GeoPosition from = o.geo().get();
      double speed = o.speed();
      double radius = pi.radius;
      KdTree.Hits hits = pi.tree.search(KdTree.unit(from.latitude(), from.longitude()), limit, (id, d2) -> {
        Cluster c = pi.fixed[id];
        if (!suitable.test(c)) {
          return Double.POSITIVE_INFINITY;
        }
        double w = wait(waitSeconds, c);
        return Geo.chord2ToMeters(d2, radius) / speed + floorSeconds(o.building(), c) + w;
      }, d2 -> Geo.chord2ToMeters(d2, radius) / speed);
      for (int i = 0; i < hits.size(); i++) {
        Cluster c = pi.fixed[hits.ids()[i]];
        double d = Geo.chord2ToMeters(hits.chord2()[i], radius);
        add(out, c, d, d / speed + floorSeconds(o.building(), c), wait(waitSeconds, c));
      }
      for (int i = 0; i < pi.moving.size(); i++) {
        Cluster c = pi.moving.get(i);
        if (suitable.test(c)) {
          double[] v = pi.movingVelocity.get(i);
          double d = intercept(from, c.position().geo().orElseThrow(), v, speed, radius);
          add(out, c, d, d / speed, wait(waitSeconds, c));
        }
      }
      for (Cluster c : pi.unplaced) {
        if (suitable.test(c)) {
          add(out, c, 0, sameBuilding(o.building(), c) ? floorSeconds(o.building(), c) : model.unknownDistanceSeconds(),
              wait(waitSeconds, c));
        }
      }
    } else {
      for (Cluster c : pi.all) {
        if (suitable.test(c)) {
          double travel = o.building().isEmpty() ? 0
              : sameBuilding(o.building(), c) ? floorSeconds(o.building(), c) : model.unknownDistanceSeconds();
          add(out, c, 0, travel, wait(waitSeconds, c));
        }
      }
    }
    out.sort(Comparator.comparingDouble(RankedCluster::costSeconds).thenComparingDouble(RankedCluster::distanceMeters)
        .thenComparing(r -> r.cluster().id()));
    return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
  }

  private static void add(List<RankedCluster> out, Cluster c, double distance, double travel, double wait) {
    if (Double.isFinite(wait)) {
      out.add(new RankedCluster(c, distance, travel, wait));
    }
  }

  /** The caller's wait, negative read as none; NaN or infinite drops the cluster. */
  private static double wait(ToDoubleFunction<Cluster> waitSeconds, Cluster c) {
    double w = waitSeconds.applyAsDouble(c);
    if (!Double.isFinite(w)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(0, w);
  }

  /**
   * The distance to where a cluster moving at {@code v} (north, east m/s) meets a user going at
   * {@code speed}: the least {@code t > 0} with {@code |r + v t| = speed t} in a local flat frame
   * ({@code r} from the user to the cluster now). A cluster the user cannot catch is taken where
   * it is now.
   */
  static double intercept(GeoPosition from, GeoPosition start, double[] v, double speed, double radius) {
    double now = Geo.meters(from, start, radius);
    double north = Math.toRadians(start.latitude() - from.latitude()) * radius;
    double dLon = start.longitude() - from.longitude();
    dLon = ((dLon + 180) % 360 + 360) % 360 - 180;
    double east = Math.toRadians(dLon) * radius * Math.cos(Math.toRadians(from.latitude()));
    double a = v[0] * v[0] + v[1] * v[1] - speed * speed;
    double b = north * v[0] + east * v[1];
    double c = north * north + east * east;
    double t = Double.NaN;
    if (Math.abs(a) < 1e-12) {
      t = b < 0 ? -c / (2 * b) : Double.NaN;
    } else {
      double disc = b * b - a * c;
      if (disc >= 0) {
        double r1 = (-b - Math.sqrt(disc)) / a;
        double r2 = (-b + Math.sqrt(disc)) / a;
        double lo = Math.min(r1, r2);
        double hi = Math.max(r1, r2);
        t = lo > 0 ? lo : hi > 0 ? hi : Double.NaN;
      }
    }
    return Double.isFinite(t) ? speed * t : now;
  }

  private double floorSeconds(Optional<BuildingPosition> user, Cluster c) {
    if (user.isEmpty() || c.position().building().isEmpty()) {
      return 0;
    }
    BuildingPosition u = user.get();
    BuildingPosition b = c.position().building().get();
    OptionalDouble fu = u.floor().map(SiteClusterLocator::floorNumber).orElse(OptionalDouble.empty());
    OptionalDouble fc = b.floor().map(SiteClusterLocator::floorNumber).orElse(OptionalDouble.empty());
    double floors;
    if (buildingKey(u.building()).equals(buildingKey(b.building()))) {
      floors = fu.isPresent() && fc.isPresent() ? Math.abs(fu.getAsDouble() - fc.getAsDouble()) : 0;
    } else {
      floors = Math.abs(fu.orElse(0)) + Math.abs(fc.orElse(0));
    }
    return floors * model.secondsPerFloor();
  }

  private static boolean sameBuilding(Optional<BuildingPosition> user, Cluster c) {
    return user.isPresent() && c.position().building().isPresent()
        && buildingKey(user.get().building()).equals(buildingKey(c.position().building().get().building()));
  }

  private static String buildingKey(String building) {
    return String.join(" ", NearToMatcher.tokens(building));
  }

  /**
   * The floor a building names, as a number: {@code 2}, {@code -1}, {@code Level 3},
   * {@code Floor 2}, {@code L2} are what they say; {@code G}, {@code Ground}, {@code Lobby},
   * {@code RDC}, {@code EG}, {@code PB} are 0; {@code B2} is -2, {@code Basement} and {@code LL}
   * -1; {@code M} or {@code Mezzanine} is 0.5; anything else is unknown.
   */
  static OptionalDouble floorNumber(String floor) {
    String f = floor.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    if (f.matches("[+-]?\\d+(\\.\\d+)?")) {
      return OptionalDouble.of(Double.parseDouble(f));
    }
    switch (f) {
      case "g", "gf", "ground", "groundfloor", "lobby", "rdc", "eg", "pb", "0" -> {
        return OptionalDouble.of(0);
      }
      case "basement", "ll", "lowerlevel", "sous-sol", "ug" -> {
        return OptionalDouble.of(-1);
      }
      case "m", "mezz", "mezzanine" -> {
        return OptionalDouble.of(0.5);
      }
      default -> {
      }
    }
    if (f.matches("b\\d+")) {
      return OptionalDouble.of(-Double.parseDouble(f.substring(1)));
    }
    if (f.matches("(l|level|floor|fl|f|etage|piso|stock)\\d+")) {
      return OptionalDouble.of(Double.parseDouble(f.replaceAll("\\D", "")));
    }
    return OptionalDouble.empty();
  }

  private static Optional<Predicate<Cluster>> preferences(List<Preference> prefs) {
    boolean pub = prefs.stream().anyMatch(p -> p.means(Preference.PUBLIC_TYPE));
    boolean priv = prefs.stream().anyMatch(p -> p.means(Preference.PRIVATE_TYPE));
    boolean clean = prefs.stream().anyMatch(p -> p.means(Preference.CLEAN));
    boolean restaurant = prefs.stream().anyMatch(p -> p.means(Preference.IN_RESTAURANT));
    Predicate<Cluster> p = c -> true;
    boolean any = false;
    if (pub != priv) {
      Access wanted = pub ? Access.PUBLIC : Access.PRIVATE;
      p = p.and(c -> c.proxies().stream().anyMatch(s -> s.access() == wanted));
      any = true;
    }
    if (clean) {
      p = p.and(c -> c.proxies().stream()
          .anyMatch(s -> s.attributes().stream().anyMatch(a -> a.satisfies(ProxyAttribute.CLEAN_PROXY))));
      any = true;
    }
    if (restaurant) {
      p = p.and(SiteClusterLocator::isRestaurant);
      any = true;
    }
    return any ? Optional.of(p) : Optional.empty();
  }

  private static boolean isRestaurant(Cluster c) {
    List<String> texts = new ArrayList<>(c.aliases());
    texts.add(c.name());
    for (String t : texts) {
      for (String tok : NearToMatcher.tokens(t)) {
        if (tok.startsWith("restaur") || tok.equals("cafe") || tok.equals("bar") || tok.equals("food")) {
          return true;
        }
      }
    }
    return false;
  }
}
