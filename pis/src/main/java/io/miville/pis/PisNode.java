package io.miville.pis;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.node.SipNode;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.Controllers;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.controller.PisListener;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.controller.Responder;
import io.miville.pis.server.PisServer;
import io.miville.pis.server.SubscriptionHandler;
import io.miville.pis.site.Site;
import io.miville.pis.presence.ClusterDirectory;
import io.miville.pis.presence.PresenceService;
import io.miville.transaction.RequestHandler;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.ThreadLanes;
import io.miville.transport.Flow;
import io.miville.transport.ListenPoint;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A PIS controller on the network (draft-pis-00 §2): a {@link SipNode} listening where it is told,
 * a {@link PisController} on a lane of its own, a {@link PresenceService} on another (SUBSCRIBE to
 * a cluster, RFC 6665), and the engine's front end {@link PisServer} between them. Requests arrive
 * on transaction lanes; the front end hands them to the controller lane and answers through the
 * server transaction. It counts every answer by status code. {@code miville pis serve} runs one.
 *
 * <pre>{@code
 * try (PisNode pis = PisNode.builder().site(DemoSite.create())
 *     .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070)).build().start()) {
 *   ...
 * }
 * }</pre>
 */
public final class PisNode implements AutoCloseable {
  private final Builder config;
  private final ThreadLanes lanes = ThreadLanes.create();
  private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Lane controllerLane;
  private volatile PisController controller;
  private volatile Optional<PresenceService> presence = Optional.empty();
  private volatile SipNode node;

  private PisNode(Builder b) {
    this.config = b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Creates the controller lane and the controller, then binds every listen point. */
  public PisNode start() {
    controllerLane = lanes.newLane("pis-controller");
    controller = config.controller.apply(controllerLane);
    if (config.presence) {
      PresenceService p = PresenceService.builder(lanes.newLane("pis-presence"),
          ClusterDirectory.of(controller, controllerLane), () -> sipNode().transactions()).build();
      presence = Optional.of(p);
      controllerLane.execute(() -> controller.addListener(p));
    }
    PisServer server = PisServer.create(new CountedController(controller), controllerLane,
        presence.map(p -> (SubscriptionHandler) p));
    SipNode.Builder b = SipNode.builder().requestHandler(new Counting(server)).lanes(config.lanes).ioThreads(config.ioThreads);
    config.listen.forEach(lp -> b.listen(lp.transport(), lp.address()));
    try {
      node = b.build().start();
    } catch (RuntimeException e) {
      lanes.close();
      throw e;
    }
    return this;
  }

  /** The SIP node; present once started. */
  public SipNode sipNode() {
    SipNode n = node;
    if (n == null) {
      throw new IllegalStateException("not started");
    }
    return n;
  }

  /** The controller; call it on {@link #controllerLane()} only. */
  public PisController controller() {
    return Objects.requireNonNull(controller, "not started");
  }

  /** The presence notifier (RFC 6665 SUBSCRIBE/NOTIFY for clusters), unless turned off. */
  public Optional<PresenceService> presence() {
    return presence;
  }

  /** The lane the controller runs on. */
  public Lane controllerLane() {
    return Objects.requireNonNull(controllerLane, "not started");
  }

  /** The bound address of {@code t}, if the node listens on it. */
  public Optional<InetSocketAddress> address(Transport t) {
    return sipNode().address(t);
  }

  public List<ListenPoint> listenPoints() {
    return sipNode().listenPoints();
  }

  /** Requests handed to the controller so far. */
  public long requests() {
    return requests.sum();
  }

  /**
   * Responses the controller sent so far (provisional and final), by status code, in code order;
   * the front end's own answers (OPTIONS, 501) and presence's (SUBSCRIBE) are not counted.
   */
  public Map<Integer, Long> answersByCode() {
    Map<Integer, Long> m = new TreeMap<>();
    answers.forEach((code, n) -> m.put(code, n.sum()));
    return m;
  }

  /**
   * {@code config} with every duration divided by {@code factor}: a controller whose time runs
   * {@code factor} times faster (flushes, washes, holds, cleaning, grace periods), to match
   * {@code pis simulate --speed} or to benchmark the protocol rather than the plumbing. The queue
   * time-out is left as it is: a queued SEEK waits in real time on a SIP transaction, which gives
   * up after Timer F (64*T1 = 32 s, RFC 3261 §17.1.2.2).
   */
  public static PisConfig scaled(PisConfig config, double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("factor must be positive: " + factor);
    }
    java.util.function.UnaryOperator<java.time.Duration> s =
        d -> java.time.Duration.ofNanos(Math.max(1, (long) (d.toNanos() / factor)));
    return config.toBuilder().holdTime(s.apply(config.holdTime()))
        .flushDuration(s.apply(config.flushDuration())).autoFlushDelay(s.apply(config.autoFlushDelay()))
        .cleaningDuration(s.apply(config.cleaningDuration())).washDuration(s.apply(config.washDuration()))
        .shortSession(s.apply(config.shortSession())).gracePeriod(s.apply(config.gracePeriod()))
        .heavySession(s.apply(config.heavySession())).defaultOccupancy(s.apply(config.defaultOccupancy())).build();
  }

  /** One line: requests and answers by code, e.g. {@code 12 requests; answers: 110 x3, 200 x12}. */
  public String countersLine() {
    StringBuilder b = new StringBuilder().append(requests()).append(" requests; answers:");
    Map<Integer, Long> m = answersByCode();
    if (m.isEmpty()) {
      b.append(" none");
    }
    m.forEach((code, n) -> b.append(' ').append(code).append(" x").append(n));
    return b.toString();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    SipNode n = node;
    if (n != null) {
      n.close();
    }
    lanes.close();
  }

  private void counted(SipResponse r) {
    answers.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
  }

  /** Counts each new request, then hands it to the engine's front end. */
  private final class Counting implements RequestHandler {
    private final PisServer server;

    Counting(PisServer server) {
      this.server = server;
    }

    @Override
    public void onRequest(ServerTransaction tx) {
      requests.increment();
      server.onRequest(tx);
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
      server.onAck(ack, flow);
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
      server.onCancel(invite, cancel);
    }

    @Override
    public void onTimeout(ServerTransaction tx) {
      server.onTimeout(tx);
    }
  }

  /** The controller, with each answer it sends counted by status code. */
  private final class CountedController implements PisController {
    private final PisController inner;

    CountedController(PisController inner) {
      this.inner = inner;
    }

    @Override
    public void handle(SipRequest request, Responder responder) {
      inner.handle(request, new Responder() {
        @Override
        public SipResponse.Builder response(int status) {
          return responder.response(status);
        }

        @Override
        public void send(SipResponse response) {
          counted(response);
          responder.send(response);
        }
      });
    }

    @Override
    public void handleAck(SipRequest ack) {
      inner.handleAck(ack);
    }

    @Override
    public void sessionUnconfirmed(String callId) {
      inner.sessionUnconfirmed(callId);
    }

    @Override
    public Site site() {
      return inner.site();
    }

    @Override
    public Optional<String> clusterAt(String host) {
      return inner.clusterAt(host);
    }

    @Override
    public Optional<ClusterSnapshot> snapshot(String clusterId) {
      return inner.snapshot(clusterId);
    }

    @Override
    public List<ClusterSnapshot> snapshots() {
      return inner.snapshots();
    }

    @Override
    public void addListener(PisListener listener) {
      inner.addListener(listener);
    }

    @Override
    public boolean operate(String proxyAddress, ProxyCondition condition) {
      return inner.operate(proxyAddress, condition);
    }
  }

  /** Settings of a PIS node. */
  public static final class Builder {
    private final List<ListenPoint> listen = new ArrayList<>();
    private Function<Lane, PisController> controller;
    private int lanes;
    private int ioThreads;
    private boolean presence = true;

    /** Whether SUBSCRIBE to clusters is served by a {@link PresenceService} (default: yes). */
    public Builder presence(boolean on) {
      this.presence = on;
      return this;
    }

    /** Listens on {@code address} over {@code t} (port 0: any free port). */
    public Builder listen(Transport t, InetSocketAddress address) {
      listen.add(new ListenPoint(t, address));
      return this;
    }

    /** Serves {@code site} with the engine's controller ({@link Controllers}) and {@code config}. */
    public Builder site(Site site, PisConfig config) {
      Objects.requireNonNull(site, "site");
      Objects.requireNonNull(config, "config");
      this.controller = lane -> Controllers.create(site, lane, config);
      return this;
    }

    /** Serves {@code site} with the engine's controller and its default settings. */
    public Builder site(Site site) {
      return site(site, PisConfig.DEFAULT);
    }

    /** Makes the controller on the lane it must run on (tests use a scripted one). */
    public Builder controller(Function<Lane, PisController> factory) {
      this.controller = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Transaction lanes; 0 for one per processor. */
    public Builder lanes(int n) {
      this.lanes = n;
      return this;
    }

    /** Network I/O threads; 0 for the transport's default. */
    public Builder ioThreads(int n) {
      this.ioThreads = n;
      return this;
    }

    public PisNode build() {
      if (listen.isEmpty()) {
        throw new IllegalStateException("a PIS node needs at least one listen point");
      }
      if (controller == null) {
        throw new IllegalStateException("a PIS node needs a controller");
      }
      return new PisNode(this);
    }
  }
}
