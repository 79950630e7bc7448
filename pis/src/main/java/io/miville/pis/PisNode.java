package io.miville.pis;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.node.SipNode;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.Responder;
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
 * a cluster, RFC 6665), and the front end between them. Requests arrive
 * on transaction lanes; the front end hands them to the controller lane and answers through the
 * server transaction. It counts every answer by status code. {@code miville pis serve} runs one.
 *
 * <pre>{@code
 * try (PisNode pis = PisNode.builder().controller(lane -> ...)
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
    SipNode.Builder b = SipNode.builder().requestHandler(new FrontEnd()).lanes(config.lanes).ioThreads(config.ioThreads);
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

  /** Responses sent so far (provisional and final), by status code, in code order. */
  public Map<Integer, Long> answersByCode() {
    Map<Integer, Long> m = new TreeMap<>();
    answers.forEach((code, n) -> m.put(code, n.sum()));
    return m;
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

  /**
   * Between the transaction lanes and the controller lane: each new request goes to the
   * controller with a {@link Responder} over its server transaction; ACKs for a 2xx go to the
   * controller too.
   */
  private final class FrontEnd implements RequestHandler {
    @Override
    public void onRequest(ServerTransaction tx) {
      requests.increment();
      Optional<PresenceService> p = presence;
      if (p.isPresent() && tx.request().method().equals(SipMethod.SUBSCRIBE)) {
        p.get().onSubscribe(tx);
        return;
      }
      Responder responder = new Responder() {
        @Override
        public SipResponse.Builder response(int status) {
          return tx.responseBuilder(status);
        }

        @Override
        public void send(SipResponse response) {
          counted(response);
          tx.respond(response);
        }
      };
      SipRequest request = tx.request();
      controllerLane.execute(() -> controller.handle(request, responder));
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
      if (ack.method().equals(SipMethod.ACK)) {
        controllerLane.execute(() -> controller.handleAck(ack));
      }
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

    /** Makes the controller on the lane it must run on. */
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
