package io.miville.transaction;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.RetryAfter;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.transaction.Keys.ServerKey;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.LaneRuntime;
import io.miville.transaction.time.ThreadLanes;
import io.miville.transport.Flow;
import io.miville.transport.InboundHandler;
import io.miville.transport.InboundMessage;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The transaction layer (RFC 3261 §17, RFC 6026): matches every inbound message to its client or
 * server transaction, runs the four state machines and their timers, and starts client
 * transactions for the TU.
 *
 * <p>Threading (docs/concurrency.md): transports call {@link #onMessage} on their I/O threads; the
 * layer hands each message to one of N single-threaded lanes chosen by its Call-ID, which owns the
 * transactions and timers of that Call-ID. TU callbacks run on the lane and must not block.
 *
 * <p>Overload (docs/concurrency.md): each lane's inbound queue is bounded. Past its high-water
 * mark, new requests are answered {@code 503 Service Unavailable} with {@code Retry-After} on the
 * I/O thread and never reach the lane, while ACK, CANCEL, responses and retransmissions of
 * transactions in progress still go through; past the hard bound, everything is dropped and
 * counted.
 *
 * <pre>{@code
 * TransactionLayer layer = TransactionLayer.builder(sender)
 *     .localAddress(Transport.UDP, "192.0.2.10", 5060)
 *     .requestHandler(txn -> txn.respond(200))
 *     .build();
 * // give `layer` to the transport as its InboundHandler
 * layer.sendRequest(options, Transport.UDP, peer).response().thenAccept(r -> ...);
 * }</pre>
 */
public final class TransactionLayer implements InboundHandler, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TransactionLayer.class.getName());

  /** Prefix of the To tag of stateless overload 503s, so that their ACKs die on the I/O thread. */
  static final String OVERLOAD_TAG_PREFIX = "mvovl";

  /** The response to requests that arrive before a handler is registered. */
  private static final RequestHandler UNAVAILABLE = txn -> txn.respond(503);

  private final MessageSender sender;
  private final TimerConfig timers;
  private final LaneRuntime runtime;
  private final boolean ownsRuntime;
  private final Executor offloadExecutor;
  private final boolean ownsOffload;
  private final LaneContext[] lanes;
  private final int highWaterMark;
  private final int queueCapacity;
  private final long retryAfterSeconds;
  private final boolean retransmitSuccess;
  private final Map<Transport, SentBy> localAddresses;
  final Counters counters = new Counters();
  private volatile RequestHandler handler;
  private volatile boolean closed;

  private record SentBy(String host, int port) {}

  private TransactionLayer(Builder b) {
    this.sender = Objects.requireNonNull(b.sender, "sender");
    this.timers = b.timers;
    this.ownsRuntime = b.runtime == null;
    this.runtime = ownsRuntime ? ThreadLanes.create() : b.runtime;
    this.ownsOffload = b.offloadExecutor == null;
    this.offloadExecutor = ownsOffload ? Executors.newVirtualThreadPerTaskExecutor() : b.offloadExecutor;
    this.queueCapacity = b.queueCapacity;
    this.highWaterMark = b.highWaterMark < 0 ? Math.max(1, b.queueCapacity * 3 / 4) : b.highWaterMark;
    if (highWaterMark > queueCapacity) {
      throw new IllegalArgumentException("high-water mark above the queue capacity");
    }
    this.retryAfterSeconds = b.retryAfter.toSeconds();
    this.retransmitSuccess = b.retransmitSuccess;
    this.localAddresses = new EnumMap<>(b.localAddresses);
    this.handler = b.handler;
    this.lanes = new LaneContext[b.lanes];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new LaneContext(this, runtime.newLane("miville-lane-" + i));
    }
  }

  /** A builder for a layer that sends through {@code sender}. */
  public static Builder builder(MessageSender sender) {
    return new Builder(sender);
  }

  /** Builds a {@link TransactionLayer}. */
  public static final class Builder {
    private final MessageSender sender;
    private TimerConfig timers = TimerConfig.DEFAULT;
    private int lanes = Runtime.getRuntime().availableProcessors();
    private LaneRuntime runtime;
    private Executor offloadExecutor;
    private int queueCapacity = 10_000;
    private int highWaterMark = -1;
    private Duration retryAfter = Duration.ofSeconds(5);
    private boolean retransmitSuccess = true;
    private final Map<Transport, SentBy> localAddresses = new EnumMap<>(Transport.class);
    private RequestHandler handler = UNAVAILABLE;

    private Builder(MessageSender sender) {
      this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** T1, T2, T4 and Timer D; {@link TimerConfig#DEFAULT} if not set. */
    public Builder timers(TimerConfig timers) {
      this.timers = Objects.requireNonNull(timers);
      return this;
    }

    /** Number of lanes; by default the number of available processors. */
    public Builder lanes(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("at least one lane");
      }
      this.lanes = count;
      return this;
    }

    /**
     * Where lanes and time come from: {@link ThreadLanes} (made and closed by the layer) by default,
     * a {@link io.miville.transaction.time.ManualTime} in tests. A runtime given here is not closed
     * by {@link TransactionLayer#close()}.
     */
    public Builder runtime(LaneRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime);
      return this;
    }

    /**
     * Where {@link ServerTransaction#offload} and {@link TransactionLayer#offload} run blocking
     * work: a new virtual thread per task by default.
     */
    public Builder offloadExecutor(Executor executor) {
      this.offloadExecutor = Objects.requireNonNull(executor);
      return this;
    }

    /** The hard bound of each lane's inbound queue (10,000 by default): past it, messages are dropped. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be positive");
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** The queue depth past which new requests get 503 (3/4 of the capacity by default). */
    public Builder highWaterMark(int mark) {
      if (mark < 0) {
        throw new IllegalArgumentException("mark must not be negative");
      }
      this.highWaterMark = mark;
      return this;
    }

    /** The Retry-After of overload 503s, in whole seconds (5 s by default). */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = Objects.requireNonNull(retryAfter);
      return this;
    }

    /**
     * The sent-by put in the Via of requests sent over {@code transport} (§18.1.1): the address
     * and port this node listens on for it.
     */
    public Builder localAddress(Transport transport, String host, int port) {
      Via.create(transport.viaName(), host, port, null); // validates host and port
      localAddresses.put(transport, new SentBy(host, port));
      return this;
    }

    /**
     * Whether INVITE server transactions retransmit their 2xx until the ACK comes (RFC 3261
     * §13.3.1.4, a UAS core duty done here for the TU; on by default). Turn it off only if the TU
     * retransmits 2xx itself through {@link ServerTransaction#respond}.
     */
    public Builder retransmitSuccess(boolean on) {
      this.retransmitSuccess = on;
      return this;
    }

    /** The UAS core that receives new requests; until one is set, requests are answered 503. */
    public Builder requestHandler(RequestHandler handler) {
      this.handler = Objects.requireNonNull(handler);
      return this;
    }

    public TransactionLayer build() {
      return new TransactionLayer(this);
    }
  }

  // ---- configuration and state ----

  public TimerConfig timers() {
    return timers;
  }

  MessageSender sender() {
    return sender;
  }

  RequestHandler handler() {
    return handler;
  }

  boolean retransmitsSuccess() {
    return retransmitSuccess;
  }

  /** Replaces the UAS core that receives new requests. */
  public void requestHandler(RequestHandler handler) {
    this.handler = Objects.requireNonNull(handler);
  }

  /** A snapshot of the counters. */
  public TransactionCounters counters() {
    return counters.snapshot();
  }

  /** The number of lanes. */
  public int laneCount() {
    return lanes.length;
  }

  /** The lane that owns {@code callId}: run work there to touch the Call-ID's state without locks. */
  public Lane laneFor(String callId) {
    return contextFor(callId).lane;
  }

  /** Runs {@code task} on the lane of {@code callId}. */
  public void execute(String callId, Runnable task) {
    contextFor(callId).lane.execute(task);
  }

  /**
   * Runs blocking {@code work} on a virtual thread (the offload executor), then {@code then} on
   * the lane of {@code callId} with the result or the failure.
   */
  public <T> void offload(String callId, Callable<T> work, BiConsumer<? super T, ? super Throwable> then) {
    offload(contextFor(callId), work, then);
  }

  <T> void offload(LaneContext lc, Callable<T> work, BiConsumer<? super T, ? super Throwable> then) {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(then, "then");
    offloadExecutor.execute(() -> {
      T value = null;
      Throwable failure = null;
      try {
        value = work.call();
      } catch (Throwable e) {
        failure = e;
      }
      T v = value;
      Throwable f = failure;
      lc.post(() -> lc.safely(() -> then.accept(v, f)));
    });
  }

  private LaneContext contextFor(String callId) {
    int h = callId.hashCode();
    h ^= h >>> 16; // spread: Call-IDs often differ only in their last characters
    return lanes[Math.floorMod(h * 0x9E3779B1, lanes.length)];
  }

  // ---- inbound, on I/O threads ----

  /**
   * Takes a message from a transport (on its I/O thread): routes it to its lane, or answers or
   * drops it at once under overload. Never blocks.
   */
  @Override
  public void onMessage(InboundMessage inbound) {
    if (closed) {
      return;
    }
    SipMessage message = inbound.message();
    Flow flow = inbound.flow();
    LaneContext lc;
    try {
      lc = contextFor(message.callId().orElse(""));
    } catch (SipParseException e) {
      counters.malformed.increment();
      return;
    }
    int depth = lc.lane.depth();
    if (message instanceof SipResponse response) {
      if (admitInProgress(depth)) {
        lc.lane.execute(() -> lc.onResponse(response));
      }
      return;
    }
    SipRequest request = (SipRequest) message;
    SipMethod method = request.method();
    try {
      if (method.equals(SipMethod.ACK)) {
        if (isAckOfOverload503(request)) {
          counters.retransmissionsAbsorbed.increment();
        } else if (admitInProgress(depth)) {
          lc.lane.execute(() -> lc.onAck(request, flow));
        }
        return;
      }
      if (method.equals(SipMethod.CANCEL)) {
        if (admitInProgress(depth)) {
          lc.lane.execute(() -> lc.onCancel(request, flow));
        }
        return;
      }
      Optional<ServerKey> maybeKey = Keys.server(request);
      if (maybeKey.isEmpty()) {
        counters.malformed.increment(); // without Via, CSeq or Call-ID there is nowhere to answer
        return;
      }
      ServerKey key = maybeKey.get();
      if (lc.admitted.contains(key)) {
        // a retransmission of a transaction in progress (or of one still queued)
        if (admitInProgress(depth)) {
          lc.lane.execute(() -> lc.onRequest(request, flow, key));
        }
      } else if (depth >= highWaterMark) {
        rejectOverloaded(request, flow);
      } else {
        lc.admitted.add(key);
        lc.lane.execute(() -> lc.onRequest(request, flow, key));
      }
    } catch (SipParseException | IllegalArgumentException e) {
      counters.malformed.increment();
    }
  }

  private boolean admitInProgress(int depth) {
    if (depth >= queueCapacity) {
      counters.dropped.increment();
      return false;
    }
    return true;
  }

  private static boolean isAckOfOverload503(SipRequest ack) {
    return ack.to().flatMap(Address::tag).map(t -> t.startsWith(OVERLOAD_TAG_PREFIX)).orElse(false);
  }

  /** §21.5.4: 503 with Retry-After, sent statelessly from the I/O thread. */
  private void rejectOverloaded(SipRequest request, Flow flow) {
    counters.overloadRejected.increment();
    SipResponse.Builder b = SipResponse.forRequest(request, 503);
    request.to().ifPresent(to -> b.set(SipHeaders.TO, to.tag().isPresent() ? to
        : to.withTag(OVERLOAD_TAG_PREFIX + Requests.newTag())));
    b.header(SipHeaders.RETRY_AFTER, RetryAfter.of(retryAfterSeconds));
    try {
      sender.send(b.build(), flow);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not send overload 503: {0}", e.toString());
    }
  }

  // ---- outbound, any thread ----

  /** {@link #sendRequest(SipRequest, Transport, InetSocketAddress, ResponseListener)} with no listener. */
  public ClientTransaction sendRequest(SipRequest request, Transport transport, InetSocketAddress destination) {
    return sendRequest(request, transport, destination, ResponseListener.NONE);
  }

  /**
   * Starts a client transaction (RFC 3261 §17.1) for {@code request} to {@code destination} over
   * {@code transport}. If the request has no Via, a top Via is added with a new branch (magic
   * cookie, §8.1.1.7) and the sent-by configured for the transport ({@link
   * Builder#localAddress}); a top Via without branch gets one. Any thread may call it.
   *
   * @throws IllegalArgumentException for ACK (use {@link #sendAck}), or a request without Call-ID
   *     or with a CSeq of another method
   * @throws IllegalStateException if a Via is needed and no local address is configured for the
   *     transport
   */
  public ClientTransaction sendRequest(SipRequest request, Transport transport, InetSocketAddress destination,
      ResponseListener listener) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(destination, "destination");
    return startClient(null, request, transport, destination, null, listener);
  }

  /** {@link #sendRequest(SipRequest, Flow, ResponseListener)} with no listener. */
  public ClientTransaction sendRequest(SipRequest request, Flow flow) {
    return sendRequest(request, flow, ResponseListener.NONE);
  }

  /**
   * Starts a client transaction on an existing flow: the connection a dialog uses, or the UDP
   * address pair (§18.1.1). Otherwise as {@link #sendRequest(SipRequest, Transport,
   * InetSocketAddress, ResponseListener)}.
   */
  public ClientTransaction sendRequest(SipRequest request, Flow flow, ResponseListener listener) {
    Objects.requireNonNull(flow, "flow");
    return startClient(null, request, flow.transport(), flow.remote(), flow, listener);
  }

  ClientTransaction startClient(LaneContext onLane, SipRequest request, Transport transport,
      InetSocketAddress destination, Flow flow, ResponseListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new IllegalStateException("transaction layer closed");
    }
    if (request.method().equals(SipMethod.ACK)) {
      throw new IllegalArgumentException("ACK is not a transaction: use sendAck");
    }
    String callId = request.callId().orElseThrow(() -> new IllegalArgumentException("request without Call-ID"));
    if (!request.cseq().map(c -> c.method().equals(request.method())).orElse(false)) {
      throw new IllegalArgumentException("request without a CSeq of its method");
    }
    SipRequest sent = withTopVia(request, transport);
    String branch = sent.topVia().flatMap(Via::branch).orElseThrow();
    LaneContext lc = onLane != null ? onLane : contextFor(callId);
    ClientTransaction t = new ClientTransaction(lc, sent, Keys.client(branch, request.method()), transport,
        destination, flow, listener);
    lc.run(t::start);
    return t;
  }

  /**
   * Sends the ACK for a 2xx (RFC 3261 §13.2.2.4): a request without a transaction. A Via with a
   * new branch is added if the ACK has none. The TU sends the same ACK again for every
   * retransmitted 2xx ({@link ResponseListener#onAdditionalSuccess}): give it its Via once with
   * {@link #withTopVia} and keep it. See {@link Requests#ackFor2xx}.
   */
  public CompletionStage<Flow> sendAck(SipRequest ack, Transport transport, InetSocketAddress destination) {
    requireAck(ack);
    return sender.send(withTopVia(ack, transport), transport, destination);
  }

  /** Sends the ACK for a 2xx on an existing flow; see {@link #sendAck(SipRequest, Transport, InetSocketAddress)}. */
  public CompletionStage<Void> sendAck(SipRequest ack, Flow flow) {
    requireAck(ack);
    return sender.send(withTopVia(ack, flow.transport()), flow);
  }

  private static void requireAck(SipRequest ack) {
    if (!ack.method().equals(SipMethod.ACK)) {
      throw new IllegalArgumentException("not an ACK: " + ack.method());
    }
  }

  /**
   * {@code request} with the top Via {@link #sendRequest} would give it for {@code transport}: a
   * new one (new branch, configured sent-by, {@code rport}) if it has none, a branch added if its
   * top Via has none, else unchanged.
   *
   * @throws IllegalStateException if a Via is needed and no local address is configured
   */
  public SipRequest withTopVia(SipRequest request, Transport transport) {
    List<Via> vias = request.vias();
    if (!vias.isEmpty() && vias.get(0).branch().isPresent()) {
      return request;
    }
    List<Via> updated = new ArrayList<>(vias);
    if (updated.isEmpty()) {
      SentBy sentBy = localAddresses.get(transport);
      if (sentBy == null) {
        throw new IllegalStateException("no local address configured for " + transport);
      }
      // rport (RFC 3581) so that answers find us behind NAT
      updated.add(Via.create(transport.viaName(), sentBy.host(), sentBy.port(), Requests.newBranch())
          .withParam("rport", null));
    } else {
      updated.set(0, updated.get(0).withParam("branch", Requests.newBranch()));
    }
    return Requests.withVias(request, updated);
  }

  /**
   * Stops taking messages and, if the layer made them, stops its lanes and offload executor.
   * Transactions in progress are abandoned.
   */
  @Override
  public void close() {
    closed = true;
    if (ownsRuntime) {
      runtime.close();
    }
    if (ownsOffload && offloadExecutor instanceof ExecutorService es) {
      es.shutdown();
    }
  }
}
