package io.miville.pis.site;

import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a cluster (or a proxy) is: the planet, a geo-spatial position and/or a position inside a
 * building (draft-pis-00 Appendix 1: Planet, Geo-spatial-position,
 * Implementation-Specific-Position).
 */
public record Position(Planet planet, Optional<GeoPosition> geo, Optional<BuildingPosition> building) {
  public Position {
    Objects.requireNonNull(planet, "planet");
    Objects.requireNonNull(geo, "geo");
    Objects.requireNonNull(building, "building");
  }

  /** On Earth at {@code geo}. */
  public static Position of(GeoPosition geo) {
    return new Position(Planet.EARTH, Optional.of(geo), Optional.empty());
  }

  /** On Earth at {@code geo}, inside {@code building}. */
  public static Position of(GeoPosition geo, BuildingPosition building) {
    return new Position(Planet.EARTH, Optional.of(geo), Optional.of(building));
  }
}
