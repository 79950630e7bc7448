package io.miville.pis.site;

import io.miville.codec.pis.DryerType;
import io.miville.codec.pis.HandleMethod;
import io.miville.codec.pis.WaterState;
import java.util.List;
import java.util.Objects;

/**
 * The sinks of a cluster, as WASH describes them (draft-pis-00 §2.4).
 *
 * @param sinks  how many sinks; 0 means the cluster has none and WASH is answered as No-Water
 * @param water  the water temperatures available (Hot, Cold, Tepid)
 * @param handle how the taps work
 * @param soap   whether there is soap
 * @param dryer  the dryers
 */
public record WashFacility(int sinks, List<WaterState> water, HandleMethod handle, boolean soap, List<DryerType> dryer) {
  public WashFacility {
    if (sinks < 0) {
      throw new IllegalArgumentException("sinks must not be negative");
    }
    water = List.copyOf(water);
    Objects.requireNonNull(handle, "handle");
    dryer = List.copyOf(dryer);
  }

  /** No sinks at all. */
  public static WashFacility none() {
    return new WashFacility(0, List.of(), HandleMethod.AUTOMATIC, false, List.of());
  }
}
