package io.miville.pis.presence;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.RetryAfter;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.MaintenanceEvent;
import io.miville.pis.controller.PisListener;
import io.miville.pis.presence.PresenceBodies.NumberedEvent;
import io.miville.pis.server.SubscriptionHandler;
import io.miville.transaction.ClientTransaction;
import io.miville.transaction.ResponseListener;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.TransactionLayer;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Flow;
import io.miville.transport.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The notifier of the PIS presence event packages (RFC 6665): {@code pis-cluster}, the full
 * state of a cluster, and {@code pis-maintenance}, the events maintenance must act on, for a
 * cluster or the whole site. See docs/pis-presence.md.
 *
 * <p>A SUBSCRIBE's Request-URI names the cluster by its controller address
 * ({@code sip:resourcecontroller@latrine1.loo.com}); a {@code pis-maintenance} SUBSCRIBE to
 * {@code sip:maintenance@<any host>} covers the whole site. The service answers {@code 200} with
 * the granted Expires (RFC 6665 §4.2.1.1; never 202, §8.3.1), sends the immediate NOTIFY with
 * the full state (§4.2.1.2), refreshes, unsubscribes ({@code Expires: 0}, §4.2.1.4) and ends
 * subscriptions at expiry ({@code terminated;reason=timeout}) or when their cluster is removed
 * ({@code reason=noresource}). It refuses too short durations with {@code 423} and Min-Expires,
 * unknown or missing Event with {@code 489} and Allow-Events (§8.3.2), requests for an unknown
 * dialog with {@code 481}, and new subscriptions beyond {@link PresenceConfig#maxSubscriptions}
 * with {@code 503} and Retry-After. A NOTIFY answered {@code 481} or {@code 408}, timing out or
 * failing in the transport ends its subscription (§4.2.2).
 *
 * <p>Rate: every NOTIFY carries full state, so changes coalesce: at most one NOTIFY per
 * subscription per {@link PresenceConfig#notifyInterval} (the first at once, the latest state
 * wins), at most {@link PresenceConfig#maxInFlight} NOTIFY transactions outstanding per
 * subscription and {@link PresenceConfig#maxInFlightTotal} in all (a fan-out to many subscribers
 * is paced by their responses); a cluster fans out at most once per interval however often it
 * changes. Over UDP, a NOTIFY the transport could not send (a full socket buffer says nothing
 * about the subscriber) is sent again later with the latest state; over TCP or TLS the
 * connection is gone and the subscription with it.
 *
 * <p>Threading: SUBSCRIBE arrives on transaction lanes, {@link PisListener} calls on the
 * controller's lane, NOTIFY responses on transaction lanes; every one hops to the service's own
 * {@link Lane}, where all its state lives and its timers run. Nothing blocks.
 */
public final class PresenceService implements SubscriptionHandler, PisListener {
  private static final System.Logger LOG = System.getLogger(PresenceService.class.getName());
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  /** The Request-URI user that names the whole site in a pis-maintenance SUBSCRIBE. */
  public static final String SITE_MAINTENANCE_USER = "maintenance";
  private static final int TRANSPORT_ERROR = -1;
  private static final int NOT_SENT = -2;
  private static final long UDP_RETRY_NANOS = 1_000_000_000L;

  private final Lane lane;
  private final ClusterDirectory directory;
  private final Supplier<TransactionLayer> transactions;
  private final PresenceConfig config;
  private final Optional<Address> contact;
  private final long intervalNanos;

  // ---- lane-confined state ----
  private final Map<Subscription.Key, Subscription> subscriptions = new HashMap<>();
  private final Map<String, ClusterEntry> clusters = new HashMap<>();
  private final Set<Subscription> siteMaintenance = new LinkedHashSet<>();
  private final ArrayDeque<NumberedEvent> siteHistory = new ArrayDeque<>();
  private final Map<String, ArrayDeque<NumberedEvent>> clusterHistory = new HashMap<>();
  private long maintenanceSequence;
  private int pendingLookups;
  /** Subscriptions with a NOTIFY due, waiting for room in the window of {@link PresenceConfig#maxInFlightTotal}. */
  private final ArrayDeque<Subscription> waiting = new ArrayDeque<>();
  private int inFlightTotal;

  // ---- readable from any thread ----
  private volatile int subscriptionCount;
  private final LongAdder notifiesSent = new LongAdder();
  private final LongAdder notifiesFailed = new LongAdder();
  private final LongAdder rejectedFull = new LongAdder();

  /** What the service keeps per cluster that has subscribers. */
  private static final class ClusterEntry {
    final String id;
    ClusterSnapshot latest;
    byte[] body;
    long bodyVersion = Long.MIN_VALUE;
    final Set<Subscription> presence = new LinkedHashSet<>();
    final Set<Subscription> maintenance = new LinkedHashSet<>();
    TimerHandle fanoutTimer = TimerHandle.NONE;
    boolean everFanned;
    long lastFanoutNanos;

    ClusterEntry(ClusterSnapshot snapshot) {
      this.id = snapshot.clusterId();
      this.latest = snapshot;
    }

    /** The body of the latest state, written once per version and shared by every subscriber. */
    byte[] body() {
      if (bodyVersion != latest.version() || body == null) {
        body = PresenceBodies.cluster(latest);
        bodyVersion = latest.version();
      }
      return body;
    }

    boolean isEmpty() {
      return presence.isEmpty() && maintenance.isEmpty();
    }
  }

  private PresenceService(Builder b) {
    this.lane = b.lane;
    this.directory = b.directory;
    this.transactions = b.transactions;
    this.config = b.config;
    this.contact = b.contact;
    this.intervalNanos = config.notifyInterval().toNanos();
  }

  /**
   * A builder.
   *
   * @param lane         the lane that owns the service's state and timers (its ticker is the clock)
   * @param directory    where clusters are looked up
   * @param transactions the transaction layer NOTIFYs are sent through (a supplier, so that a node
   *                     may be started after the service is made: {@code node::transactions})
   */
  public static Builder builder(Lane lane, ClusterDirectory directory, Supplier<TransactionLayer> transactions) {
    return new Builder(lane, directory, transactions);
  }

  /** Builds a {@link PresenceService}. */
  public static final class Builder {
    private final Lane lane;
    private final ClusterDirectory directory;
    private final Supplier<TransactionLayer> transactions;
    private PresenceConfig config = PresenceConfig.DEFAULT;
    private Optional<Address> contact = Optional.empty();

    private Builder(Lane lane, ClusterDirectory directory, Supplier<TransactionLayer> transactions) {
      this.lane = Objects.requireNonNull(lane, "lane");
      this.directory = Objects.requireNonNull(directory, "directory");
      this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** Rates and limits; {@link PresenceConfig#DEFAULT} if not set. */
    public Builder config(PresenceConfig config) {
      this.config = Objects.requireNonNull(config);
      return this;
    }

    /**
     * The Contact of 2xx responses and NOTIFYs (RFC 6665 §4.2.1.1). By default it is made from
     * the Request-URI's user and the local address the SUBSCRIBE arrived on.
     */
    public Builder contact(Address contact) {
      this.contact = Optional.of(contact);
      return this;
    }

    public PresenceService build() {
      return new PresenceService(this);
    }
  }

  // ---- figures, any thread ----

  /** Subscriptions held now. */
  public int subscriptionCount() {
    return subscriptionCount;
  }

  /** NOTIFY requests sent so far. */
  public long notifiesSent() {
    return notifiesSent.sum();
  }

  /** NOTIFY transactions that failed (error response, time-out, transport). */
  public long notifiesFailed() {
    return notifiesFailed.sum();
  }

  /** SUBSCRIBEs refused with 503 because the service was full. */
  public long rejectedFull() {
    return rejectedFull.sum();
  }

  public PresenceConfig config() {
    return config;
  }

  // ---- entry points, any thread ----

  @Override
  public void onSubscribe(ServerTransaction transaction) {
    lane.execute(() -> {
      try {
        subscribe(transaction);
      } catch (SipParseException e) {
        transaction.respond(400); // a header we needed did not parse
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "SUBSCRIBE failed", e);
        transaction.respond(500);
      }
    });
  }

  @Override
  public void onClusterChanged(ClusterSnapshot snapshot) {
    lane.execute(() -> clusterChanged(snapshot));
  }

  @Override
  public void onMaintenance(MaintenanceEvent event) {
    lane.execute(() -> maintenance(event));
  }

  /**
   * The cluster is gone from the site: its subscriptions end with
   * {@code terminated;reason=noresource} (RFC 6665 §4.1.3).
   */
  public void onClusterRemoved(String clusterId) {
    lane.execute(() -> {
      ClusterEntry e = clusters.get(clusterId);
      if (e == null) {
        return;
      }
      for (Subscription s : new ArrayList<>(e.presence)) {
        terminate(s, "noresource");
      }
      for (Subscription s : new ArrayList<>(e.maintenance)) {
        terminate(s, "noresource");
      }
    });
  }

  // ---- SUBSCRIBE, on the lane ----

  private void subscribe(ServerTransaction tx) {
    SipRequest r = tx.request();
    if (!r.method().equals(SipMethod.SUBSCRIBE)) {
      tx.respond(tx.responseBuilder(405).header(HeaderName.ALLOW, "SUBSCRIBE").build());
      return;
    }
    Optional<NamedValue> event = r.header(SipHeaders.EVENT);
    Optional<EventPackage> pkg = event.flatMap(e -> EventPackage.of(e.value()));
    if (pkg.isEmpty()) {
      // RFC 6665 §8.3.2: unknown or missing package
      tx.respond(tx.responseBuilder(489).header(HeaderName.ALLOW_EVENTS, EventPackage.allowEvents()).build());
      return;
    }
    List<MediaType> accept = r.headers(SipHeaders.ACCEPT);
    if (!accept.isEmpty() && accept.stream().noneMatch(m -> m.matches(pkg.get().mediaType()))) {
      tx.respond(tx.responseBuilder(406).header(SipHeaders.ACCEPT, pkg.get().mediaType()).build());
      return;
    }
    long requested = r.header(SipHeaders.EXPIRES).orElse(config.defaultExpires());
    if (requested > 0 && requested < config.minExpires()) {
      // RFC 6665 §4.2.1.1, RFC 3261 §21.4.17
      tx.respond(tx.responseBuilder(423).header(SipHeaders.MIN_EXPIRES, config.minExpires()).build());
      return;
    }
    long expires = Math.min(requested, config.maxExpires());
    Optional<String> remoteTag = r.from().flatMap(Address::tag);
    Optional<String> callId = r.callId();
    Optional<CSeq> cseq = r.cseq();
    if (remoteTag.isEmpty() || callId.isEmpty() || cseq.isEmpty()) {
      tx.respond(400);
      return;
    }
    String eventId = event.get().param("id").orElse("");
    Optional<String> toTag = r.to().flatMap(Address::tag);
    if (toTag.isPresent()) {
      Subscription.Key key = new Subscription.Key(callId.get(), toTag.get(), remoteTag.get(), pkg.get(), eventId);
      refresh(tx, key, cseq.get().sequence(), expires);
      return;
    }
    if (r.contacts().isEmpty() || r.contacts().get(0).isWildcard()) {
      tx.respond(400); // RFC 6665 §4.1.2.1: a SUBSCRIBE carries a Contact
      return;
    }
    if (subscriptions.size() + pendingLookups >= config.maxSubscriptions()) {
      rejectedFull.increment();
      tx.respond(tx.responseBuilder(503).header(SipHeaders.RETRY_AFTER, RetryAfter.of(config.retryAfter().toSeconds()))
          .build());
      return;
    }
    if (!(r.uri() instanceof SipUri uri)) {
      tx.respond(tx.responseBuilder(416).build());
      return;
    }
    Subscription.Key key = new Subscription.Key(callId.get(), tx.localTag(), remoteTag.get(), pkg.get(), eventId);
    if (pkg.get() == EventPackage.PIS_MAINTENANCE && uri.user().map(SITE_MAINTENANCE_USER::equals).orElse(false)) {
      establish(tx, key, Optional.empty(), Optional.empty(), event.get(), expires);
      return;
    }
    pendingLookups++;
    directory.lookup(uri.host().toLowerCase(java.util.Locale.ROOT), found -> lane.execute(() -> {
      pendingLookups--;
      if (found.isEmpty()) {
        tx.respond(404);
        return;
      }
      establish(tx, key, Optional.of(found.get().clusterId()), found, event.get(), expires);
    }));
  }

  /** A new subscription (or a fetch, {@code Expires: 0}) of a known resource: 200, then the first NOTIFY. */
  private void establish(ServerTransaction tx, Subscription.Key key, Optional<String> clusterId,
      Optional<ClusterSnapshot> snapshot, NamedValue event, long expires) {
    SipRequest r = tx.request();
    Address to = r.to().orElseThrow();
    Subscription s = new Subscription(key, clusterId, event, to.withTag(tx.localTag()), r.from().orElseThrow(),
        r.headers(SipHeaders.RECORD_ROUTE), contact.orElseGet(() -> localContact(tx)),
        r.contacts().get(0).uri(), tx.flow(), r.cseq().orElseThrow().sequence());
    ClusterEntry entry = clusterId.map(id -> entryFor(id, snapshot.orElseThrow())).orElse(null);
    tx.respond(tx.responseBuilder(200).set(SipHeaders.EXPIRES, expires).header(SipHeaders.CONTACT, s.contact).build());
    long now = lane.ticker().nanos();
    if (expires == 0) {
      // a fetch (RFC 6665 §4.4.3): one NOTIFY with the state, and done
      s.terminated = true;
      send(s, NamedValue.of("terminated").withParam("reason", "timeout"));
      if (entry != null && entry.isEmpty()) {
        clusters.remove(entry.id);
      }
      return;
    }
    subscriptions.put(key, s);
    if (entry != null) {
      (key.eventPackage() == EventPackage.PIS_CLUSTER ? entry.presence : entry.maintenance).add(s);
    } else {
      siteMaintenance.add(s);
    }
    subscriptionCount = subscriptions.size();
    schedule(s, now, expires);
    send(s, active(s, now));
  }

  private void refresh(ServerTransaction tx, Subscription.Key key, long cseq, long expires) {
    Subscription s = subscriptions.get(key);
    if (s == null || s.terminated) {
      tx.respond(481); // RFC 6665 §4.2.1.2
      return;
    }
    if (cseq <= s.remoteCseq) {
      tx.respond(tx.responseBuilder(500).header(SipHeaders.RETRY_AFTER, RetryAfter.of(1)).build()); // §12.2.2
      return;
    }
    s.remoteCseq = cseq;
    List<Address> contacts = tx.request().contacts();
    if (!contacts.isEmpty() && !contacts.get(0).isWildcard()) {
      s.remoteTarget = contacts.get(0).uri(); // SUBSCRIBE is a target refresh request (§4.1.2.1)
    }
    s.flow = tx.flow();
    tx.respond(tx.responseBuilder(200).set(SipHeaders.EXPIRES, expires).header(SipHeaders.CONTACT, s.contact).build());
    if (expires == 0) {
      terminate(s, "timeout"); // RFC 6665 §4.2.1.4
      return;
    }
    long now = lane.ticker().nanos();
    s.expiryTimer.cancel();
    schedule(s, now, expires);
    // §4.2.1.2: a refresh is followed by a NOTIFY at once, whatever the rate
    s.rateTimer.cancel();
    s.rateTimer = TimerHandle.NONE;
    send(s, active(s, now));
  }

  private void schedule(Subscription s, long now, long expires) {
    long nanos = expires * 1_000_000_000L;
    s.expiresAtNanos = now + nanos;
    s.expiryTimer = lane.schedule(nanos, () -> {
      s.expiryTimer = TimerHandle.NONE;
      terminate(s, "timeout");
    });
  }

  private ClusterEntry entryFor(String clusterId, ClusterSnapshot snapshot) {
    ClusterEntry e = clusters.get(clusterId);
    if (e == null) {
      e = new ClusterEntry(snapshot);
      clusters.put(clusterId, e);
    } else if (snapshot.version() > e.latest.version()) {
      e.latest = snapshot;
    }
    return e;
  }

  // ---- changes, on the lane ----

  private void clusterChanged(ClusterSnapshot snapshot) {
    ClusterEntry e = clusters.get(snapshot.clusterId());
    if (e == null || snapshot.version() <= e.latest.version()) {
      return; // nobody listens, or old news
    }
    e.latest = snapshot;
    if (e.presence.isEmpty() || e.fanoutTimer != TimerHandle.NONE) {
      return; // a fan-out is already due: it will carry this state
    }
    long wait = e.everFanned ? e.lastFanoutNanos + intervalNanos - lane.ticker().nanos() : 0;
    if (wait > 0) {
      e.fanoutTimer = lane.schedule(wait, () -> fanOut(e));
    } else {
      fanOut(e);
    }
  }

  private void fanOut(ClusterEntry e) {
    e.fanoutTimer = TimerHandle.NONE;
    e.everFanned = true;
    e.lastFanoutNanos = lane.ticker().nanos();
    for (Subscription s : new ArrayList<>(e.presence)) {
      offer(s);
    }
  }

  private void maintenance(MaintenanceEvent event) {
    NumberedEvent n = new NumberedEvent(++maintenanceSequence, event);
    append(siteHistory, n);
    append(clusterHistory.computeIfAbsent(event.clusterId(), id -> new ArrayDeque<>()), n);
    for (Subscription s : new ArrayList<>(siteMaintenance)) {
      offer(s);
    }
    ClusterEntry e = clusters.get(event.clusterId());
    if (e != null) {
      for (Subscription s : new ArrayList<>(e.maintenance)) {
        offer(s);
      }
    }
  }

  private void append(ArrayDeque<NumberedEvent> history, NumberedEvent n) {
    history.addLast(n);
    while (history.size() > config.maintenanceHistory()) {
      history.removeFirst();
    }
  }

  /**
   * The state {@code s} observes changed: send it now if the rate and the outstanding NOTIFYs
   * allow, else remember it is due (the latest state is read when it goes).
   */
  private void offer(Subscription s) {
    if (s.terminated || version(s) == s.lastSentVersion) {
      return;
    }
    if (s.rateTimer != TimerHandle.NONE || s.inFlight >= config.maxInFlight()) {
      return; // the timer, or the response that frees a slot, sends the latest state
    }
    long now = lane.ticker().nanos();
    long wait = s.everSent ? s.lastSentNanos + intervalNanos - now : 0;
    if (wait > 0) {
      s.rateTimer = lane.schedule(wait, () -> {
        s.rateTimer = TimerHandle.NONE;
        offer(s);
      });
      return;
    }
    if (inFlightTotal >= config.maxInFlightTotal()) {
      if (!s.waiting) {
        s.waiting = true;
        waiting.addLast(s);
      }
      return;
    }
    send(s, active(s, now));
  }

  /** Room in the window: the subscriptions waiting for it go, oldest first. */
  private void pump() {
    while (inFlightTotal < config.maxInFlightTotal() && !waiting.isEmpty()) {
      Subscription s = waiting.pollFirst();
      s.waiting = false;
      offer(s);
    }
  }

  private long version(Subscription s) {
    if (s.eventPackage == EventPackage.PIS_CLUSTER) {
      ClusterEntry e = clusters.get(s.clusterId.orElseThrow());
      return e == null ? Long.MIN_VALUE : e.latest.version();
    }
    ArrayDeque<NumberedEvent> h = s.clusterId.isEmpty() ? siteHistory : clusterHistory.get(s.clusterId.get());
    return h == null || h.isEmpty() ? 0 : h.peekLast().sequence();
  }

  /** Ends {@code s} with a last NOTIFY saying why (RFC 6665 §4.2.2), carrying the state as it is. */
  private void terminate(Subscription s, String reason) {
    if (s.terminated) {
      return;
    }
    s.terminated = true;
    s.cancelTimers();
    send(s, NamedValue.of("terminated").withParam("reason", reason));
    remove(s);
  }

  /** Drops {@code s} without a NOTIFY: the subscriber is gone. */
  private void forget(Subscription s) {
    if (s.terminated) {
      return;
    }
    s.terminated = true;
    s.cancelTimers();
    remove(s);
  }

  private void remove(Subscription s) {
    subscriptions.remove(s.key);
    if (s.clusterId.isEmpty()) {
      siteMaintenance.remove(s);
    } else {
      ClusterEntry e = clusters.get(s.clusterId.get());
      if (e != null) {
        e.presence.remove(s);
        e.maintenance.remove(s);
        if (e.isEmpty()) {
          e.fanoutTimer.cancel();
          clusters.remove(e.id);
        }
      }
    }
    subscriptionCount = subscriptions.size();
  }

  private NamedValue active(Subscription s, long now) {
    long left = Math.max(0, (s.expiresAtNanos - now + 999_999_999L) / 1_000_000_000L);
    return NamedValue.of("active").withParam("expires", Long.toString(left));
  }

  // ---- NOTIFY ----

  private void send(Subscription s, NamedValue state) {
    long now = lane.ticker().nanos();
    long version = version(s);
    byte[] body;
    if (s.eventPackage == EventPackage.PIS_CLUSTER) {
      ClusterEntry e = clusters.get(s.clusterId.orElseThrow());
      body = e != null ? e.body() : PresenceBodies.cluster(lastKnown(s));
    } else {
      ArrayDeque<NumberedEvent> h = s.clusterId.isEmpty() ? siteHistory : clusterHistory.get(s.clusterId.get());
      body = PresenceBodies.maintenance(s.clusterId, version, h == null ? List.of() : List.copyOf(h));
    }
    SipRequest.Builder b = SipRequest.builder(SipMethod.NOTIFY, s.remoteTarget)
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, s.local)
        .header(SipHeaders.TO, s.remote)
        .header(SipHeaders.CALL_ID, s.key.callId())
        .header(SipHeaders.CSEQ, new CSeq(++s.localCseq, SipMethod.NOTIFY));
    for (Address route : s.routeSet) {
      b.header(SipHeaders.ROUTE, route);
    }
    SipRequest notify = b.header(SipHeaders.CONTACT, s.contact)
        .header(SipHeaders.EVENT, s.event)
        .header(SipHeaders.SUBSCRIPTION_STATE, state)
        .body(s.eventPackage.mediaType(), body)
        .build();
    s.everSent = true;
    s.lastSentNanos = now;
    s.lastSentVersion = version;
    s.inFlight++;
    inFlightTotal++;
    notifiesSent.increment();
    ResponseListener listener = new ResponseListener() {
      @Override
      public void onFinal(ClientTransaction t, SipResponse response) {
        lane.execute(() -> answered(s, response.status()));
      }

      @Override
      public void onTransportError(ClientTransaction t, SipResponse unavailable, Throwable cause) {
        lane.execute(() -> answered(s, TRANSPORT_ERROR));
      }
    };
    try {
      dispatch(s, notify, listener);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "NOTIFY not sent: {0}", e.toString());
      answered(s, NOT_SENT);
    }
  }

  /** The state a NOTIFY of a subscription whose cluster entry is gone carries: an empty cluster. */
  private static ClusterSnapshot lastKnown(Subscription s) {
    return new ClusterSnapshot(s.clusterId.orElseThrow(), "", "", 0, List.of(), 0, 0, List.of());
  }

  /**
   * Sends along the dialog's route (RFC 3261 §12.2.1.1): over UDP to the first route or the
   * remote target when it is an IP literal, else back on the flow the SUBSCRIBE came on (a
   * connection, or a name we would have to resolve: the subscriber's source address is where it
   * listens in practice, RFC 3581).
   */
  private void dispatch(Subscription s, SipRequest notify, ResponseListener listener) {
    TransactionLayer layer = transactions.get();
    Flow flow = s.flow;
    if (flow.transport() == Transport.UDP) {
      Uri next = s.routeSet.isEmpty() ? s.remoteTarget : s.routeSet.get(0).uri();
      Optional<InetSocketAddress> literal = literalAddress(next);
      if (literal.isPresent()) {
        layer.sendRequest(notify, Transport.UDP, literal.get(), listener);
        return;
      }
    }
    layer.sendRequest(notify, flow, listener);
  }

  private static Optional<InetSocketAddress> literalAddress(Uri uri) {
    if (!(uri instanceof SipUri sip) || sip.isSecure()
        || sip.transport().map(t -> !t.equalsIgnoreCase("udp")).orElse(false)) {
      return Optional.empty();
    }
    String host = sip.host();
    boolean v6 = host.startsWith("[");
    if (!v6 && !IPV4.matcher(host).matches()) {
      return Optional.empty();
    }
    try {
      // a literal: no lookup happens
      InetAddress a = InetAddress.getByName(v6 ? host.substring(1, host.length() - 1) : host);
      return Optional.of(new InetSocketAddress(a, sip.portOr(5060)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * A NOTIFY transaction ended: free its slot, end the subscription if the subscriber is gone,
   * else send what waited for the slot.
   */
  private void answered(Subscription s, int status) {
    s.inFlight--;
    inFlightTotal--;
    if (status >= 300 || status < 0) {
      notifiesFailed.increment();
    }
    if (status == TRANSPORT_ERROR && !s.flow.transport().isReliable() && !s.terminated) {
      // a datagram that did not leave this host: send the latest state again a little later
      s.lastSentVersion = Long.MIN_VALUE;
      if (s.rateTimer == TimerHandle.NONE) {
        s.rateTimer = lane.schedule(Math.max(intervalNanos, UDP_RETRY_NANOS), () -> {
          s.rateTimer = TimerHandle.NONE;
          offer(s);
        });
      }
    } else if (status == 481 || status == 408 || status < 0) {
      forget(s); // RFC 6665 §4.2.2: the subscriber does not want it, or cannot be reached
    } else {
      offer(s); // a change may have waited for this slot
    }
    pump();
  }

  private Address localContact(ServerTransaction tx) {
    SipRequest r = tx.request();
    String user = r.uri() instanceof SipUri u ? u.user().orElse(null) : null;
    InetSocketAddress local = tx.flow().local();
    if (local.getAddress() == null || local.getAddress().isAnyLocalAddress()) {
      return Address.of(r.uri()); // a wildcard bind tells nothing: the name asked for
    }
    String host = local.getAddress() instanceof Inet6Address
        ? "[" + local.getAddress().getHostAddress().replaceAll("%.*", "") + "]"
        : local.getAddress().getHostAddress();
    SipUri uri = SipUri.create(false, user, host, local.getPort());
    Transport t = tx.flow().transport();
    if (t != Transport.UDP) {
      uri = t == Transport.TLS ? SipUri.create(true, user, host, local.getPort())
          : uri.withParam("transport", t.viaName().toLowerCase(java.util.Locale.ROOT));
    }
    return Address.of(uri);
  }
}
