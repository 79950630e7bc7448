package io.miville.pis.controller;

import io.miville.codec.pis.Activity;
import io.miville.codec.pis.DryerType;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.HandleMethod;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.SpeedUnit;
import io.miville.codec.pis.Technique;
import io.miville.codec.pis.Velocity;
import io.miville.codec.pis.WaterState;
import io.miville.pis.site.Access;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.FlushKind;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.pis.site.WashFacility;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small site holding the draft's own domains, until the site helper's DemoSite lands. */
final class TestSite {
  private TestSite() {}

  static ProxySpec proxy(String address, ProxyType type, int capacity, FlushKind flush, ProxyAttribute... attributes) {
    return new ProxySpec(address, type, capacity, Set.of(attributes), List.of(), List.of(), Access.PUBLIC, flush,
        List.of(), Optional.empty());
  }

  static Cluster cluster(String id, String controller, double lat, double lon, List<ProxySpec> proxies, WashFacility wash,
      String... aliases) {
    return new Cluster(id, controller, id + " restrooms", List.of(aliases), Position.of(GeoPosition.of(lat, lon)),
        proxies, wash);
  }

  static Site create() {
    ProxySpec stall2 = new ProxySpec("stall2@latrine1.loo.com", ProxyType.STALL, 1,
        Set.of(ProxyAttribute.STALL_PROXY, ProxyAttribute.PAPER_SOFT, ProxyAttribute.SANI_SHIELD, ProxyAttribute.MALE,
            ProxyAttribute.FEMALE),
        List.of(Activity.USE_OF_CELLPHONE, Activity.EATING), List.of(ProxyAttribute.PAYMENT_TOKEN), Access.PUBLIC,
        FlushKind.MANUAL, List.of(), Optional.empty());
    WashFacility sinks = new WashFacility(2, List.of(WaterState.HOT, WaterState.COLD, WaterState.TEPID),
        HandleMethod.TWO_HANDLE, true, List.of(DryerType.PULL_TOWEL, DryerType.PAPER_TOWEL, DryerType.DRYER));
    Cluster loo = cluster("loo", "resourcecontroller@latrine1.loo.com", 29.9575, -90.0630, List.of(
        proxy("stall1@latrine1.loo.com", ProxyType.STALL, 1, FlushKind.MANUAL),
        stall2,
        proxy("urinal1@latrine1.loo.com", ProxyType.URINAL, 1, FlushKind.CONTINUOUS, ProxyAttribute.MALE),
        proxy("family1@latrine1.loo.com", ProxyType.COMMODE, 1, FlushKind.ADVANCED, ProxyAttribute.MALE,
            ProxyAttribute.FEMALE, ProxyAttribute.BANO_FAMILIAR, ProxyAttribute.HANDICAPABLE, ProxyAttribute.PAPER),
        proxy("leafy@latrine1.loo.com", ProxyType.OUTHOUSE, 1, FlushKind.MANUAL, ProxyAttribute.of("Leaves"))),
        sinks, "Jackson Square", "French Quarter");
    Cluster banos = cluster("banos", "resourcecontroller@banos.com", 19.43, -99.13, List.of(
        proxy("commode1@banos.com", ProxyType.COMMODE, 1, FlushKind.MANUAL, ProxyAttribute.PAPER)),
        WashFacility.none(), "baños");
    Cluster wc = cluster("wc", "resourcecontroller@proxy1.wc.com", 51.5, -0.12, List.of(
        proxy("crapper2@proxy1.wc.com", ProxyType.CRAPPER, 1, FlushKind.MANUAL)), WashFacility.none(), "WC");
    ProxySpec head = new ProxySpec("head@ships-a-hoy.com", ProxyType.HEAD, 1, Set.of(), List.of(), List.of(),
        Access.PUBLIC, FlushKind.MANUAL, List.of(Technique.MARINE_PLUNGER_PUMP, Technique.PLUNGER,
            Technique.PAIL_O_WATER),
        Optional.of(Velocity.of(12, SpeedUnit.of("kn"))));
    Cluster ships = cluster("ships", "captain@ships-a-hoy.com", 29.95, -90.06, List.of(head), WashFacility.none());
    Cluster pizwah = cluster("pizwah", "resourcecontroller@lavatory1.pizwah.com", 29.96, -90.07, List.of(
        proxy("pizwah1@lavatory1.pizwah.com", ProxyType.PIZWAH, 3, FlushKind.CONTINUOUS, ProxyAttribute.MALE)),
        sinks);
    Cluster portolet = cluster("portolet", "resourcecontroller@current.port-o-let.com", 29.97, -90.05, List.of(
        proxy("airs@current.port-o-let.com", ProxyType.PORT_O_LET, 1, FlushKind.MANUAL)), WashFacility.none());
    ProxySpec lav = new ProxySpec("lav1@flight.air.com", ProxyType.AIRPLANE_STALL, 1, Set.of(), List.of(), List.of(),
        Access.PUBLIC, FlushKind.ADVANCED, List.of(), Optional.of(Velocity.of(240, SpeedUnit.of("m/s"))));
    Cluster air = cluster("air", "purser@flight.air.com", 40.0, -50.0, List.of(lav), WashFacility.none());
    return new Site("test", List.of(loo, banos, wc, ships, pizwah, portolet, air), Set.of(ProxyAttribute.of("Leaves")),
        Map.of("restroom", "Stall", "crapper", "Stall"));
  }
}
