package io.miville.pis.site;

import io.miville.codec.pis.Activity;
import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.DryerType;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.HandleMethod;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.SpeedUnit;
import io.miville.codec.pis.Technique;
import io.miville.codec.pis.Velocity;
import io.miville.codec.pis.WaterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The built-in demo site: Louis Armstrong New Orleans International Airport (MSY) with its
 * terminal and three concourses, a few places around it, and the French Quarter, where the
 * draft's own examples happen (draft-pis-00 Appendix 1 puts its user near Jackson Square). It
 * holds every domain the draft's examples name, so each example works as written:
 *
 * <ul>
 *   <li>{@code resourcecontroller@latrine1.loo.com} (Jax Brewery, floor 2) with
 *       {@code stall1..stall4} (stall2 requires Payment-token and forbids Use-of-cellphone and
 *       eating, as in the §2.1 answer), a family room meeting
 *       {@code Requires: Male, Female, Bano-Familiar + Handicapable} and a Latrine;</li>
 *   <li>{@code resourcecontroller@banos.com} (Bourbon Street);</li>
 *   <li>{@code crapper1..3@proxy1.wc.com} (the AIM example goes to crapper2);</li>
 *   <li>{@code head@ships-a-hoy.com}, a marine head on a riverboat under way, flushed with a
 *       Marine-plunger-pump (the {@code PIS/1.0 FLUSH TID=1} example);</li>
 *   <li>{@code resourcecontroller@lavatory1.pizwah.com}, with Pizwahs and six sinks (WASH);</li>
 *   <li>{@code airs@current.port-o-let.com}, a Port-O-Let (FRESHEN with Strike-Match).</li>
 * </ul>
 *
 * <p>Every Type of draft-pis-00 ({@link ProxyType#knownValues()}) is held by some proxy; names
 * and aliases are in several languages; paper equivalents and local type names follow §5.
 * {@link #synthetic} makes large random sites for benchmarks.
 */
public final class DemoSite {
  /** MSY: the terminal's position, the centre of the demo. */
  public static final GeoPosition AIRPORT = GeoPosition.of(29.9905, -90.2590, 1);
  /** Paper's local equivalents (§5). */
  public static final Set<ProxyAttribute> PAPER_EQUIVALENTS = Set.of(ProxyAttribute.of("Leaves"),
      ProxyAttribute.of("Lira"), ProxyAttribute.of("$1-USD"), ProxyAttribute.of("Low-Denomination-Paper-Currency"));

  private static final ProxyAttribute CLEAN = ProxyAttribute.CLEAN_PROXY;
  private static final ProxyAttribute FLUSHED = ProxyAttribute.FLUSHED_PROXY;
  private static final ProxyAttribute STALL = ProxyAttribute.STALL_PROXY;
  private static final ProxyAttribute SHIELD = ProxyAttribute.SANI_SHIELD;
  private static final ProxyAttribute MALE = ProxyAttribute.MALE;
  private static final ProxyAttribute FEMALE = ProxyAttribute.FEMALE;
  private static final ProxyAttribute FAMILY = ProxyAttribute.BANO_FAMILIAR;
  private static final ProxyAttribute HANDI = ProxyAttribute.HANDICAPABLE;
  private static final List<String> MULTILINGUAL =
      List.of("restrooms", "loo", "WC", "baños", "toilettes", "Toilette", "gabinetto", "トイレ", "洗手间");

  private DemoSite() {
  }

  /** The demo site: about 45 clusters and 400 proxies. */
  public static Site create() {
    List<Cluster> clusters = new ArrayList<>();
    terminal(clusters);
    concourse(clusters, 'A', 29.9938, -90.2632, 0);
    concourse(clusters, 'B', 29.9950, -90.2590, 1);
    concourse(clusters, 'C', 29.9938, -90.2548, 2);
    aroundTheAirport(clusters);
    inMotion(clusters);
    frenchQuarter(clusters);
    draftDomains(clusters);
    offWorld(clusters);
    return new Site("MSY demo: Louis Armstrong New Orleans International and the French Quarter", clusters,
        PAPER_EQUIVALENTS, LocalNames.all());
  }

  // ---------------------------------------------------------------------------------------------
  // The airport

  private static void terminal(List<Cluster> out) {
    String[][] spots = {
        // id, floor, column, name, extra alias
        {"checkin-w", "2", "T-04", "Ticketing hall west", "check-in"},
        {"checkin-e", "2", "T-18", "Ticketing hall east", "enregistrement"},
        {"security", "2", "T-11", "After security checkpoint", "TSA"},
        {"baggage-w", "1", "T-05", "Baggage claim west", "equipaje"},
        {"baggage-e", "1", "T-17", "Baggage claim east", "Gepäckausgabe"},
        {"food-court", "3", "T-11", "Food court mezzanine", "restaurant"},
    };
    for (int i = 0; i < spots.length; i++) {
      String[] s = spots[i];
      double lon = -90.2612 + 0.0045 * i / (spots.length - 1);
      GeoPosition geo = GeoPosition.of(29.9905, lon, 1 + 5 * Integer.parseInt(s[1]));
      String host = "terminal-" + s[0] + ".msy.example";
      ClusterBuilder c = new ClusterBuilder("msy-" + s[0], host, "MSY Terminal, " + s[3] + " restrooms",
          Position.of(geo, BuildingPosition.of("MSY Terminal", s[1], s[2], "R" + (i + 1))));
      c.aliases(s[3], s[4], "Terminal " + s[3]);
      c.aliases(MULTILINGUAL.toArray(String[]::new));
      standardRestroom(c, i, 5, 3, 3);
      if (s[0].equals("baggage-w")) {
        // a Line-urinal trough for the rush off the planes (§4: several users at once)
        c.proxy(ProxySpecs.of(c.address("trough1"), ProxyType.LINE_URINAL).capacity(6).attrs(MALE)
            .flush(FlushKind.CONTINUOUS).build());
      }
      if (s[0].equals("food-court")) {
        c.proxy(ProxySpecs.of(c.address("bidet1"), ProxyType.BIDET).attrs(CLEAN, FEMALE, MALE, HANDI)
            .forbid(Activity.EATING).flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
      }
      c.wash(new WashFacility(6, List.of(WaterState.HOT, WaterState.COLD), HandleMethod.AUTOMATIC, true,
          List.of(DryerType.DRYER, DryerType.PAPER_TOWEL)));
      out.add(c.build());
    }
  }

  private static void concourse(List<Cluster> out, char letter, double lat0, double lon, int n) {
    // 8 clusters a concourse, from the hub (south) to the end of the pier (north)
    ProxyType[] stallNames = {ProxyType.STALL, ProxyType.TOILET, ProxyType.WC, ProxyType.WATER_CLOSET,
        ProxyType.LOO, ProxyType.LAVATORY, ProxyType.COMMODE, ProxyType.STALL};
    for (int i = 0; i < 8; i++) {
      int gate = 2 * i + 1;
      String gateName = "" + letter + gate;
      double lat = lat0 + 0.0006 * i;
      String host = "gate-" + gateName.toLowerCase() + ".msy.example";
      ClusterBuilder c = new ClusterBuilder("msy-" + gateName.toLowerCase(), host,
          "Concourse " + letter + ", gate " + gateName + " restrooms",
          Position.of(GeoPosition.of(lat, lon, 6), BuildingPosition.of("Concourse " + letter, "2", gateName, "R" + gate)));
      c.aliases("Gate " + gateName, "near gate " + gateName, "Concourse " + letter, "Puerta " + gateName,
          "Porte " + gateName, "Flugsteig " + gateName, "Uscita " + gateName);
      c.aliases(MULTILINGUAL.toArray(String[]::new));
      ProxyType stallType = stallNames[(i + n) % stallNames.length];
      // female side
      for (int k = 1; k <= 4; k++) {
        c.proxy(ProxySpecs.of(c.address("w" + k), stallType)
            .attrs(CLEAN, FLUSHED, STALL, paper(i + k), SHIELD, FEMALE)
            .flush(k % 2 == 0 ? FlushKind.MANUAL : FlushKind.ADVANCED)
            .how(k % 2 == 0 ? Technique.TILT_LEVER_HANDLE : Technique.AUTOMATIC).build());
      }
      // male side
      for (int k = 1; k <= 2; k++) {
        c.proxy(ProxySpecs.of(c.address("m" + k), stallType).attrs(CLEAN, FLUSHED, STALL, paper(i + k), MALE)
            .flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC, Technique.PRESS_BUTTON).build());
      }
      for (int k = 1; k <= 3; k++) {
        c.proxy(ProxySpecs.of(c.address("u" + k), k == 3 ? ProxyType.WALL_URINAL : ProxyType.URINAL)
            .attrs(CLEAN, MALE).flush(k == 3 ? FlushKind.CONTINUOUS : FlushKind.ADVANCED).how(Technique.AUTOMATIC)
            .build());
      }
      c.proxy(ProxySpecs.of(c.address("family"), ProxyType.TOILET)
          .attrs(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER, SHIELD, MALE, FEMALE, FAMILY, HANDI)
          .flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
      if (i == 7) {
        // the crew room at the end of the pier: private
        c.proxy(ProxySpecs.of(c.address("crew"), ProxyType.LAVATORY).attrs(CLEAN, STALL, ProxyAttribute.PAPER, MALE, FEMALE)
            .access(Access.PRIVATE).how(Technique.PRESS_BUTTON).build());
      }
      if (letter == 'B' && i == 2) {
        // the premium lounge: private, pay, with the best paper
        c.proxy(ProxySpecs.of(c.address("lounge1"), ProxyType.COMMODE)
            .attrs(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER_CHARMAN, ProxyAttribute.PAPER_WHOLEROLL, SHIELD, MALE, FEMALE)
            .requires(ProxyAttribute.PAYMENT_TOKEN).access(Access.PRIVATE).forbid(Activity.USE_OF_CELLPHONE)
            .flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
        c.proxy(ProxySpecs.of(c.address("lounge-bidet"), ProxyType.BIDET).attrs(CLEAN, MALE, FEMALE)
            .requires(ProxyAttribute.PAYMENT_TOKEN).access(Access.PRIVATE).how(Technique.RETURN_KNOB).build());
      }
      if (letter == 'C' && i == 4) {
        c.proxy(ProxySpecs.of(c.address("kids1"), ProxyType.POTTY).attrs(CLEAN, FAMILY, MALE, FEMALE)
            .how(Technique.PRESS_BUTTON).build());
        c.proxy(ProxySpecs.of(c.address("kids2"), ProxyType.PODDY).attrs(CLEAN, FAMILY, MALE, FEMALE)
            .how(Technique.PRESS_BUTTON).build());
        c.alias("kids play area");
      }
      c.wash(new WashFacility(4, List.of(WaterState.HOT, WaterState.COLD, WaterState.TEPID), HandleMethod.AUTOMATIC,
          true, List.of(DryerType.DRYER)));
      out.add(c.build());
    }
  }

  private static void aroundTheAirport(List<Cluster> out) {
    ClusterBuilder rental = new ClusterBuilder("msy-rental", "rental.msy.example", "Rental Car Center restrooms",
        Position.of(GeoPosition.of(29.9872, -90.2545, 2), BuildingPosition.of("Rental Car Center", "1", "R-2", "101")));
    rental.aliases("Rental cars", "Alquiler de coches", "Location de voitures", "Mietwagen", "restrooms", "loo");
    standardRestroom(rental, 2, 3, 2, 2);
    rental.wash(new WashFacility(3, List.of(WaterState.COLD), HandleMethod.ONE_HANDLE, true, List.of(DryerType.PAPER_TOWEL)));
    out.add(rental.build());

    ClusterBuilder garage = new ClusterBuilder("msy-garage", "garage.msy.example", "Short-term parking garage, level 1",
        Position.of(GeoPosition.of(29.9885, -90.2570, 1), BuildingPosition.of("Parking Garage", "1", "P-7", "PG1")));
    garage.aliases("parking", "estacionamiento", "Parkhaus", "stationnement", "restrooms");
    standardRestroom(garage, 3, 2, 1, 1);
    garage.wash(new WashFacility(2, List.of(WaterState.COLD), HandleMethod.TWO_HANDLE, false, List.of(DryerType.PULL_TOWEL)));
    out.add(garage.build());

    ClusterBuilder medical = new ClusterBuilder("msy-medical", "medical.msy.example", "First aid station",
        Position.of(GeoPosition.of(29.9906, -90.2584, 6), BuildingPosition.of("MSY Terminal", "2", "T-12", "M1")));
    medical.aliases("first aid", "primeros auxilios", "premiers secours", "Erste Hilfe", "pronto soccorso", "nurse");
    medical.proxy(ProxySpecs.of(medical.address("bedpan1"), ProxyType.BEDPAN).attrs(CLEAN, HANDI, MALE, FEMALE)
        .access(Access.PRIVATE).how(Technique.PAIL_O_WATER).build());
    medical.proxy(ProxySpecs.of(medical.address("bedpan2"), ProxyType.BEDPAN).attrs(CLEAN, HANDI, MALE, FEMALE)
        .access(Access.PRIVATE).how(Technique.PAIL_O_WATER).build());
    medical.proxy(ProxySpecs.of(medical.address("commode1"), ProxyType.COMMODE)
        .attrs(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER_SOFT, SHIELD, HANDI, MALE, FEMALE)
        .access(Access.PRIVATE).flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
    medical.wash(new WashFacility(1, List.of(WaterState.HOT, WaterState.COLD), HandleMethod.AUTOMATIC, true,
        List.of(DryerType.PAPER_TOWEL)));
    out.add(medical.build());

    // the cell phone lot and the airfield fence: the proxies of last resort (§2.1 Type list)
    ClusterBuilder lot = new ClusterBuilder("msy-cellphone-lot", "cellphone-lot.msy.example",
        "Cell phone waiting lot and airfield fence",
        Position.of(GeoPosition.of(29.9838, -90.2655, 1)));
    lot.aliases("cell phone lot", "waiting lot", "airfield fence", "hangar");
    lot.proxy(ProxySpecs.of(lot.address("portolet1"), ProxyType.PORT_O_LET).attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE)
        .flush(FlushKind.CONTINUOUS).build());
    lot.proxy(ProxySpecs.of(lot.address("portolet2"), ProxyType.CHEMICAL_TOILET).attrs(STALL, MALE, FEMALE)
        .flush(FlushKind.CONTINUOUS).build());
    lot.proxy(ProxySpecs.of(lot.address("tire"), ProxyType.TIRE).attrs(MALE).flush(FlushKind.CONTINUOUS).build());
    lot.proxy(ProxySpecs.of(lot.address("hangar-wall"), ProxyType.SIDE_OF_BUILDING).attrs(MALE)
        .flush(FlushKind.CONTINUOUS).build());
    lot.proxy(ProxySpecs.of(lot.address("ditch"), ProxyType.DITCH).capacity(3).attrs(MALE, FEMALE)
        .flush(FlushKind.CONTINUOUS).build());
    lot.proxy(ProxySpecs.of(lot.address("hole"), ProxyType.HOLE).attrs(MALE, FEMALE).how(Technique.PAIL_O_WATER).build());
    lot.proxy(ProxySpecs.of(lot.address("bucket"), ProxyType.BUCKET).attrs(MALE, FEMALE).how(Technique.PAIL_O_WATER)
        .build());
    out.add(lot.build());
  }

  /** Proxies in motion (§2.5): a bus, a train, an RV and two airplanes. */
  private static void inMotion(List<Cluster> out) {
    ClusterBuilder bus = new ClusterBuilder("msy-shuttle", "shuttle.msy.example", "Airport shuttle bus to the French Quarter",
        Position.of(GeoPosition.of(29.9790, -90.2300, 2)));
    bus.aliases("shuttle", "bus", "autobús", "navette", "Flughafenbus");
    bus.proxy(ProxySpecs.of(bus.address("onboard"), ProxyType.CHEMICAL_TOILET).attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE)
        .forbid(Activity.EATING).how(Technique.MANUAL_PUMP_FLUSHER)
        .motion(Velocity.of(22, SpeedUnit.METERS_PER_SECOND, 100)).build());
    out.add(bus.build());

    ClusterBuilder train = new ClusterBuilder("amtrak-city-of-new-orleans", "city-of-new-orleans.amtrak.example",
        "Amtrak City of New Orleans, coach restrooms", Position.of(GeoPosition.of(30.0300, -90.2350, 3)));
    train.aliases("train", "Amtrak", "tren", "Zug", "treno");
    for (int k = 1; k <= 4; k++) {
      train.proxy(ProxySpecs.of(train.address("coach" + k), ProxyType.TOILET)
          .attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE, k == 1 ? HANDI : STALL)
          .flush(FlushKind.MANUAL).how(Technique.PRESS_BUTTON, Technique.ELECTRIC_PUMP_FLUSHER)
          .motion(Velocity.of(79, SpeedUnit.MILES_PER_HOUR, 5)).build());
    }
    out.add(train.build());

    ClusterBuilder rv = new ClusterBuilder("rv-i10", "winnebago.rv.example", "RV on I-10 eastbound",
        Position.of(GeoPosition.of(30.0080, -90.1800, 2)));
    rv.aliases("RV", "camper", "autocaravana", "camping-car", "Wohnmobil");
    rv.proxy(ProxySpecs.of(rv.address("wetbath"), ProxyType.CHEMICAL_TOILET).attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE)
        .access(Access.PRIVATE).how(Technique.RETURN_KNOB)
        .motion(Velocity.of(65, SpeedUnit.MILES_PER_HOUR, 95)).build());
    out.add(rv.build());

    ClusterBuilder gatePlane = new ClusterBuilder("flight-dl1492", "n1492.aircraft.example",
        "Flight 1492 at gate B5 (boarding)",
        Position.of(GeoPosition.of(29.9957, -90.2585, 8), BuildingPosition.of("Concourse B", "2", "B5", "aircraft")));
    gatePlane.aliases("Flight 1492", "airplane", "avión", "avion", "Flugzeug", "aereo");
    gatePlane.proxy(ProxySpecs.of(gatePlane.address("fwd-lav"), ProxyType.AIRPLANE_LAVATORY)
        .attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE).access(Access.PRIVATE)
        .forbid(Activity.USE_OF_CELLPHONE).how(Technique.VACUUM_FLUSH)
        .motion(Velocity.of(0, SpeedUnit.KNOTS)).build());
    gatePlane.proxy(ProxySpecs.of(gatePlane.address("aft-lav"), ProxyType.AIRPLANE_STALL)
        .attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE, HANDI).access(Access.PRIVATE)
        .how(Technique.VACUUM_FLUSH).motion(Velocity.of(0, SpeedUnit.KNOTS)).build());
    out.add(gatePlane.build());

    ClusterBuilder flying = new ClusterBuilder("flight-af77", "f-gzcp.aircraft.example",
        "Flight 77 to Paris, climbing out over Lake Pontchartrain",
        Position.of(GeoPosition.of(30.0900, -90.1200, 6000)));
    flying.aliases("Flight 77", "Air France", "airplane", "avión");
    for (int k = 1; k <= 3; k++) {
      flying.proxy(ProxySpecs.of(flying.address("lav" + k), ProxyType.VACUUM_FLUSHER_AIRPLANE)
          .attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE).access(Access.PRIVATE)
          .forbid(Activity.USE_OF_CELLPHONE).flush(FlushKind.ADVANCED).how(Technique.VACUUM_FLUSH)
          .motion(new Velocity(450, SpeedUnit.KNOTS, OptionalDouble.of(45), OptionalDouble.of(20), List.of())).build());
    }
    out.add(flying.build());
  }

  private static void frenchQuarter(List<Cluster> out) {
    ClusterBuilder market = new ClusterBuilder("french-market", "frenchmarket.nola.example",
        "French Market public restrooms",
        Position.of(GeoPosition.of(29.9598, -90.0593, 2)));
    market.aliases("French Market", "Marché français", "Mercado francés", "French Quarter", "Vieux Carré", "les toilettes");
    market.proxy(ProxySpecs.of(market.address("nola1"), ProxyType.FRENCH_QUARTER_NOLA).capacity(1)
        .attrs(MALE).flush(FlushKind.CONTINUOUS).build());
    market.proxy(ProxySpecs.of(market.address("metro1"), ProxyType.PARIS_SUBWAY).attrs(MALE, FEMALE)
        .requires(ProxyAttribute.PAYMENT_TOKEN).forbid(Activity.EATING).how(Technique.OVERHEAD_PULL_CHAIN).build());
    standardRestroom(market, 4, 3, 2, 2);
    market.wash(new WashFacility(2, List.of(WaterState.COLD), HandleMethod.TWO_HANDLE, true, List.of(DryerType.DRYER)));
    out.add(market.build());

    ClusterBuilder square = new ClusterBuilder("jackson-square", "jacksonsquare.nola.example",
        "Jackson Square visitor center", Position.of(GeoPosition.of(29.9577, -90.0637, 2),
            BuildingPosition.of("Lower Pontalba Building", "G", "J-1", "100")));
    square.aliases("Jackson Square", "Place d'Armes", "Plaza de Armas", "St. Louis Cathedral", "restrooms");
    standardRestroom(square, 5, 2, 2, 1);
    square.proxy(ProxySpecs.of(square.address("outhouse"), ProxyType.OUTHOUSE).attrs(MALE, FEMALE)
        .how(Technique.PAIL_O_WATER).build());
    out.add(square.build());

    ClusterBuilder hotel = new ClusterBuilder("hotel-monteleone", "monteleone.nola.example",
        "Historic hotel lobby (with a museum chamber pot)", Position.of(GeoPosition.of(29.9553, -90.0672, 3),
            BuildingPosition.of("Hotel Monteleone", "1", "L-3", "Lobby")));
    hotel.aliases("hotel", "Royal Street", "Carousel Bar", "restaurant");
    hotel.proxy(ProxySpecs.of(hotel.address("chamberpot"), ProxyType.CHAMBER_POT).attrs(MALE, FEMALE)
        .access(Access.PRIVATE).how(Technique.PAIL_O_WATER).build());
    standardRestroom(hotel, 6, 2, 1, 1);
    out.add(hotel.build());

    ClusterBuilder bayou = new ClusterBuilder("bayou-sauvage", "bayou-sauvage.nola.example",
        "Bayou Sauvage campground (bring a spade)", Position.of(GeoPosition.of(30.0640, -89.8880, 1)));
    bayou.aliases("bayou", "campground", "camping", "wilderness");
    bayou.proxy(ProxySpecs.of(bayou.address("dig-here"), ProxyType.USER_INSTANTIATED_PROXY).attrs(MALE, FEMALE)
        .requires(ProxyAttribute.SPADE).flush(FlushKind.CONTINUOUS).build());
    bayou.proxy(ProxySpecs.of(bayou.address("outhouse"), ProxyType.OUTHOUSE).attrs(MALE, FEMALE, ProxyAttribute.of("Leaves"))
        .how(Technique.PAIL_O_WATER).build());
    out.add(bayou.build());
  }

  /** The domains of the draft's own examples (draft-pis-00 §2.1–§2.5, Appendix 1). */
  private static void draftDomains(List<Cluster> out) {
    ClusterBuilder loo = new ClusterBuilder("latrine1-loo", "latrine1.loo.com", "Jax Brewery restrooms, floor 2",
        Position.of(GeoPosition.of(29.9574, -90.0629, 3), BuildingPosition.of("Jax Brewery", "2", "C-10", "210")));
    loo.controller("resourcecontroller@latrine1.loo.com");
    loo.aliases("Jax Brewery", "Jackson Brewery", "Jackson Square", "French Quarter", "Decatur Street", "latrine", "loo",
        "WC", "baños", "toilettes");
    for (int k = 1; k <= 4; k++) {
      ProxySpecs s = ProxySpecs.of(loo.address("stall" + k), ProxyType.STALL)
          .attrs(CLEAN, FLUSHED, STALL, k % 2 == 0 ? ProxyAttribute.PAPER_SOFT : ProxyAttribute.PAPER_WHOLEROLL, SHIELD,
              k <= 2 ? MALE : FEMALE)
          .how(Technique.TILT_LEVER_HANDLE, Technique.PLUNGER);
      if (k == 2) {
        // the §2.1 answer: "From: stall2@latrine1.loo.com ... Requires: Payment-token, Forbidden: Use-of-cellphone, eating"
        s.requires(ProxyAttribute.PAYMENT_TOKEN).forbid(Activity.USE_OF_CELLPHONE, Activity.EATING);
      }
      loo.proxy(s.build());
    }
    loo.proxy(ProxySpecs.of(loo.address("family1"), ProxyType.TOILET)
        .attrs(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER, SHIELD, MALE, FEMALE, FAMILY, HANDI)
        .flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
    loo.proxy(ProxySpecs.of(loo.address("latrine1"), ProxyType.LATRINE).capacity(2).attrs(MALE)
        .flush(FlushKind.CONTINUOUS).build());
    loo.proxy(ProxySpecs.of(loo.address("urinal1"), ProxyType.URINAL).attrs(CLEAN, MALE)
        .flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
    loo.wash(new WashFacility(3, List.of(WaterState.HOT, WaterState.COLD), HandleMethod.TWO_HANDLE, true,
        List.of(DryerType.PAPER_TOWEL)));
    out.add(loo.build());

    ClusterBuilder banos = new ClusterBuilder("banos", "banos.com", "Baños de Bourbon Street",
        Position.of(GeoPosition.of(29.9587, -90.0653, 2), BuildingPosition.of("Bourbon Street Bar", "1", "B-2", "Back")));
    banos.controller("resourcecontroller@banos.com");
    banos.aliases("baños", "servicios", "aseos", "Bourbon Street", "bar", "sanitarios");
    standardRestroom(banos, 7, 3, 3, 2);
    banos.proxy(ProxySpecs.of(banos.address("trough"), ProxyType.LINE_URINAL).capacity(4).attrs(MALE)
        .flush(FlushKind.CONTINUOUS).build());
    banos.wash(new WashFacility(2, List.of(WaterState.COLD), HandleMethod.ONE_HANDLE, true, List.of(DryerType.PULL_TOWEL)));
    out.add(banos.build());

    ClusterBuilder wc = new ClusterBuilder("proxy1-wc", "proxy1.wc.com", "Decatur Street water closets",
        Position.of(GeoPosition.of(29.9575, -90.0615, 2)));
    wc.controller("resourcecontroller@proxy1.wc.com");
    wc.aliases("WC", "water closet", "Decatur Street", "Café du Monde", "cabinets", "gabinetto");
    for (int k = 1; k <= 3; k++) {
      wc.proxy(ProxySpecs.of(wc.address("crapper" + k), ProxyType.CRAPPER)
          .attrs(STALL, ProxyAttribute.PAPER, SHIELD, k == 3 ? FEMALE : MALE)
          .how(Technique.OVERHEAD_PULL_CHAIN, Technique.INJECTION_TILT_VALVE).build());
    }
    wc.wash(new WashFacility(1, List.of(WaterState.COLD), HandleMethod.TWO_HANDLE, false, List.of(DryerType.PULL_TOWEL)));
    out.add(wc.build());

    ClusterBuilder ship = new ClusterBuilder("ships-a-hoy", "ships-a-hoy.com",
        "Steamboat on the Mississippi, heads below deck", Position.of(GeoPosition.of(29.9550, -90.0600, 4)));
    ship.controller("resourcecontroller@ships-a-hoy.com");
    ship.aliases("steamboat", "riverboat", "Toulouse Street Wharf", "Mississippi", "boat", "barco", "bateau");
    Velocity underWay = Velocity.of(6, SpeedUnit.KNOTS, 120);
    ship.proxy(ProxySpecs.of(ship.address("head"), ProxyType.HEAD).attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE)
        .how(Technique.MARINE_PLUNGER_PUMP, Technique.MANUAL_PUMP_FLUSHER, Technique.ELECTRIC_PUMP_FLUSHER)
        .motion(underWay).build());
    ship.proxy(ProxySpecs.of(ship.address("head2"), ProxyType.MARINE_TOILET).attrs(STALL, ProxyAttribute.PAPER, FEMALE)
        .how(Technique.ELECTRIC_PUMP_FLUSHER).motion(underWay).build());
    out.add(ship.build());

    ClusterBuilder pizwah = new ClusterBuilder("lavatory1-pizwah", "lavatory1.pizwah.com",
        "Riverfront lavatory with Pizwahs", Position.of(GeoPosition.of(29.9562, -90.0618, 2)));
    pizwah.controller("resourcecontroller@lavatory1.pizwah.com");
    pizwah.aliases("Pizwah", "lavatory", "riverfront", "Moonwalk", "Woldenberg Park", "lavabo", "Waschraum");
    pizwah.proxy(ProxySpecs.of(pizwah.address("pizwah1"), ProxyType.PIZWAH).capacity(4).attrs(MALE)
        .flush(FlushKind.CONTINUOUS).build());
    pizwah.proxy(ProxySpecs.of(pizwah.address("pizwah2"), ProxyType.PIZWAH).capacity(4).attrs(MALE)
        .flush(FlushKind.CONTINUOUS).build());
    pizwah.proxy(ProxySpecs.of(pizwah.address("lav1"), ProxyType.LAVATORY)
        .attrs(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER, SHIELD, FEMALE, HANDI).flush(FlushKind.ADVANCED)
        .how(Technique.AUTOMATIC).build());
    pizwah.proxy(ProxySpecs.of(pizwah.address("lav2"), ProxyType.LAVATORY)
        .attrs(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER, SHIELD, FEMALE).flush(FlushKind.ADVANCED)
        .how(Technique.AUTOMATIC).build());
    pizwah.wash(new WashFacility(6, List.of(WaterState.HOT, WaterState.COLD, WaterState.TEPID), HandleMethod.TWO_HANDLE,
        true, List.of(DryerType.PULL_TOWEL, DryerType.PAPER_TOWEL, DryerType.DRYER)));
    out.add(pizwah.build());

    ClusterBuilder potty = new ClusterBuilder("current-port-o-let", "current.port-o-let.com",
        "Festival Port-O-Lets on the riverfront", Position.of(GeoPosition.of(29.9540, -90.0628, 1)));
    potty.controller("resourcecontroller@current.port-o-let.com");
    potty.aliases("Port-O-Let", "porta potty", "festival", "French Quarter Fest", "Spanish Plaza");
    potty.proxy(ProxySpecs.of(potty.address("airs"), ProxyType.PORT_O_LET).attrs(STALL, ProxyAttribute.PAPER, MALE, FEMALE)
        .flush(FlushKind.CONTINUOUS).build());
    for (int k = 2; k <= 6; k++) {
      potty.proxy(ProxySpecs.of(potty.address("unit" + k), ProxyType.PORT_O_LET)
          .attrs(STALL, k % 2 == 0 ? ProxyAttribute.PAPER : ProxyAttribute.of("$1-USD"), MALE, FEMALE)
          .flush(FlushKind.CONTINUOUS).build());
    }
    out.add(potty.build());
  }

  /** §2.5 and Appendix 1: proxies are an interplanetary concern. */
  private static void offWorld(List<Cluster> out) {
    ClusterBuilder moon = new ClusterBuilder("tranquility-base", "tranquility.moon.example",
        "Tranquility Base waste collection", new Position(Planet.MOON,
            Optional.of(GeoPosition.of(0.6741, 23.4730, 0)), Optional.empty()));
    moon.aliases("Tranquility Base", "Apollo 11", "Moon");
    moon.proxy(ProxySpecs.of(moon.address("wcs"), ProxyType.BUCKET).attrs(MALE, FEMALE).flush(FlushKind.MANUAL)
        .how(Technique.VACUUM_FLUSH).build());
    out.add(moon.build());
  }

  /** {@code women} stalls, {@code men} stalls and {@code urinals}, with a few variants by {@code seed}. */
  private static void standardRestroom(ClusterBuilder c, int seed, int women, int men, int urinals) {
    for (int k = 1; k <= women; k++) {
      c.proxy(ProxySpecs.of(c.address("w" + k), ProxyType.STALL)
          .attrs(CLEAN, FLUSHED, STALL, paper(seed + k), SHIELD, FEMALE, k == women ? HANDI : FEMALE)
          .flush(FlushKind.ADVANCED).how(Technique.AUTOMATIC).build());
    }
    for (int k = 1; k <= men; k++) {
      c.proxy(ProxySpecs.of(c.address("m" + k), ProxyType.STALL)
          .attrs(CLEAN, FLUSHED, STALL, paper(seed + k), k == 1 ? SHIELD : MALE, MALE, k == men ? HANDI : MALE)
          .flush(seed % 2 == 0 ? FlushKind.ADVANCED : FlushKind.MANUAL)
          .how(seed % 2 == 0 ? Technique.AUTOMATIC : Technique.TILT_LEVER_HANDLE).build());
    }
    for (int k = 1; k <= urinals; k++) {
      c.proxy(ProxySpecs.of(c.address("u" + k), k == urinals && urinals > 2 ? ProxyType.WALL_URINAL : ProxyType.URINAL)
          .attrs(CLEAN, MALE).flush(k == urinals && urinals > 2 ? FlushKind.CONTINUOUS : FlushKind.ADVANCED)
          .how(Technique.AUTOMATIC).build());
    }
  }

  private static ProxyAttribute paper(int i) {
    return switch (Math.floorMod(i, 4)) {
      case 0 -> ProxyAttribute.PAPER;
      case 1 -> ProxyAttribute.PAPER_SOFT;
      case 2 -> ProxyAttribute.PAPER_WHOLEROLL;
      default -> ProxyAttribute.PAPER_CHARMAN;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Synthetic sites for benchmarks

  /** The region {@link #synthetic(int, long)} spreads clusters over: south-east Louisiana, about 200 × 240 km. */
  public static final double SOUTH = 29.0;
  public static final double NORTH = 31.0;
  public static final double WEST = -91.5;
  public static final double EAST = -89.0;

  /**
   * A large random site for benchmarks: {@code proxies} proxies in clusters of 1 to 19 (10 on
   * average, so 100,000 clusters for 1,000,000 proxies), spread uniformly over
   * {@link #SOUTH}..{@link #NORTH} × {@link #WEST}..{@link #EAST}. Types, attributes, access and
   * flush kinds are drawn at random with {@code seed}, so equal arguments give equal sites.
   * Proxies share their attribute sets, which keeps a million of them within ~200 MB.
   */
  public static Site synthetic(int proxies, long seed) {
    if (proxies < 1) {
      throw new IllegalArgumentException("proxies must be at least 1");
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<ProxyType> types = ProxyType.knownValues();
    List<Set<ProxyAttribute>> palette = List.of(Set.of(CLEAN, STALL, ProxyAttribute.PAPER, FEMALE),
        Set.of(CLEAN, STALL, ProxyAttribute.PAPER_SOFT, SHIELD, FEMALE), Set.of(CLEAN, MALE), Set.of(STALL, MALE),
        Set.of(CLEAN, FLUSHED, STALL, ProxyAttribute.PAPER, SHIELD, MALE, FEMALE, FAMILY, HANDI),
        Set.of(STALL, ProxyAttribute.PAPER, MALE, FEMALE), Set.of(MALE, FEMALE), Set.of(CLEAN, STALL, HANDI, MALE));
    List<Cluster> clusters = new ArrayList<>(proxies / 10 + 1);
    int made = 0;
    int ci = 0;
    while (made < proxies) {
      int size = Math.min(proxies - made, 1 + r.nextInt(19));
      String host = "c" + ci + ".synthetic.example";
      GeoPosition geo = GeoPosition.of(SOUTH + r.nextDouble() * (NORTH - SOUTH), WEST + r.nextDouble() * (EAST - WEST));
      List<ProxySpec> ps = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        ProxyType type = types.get(r.nextInt(10) < 7 ? 0 : r.nextInt(types.size()));
        ps.add(new ProxySpec("p" + k + "@" + host, type, type.isMultiUser() ? 2 + r.nextInt(5) : 1,
            palette.get(r.nextInt(palette.size())), List.of(), List.of(),
            r.nextInt(10) == 0 ? Access.PRIVATE : Access.PUBLIC,
            type.mayFlushContinuously() ? FlushKind.CONTINUOUS : r.nextBoolean() ? FlushKind.ADVANCED : FlushKind.MANUAL,
            List.of(), Optional.empty()));
      }
      clusters.add(new Cluster("c" + ci, "rc@" + host, "Synthetic cluster " + ci, List.of(), Position.of(geo), ps,
          WashFacility.none()));
      made += size;
      ci++;
    }
    return new Site("synthetic " + proxies + " proxies, seed " + seed, clusters, PAPER_EQUIVALENTS, LocalNames.all());
  }

  // ---------------------------------------------------------------------------------------------

  /** Collects a cluster's parts; addresses are {@code user@host}. */
  private static final class ClusterBuilder {
    private final String id;
    private final String host;
    private final String name;
    private final Position position;
    private String controller;
    private final List<String> aliases = new ArrayList<>();
    private final List<ProxySpec> proxies = new ArrayList<>();
    private WashFacility wash = WashFacility.none();

    ClusterBuilder(String id, String host, String name, Position position) {
      this.id = id;
      this.host = host;
      this.name = name;
      this.position = position;
      this.controller = "resourcecontroller@" + host;
    }

    void controller(String address) {
      this.controller = address;
    }

    String address(String user) {
      return user + "@" + host;
    }

    void alias(String a) {
      aliases.add(a);
    }

    void aliases(String... as) {
      aliases.addAll(List.of(as));
    }

    void proxy(ProxySpec p) {
      proxies.add(p);
    }

    void wash(WashFacility w) {
      this.wash = w;
    }

    Cluster build() {
      return new Cluster(id, controller, name, aliases, position, proxies, wash);
    }
  }

  /** A small builder of {@link ProxySpec} for the demo. */
  private static final class ProxySpecs {
    private final String address;
    private final ProxyType type;
    private int capacity = 1;
    private Set<ProxyAttribute> attributes = Set.of();
    private List<Activity> forbidden = List.of();
    private List<ProxyAttribute> requires = List.of();
    private Access access = Access.PUBLIC;
    private FlushKind flush = FlushKind.MANUAL;
    private List<Technique> how = List.of();
    private Optional<Velocity> motion = Optional.empty();

    private ProxySpecs(String address, ProxyType type) {
      this.address = address;
      this.type = type;
    }

    static ProxySpecs of(String address, ProxyType type) {
      return new ProxySpecs(address, type);
    }

    ProxySpecs capacity(int c) {
      capacity = c;
      return this;
    }

    ProxySpecs attrs(ProxyAttribute... as) {
      attributes = Set.copyOf(new java.util.LinkedHashSet<>(List.of(as)));
      return this;
    }

    ProxySpecs forbid(Activity... as) {
      forbidden = List.of(as);
      return this;
    }

    ProxySpecs requires(ProxyAttribute... as) {
      requires = List.of(as);
      return this;
    }

    ProxySpecs access(Access a) {
      access = a;
      return this;
    }

    ProxySpecs flush(FlushKind f) {
      flush = f;
      return this;
    }

    ProxySpecs how(Technique... ts) {
      how = List.of(ts);
      return this;
    }

    ProxySpecs motion(Velocity v) {
      motion = Optional.of(v);
      return this;
    }

    ProxySpec build() {
      return new ProxySpec(address, type, capacity, attributes, forbidden, requires, access, flush, how, motion);
    }
  }
}
