package io.miville.pis.controller;

import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.ProxyType;
import io.miville.pis.site.ProxySpec;
import io.miville.transaction.time.TimerHandle;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The live state of one proxy; owned by the controller's lane. */
final class ProxyState {
  final ProxySpec spec;
  final ClusterState cluster;
  final ProxyType type; // the canonical type, local names resolved
  final int index;
  final Optional<GeoPosition> position; // a dug proxy's own place
  /** The condition apart from occupancy (AVAILABLE while sessions run on free places). */
  ProxyCondition condition = ProxyCondition.AVAILABLE;
  /** Call-ID to user agent, for the sessions in progress. */
  final Map<String, String> sessions = new LinkedHashMap<>();
  /** User agent to the timer that ends its hold (a 200 Proxy Available, a COMET, a grace period). */
  final Map<String, TimerHandle> holds = new LinkedHashMap<>();
  final Set<InfoItem> info = new LinkedHashSet<>();
  final Set<String> indicators = new TreeSet<>();
  /** Warning values a sensor reported; null until one did (then motion decides). */
  List<String> warnings;
  double methanePpm;
  Optional<String> temperature = Optional.empty();
  boolean seatUp;
  /** Flushes still needed before the bowl is clear (a heavy session leaves 2). */
  int residue;
  /** FLUSHes tried while plugged: the first is 470 Plugged, the next 602 Overflowed. */
  int flushesWhilePlugged;
  /** The user agent in the grace period of an automatic second session, if any. */
  String graceUa;
  /** User agents that said they look at the wall here (LOOK-AT-THE-WALL). */
  final Set<String> wallLookers = new LinkedHashSet<>();
  /** Call-ID to posture (STAND, HOVER, SIT) of sessions in progress. */
  final Map<String, String> postures = new LinkedHashMap<>();
  TimerHandle conditionTimer = TimerHandle.NONE; // flush in progress, cleaning, auto-flush
  long cleaningEndsAt;
  final Map<String, Long> sessionStarts = new LinkedHashMap<>();

  ProxyState(ProxySpec spec, ClusterState cluster, ProxyType type, int index, Optional<GeoPosition> position) {
    this.spec = spec;
    this.cluster = cluster;
    this.type = type;
    this.index = index;
    this.position = position;
  }

  String address() {
    return spec.address();
  }

  int capacity() {
    return spec.capacity();
  }

  /** Places neither in a session nor held for someone. */
  int freePlaces() {
    return Math.max(0, spec.capacity() - sessions.size() - holds.size());
  }

  /** True if {@code ua} has a session here or holds a place. */
  boolean isHolder(String ua) {
    return holds.containsKey(ua) || sessions.containsValue(ua);
  }

  /** True if someone else has every place (a session or a hold). */
  boolean heldByOthers(String ua) {
    return !isHolder(ua) && freePlaces() == 0;
  }

  /** What presence and the operator see: OCCUPIED when every place is taken. */
  ProxyCondition visibleCondition() {
    if (condition == ProxyCondition.AVAILABLE && freePlaces() == 0 && !sessions.isEmpty()) {
      return ProxyCondition.OCCUPIED;
    }
    return condition;
  }

  /** The Info flags that hold now: the stored ones and those the condition implies. */
  List<InfoItem> infoNow() {
    Set<InfoItem> out = new LinkedHashSet<>(info);
    switch (condition) {
      case NEEDS_FLUSH -> out.add(InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED);
      case FLUSHING -> out.add(InfoItem.PREVIOUS_TRANSACTION_CLEARING);
      case PLUGGED -> out.add(InfoItem.PLUGGED);
      case OVERFLOWED -> out.add(InfoItem.OVERFLOWED);
      default -> { }
    }
    return List.copyOf(out);
  }

  ProxySnapshot snapshot() {
    return new ProxySnapshot(spec.address(), spec.type(), visibleCondition(), sessions.size(), spec.capacity(),
        infoNow(), methanePpm, indicators);
  }
}
