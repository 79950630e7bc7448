package io.miville.pis.controller;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.StatusCodes;
import io.miville.codec.SipVersion;
import io.miville.codec.header.Address;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Warning;
import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.DryerState;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.Preference;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Recommendation;
import io.miville.codec.pis.Soap;
import io.miville.codec.pis.Technique;
import io.miville.codec.pis.Urgency;
import io.miville.codec.pis.Velocity;
import io.miville.codec.pis.WaterState;
import io.miville.codec.pis.WaterStatus;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.pis.location.ClusterLocator;
import io.miville.pis.location.LocationQuery;
import io.miville.pis.location.RankedCluster;
import io.miville.pis.site.Access;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.FlushKind;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.TimerHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The PIS controller: live proxy state, the urgency queue with aging, load EWMAs, and every
 * method of draft-pis-00. docs/pis.md says, method by method, what is answered when.
 * Single-threaded on its lane (see {@link PisController}).
 */
final class DefaultPisController implements PisController, OnLane {
  /** Airplane indicators (draft-pis-00 §2.5). */
  static final Set<String> INDICATORS = Set.of("Return-to-Seat", "No-Smoking", "Attendant-Call");
  /** Warning values of proxies in motion (draft-pis-00 §2.1). */
  static final List<String> MOTION_WARNINGS = List.of("Turbulence", "Rough-Seas", "Swells", "Uneven-pavement", "Grade");
  static final HeaderName PIS_LOAD = HeaderName.of("PIS-Load");
  static final HeaderName PIS_QUEUE = HeaderName.of("PIS-Queue");
  static final HeaderName COMET_PURPOSE = HeaderName.of("Comet-Purpose");
  static final HeaderName BLOOD_ALCOHOL = HeaderName.of("Blood-Alcohol");
  private static final Set<InfoItem> DIRTY = Set.of(InfoItem.MALODOR, InfoItem.REEKING_STENCH,
      InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED, InfoItem.OVERFLOWED, InfoItem.PLUGGED, InfoItem.GREEN_WATER);
  private static final Set<InfoItem> CLEANED_BY_COMET = Set.of(InfoItem.MALODOR, InfoItem.REEKING_STENCH,
      InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED, InfoItem.PREVIOUS_TRANSACTION_CLEARING, InfoItem.OVERFLOWED,
      InfoItem.PLUGGED, InfoItem.RESOURCES_LOW, InfoItem.NO_PAPER, InfoItem.NO_SHIELD, InfoItem.GREEN_WATER);
  private static final Set<ProxyType> WALL_TYPES = Set.of(ProxyType.LINE_URINAL, ProxyType.PIZWAH, ProxyType.URINAL,
      ProxyType.WALL_URINAL);
  private static final Set<ProxyType> SEATED_TYPES = Set.of(ProxyType.COMMODE, ProxyType.STALL, ProxyType.TOILET,
      ProxyType.CRAPPER, ProxyType.POTTY, ProxyType.LOO, ProxyType.WC, ProxyType.MARINE_TOILET,
      ProxyType.AIRPLANE_STALL, ProxyType.VACUUM_FLUSHER_AIRPLANE, ProxyType.CHEMICAL_TOILET, ProxyType.PORT_O_LET,
      ProxyType.OUTHOUSE, ProxyType.LATRINE, ProxyType.LAVATORY);
  private static final Set<ProxyType> STANDING_ONLY = Set.of(ProxyType.URINAL, ProxyType.LINE_URINAL, ProxyType.PIZWAH,
      ProxyType.WALL_URINAL, ProxyType.TIRE, ProxyType.SIDE_OF_BUILDING, ProxyType.PARIS_SUBWAY);
  private static final Set<ProxyType> AIRPLANE = Set.of(ProxyType.AIRPLANE_STALL, ProxyType.VACUUM_FLUSHER_AIRPLANE);

  private final Site site;
  private final Lane lane;
  private final PisConfig config;
  private final ClusterLocator locator;
  private final Random random;
  private final List<ClusterState> clusters = new ArrayList<>();
  private final Map<String, ClusterState> byHost = new HashMap<>();
  private final Map<String, ClusterState> byId = new HashMap<>();
  private final Map<Cluster, ClusterState> byCluster = new HashMap<>();
  private final Map<String, ProxyState> proxies = new HashMap<>();
  private final Map<String, ProxyState> sessionsByCall = new HashMap<>();
  private final List<PisListener> listeners = new CopyOnWriteArrayList<>();
  private long sequence;
  private int dug;

  DefaultPisController(Site site, Lane lane, PisConfig config, ClusterLocator locator) {
    this.site = site;
    this.lane = lane;
    this.config = config;
    this.locator = locator;
    this.random = new Random(config.randomSeed());
    for (Cluster c : site.clusters()) {
      ClusterState cs = new ClusterState(c, clusters.size());
      clusters.add(cs);
      byHost.put(c.host().toLowerCase(Locale.ROOT), cs);
      byId.put(c.id(), cs);
      byCluster.put(c, cs);
      for (ProxySpec p : c.proxies()) {
        addProxy(cs, p, Optional.empty());
        byHost.putIfAbsent(p.host().toLowerCase(Locale.ROOT), cs);
      }
    }
  }

  private ProxyState addProxy(ClusterState cs, ProxySpec spec, Optional<GeoPosition> position) {
    ProxyState p = new ProxyState(spec, cs, resolve(spec.type()), cs.proxies.size(), position);
    cs.proxies.add(p);
    proxies.put(spec.address().toLowerCase(Locale.ROOT), p);
    LoadTracker t = cs.load.computeIfAbsent(p.type,
        k -> new LoadTracker(k, config.ewmaWeight(), config.defaultOccupancy().toNanos() / 1e9));
    t.capacity += spec.capacity();
    return p;
  }

  /** A proxy type with local names resolved (draft-pis-00 §5): the site's names, then the codec's synonyms. */
  ProxyType resolve(ProxyType t) {
    String local = site.localTypeNames().get(t.name().toLowerCase(Locale.ROOT));
    ProxyType r = local == null ? t : ProxyType.of(local);
    return r.canonical();
  }

  // ---------------------------------------------------------------- PisController

  @Override
  public void handle(SipRequest request, Responder responder) {
    String[] target = userHost(request.uri());
    ClusterState c = byHost.get(target[1]);
    ProxyState p = proxies.get(target[0] + "@" + target[1]);
    String ua = request.from().map(a -> key(a.uri())).orElse("anonymous@invalid");
    SipMethod m = request.method();
    try {
      if (m.equals(SipMethod.SEEK)) {
        seek(request, responder, c, ua);
      } else if (m.equals(SipMethod.AIM)) {
        withProxy(request, responder, p, q -> aim(request, responder, q, ua));
      } else if (m.equals(SipMethod.FLUSH)) {
        withProxy(request, responder, p, q -> flush(request, responder, q, ua));
      } else if (m.equals(SipMethod.WASH)) {
        withCluster(request, responder, c, cs -> wash(request, responder, cs));
      } else if (m.equals(SipMethod.FRESHEN)) {
        withCluster(request, responder, c, cs -> freshen(request, responder, p == null ? cs.proxies : List.of(p)));
      } else if (m.equals(SipMethod.COMET)) {
        withCluster(request, responder, c, cs -> comet(request, responder, cs, p, ua));
      } else if (m.equals(SipMethod.VOMET)) {
        withCluster(request, responder, c, cs -> vomet(request, responder, cs, p, ua));
      } else if (m.equals(SipMethod.INVITE)) {
        withProxy(request, responder, p, q -> invite(request, responder, q, ua));
      } else if (m.equals(SipMethod.BYE)) {
        bye(request, responder, p, ua);
      } else if (m.equals(SipMethod.PUBLISH)) {
        withCluster(request, responder, c, cs -> publish(request, responder, cs, p));
      } else if (m.equals(PisMethods.STAND) || m.equals(PisMethods.HOVER) || m.equals(PisMethods.SIT)) {
        withProxy(request, responder, p, q -> posture(request, responder, q, ua, m));
      } else if (m.equals(PisMethods.LOOK_AT_THE_WALL)) {
        withProxy(request, responder, p, q -> lookAtTheWall(request, responder, q, ua));
      } else if (m.equals(PisMethods.DIG)) {
        withCluster(request, responder, c, cs -> dig(request, responder, cs, ua));
      } else {
        SipResponse.Builder b = responder.response(405);
        b.headers(SipHeaders.ALLOW, PisMethods.all());
        responder.send(b.build());
      }
    } catch (IllegalArgumentException | SipParseException e) {
      // a header whose value does not parse, or a sensor value out of range
      responder.send(responder.response(400).reason("Bad Request").build());
    }
  }

  @Override
  public void handleAck(SipRequest ack) {
    // the session was counted when the 200 went out; the ACK only confirms it (RFC 3261 §13.3.1.4)
  }

  @Override
  public void sessionUnconfirmed(String callId) {
    ProxyState p = sessionsByCall.remove(callId);
    if (p == null) {
      return; // already ended by BYE, or never started
    }
    // the user agent never arrived: nothing to flush, the place is free again
    p.sessions.remove(callId);
    p.postures.remove(callId);
    p.sessionStarts.remove(callId);
    occupancyChanged(p);
    changed(p.cluster);
    serveQueue(p.cluster);
  }

  @Override
  public Lane lane() {
    return lane;
  }

  @Override
  public Site site() {
    return site;
  }

  @Override
  public Optional<String> clusterAt(String host) {
    return Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT))).map(ClusterState::id);
  }

  @Override
  public Optional<ClusterSnapshot> snapshot(String clusterId) {
    return Optional.ofNullable(byId.get(clusterId)).map(this::snapshot);
  }

  @Override
  public List<ClusterSnapshot> snapshots() {
    return clusters.stream().map(this::snapshot).toList();
  }

  @Override
  public void addListener(PisListener listener) {
    listeners.add(listener);
  }

  @Override
  public boolean operate(String proxyAddress, ProxyCondition condition) {
    ProxyState p = proxies.get(proxyAddress.toLowerCase(Locale.ROOT));
    if (p == null) {
      return false;
    }
    setCondition(p, condition);
    changed(p.cluster);
    serveQueue(p.cluster);
    return true;
  }

  /** The live state of one proxy, for tests and tools. */
  Optional<ProxySnapshot> proxy(String address) {
    return Optional.ofNullable(proxies.get(address.toLowerCase(Locale.ROOT))).map(ProxyState::snapshot);
  }

  // ---------------------------------------------------------------- SEEK

  private void seek(SipRequest r, Responder out, ClusterState c, String ua) {
    SeekCriteria q = criteria(r, ua);
    long now = now();
    if (c == null) {
      // not one of ours (a foreign domain, or no cluster named): the site's best clusters, by redirect
      List<RankedCluster> ranked = rank(q, null);
      SipResponse.Builder b = out.response(300);
      contacts(b, ranked);
      out.send(b.build());
      return;
    }
    for (LoadTracker t : c.load.values()) {
      if (q.types().isEmpty() || q.types().contains(t.type())) {
        t.onArrival(now);
      }
    }
    Pick pick = pick(c, q);
    if (pick != null) {
      offer(r, out, c, pick, q);
      return;
    }
    Outlook outlook = outlook(c, q);
    if (outlook == Outlook.NONE || c.queue.size() >= config.queueBound()) {
      redirect(out, c, q, 300);
      return;
    }
    if (outlook == Outlook.CLEANING) {
      redirect(out, c, q, 301);
      return;
    }
    Waiter w = new Waiter(r, out, q, now, sequence++);
    c.queue.add(w);
    w.timeout = lane.schedule(config.queueTimeout().toNanos(), () -> {
      if (c.queue.remove(w)) {
        redirect(w.responder, c, w.criteria, 300);
        changed(c);
      }
    });
    int position = position(c, w);
    SipResponse.Builder b = out.response(110);
    b.header(PIS_QUEUE, "position=" + position + ";wait=" + fmt(waitAt(c, q, position)) + ";timeout="
        + config.queueTimeout().toSeconds());
    loadHeaders(b, c, q);
    contacts(b, rankFor(c, q));
    out.send(b.build());
    changed(c);
  }

  /** The queue position of {@code w} (1 = served next) by effective priority. */
  private int position(ClusterState c, Waiter w) {
    long now = now();
    int pos = 1;
    double mine = w.priority(now, config);
    for (Waiter o : c.queue) {
      if (o != w) {
        double theirs = o.priority(now, config);
        if (theirs > mine || (theirs == mine && o.sequence < w.sequence)) {
          pos++;
        }
      }
    }
    return pos;
  }

  private void redirect(Responder out, ClusterState c, SeekCriteria q, int status) {
    SipResponse.Builder b = out.response(status);
    List<RankedCluster> others = rank(q, c);
    contacts(b, others);
    long retry = status == 301 ? cleaningLeft(c, q) : Math.max(1, Math.round(clusterWait(c)));
    b.header(SipHeaders.RETRY_AFTER.name(), Long.toString(Math.max(1, retry)));
    loadHeaders(b, c, q);
    out.send(b.build());
  }

  private long cleaningLeft(ClusterState c, SeekCriteria q) {
    long left = Long.MAX_VALUE;
    for (ProxyState p : c.proxies) {
      if (p.condition == ProxyCondition.CLOSED_FOR_CLEANING && p.cleaningEndsAt > 0 && staticMatch(p, q, false)) {
        left = Math.min(left, p.cleaningEndsAt - now());
      }
    }
    return left == Long.MAX_VALUE ? config.cleaningDuration().toSeconds() : (left + 999_999_999L) / 1_000_000_000L;
  }

  private record Pick(ProxyState proxy, boolean forgone) {}

  private enum Outlook { WILL_FREE, CLEANING, NONE }

  /** The best proxy to offer now: strictly matching, or for Urgent and above, any of the wanted type. */
  private Pick pick(ClusterState c, SeekCriteria q) {
    ProxyState best = best(c, q, false);
    if (best != null) {
      return new Pick(best, false);
    }
    if (q.mayForgoRequires() && !q.requires().isEmpty()) {
      best = best(c, q, true);
      if (best != null) {
        return new Pick(best, true);
      }
    }
    return null;
  }

  private ProxyState best(ClusterState c, SeekCriteria q, boolean forgo) {
    ProxyState best = null;
    int bestScore = Integer.MAX_VALUE;
    for (ProxyState p : c.proxies) {
      if (p.freePlaces() == 0 || !offerable(p, q, forgo) || !staticMatch(p, q, forgo)) {
        continue;
      }
      int score = (p.condition == ProxyCondition.AVAILABLE ? 0 : 1000) + p.info.size();
      if (score < bestScore) {
        best = p;
        bestScore = score;
        if (score == 0) {
          break;
        }
      }
    }
    return best;
  }

  /** Whether the proxy's live state allows offering it: available, or needing a flush the seeker may do. */
  private boolean offerable(ProxyState p, SeekCriteria q, boolean forgo) {
    if (p.condition == ProxyCondition.AVAILABLE) {
      return forgo || liveMatch(p, q);
    }
    if (p.condition == ProxyCondition.NEEDS_FLUSH && p.graceUa == null) {
      // offered with Info: Previous-transaction-not-cleared, unless the seeker requires a flushed proxy
      return forgo || liveMatch(p, q);
    }
    return false;
  }

  /** Requires that the live state judges (Clean-proxy, Flushed-proxy, Paper, Sani-Shield). */
  private boolean liveMatch(ProxyState p, SeekCriteria q) {
    for (ProxyAttribute a : q.requires()) {
      ProxyAttribute want = a.canonical();
      if (want.equals(ProxyAttribute.CLEAN_PROXY)) {
        if (p.condition != ProxyCondition.AVAILABLE || p.info.stream().anyMatch(DIRTY::contains)) {
          return false;
        }
      } else if (want.equals(ProxyAttribute.FLUSHED_PROXY)) {
        if (p.condition != ProxyCondition.AVAILABLE || p.info.contains(InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED)) {
          return false;
        }
      } else if (want.equals(ProxyAttribute.PAPER) || want.refines().isPresent()) {
        if (p.info.contains(InfoItem.NO_PAPER)) {
          return false;
        }
      } else if (want.equals(ProxyAttribute.SANI_SHIELD) && p.info.contains(InfoItem.NO_SHIELD)) {
        return false;
      }
    }
    return true;
  }

  /** Type, access and the Requires the proxy's description answers. */
  private boolean staticMatch(ProxyState p, SeekCriteria q, boolean forgo) {
    if (!q.types().isEmpty() && !q.types().contains(p.type)) {
      return false;
    }
    if (q.access().isPresent() && p.spec.access() != q.access().get()) {
      return false;
    }
    if (p.condition == ProxyCondition.OUT_OF_SERVICE) {
      return false;
    }
    if (forgo) {
      return true;
    }
    for (ProxyAttribute a : q.requires()) {
      if (!offers(p, a)) {
        return false;
      }
    }
    return true;
  }

  private boolean offers(ProxyState p, ProxyAttribute required) {
    ProxyAttribute want = required.canonical();
    if (want.equals(ProxyAttribute.CLEAN_PROXY) || want.equals(ProxyAttribute.FLUSHED_PROXY)
        || want.equals(ProxyAttribute.PAYMENT_TOKEN)) {
      return true; // judged live, or (Payment-token) what the seeker offers, not what it asks
    }
    if (want.equals(ProxyAttribute.STALL_PROXY) && p.type.equals(ProxyType.STALL)) {
      return true;
    }
    for (ProxyAttribute o : p.spec.attributes()) {
      if (o.satisfies(required)) {
        return true;
      }
      // §5: local equivalents of Paper where the site says so
      if (want.equals(ProxyAttribute.PAPER) && site.paperEquivalents().stream().anyMatch(o::means)) {
        return true;
      }
    }
    return false;
  }

  private Outlook outlook(ClusterState c, SeekCriteria q) {
    boolean cleaning = false;
    for (ProxyState p : c.proxies) {
      if (!staticMatch(p, q, q.mayForgoRequires())) {
        continue;
      }
      switch (p.condition) {
        case AVAILABLE, NEEDS_FLUSH, FLUSHING, OCCUPIED -> {
          return Outlook.WILL_FREE;
        }
        case CLOSED_FOR_CLEANING -> cleaning = true;
        default -> { }
      }
    }
    return cleaning ? Outlook.CLEANING : Outlook.NONE;
  }

  private void offer(SipRequest r, Responder out, ClusterState c, Pick pick, SeekCriteria q) {
    ProxyState p = pick.proxy();
    hold(p, q.ua(), config.holdTime().toNanos());
    SipResponse.Builder b = out.response(200);
    b.set(HeaderName.FROM, addressValue(r, p.address(), r.from().flatMap(Address::tag)));
    describe(b, p, r);
    if (pick.forgone()) {
      b.header(SipHeaders.WARNING.name(), "399 " + c.cluster.host() + " \"Requires forgone for urgency\"");
    }
    b.header(SipHeaders.EXPIRES.name(), Long.toString(config.holdTime().toSeconds()));
    loadHeaders(b, c, q);
    contacts(b, rankFor(c, q));
    out.send(b.build());
    changed(c);
  }

  /** Info, Type, Requires, Forbidden and Warning of a proxy, as the 200 Proxy Available of §2.1 shows. */
  private void describe(SipResponse.Builder b, ProxyState p, SipRequest r) {
    List<InfoItem> info = p.infoNow();
    if (!info.isEmpty()) {
      b.header(PisHeaders.INFO, info);
    }
    b.header(PisHeaders.TYPE, List.of(p.spec.type()));
    if (!p.spec.requires().isEmpty()) {
      b.header(PisHeaders.REQUIRES, p.spec.requires());
    }
    if (!p.spec.forbidden().isEmpty()) {
      b.header(PisHeaders.FORBIDDEN, p.spec.forbidden());
    }
    List<String> warnings = warnings(p);
    if (!warnings.isEmpty()) {
      motionWarnings(b, r, p, warnings);
    }
  }

  /**
   * The draft's Warning list ({@code Warning: Turbulence | Swells}) in a PIS/1.0 answer; in a
   * SIP/2.0 one (a standard user agent, SIPp) the same conditions as RFC 3261 §20.43 warnings,
   * {@code 399 host "Turbulence"}, since a SIP/2.0 peer must be able to parse what it gets.
   */
  private static void motionWarnings(SipResponse.Builder b, SipRequest r, ProxyState p, List<String> conditions) {
    if (r.version() == SipVersion.PIS_1_0) {
      b.header(SipHeaders.WARNING, Warning.pis(conditions));
      return;
    }
    for (String condition : conditions) {
      b.header(SipHeaders.WARNING, Warning.of(399, p.cluster.cluster.host(), condition));
    }
  }

  /** The sensor's Warning values, or for a proxy in motion the one its kind of motion implies. */
  private List<String> warnings(ProxyState p) {
    if (p.warnings != null) {
      return p.warnings;
    }
    if (p.spec.motion().isPresent() && p.spec.motion().get().metersPerSecond() > 0) {
      if (AIRPLANE.contains(p.type)) {
        return List.of("Turbulence");
      }
      if (p.type.equals(ProxyType.MARINE_TOILET)) {
        return List.of("Swells");
      }
      return List.of("Uneven-pavement");
    }
    return List.of();
  }

  private void hold(ProxyState p, String ua, long nanos) {
    TimerHandle old = p.holds.remove(ua);
    if (old != null) {
      old.cancel();
    }
    p.holds.put(ua, lane.schedule(nanos, () -> {
      if (p.holds.remove(ua) != null) {
        if (ua.equals(p.graceUa)) {
          p.graceUa = null;
          afterSessions(p);
        }
        changed(p.cluster);
        serveQueue(p.cluster);
      }
    }));
  }

  private void release(ProxyState p, String ua) {
    TimerHandle h = p.holds.remove(ua);
    if (h != null) {
      h.cancel();
    }
  }

  /** Offers freed proxies to waiting seekers, highest effective priority first. */
  private void serveQueue(ClusterState c) {
    if (c.queue.isEmpty()) {
      return;
    }
    long now = now();
    List<Waiter> order = new ArrayList<>(c.queue);
    order.sort(Comparator.comparingDouble((Waiter w) -> -w.priority(now, config)).thenComparingLong(w -> w.sequence));
    boolean served = false;
    for (Waiter w : order) {
      Pick pick = pick(c, w.criteria);
      if (pick != null) {
        c.queue.remove(w);
        w.timeout.cancel();
        offer(w.request, w.responder, c, pick, w.criteria);
        served = true;
      }
    }
    if (served) {
      changed(c);
    }
  }

  private SeekCriteria criteria(SipRequest r, String ua) {
    Urgency urgency = Urgency.mostUrgent(flat(r.headers(PisHeaders.URGENCY))).orElse(Urgency.NORMAL);
    List<ProxyAttribute> requires = new ArrayList<>(flat(r.headers(PisHeaders.REQUIRES)));
    List<ProxyType> types = flat(r.headers(PisHeaders.TYPE)).stream().map(this::resolve).distinct().toList();
    List<Preference> prefs = flat(r.headers(PisHeaders.PREFERENCES));
    boolean pub = prefs.stream().anyMatch(x -> x.means(Preference.PUBLIC_TYPE));
    boolean priv = prefs.stream().anyMatch(x -> x.means(Preference.PRIVATE_TYPE));
    Optional<Access> access = pub == priv ? Optional.empty() : Optional.of(pub ? Access.PUBLIC : Access.PRIVATE);
    if (prefs.stream().anyMatch(x -> x.means(Preference.CLEAN)) && !requires.contains(ProxyAttribute.CLEAN_PROXY)) {
      requires.add(ProxyAttribute.CLEAN_PROXY);
    }
    Planet planet = flat(r.headers(PisHeaders.PLANET)).stream().findFirst().orElse(Planet.EARTH);
    Optional<GeoPosition> geo = r.header(PisHeaders.GEO_SPATIAL_POSITION);
    Optional<BuildingPosition> building = r.header(PisHeaders.IMPLEMENTATION_SPECIFIC_POSITION);
    Optional<String> near = r.header(PisHeaders.CURRENTLY_NEAR_TO);
    Optional<Velocity> velocity = r.header(PisHeaders.VELOCITY);
    LocationQuery loc = new LocationQuery(planet, geo, building, near, velocity, prefs);
    return new SeekCriteria(ua, urgency, List.copyOf(requires), types, access, loc);
  }

  private static <T> List<T> flat(List<List<T>> lists) {
    if (lists.size() == 1) {
      return lists.get(0);
    }
    List<T> out = new ArrayList<>();
    lists.forEach(out::addAll);
    return out;
  }

  /**
   * The clusters whose presence the seeker may join: with a location, the locator's ranking
   * (which may put another cluster first); without, the cluster asked.
   */
  private List<RankedCluster> rankFor(ClusterState c, SeekCriteria q) {
    if (q.location().hasLocation()) {
      List<RankedCluster> ranked = rank(q, null);
      if (ranked.stream().noneMatch(x -> x.cluster() == c.cluster)) {
        List<RankedCluster> withOwn = new ArrayList<>(ranked);
        withOwn.add(new RankedCluster(c.cluster, 0, 0, clusterWait(c)));
        return withOwn;
      }
      return ranked;
    }
    return List.of(new RankedCluster(c.cluster, 0, 0, clusterWait(c)));
  }

  /**
   * Suitable clusters of the site, best first, {@code except} left out. A seeker that said
   * nothing of where it is is taken to be at the cluster it asked ({@code except}), so that a
   * redirect names the nearest suitable ones.
   */
  private List<RankedCluster> rank(SeekCriteria q, ClusterState except) {
    int limit = config.redirectLimit() + (except == null ? 0 : 1);
    LocationQuery where = q.location();
    if (!where.hasLocation() && except != null && except.cluster.position().geo().isPresent()) {
      Position at = except.cluster.position();
      where = new LocationQuery(at.planet(), at.geo(), at.building(), Optional.empty(), Optional.empty(),
          where.preferences());
    }
    List<RankedCluster> ranked = locator.rank(where, cl -> {
      ClusterState cs = byCluster.get(cl);
      return cs != null && cs != except && suitable(cs, q);
    }, cl -> clusterWait(byCluster.get(cl)), limit);
    return ranked.size() > config.redirectLimit() ? ranked.subList(0, config.redirectLimit()) : ranked;
  }

  private boolean suitable(ClusterState cs, SeekCriteria q) {
    for (ProxyState p : cs.proxies) {
      if (staticMatch(p, q, q.mayForgoRequires())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Contact headers naming cluster controllers, best first, each with its expected wait and the
   * walk there: {@code <sip:rc@host>;wait=12.0;travel=30.0;distance=42}.
   */
  private static void contacts(SipResponse.Builder b, List<RankedCluster> ranked) {
    for (RankedCluster rc : ranked) {
      b.header(SipHeaders.CONTACT.name(), "<sip:" + rc.cluster().controller() + ">;wait=" + fmt(rc.waitSeconds())
          + ";travel=" + fmt(rc.travelSeconds()) + ";distance=" + Math.round(rc.distanceMeters()));
    }
  }

  /** One PIS-Load header per proxy type of the cluster (only the wanted types if the SEEK named some). */
  private void loadHeaders(SipResponse.Builder b, ClusterState c, SeekCriteria q) {
    for (LoadTracker t : c.load.values()) {
      if (!q.types().isEmpty() && !q.types().contains(t.type())) {
        continue;
      }
      int free = freeOfType(c, t.type());
      StringBuilder s = new StringBuilder(96);
      s.append("type=").append(t.type().name())
          .append(";occupancy=").append(fmt(t.meanOccupancySeconds()))
          .append(";arrivals=").append(fmt(t.arrivalsPerMinute()))
          .append(";utilisation=").append(String.format(Locale.ROOT, "%.2f", t.utilisation()))
          .append(";queue=").append(c.queue.size())
          .append(";wait=").append(fmt(t.waitAt(c.queue.size() + 1, free)))
          .append(";waits=");
      for (int k = 1; k <= 5; k++) {
        s.append(k == 1 ? "" : "/").append(fmt(t.waitAt(k, free)));
      }
      b.header(PIS_LOAD, s.toString());
    }
  }

  private int freeOfType(ClusterState c, ProxyType type) {
    int free = 0;
    for (ProxyState p : c.proxies) {
      if (p.type.equals(type) && p.condition == ProxyCondition.AVAILABLE) {
        free += p.freePlaces();
      }
    }
    return free;
  }

  /** Expected wait at queue position {@code k} for the types the seeker accepts: the shortest. */
  private double waitAt(ClusterState c, SeekCriteria q, int k) {
    double best = Double.MAX_VALUE;
    for (LoadTracker t : c.load.values()) {
      if (q.types().isEmpty() || q.types().contains(t.type())) {
        best = Math.min(best, t.waitAt(k, freeOfType(c, t.type())));
      }
    }
    return best == Double.MAX_VALUE ? 0 : best;
  }

  /** Expected wait for a newcomer to the cluster, any type. */
  private double clusterWait(ClusterState c) {
    double best = Double.MAX_VALUE;
    for (LoadTracker t : c.load.values()) {
      best = Math.min(best, t.waitAt(c.queue.size() + 1, freeOfType(c, t.type())));
    }
    return best == Double.MAX_VALUE ? 0 : best;
  }

  // ---------------------------------------------------------------- AIM

  private void aim(SipRequest r, Responder out, ProxyState p, String ua) {
    if (inebriated(r, ua)) {
      SipResponse.Builder b = out.response(575);
      b.header(PisHeaders.INFO_TEXT, "Don't be a lush.");
      out.send(b.build());
      return;
    }
    if (p.heldByOthers(ua)) {
      out.send(out.response(403).build());
      return;
    }
    boolean second = ua.equals(p.graceUa);
    switch (p.condition) {
      case PLUGGED -> {
        out.send(out.response(507).build());
        return;
      }
      case NEEDS_FLUSH, FLUSHING -> {
        if (!second) {
          SipResponse.Builder b = out.response(506);
          b.header(PisHeaders.INFO, p.infoNow());
          out.send(b.build());
          return;
        }
      }
      case OVERFLOWED, BACKUP, SEPTIC_REFLUX -> {
        SipResponse.Builder b = out.response(307);
        ProxyState other = best(p.cluster, anyCriteria(ua, p.type), false);
        if (other != null) {
          b.header(SipHeaders.CONTACT.name(), "<sip:" + other.address() + ">");
        }
        contacts(b, rank(anyCriteria(ua, p.type), p.cluster));
        out.send(b.build());
        return;
      }
      case AVAILABLE -> { }
      default -> {
        SipResponse.Builder b = out.response(480);
        b.header(PisHeaders.INFO, p.infoNow().isEmpty() ? List.of(InfoItem.of(p.condition.name())) : p.infoNow());
        out.send(b.build());
        return;
      }
    }
    boolean male = flat(r.headers(PisHeaders.REQUIRES)).stream().anyMatch(a -> a.means(ProxyAttribute.MALE))
        || "STAND".equals(postureOf(p, ua));
    if (male && !p.seatUp && SEATED_TYPES.contains(p.type)) {
      p.seatUp = true; // the user agent lifts it, as asked; the next AIM goes on
      out.send(out.response(300).build());
      changed(p.cluster);
      return;
    }
    out.send(out.response(165).build());
    out.send(out.response(180).build());
    out.send(out.response(183).build());
    List<String> w = warnings(p);
    if (!w.isEmpty()) {
      SipResponse.Builder b = out.response(201);
      motionWarnings(b, r, p, w);
      out.send(b.build());
    } else {
      out.send(out.response(200).build());
    }
  }

  private boolean inebriated(SipRequest r, String ua) {
    String user = ua.contains("@") ? ua.substring(0, ua.indexOf('@')) : ua;
    if (config.inebriatedUsers().contains(user)) {
      return true;
    }
    Optional<String> bac = r.header(BLOOD_ALCOHOL);
    if (bac.isPresent()) {
      try {
        return Double.parseDouble(bac.get().strip()) >= 0.08;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  private String postureOf(ProxyState p, String ua) {
    for (Map.Entry<String, String> e : p.sessions.entrySet()) {
      if (e.getValue().equals(ua)) {
        return p.postures.get(e.getKey());
      }
    }
    return p.postures.get("hold:" + ua);
  }

  private SeekCriteria anyCriteria(String ua, ProxyType type) {
    return new SeekCriteria(ua, Urgency.NORMAL, List.of(), List.of(type), Optional.empty(), LocationQuery.none());
  }

  // ---------------------------------------------------------------- INVITE / BYE

  private void invite(SipRequest r, Responder out, ProxyState p, String ua) {
    String callId = r.callId().orElse("");
    if (p.sessions.containsKey(callId)) {
      out.send(inviteOk(out, p)); // a re-INVITE
      return;
    }
    boolean second = ua.equals(p.graceUa) && p.condition == ProxyCondition.NEEDS_FLUSH;
    if (!second && p.condition != ProxyCondition.AVAILABLE) {
      SipResponse.Builder b = out.response(480);
      List<InfoItem> info = p.infoNow();
      b.header(PisHeaders.INFO, info.isEmpty() ? List.of(InfoItem.of(p.condition.name())) : info);
      out.send(b.build());
      return;
    }
    if (!p.holds.containsKey(ua) && p.freePlaces() == 0) {
      out.send(out.response(486).build());
      return;
    }
    if (WALL_TYPES.contains(p.type) && !p.wallLookers.contains(ua) && !r.headers(SipHeaders.SUPPORTED)
        .contains(PisMethods.LOOK_AT_THE_WALL_TAG) && !r.headers(SipHeaders.REQUIRE).contains(PisMethods.LOOK_AT_THE_WALL_TAG)) {
      SipResponse.Builder b = out.response(421);
      b.header(SipHeaders.REQUIRE.name(), PisMethods.LOOK_AT_THE_WALL_TAG);
      out.send(b.build());
      return;
    }
    release(p, ua);
    if (second) {
      p.graceUa = null;
      p.condition = ProxyCondition.AVAILABLE; // the same session goes on, before any flush
    }
    p.sessions.put(callId, ua);
    p.sessionStarts.put(callId, now());
    String posture = p.postures.remove("hold:" + ua);
    if (posture != null) {
      p.postures.put(callId, posture);
    }
    sessionsByCall.put(callId, p);
    occupancyChanged(p);
    out.send(inviteOk(out, p));
    changed(p.cluster);
  }

  private SipResponse inviteOk(Responder out, ProxyState p) {
    SipResponse.Builder b = out.response(200);
    b.header(SipHeaders.CONTACT.name(), "<sip:" + p.address() + ">");
    return b.build();
  }

  private void bye(SipRequest r, Responder out, ProxyState target, String ua) {
    String callId = r.callId().orElse("");
    ProxyState p = sessionsByCall.get(callId);
    if (p == null) {
      out.send(out.response(target != null ? 403 : 481).build());
      return;
    }
    if (!ua.equals(p.sessions.get(callId))) {
      out.send(out.response(403).build());
      return;
    }
    out.send(out.response(200).build());
    sessionsByCall.remove(callId);
    p.sessions.remove(callId);
    p.postures.remove(callId);
    long started = p.sessionStarts.remove(callId);
    double seconds = (now() - started) / 1e9;
    p.cluster.load.get(p.type).onSession(seconds);
    p.residue = Math.max(p.residue, seconds >= config.heavySession().toNanos() / 1e9 ? 2 : 1);
    if (p.spec.flushKind() == FlushKind.CONTINUOUS) {
      p.residue = 0;
    }
    if (!p.sessions.containsValue(ua)) {
      p.wallLookers.remove(ua);
    }
    occupancyChanged(p);
    if (seconds < config.shortSession().toNanos() / 1e9 && p.capacity() == 1) {
      // draft §3: terminated too soon, an automatic second session may follow
      p.graceUa = ua;
      hold(p, ua, config.gracePeriod().toNanos());
      if (p.spec.flushKind() != FlushKind.CONTINUOUS) {
        p.condition = ProxyCondition.NEEDS_FLUSH;
      }
    } else {
      afterSessions(p);
    }
    changed(p.cluster);
    serveQueue(p.cluster);
  }

  /** After the last session (and any grace period): needs a flush, flushes by itself, or flushes all along. */
  private void afterSessions(ProxyState p) {
    if (!p.sessions.isEmpty() || p.residue == 0 && p.condition == ProxyCondition.AVAILABLE) {
      return;
    }
    switch (p.spec.flushKind()) {
      case CONTINUOUS -> {
        p.residue = 0;
        if (p.condition == ProxyCondition.NEEDS_FLUSH) {
          p.condition = ProxyCondition.AVAILABLE;
        }
      }
      case MANUAL -> {
        if (p.condition == ProxyCondition.AVAILABLE) {
          p.condition = ProxyCondition.NEEDS_FLUSH;
        }
      }
      case ADVANCED -> {
        if (p.condition == ProxyCondition.AVAILABLE || p.condition == ProxyCondition.NEEDS_FLUSH) {
          p.condition = ProxyCondition.NEEDS_FLUSH;
          p.conditionTimer.cancel();
          p.conditionTimer = lane.schedule(config.autoFlushDelay().toNanos(), () -> autoFlush(p));
        }
      }
    }
  }

  /** The advanced proxy saw its user leave and flushed: {@code 200 WOOSH} to listeners (§2.3). */
  private void autoFlush(ProxyState p) {
    if (p.condition != ProxyCondition.NEEDS_FLUSH || p.graceUa != null) {
      return;
    }
    p.condition = ProxyCondition.AVAILABLE;
    p.residue = 0;
    p.info.remove(InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED);
    Announcement a = new Announcement(p.cluster.id(), p.address(), 200, StatusCodes.PIS_AUTO_FLUSH_PHRASE,
        config.clock().instant());
    for (PisListener l : listeners) {
      l.onAnnouncement(a);
    }
    changed(p.cluster);
    serveQueue(p.cluster);
  }

  private void occupancyChanged(ProxyState p) {
    ClusterState c = p.cluster;
    int inUse = 0;
    for (ProxyState o : c.proxies) {
      if (o.type.equals(p.type)) {
        inUse += o.sessions.size();
      }
    }
    c.load.get(p.type).onOccupancy(inUse);
  }

  // ---------------------------------------------------------------- FLUSH

  private void flush(SipRequest r, Responder out, ProxyState p, String ua) {
    if (!p.sessions.isEmpty() && !p.sessions.containsValue(ua) && p.capacity() == 1) {
      out.send(out.response(403).build());
      return;
    }
    Technique how = flat(r.headers(PisHeaders.HOW)).stream().findFirst().orElseGet(() -> defaultHow(p));
    if (!p.spec.flushHow().isEmpty() && p.spec.flushHow().stream().noneMatch(how::means)) {
      SipResponse.Builder b = out.response(488);
      b.header(PisHeaders.HOW, p.spec.flushHow());
      out.send(b.build());
      return;
    }
    switch (p.condition) {
      case OUT_OF_SERVICE -> {
        out.send(out.response(503).build());
        return;
      }
      case CLOSED_FOR_CLEANING -> {
        out.send(out.response(480).build());
        return;
      }
      case FLUSHING -> {
        out.send(out.response(491).build());
        return;
      }
      case NO_WATER -> {
        if (!how.means(Technique.PAIL_O_WATER)) {
          out.send(out.response(404).build());
          return;
        }
      }
      case PLUGGED -> {
        if (!how.means(Technique.PLUNGER)) {
          if (p.flushesWhilePlugged++ == 0) {
            fail(out, p, 470, ProxyCondition.PLUGGED);
          } else {
            fail(out, p, 602, ProxyCondition.OVERFLOWED);
          }
          return;
        }
      }
      case OVERFLOWED -> {
        fail(out, p, 602, ProxyCondition.OVERFLOWED);
        return;
      }
      case BACKUP -> {
        fail(out, p, 666, ProxyCondition.BACKUP);
        return;
      }
      case SEPTIC_REFLUX -> {
        fail(out, p, 667, ProxyCondition.SEPTIC_REFLUX);
        return;
      }
      default -> { }
    }
    // the plumbing's own mishaps, drawn from the seeded generator (probabilities 0 by default)
    double draw = random.nextDouble();
    if (draw < config.backupProbability()) {
      fail(out, p, 666, ProxyCondition.BACKUP);
      return;
    }
    draw -= config.backupProbability();
    if (draw < config.refluxProbability()) {
      fail(out, p, 667, ProxyCondition.SEPTIC_REFLUX);
      return;
    }
    draw -= config.refluxProbability();
    if (draw < config.cloggingProbability() && !how.means(Technique.PLUNGER)) {
      p.flushesWhilePlugged = 1;
      fail(out, p, 470, ProxyCondition.PLUGGED);
      return;
    }
    boolean shortForm = r.isShortForm();
    SipResponse.Builder info = out.response(100);
    info.reason("INFO");
    info.header(PisHeaders.HOW, List.of(how));
    out.send(info.build());
    ProxyCondition before = p.condition == ProxyCondition.PLUGGED || p.condition == ProxyCondition.NO_WATER
        ? ProxyCondition.NEEDS_FLUSH : p.condition;
    p.condition = ProxyCondition.FLUSHING;
    changed(p.cluster);
    long d = config.flushDuration().toNanos();
    if (!shortForm) {
      out.send(out.response(155).build());
      lane.schedule(d / 3, () -> out.send(out.response(160).build()));
      lane.schedule(2 * d / 3, () -> out.send(out.response(161).build()));
    }
    p.conditionTimer.cancel();
    p.conditionTimer = lane.schedule(d, () -> flushed(out, p, how, before, shortForm));
  }

  private void flushed(Responder out, ProxyState p, Technique how, ProxyCondition before, boolean shortForm) {
    if (p.condition != ProxyCondition.FLUSHING) {
      return; // an operator stepped in
    }
    p.flushesWhilePlugged = 0;
    p.residue = how.means(Technique.PLUNGER) || how.means(Technique.PAIL_O_WATER) ? 0 : Math.max(0, p.residue - 1);
    if (how.freshens()) {
      p.info.remove(InfoItem.MALODOR);
    }
    if (p.graceUa != null) {
      // a flush ends the chance of an automatic second session
      release(p, p.graceUa);
      p.graceUa = null;
    }
    if (p.residue > 0) {
      p.condition = p.sessions.isEmpty() ? ProxyCondition.NEEDS_FLUSH : ProxyCondition.AVAILABLE;
      out.send(out.response(300).build());
    } else {
      p.condition = ProxyCondition.AVAILABLE;
      p.info.remove(InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED);
      SipResponse.Builder b = out.response(200);
      if (shortForm) {
        b.reason("OK"); // the draft's "200 OK TID=1"
      }
      out.send(b.build());
    }
    changed(p.cluster);
    serveQueue(p.cluster);
  }

  private void fail(Responder out, ProxyState p, int status, ProxyCondition condition) {
    p.condition = condition;
    p.conditionTimer.cancel();
    SipResponse r = out.response(status).build();
    out.send(r);
    maintenance(p, status, r.reason());
    changed(p.cluster);
  }

  private static Technique defaultHow(ProxyState p) {
    if (!p.spec.flushHow().isEmpty()) {
      return p.spec.flushHow().get(0);
    }
    if (p.type.equals(ProxyType.MARINE_TOILET)) {
      return Technique.MARINE_PLUNGER_PUMP;
    }
    if (AIRPLANE.contains(p.type)) {
      return Technique.VACUUM_FLUSH;
    }
    return p.spec.flushKind() == FlushKind.MANUAL ? Technique.TILT_LEVER_HANDLE : Technique.AUTOMATIC;
  }

  private void maintenance(ProxyState p, int status, String reason) {
    MaintenanceEvent e = new MaintenanceEvent(p.cluster.id(), p.address(), p.condition, status, reason,
        config.clock().instant());
    for (PisListener l : listeners) {
      l.onMaintenance(e);
    }
  }

  // ---------------------------------------------------------------- WASH

  private void wash(SipRequest r, Responder out, ClusterState c) {
    if (c.cluster.wash().sinks() == 0) {
      out.send(out.response(400).reason(StatusCodes.WASH_NO_WATER).build());
      return;
    }
    if (c.waterOff) {
      boolean everywhere = clusters.stream().filter(x -> x.cluster.wash().sinks() > 0).allMatch(x -> x.waterOff);
      out.send(out.response(everywhere ? 600 : 500).reason(StatusCodes.WASH_NO_WATER).build());
      return;
    }
    if (c.sinksDirty) {
      boolean everywhere = clusters.stream().filter(x -> x.cluster.wash().sinks() > 0).allMatch(x -> x.sinksDirty);
      out.send(out.response(everywhere ? 600 : 500).reason(StatusCodes.WASH_SINK_NOT_CLEAN).build());
      return;
    }
    Waiter w = new Waiter(r, out, null, now(), sequence++);
    if (c.sinksBusy < c.cluster.wash().sinks()) {
      sinkAvailable(c, w);
      return;
    }
    c.washQueue.add(w);
    w.timeout = lane.schedule(config.queueTimeout().toNanos(), () -> {
      if (c.washQueue.remove(w)) {
        SipResponse.Builder b = out.response(480);
        b.header(SipHeaders.RETRY_AFTER.name(), Long.toString(config.washDuration().toSeconds()));
        out.send(b.build());
      }
    });
    out.send(out.response(110).build());
  }

  private void sinkAvailable(ClusterState c, Waiter w) {
    c.sinksBusy++;
    Responder out = w.responder;
    var f = c.cluster.wash();
    SipResponse.Builder info = out.response(101);
    info.reason("INFO");
    if (!f.water().isEmpty()) {
      info.header(PisHeaders.WATER_STATE, f.water());
      List<WaterStatus> status = new ArrayList<>();
      if (f.water().contains(WaterState.COLD) || f.water().contains(WaterState.TEPID)) {
        status.add(WaterStatus.COLD_AVAILABLE);
      }
      if (f.water().contains(WaterState.HOT) || f.water().contains(WaterState.TEPID)) {
        status.add(WaterStatus.HOT_AVAILABLE);
      }
      info.header(PisHeaders.WATER_STATUS, status);
    }
    info.header(PisHeaders.HANDLE_METHOD, List.of(f.handle()));
    info.header(PisHeaders.SOAP, List.of(f.soap() ? Soap.YES : Soap.NO));
    if (!f.dryer().isEmpty()) {
      info.header(PisHeaders.DRYER_TYPE, f.dryer());
      info.header(PisHeaders.DRYER_STATE, List.of(c.dryerNotOk ? DryerState.NOT_OK : DryerState.OK));
    }
    if (f.dryer().isEmpty() || c.dryerNotOk) {
      info.header(PisHeaders.RECOMMEND, List.of(Recommendation.HAND_WRING));
    }
    out.send(info.build());
    out.send(out.response(200).build());
    lane.schedule(config.washDuration().toNanos(), () -> {
      c.sinksBusy--;
      Waiter next = c.washQueue.poll();
      if (next != null) {
        next.timeout.cancel();
        sinkAvailable(c, next);
      }
    });
  }

  // ---------------------------------------------------------------- FRESHEN

  private void freshen(SipRequest r, Responder out, List<ProxyState> targets) {
    Technique how = flat(r.headers(PisHeaders.HOW)).stream().findFirst().orElse(Technique.OZIUM);
    if (!how.freshens() && how.isKnown()) {
      SipResponse.Builder b = out.response(488);
      b.header(PisHeaders.HOW, List.of(Technique.OZIUM, Technique.POTPOURRI,
          Technique.CARBOLINE_BASED_PROPELLANT_SPRAY, Technique.AROMATIC_CANDLE));
      out.send(b.build());
      return;
    }
    if (how.isOpenFlame()) {
      for (ProxyState p : targets) {
        if (AIRPLANE.contains(p.type) || p.indicators.contains("No-Smoking")) {
          p.indicators.add("No-Smoking");
          SipResponse.Builder b = out.response(488);
          b.header(PisHeaders.INFO_TEXT, "Flames are not allowed in an airplane lavatory.");
          out.send(b.build());
          changed(p.cluster);
          return;
        }
      }
      List<ProxyState> blown = targets.stream().filter(p -> p.methanePpm >= config.methaneExplosivePpm()).toList();
      if (!blown.isEmpty()) {
        SipResponse resp = out.response(699).build();
        out.send(resp);
        for (ProxyState p : blown) {
          setCondition(p, ProxyCondition.OUT_OF_SERVICE);
          maintenance(p, 699, resp.reason());
        }
        changed(blown.get(0).cluster);
        return;
      }
    }
    Set<InfoItem> why = new LinkedHashSet<>();
    Optional<String> temperature = Optional.empty();
    for (ProxyState p : targets) {
      boolean hot = p.temperature.map(DefaultPisController::fahrenheit).orElse(0.0) >= 100;
      if (p.info.contains(InfoItem.REEKING_STENCH) && (p.info.contains(InfoItem.VENTILATION_NOT_ADEQUATE) || hot)) {
        why.add(InfoItem.REEKING_STENCH);
        if (p.info.contains(InfoItem.VENTILATION_NOT_ADEQUATE)) {
          why.add(InfoItem.VENTILATION_NOT_ADEQUATE);
        }
        if (p.temperature.isPresent()) {
          temperature = p.temperature;
        }
      }
    }
    if (!why.isEmpty()) {
      List<InfoItem> info = new ArrayList<>(why);
      temperature.ifPresent(t -> info.add(InfoItem.of("Temperature " + t)));
      SipResponse.Builder b = out.response(300);
      b.set(HeaderName.INFO, String.join(", ", info.stream().map(InfoItem::name).toList()));
      out.send(b.build());
      return;
    }
    for (ProxyState p : targets) {
      p.info.remove(InfoItem.MALODOR);
      p.info.remove(InfoItem.REEKING_STENCH);
    }
    out.send(out.response(200).build());
    if (!targets.isEmpty()) {
      changed(targets.get(0).cluster);
    }
  }

  private static double fahrenheit(String t) {
    String s = t.strip().toUpperCase(Locale.ROOT);
    try {
      if (s.endsWith("C")) {
        return Double.parseDouble(s.substring(0, s.length() - 1)) * 9 / 5 + 32;
      }
      return Double.parseDouble(s.endsWith("F") ? s.substring(0, s.length() - 1) : s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // ---------------------------------------------------------------- COMET / VOMET

  private void comet(SipRequest r, Responder out, ClusterState c, ProxyState p, String ua) {
    boolean cleaning = p == null || r.header(COMET_PURPOSE).map(v -> v.strip().equalsIgnoreCase("Cleaning")).orElse(false);
    if (cleaning) {
      List<ProxyState> targets = p == null ? c.proxies : List.of(p);
      int closed = 0;
      for (ProxyState t : targets) {
        if (t.sessions.isEmpty() && t.condition != ProxyCondition.OUT_OF_SERVICE) {
          startCleaning(t);
          closed++;
        }
      }
      if (closed == 0) {
        out.send(out.response(p != null && !p.sessions.isEmpty() ? 486 : 480).build());
        return;
      }
      SipResponse.Builder b = out.response(200);
      b.header(SipHeaders.EXPIRES.name(), Long.toString(config.cleaningDuration().toSeconds()));
      out.send(b.build());
      changed(c);
      return;
    }
    if (p.isHolder(ua)) {
      if (p.holds.containsKey(ua)) {
        hold(p, ua, config.holdTime().toNanos());
      }
    } else if (p.condition != ProxyCondition.AVAILABLE) {
      out.send(out.response(480).build());
      return;
    } else if (p.freePlaces() == 0) {
      out.send(out.response(486).build());
      return;
    } else {
      hold(p, ua, config.holdTime().toNanos());
    }
    SipResponse.Builder b = out.response(200);
    b.header(SipHeaders.EXPIRES.name(), Long.toString(config.holdTime().toSeconds()));
    out.send(b.build());
    changed(c);
  }

  private void startCleaning(ProxyState t) {
    for (String holder : List.copyOf(t.holds.keySet())) {
      release(t, holder);
    }
    t.graceUa = null;
    t.condition = ProxyCondition.CLOSED_FOR_CLEANING;
    t.cleaningEndsAt = now() + config.cleaningDuration().toNanos();
    t.conditionTimer.cancel();
    t.conditionTimer = lane.schedule(config.cleaningDuration().toNanos(), () -> {
      if (t.condition == ProxyCondition.CLOSED_FOR_CLEANING) {
        finishCleaning(t);
        changed(t.cluster);
        serveQueue(t.cluster);
      }
    });
  }

  private void finishCleaning(ProxyState t) {
    t.conditionTimer.cancel();
    t.condition = ProxyCondition.AVAILABLE;
    t.info.removeAll(CLEANED_BY_COMET);
    t.residue = 0;
    t.flushesWhilePlugged = 0;
    t.cleaningEndsAt = 0;
  }

  private void vomet(SipRequest r, Responder out, ClusterState c, ProxyState p, String ua) {
    List<ProxyState> targets = p == null ? c.proxies : List.of(p);
    boolean done = false;
    for (ProxyState t : targets) {
      if (t.holds.containsKey(ua) && !ua.equals(t.graceUa)) {
        release(t, ua);
        done = true;
      } else if (t.condition == ProxyCondition.CLOSED_FOR_CLEANING) {
        finishCleaning(t);
        done = true;
      }
    }
    if (!done) {
      out.send(out.response(481).build());
      return;
    }
    out.send(out.response(200).build());
    changed(c);
    serveQueue(c);
  }

  // ---------------------------------------------------------------- posture, wall, DIG

  private void posture(SipRequest r, Responder out, ProxyState p, String ua, SipMethod m) {
    if (!p.isHolder(ua)) {
      out.send(out.response(403).build());
      return;
    }
    if (m.equals(PisMethods.SIT) && STANDING_ONLY.contains(p.type)) {
      SipResponse.Builder b = out.response(488);
      b.header(PisHeaders.INFO_TEXT, "There is nothing to sit on.");
      out.send(b.build());
      return;
    }
    String key = null;
    for (Map.Entry<String, String> e : p.sessions.entrySet()) {
      if (e.getValue().equals(ua)) {
        key = e.getKey();
      }
    }
    p.postures.put(key == null ? "hold:" + ua : key, m.name());
    if (m.equals(PisMethods.STAND)) {
      p.seatUp = true;
    }
    SipResponse.Builder b = out.response(200);
    boolean shielded = p.spec.attributes().stream().anyMatch(a -> a.satisfies(ProxyAttribute.SANI_SHIELD))
        && !p.info.contains(InfoItem.NO_SHIELD);
    if (m.equals(PisMethods.SIT) && !shielded) {
      b.header(SipHeaders.WARNING, Warning.of(399, p.cluster.cluster.host(), "Sitting on an unshielded proxy"));
    }
    out.send(b.build());
  }

  private void lookAtTheWall(SipRequest r, Responder out, ProxyState p, String ua) {
    p.wallLookers.add(ua);
    out.send(out.response(200).build());
  }

  private void dig(SipRequest r, Responder out, ClusterState c, String ua) {
    boolean spade = flat(r.headers(PisHeaders.REQUIRES)).stream().anyMatch(a -> a.means(ProxyAttribute.SPADE));
    if (!spade) {
      SipResponse.Builder b = out.response(421);
      b.header(PisHeaders.REQUIRES, List.of(ProxyAttribute.SPADE));
      out.send(b.build());
      return;
    }
    Optional<GeoPosition> where = r.header(PisHeaders.GEO_SPATIAL_POSITION);
    if (where.isEmpty()) {
      out.send(out.response(400).reason("Geo-spatial-position required to DIG").build());
      return;
    }
    String address = "dug" + (++dug) + "@" + c.cluster.host();
    ProxySpec spec = new ProxySpec(address, ProxyType.USER_INSTANTIATED_PROXY, 1, Set.of(), List.of(), List.of(),
        Access.PRIVATE, FlushKind.CONTINUOUS, List.of(), Optional.empty());
    ProxyState p = addProxy(c, spec, where);
    hold(p, ua, config.holdTime().toNanos());
    SipResponse.Builder b = out.response(200);
    b.set(HeaderName.FROM, addressValue(r, address, r.from().flatMap(Address::tag)));
    b.header(SipHeaders.CONTACT.name(), "<sip:" + address + ">");
    b.header(PisHeaders.TYPE, List.of(ProxyType.USER_INSTANTIATED_PROXY));
    b.header(PisHeaders.GEO_SPATIAL_POSITION, where.get());
    out.send(b.build());
    changed(c);
  }

  // ---------------------------------------------------------------- PUBLISH (sensors)

  /**
   * A sensor reports (headers, see docs/pis.md): on a proxy {@code Condition}, {@code Info},
   * {@code Methane}, {@code Temperature}, {@code Indicators}, {@code Warning}, {@code Seat}; on a
   * controller {@code Water}, {@code Sink}, {@code Dryer-State}.
   */
  private void publish(SipRequest r, Responder out, ClusterState c, ProxyState p) {
    if (p != null) {
      Optional<String> v = r.header(HeaderName.of("Condition"));
      if (v.isPresent()) {
        setCondition(p, ProxyCondition.valueOf(v.get().strip().toUpperCase(Locale.ROOT).replace('-', '_')));
      }
      v = r.header(HeaderName.INFO);
      if (v.isPresent()) {
        p.info.clear();
        if (!v.get().strip().equalsIgnoreCase("none")) {
          p.info.addAll(flat(r.headers(PisHeaders.INFO)));
        }
      }
      v = r.header(HeaderName.of("Methane"));
      if (v.isPresent()) {
        double ppm = Double.parseDouble(v.get().strip().replaceAll("(?i)\\s*ppm$", ""));
        if (ppm < 0 || Double.isNaN(ppm)) {
          throw new IllegalArgumentException("methane");
        }
        p.methanePpm = ppm;
      }
      v = r.header(HeaderName.of("Temperature"));
      if (v.isPresent()) {
        p.temperature = v.get().strip().equalsIgnoreCase("none") ? Optional.empty() : Optional.of(v.get().strip());
      }
      v = r.header(HeaderName.of("Indicators"));
      if (v.isPresent()) {
        p.indicators.clear();
        for (String s : words(v.get())) {
          String known = INDICATORS.stream().filter(k -> k.equalsIgnoreCase(s)).findFirst()
              .orElseThrow(() -> new IllegalArgumentException("indicator"));
          p.indicators.add(known);
        }
      }
      v = r.header(HeaderName.WARNING);
      if (v.isPresent()) {
        List<String> w = new ArrayList<>();
        for (String s : words(v.get())) {
          w.add(MOTION_WARNINGS.stream().filter(k -> k.equalsIgnoreCase(s)).findFirst()
              .orElseThrow(() -> new IllegalArgumentException("warning")));
        }
        p.warnings = List.copyOf(w);
      }
      v = r.header(HeaderName.of("Seat"));
      if (v.isPresent()) {
        p.seatUp = v.get().strip().equalsIgnoreCase("up");
      }
    } else {
      r.header(HeaderName.of("Water")).ifPresent(v -> c.waterOff = v.strip().equalsIgnoreCase("off"));
      r.header(HeaderName.of("Sink")).ifPresent(v -> c.sinksDirty = v.strip().equalsIgnoreCase("dirty"));
      r.header(HeaderName.DRYER_STATE).ifPresent(v -> c.dryerNotOk = v.strip().equalsIgnoreCase("not-ok"));
    }
    out.send(out.response(200).build());
    changed(c);
    serveQueue(c);
  }

  /** Words of a sensor list: separated by {@code |}, commas or blanks; {@code none} is the empty list. */
  private static List<String> words(String v) {
    List<String> out = new ArrayList<>();
    for (String s : v.split("[|,\\s]+")) {
      if (!s.isEmpty() && !s.equalsIgnoreCase("none")) {
        out.add(s);
      }
    }
    return out;
  }

  private void setCondition(ProxyState p, ProxyCondition condition) {
    p.conditionTimer.cancel();
    if (condition == ProxyCondition.OCCUPIED) {
      condition = ProxyCondition.AVAILABLE; // occupancy is counted, not set
    }
    if (condition == ProxyCondition.AVAILABLE) {
      p.info.remove(InfoItem.PLUGGED);
      p.info.remove(InfoItem.OVERFLOWED);
      p.info.remove(InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED);
      p.residue = 0;
      p.flushesWhilePlugged = 0;
      p.cleaningEndsAt = 0;
    }
    if (condition == ProxyCondition.CLOSED_FOR_CLEANING) {
      p.cleaningEndsAt = 0; // until an operator reopens it
    }
    if (condition == ProxyCondition.PLUGGED) {
      p.flushesWhilePlugged = 0;
    }
    p.condition = condition;
  }

  // ---------------------------------------------------------------- helpers

  private void withProxy(SipRequest r, Responder out, ProxyState p, Consumer<ProxyState> then) {
    if (p == null) {
      out.send(out.response(404).build());
    } else {
      then.accept(p);
    }
  }

  private void withCluster(SipRequest r, Responder out, ClusterState c, Consumer<ClusterState> then) {
    if (c == null) {
      out.send(out.response(404).build());
    } else {
      then.accept(c);
    }
  }

  private long now() {
    return lane.ticker().nanos();
  }

  private void changed(ClusterState c) {
    c.version++;
    if (!listeners.isEmpty()) {
      ClusterSnapshot s = snapshot(c);
      for (PisListener l : listeners) {
        l.onClusterChanged(s);
      }
    }
  }

  private ClusterSnapshot snapshot(ClusterState c) {
    List<ProxySnapshot> ps = new ArrayList<>(c.proxies.size());
    for (ProxyState p : c.proxies) {
      ps.add(p.snapshot());
    }
    List<LoadFigures> load = new ArrayList<>();
    for (LoadTracker t : c.load.values()) {
      load.add(t.figures(c.queue.size(), freeOfType(c, t.type())));
    }
    return new ClusterSnapshot(c.id(), c.cluster.controller(), c.cluster.name(), c.version, ps, c.queue.size(),
        clusterWait(c), load);
  }

  /** {@code user@host} of a URI, host in lower case: the key of proxies and of user agents. */
  static String key(Uri uri) {
    String[] uh = userHost(uri);
    return uh[0].isEmpty() ? uh[1] : uh[0] + "@" + uh[1];
  }

  static String[] userHost(Uri uri) {
    if (uri instanceof SipUri s) {
      return new String[] {s.user().orElse(""), s.host().toLowerCase(Locale.ROOT)};
    }
    String t = uri.toString();
    int colon = t.indexOf(':');
    int at = t.indexOf('@');
    if (colon >= 0 && (at < 0 || colon < at)) {
      t = t.substring(colon + 1);
    }
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi);
    }
    at = t.indexOf('@');
    String user = at < 0 ? "" : t.substring(0, at);
    String host = at < 0 ? t : t.substring(at + 1);
    int port = host.lastIndexOf(':');
    if (port > 0 && host.indexOf(']') < port) {
      host = host.substring(0, port);
    }
    return new String[] {user, host.toLowerCase(Locale.ROOT)};
  }

  /** An address for From or Contact: bare in the short form, as the draft writes it; else a SIP URI. */
  private static String addressValue(SipRequest r, String address, Optional<String> tag) {
    if (r.isShortForm() && r.version() == SipVersion.PIS_1_0) {
      return address;
    }
    return "<sip:" + address + ">" + tag.map(t -> ";tag=" + t).orElse("");
  }

  static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }
}
