package io.miville.codec.pis;

import io.miville.codec.SipParseException;
import io.miville.codec.internal.Cursor;
import java.util.OptionalDouble;

/**
 * Where a user agent is: the {@code Geo-spatial-position} header of a location-enhanced SEEK
 * (draft-pis-00 Appendix 1: "Latitude, Longitude, and Elevation").
 *
 * <pre>
 * Geo-spatial-position = latitude SWS "," SWS longitude [ SWS "," SWS elevation ]
 * latitude  = decimal   ; degrees north, -90 to 90
 * longitude = decimal   ; degrees east, -180 to 180
 * elevation = decimal   ; metres above the reference surface, -20000 to 1000000
 * decimal   = [ "+" / "-" ] 1*DIGIT [ "." 1*DIGIT ]
 * </pre>
 *
 * <p>Degrees are on the body the {@code Planet} header names (WGS 84 on Earth). Elevation
 * reaches from below the deepest ocean trench to low orbit, where space stations keep proxies.
 *
 * @param latitude degrees north, -90 to 90
 * @param longitude degrees east, -180 to 180
 * @param elevation metres, -20 000 to 1 000 000, if known
 */
public record GeoPosition(double latitude, double longitude, OptionalDouble elevation) {
  public static final double MAX_LATITUDE = 90;
  public static final double MAX_LONGITUDE = 180;
  public static final double MIN_ELEVATION = -20_000;
  public static final double MAX_ELEVATION = 1_000_000;

  /** @throws IllegalArgumentException if a coordinate is out of range or not finite */
  public GeoPosition {
    latitude = PisSyntax.inRange(latitude, -MAX_LATITUDE, MAX_LATITUDE, "latitude");
    longitude = PisSyntax.inRange(longitude, -MAX_LONGITUDE, MAX_LONGITUDE, "longitude");
    if (elevation.isPresent()) {
      elevation = OptionalDouble.of(PisSyntax.inRange(elevation.getAsDouble(), MIN_ELEVATION, MAX_ELEVATION, "elevation"));
    }
  }

  public static GeoPosition of(double latitude, double longitude) {
    return new GeoPosition(latitude, longitude, OptionalDouble.empty());
  }

  public static GeoPosition of(double latitude, double longitude, double elevation) {
    return new GeoPosition(latitude, longitude, OptionalDouble.of(elevation));
  }

  /**
   * Reads a header value such as {@code 29.9574, -90.0629, 3}.
   *
   * @throws SipParseException (400) with the offset in {@code text} where it stopped making sense
   */
  public static GeoPosition parse(String text) {
    return PisSyntax.parseAll(text, GeoPosition::read, "Geo-spatial-position");
  }

  private static GeoPosition read(Cursor c) {
    double lat = PisSyntax.decimal(c, "latitude", -MAX_LATITUDE, MAX_LATITUDE);
    c.expectSeparator(',', "expected comma after latitude");
    double lon = PisSyntax.decimal(c, "longitude", -MAX_LONGITUDE, MAX_LONGITUDE);
    if (c.trySeparator(',')) {
      return of(lat, lon, PisSyntax.decimal(c, "elevation", MIN_ELEVATION, MAX_ELEVATION));
    }
    return of(lat, lon);
  }

  /** The header value, for example {@code 29.9574, -90.0629, 3}. */
  @Override
  public String toString() {
    String s = PisSyntax.format(latitude) + ", " + PisSyntax.format(longitude);
    return elevation.isPresent() ? s + ", " + PisSyntax.format(elevation.getAsDouble()) : s;
  }
}
