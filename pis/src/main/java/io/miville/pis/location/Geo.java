package io.miville.pis.location;

import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import java.util.Map;

/** Distances and moves on a spherical planet (draft-pis-00 Appendix 1: Planet, Geo-spatial-position). */
public final class Geo {
  /** Mean radius of the Earth, metres (IUGG). */
  public static final double EARTH_RADIUS = 6_371_008.8;
  private static final Map<Planet, Double> RADII = Map.ofEntries(
      Map.entry(Planet.MERCURY, 2_439_700.0), Map.entry(Planet.VENUS, 6_051_800.0), Map.entry(Planet.EARTH, EARTH_RADIUS),
      Map.entry(Planet.MOON, 1_737_400.0), Map.entry(Planet.MARS, 3_389_500.0), Map.entry(Planet.CERES, 469_700.0),
      Map.entry(Planet.JUPITER, 69_911_000.0), Map.entry(Planet.SATURN, 58_232_000.0),
      Map.entry(Planet.URANUS, 25_362_000.0), Map.entry(Planet.NEPTUNE, 24_622_000.0),
      Map.entry(Planet.PLUTO, 1_188_300.0));

  private Geo() {
  }

  /** The mean radius of {@code planet} in metres; the Earth's for a body this table does not know. */
  public static double radius(Planet planet) {
    return RADII.getOrDefault(planet.canonical(), EARTH_RADIUS);
  }

  /** Great-circle distance in metres (haversine) on a sphere of {@code radius}. */
  public static double meters(GeoPosition a, GeoPosition b, double radius) {
    double la1 = Math.toRadians(a.latitude());
    double la2 = Math.toRadians(b.latitude());
    double dLat = la2 - la1;
    double dLon = Math.toRadians(b.longitude() - a.longitude());
    double h = sq(Math.sin(dLat / 2)) + Math.cos(la1) * Math.cos(la2) * sq(Math.sin(dLon / 2));
    return 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** The great-circle distance in metres of a squared chord between unit vectors. */
  static double chord2ToMeters(double chord2, double radius) {
    return 2 * radius * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
  }

  /**
   * Where one ends up from {@code p} after {@code north} and {@code east} metres (local flat
   * approximation, good to a few kilometres; latitude clamped short of the poles, longitude wrapped).
   * Elevation is kept.
   */
  public static GeoPosition move(GeoPosition p, double north, double east, double radius) {
    double lat = p.latitude() + Math.toDegrees(north / radius);
    lat = Math.max(-89.999999, Math.min(89.999999, lat));
    double cos = Math.max(1e-6, Math.cos(Math.toRadians(p.latitude())));
    double lon = p.longitude() + Math.toDegrees(east / (radius * cos));
    lon = ((lon + 180) % 360 + 360) % 360 - 180;
    return new GeoPosition(lat, lon, p.elevation());
  }

  private static double sq(double d) {
    return d * d;
  }
}
