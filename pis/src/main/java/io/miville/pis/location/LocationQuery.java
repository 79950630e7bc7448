package io.miville.pis.location;

import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.Preference;
import io.miville.codec.pis.Velocity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a seeking user agent is and where it is going: the location headers of a SEEK
 * (draft-pis-00 Appendix 1). Every part is optional; a query with none ranks clusters by
 * expected wait alone.
 *
 * @param planet   Planet; clusters on other planets are never suitable
 * @param geo      Geo-spatial-position
 * @param building Implementation-Specific-Position
 * @param nearTo   Currently-Near-to, matched approximately against cluster names and aliases
 * @param velocity Velocity: the user will have moved by the time it arrives
 * @param preferences Preferences (Public-type, private-type, clean)
 */
public record LocationQuery(Planet planet, Optional<GeoPosition> geo, Optional<BuildingPosition> building,
    Optional<String> nearTo, Optional<Velocity> velocity, List<Preference> preferences) {
  public LocationQuery {
    Objects.requireNonNull(planet, "planet");
    Objects.requireNonNull(geo, "geo");
    Objects.requireNonNull(building, "building");
    Objects.requireNonNull(nearTo, "nearTo");
    Objects.requireNonNull(velocity, "velocity");
    preferences = List.copyOf(preferences);
  }

  /** No location at all (on Earth). */
  public static LocationQuery none() {
    return new LocationQuery(Planet.EARTH, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /** True if the query says anything about where the user is. */
  public boolean hasLocation() {
    return geo.isPresent() || building.isPresent() || nearTo.isPresent();
  }
}
