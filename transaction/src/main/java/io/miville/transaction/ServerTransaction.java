package io.miville.transaction;

import io.miville.codec.CodecConfig;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.transaction.Counters.Outcome;
import io.miville.transaction.Keys.AckKey;
import io.miville.transaction.Keys.MergeKey;
import io.miville.transaction.Keys.ServerKey;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Flow;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * A server transaction (RFC 3261 §17.2, RFC 6026 §7.1): the INVITE machine (Proceeding, Accepted,
 * Completed, Confirmed, Terminated) or the non-INVITE one (Trying, Proceeding, Completed,
 * Terminated). The TU receives it in {@link RequestHandler#onRequest} and answers with
 * {@link #respond}; the transaction retransmits responses, absorbs request retransmissions and
 * ACKs, and runs Timers G, H, I, J and L.
 *
 * <p>State is owned by the lane of the request's Call-ID. {@link #respond} may be called from
 * any thread (it hops to the lane); the accessors may be read from any thread.
 */
public final class ServerTransaction {
  private static final System.Logger LOG = System.getLogger(ServerTransaction.class.getName());
  /** Reads back what this layer already accepted once, whatever limits the node was given. */
  private static final SipParser REPARSER = SipParser.create(
      new CodecConfig(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, true, true));

  private final LaneContext lc;
  /**
   * The request, until the transaction only waits for retransmissions (Timers I, J, L): then it is
   * dropped for its bytes ({@link #slim()}), since hundreds of thousands of transactions wait at once
   * at a few thousand calls per second (64*T1 = 32 s each over UDP).
   */
  private volatile SipRequest request;
  private byte[] requestBytes;
  private final Flow flow;
  private final ServerKey key;
  private final MergeKey mergeKey;
  private final TransactionKind kind;
  private final SipMethod method;
  private final String localTag;
  private final boolean reliable;
  /** False for the layer's own transactions (CANCEL, 482, 400): the TU never hears of them. */
  private final boolean visible;

  private volatile TransactionState state;
  private volatile SipResponse lastResponse;
  /** The last response as sent, once {@link #lastResponse} is dropped by {@link #slim()}. */
  private volatile byte[] lastResponseBytes;
  private volatile boolean cancelled;
  private TimerHandle retransmitTimer = TimerHandle.NONE; // G, or the 2xx retransmission of §13.3.1.4
  private TimerHandle timeoutTimer = TimerHandle.NONE; // H, L, or the non-INVITE guard
  private TimerHandle endTimer = TimerHandle.NONE; // I, J
  private long retransmitInterval;
  private boolean finalSent;
  private boolean successAcked;
  private AckKey ackKey;

  ServerTransaction(LaneContext lc, SipRequest request, Flow flow, ServerKey key, MergeKey mergeKey,
      boolean visible, String localTag) {
    this.lc = lc;
    this.request = request;
    this.method = request.method();
    this.flow = flow;
    this.key = key;
    this.mergeKey = mergeKey;
    this.visible = visible;
    this.kind = request.method().equals(SipMethod.INVITE) ? TransactionKind.INVITE_SERVER
        : TransactionKind.NON_INVITE_SERVER;
    this.reliable = flow.transport().isReliable();
    this.localTag = localTag;
    this.state = kind == TransactionKind.INVITE_SERVER ? TransactionState.PROCEEDING : TransactionState.TRYING;
  }

  /** The request that created the transaction. */
  public SipRequest request() {
    SipRequest r = request;
    return r != null ? r : (SipRequest) REPARSER.parse(requestBytes);
  }

  /** The flow the request came on, where responses go (RFC 3261 §18.2.2). */
  public Flow flow() {
    return flow;
  }

  public TransactionKind kind() {
    return kind;
  }

  public TransactionState state() {
    return state;
  }

  /**
   * The To tag this transaction puts in its responses (§8.2.6.2): the request's own To tag if it
   * has one (in-dialog), else one made for this transaction.
   */
  public String localTag() {
    return localTag;
  }

  /** True once a CANCEL matched this INVITE before its final response (§9.2). */
  public boolean isCancelled() {
    return cancelled;
  }

  /** The last response sent, if any. */
  public Optional<SipResponse> lastResponse() {
    return Optional.ofNullable(lastResponseNow());
  }

  private SipResponse lastResponseNow() {
    SipResponse r = lastResponse;
    if (r != null) {
      return r;
    }
    byte[] bytes = lastResponseBytes;
    return bytes == null ? null : (SipResponse) REPARSER.parse(bytes);
  }

  /**
   * Keeps only the bytes of the request and of the last response, once nothing but a
   * retransmission can need them (reading them again costs a parse, about a microsecond). A
   * waiting transaction then holds about a kilobyte instead of four: what lets a UAS keep up
   * a soak of thousands of calls per second in a 1 GB heap.
   */
  private void slim() {
    SipRequest r = request;
    if (r != null) {
      requestBytes = r.encode();
      request = null;
    }
    SipResponse last = lastResponse;
    if (last != null) {
      byte[] bytes = last.encode();
      // the request came off the wire, so it reads back; a response the TU built may not (a
      // header the codec would refuse): that one is kept as it is
      if (readsBack(bytes)) {
        lastResponseBytes = bytes;
        lastResponse = null;
      }
    }
  }

  private static boolean readsBack(byte[] bytes) {
    try {
      REPARSER.parse(bytes);
      return true;
    } catch (SipParseException e) {
      return false;
    }
  }

  /** The lane that owns this transaction. */
  public Lane lane() {
    return lc.lane;
  }

  /**
   * A response to the request as §8.2.6.2 builds it (Via, From, To, Call-ID and CSeq copied, the
   * reason phrase for the method) with {@link #localTag()} in the To header, except in a
   * {@code 100}. Add Contact, body and anything else, then {@link #respond(SipResponse)}.
   */
  public SipResponse.Builder responseBuilder(int status) {
    SipRequest req = request();
    SipResponse.Builder b = SipResponse.forRequest(req, status);
    Optional<Address> to = req.to();
    if (status > 100 && to.isPresent() && to.get().tag().isEmpty()) {
      b.set(SipHeaders.TO, to.get().withTag(localTag));
    }
    return b;
  }

  /** Sends {@link #responseBuilder(int)} as it is. */
  public void respond(int status) {
    respond(responseBuilder(status).build());
  }

  /**
   * Sends a response through the transaction: provisional ones move it to Proceeding, a 2xx to
   * INVITE to Accepted, any other final response to Completed. Responses that come too late (a
   * final response already sent, except further 2xx to an INVITE, RFC 6026 §7.1) are ignored.
   * Any thread may call it; off the lane, it runs on the lane shortly after.
   */
  public void respond(SipResponse response) {
    Objects.requireNonNull(response, "response");
    lc.run(() -> send(response));
  }

  /** Runs {@code task} on this transaction's lane. */
  public void execute(Runnable task) {
    lc.lane.execute(task);
  }

  /**
   * Runs blocking {@code work} on a virtual thread, then {@code then} on this transaction's lane
   * with its result or failure: the way for a TU to do I/O before it responds.
   */
  public <T> void offload(Callable<T> work, BiConsumer<? super T, ? super Throwable> then) {
    lc.layer.offload(lc, work, then);
  }

  @Override
  public String toString() {
    return kind + "[" + method + " " + key + " " + state + "]";
  }

  // ---- lane side ----

  ServerKey key() {
    return key;
  }

  MergeKey mergeKey() {
    return mergeKey;
  }

  AckKey ackKey() {
    return ackKey;
  }

  boolean isFinalSent() {
    return finalSent;
  }

  /** Starts the machine: 100 Trying for INVITE (§17.2.1, sent at once), the guard for non-INVITE. */
  void start(boolean sendTrying) {
    lc.counters().created(kind);
    if (kind == TransactionKind.INVITE_SERVER) {
      if (sendTrying) {
        SipResponse.Builder trying = SipResponse.forRequest(request, 100);
        // §8.2.6.1: a 100 copies the Timestamp header
        request.header(HeaderName.TIMESTAMP).ifPresent(t -> trying.header(HeaderName.TIMESTAMP, t));
        SipResponse r = trying.build();
        lastResponse = r;
        transmit(r);
      }
    } else {
      // the client gives up after Timer F (64*T1); a TU that never answers must not leak us
      timeoutTimer = lc.schedule(lc.timers().timeoutNanos(), this::onUnansweredTimeout);
    }
  }

  private void send(SipResponse response) {
    TransactionState s = state;
    int status = response.status();
    if (s == TransactionState.TERMINATED) {
      LOG.log(System.Logger.Level.DEBUG, "response {0} after the transaction ended, dropped", status);
      return;
    }
    if (kind == TransactionKind.INVITE_SERVER) {
      switch (s) {
        case PROCEEDING -> {
          lastResponse = response;
          transmit(response);
          if (status >= 200 && status < 300) {
            enterAccepted();
          } else if (status >= 300) {
            enterCompleted();
          }
        }
        case ACCEPTED -> {
          // RFC 6026 §7.1: 2xx retransmissions from the TU go out; nothing else does
          if (status >= 200 && status < 300) {
            transmit(response);
          }
        }
        default -> LOG.log(System.Logger.Level.DEBUG, "response {0} in state {1}, dropped", status, s);
      }
    } else {
      if (s == TransactionState.TRYING || s == TransactionState.PROCEEDING) {
        lastResponse = response;
        transmit(response);
        if (status < 200) {
          state = TransactionState.PROCEEDING;
        } else {
          finalSent = true;
          state = TransactionState.COMPLETED;
          timeoutTimer.cancel();
          if (reliable) {
            terminate(Outcome.COMPLETED); // Timer J is 0 on reliable transports
          } else {
            endTimer = lc.schedule(lc.timers().timeoutNanos(), () -> terminate(Outcome.COMPLETED)); // Timer J
            slim();
          }
        }
      } else {
        LOG.log(System.Logger.Level.DEBUG, "response {0} in state {1}, dropped", status, s);
      }
    }
  }

  private void enterAccepted() {
    finalSent = true;
    state = TransactionState.ACCEPTED;
    timeoutTimer = lc.schedule(lc.timers().timeoutNanos(), this::onTimerL);
    ackKey = Keys.ack(request);
    lc.accepted.put(ackKey, this);
    if (lc.layer.retransmitsSuccess()) {
      // §13.3.1.4 is the UAS core's duty: it hands the 2xx to the transaction again at T1,
      // doubling up to T2, until the ACK comes (RFC 6026 keeps the transaction alive for it)
      retransmitInterval = lc.timers().t1Nanos();
      retransmitTimer = lc.schedule(retransmitInterval, this::onSuccessRetransmit);
    }
  }

  private void enterCompleted() {
    finalSent = true;
    state = TransactionState.COMPLETED;
    if (!reliable) {
      retransmitInterval = lc.timers().t1Nanos();
      retransmitTimer = lc.schedule(retransmitInterval, this::onTimerG);
    }
    timeoutTimer = lc.schedule(lc.timers().timeoutNanos(), this::onTimerH);
  }

  /** A retransmission of the request arrived (§17.2.1, §17.2.2). */
  void onRetransmission() {
    lc.counters().retransmissionsAbsorbed.increment();
    SipResponse last = lastResponseNow();
    switch (state) {
      case PROCEEDING, COMPLETED -> {
        if (last != null) {
          retransmit(last);
        }
      }
      default -> {
        // Trying (non-INVITE, no response yet), Accepted (RFC 6026: absorbed), Confirmed: nothing to send
      }
    }
  }

  /** An ACK matched this INVITE transaction by branch (§17.2.3). */
  void onAck(SipRequest ack) {
    switch (state) {
      case COMPLETED -> {
        state = TransactionState.CONFIRMED;
        retransmitTimer.cancel();
        timeoutTimer.cancel();
        if (reliable) {
          terminate(Outcome.COMPLETED); // Timer I is 0 on reliable transports
        } else {
          endTimer = lc.schedule(lc.timers().t4Nanos(), () -> terminate(Outcome.COMPLETED)); // Timer I
          slim();
        }
      }
      case ACCEPTED -> {
        // RFC 6026 §7.1: an ACK in Accepted goes to the TU (here, an ACK for a 2xx reusing the branch)
        onSuccessAck();
        lc.deliverAck(ack, flow);
      }
      default -> lc.counters().retransmissionsAbsorbed.increment();
    }
  }

  /** The ACK for our 2xx arrived: stop retransmitting it (§13.3.1.4). */
  void onSuccessAck() {
    successAcked = true;
    retransmitTimer.cancel();
    if (state == TransactionState.ACCEPTED) {
      slim(); // only retransmissions of the INVITE are left to absorb until Timer L
    }
  }

  /** A CANCEL matched this INVITE before its final response. */
  void markCancelled() {
    cancelled = true;
  }

  private void onTimerG() {
    if (state != TransactionState.COMPLETED) {
      return;
    }
    retransmit(lastResponseNow());
    retransmitInterval = Math.min(retransmitInterval * 2, lc.timers().t2Nanos());
    retransmitTimer = lc.schedule(retransmitInterval, this::onTimerG);
  }

  private void onSuccessRetransmit() {
    if (state != TransactionState.ACCEPTED || successAcked) {
      return;
    }
    retransmit(lastResponseNow());
    retransmitInterval = Math.min(retransmitInterval * 2, lc.timers().t2Nanos());
    retransmitTimer = lc.schedule(retransmitInterval, this::onSuccessRetransmit);
  }

  private void onTimerH() {
    if (state == TransactionState.COMPLETED) {
      terminate(Outcome.TIMED_OUT); // the ACK never came
      if (visible) {
        lc.safely(() -> lc.handler().onTimeout(this));
      }
    }
  }

  private void onTimerL() {
    if (state != TransactionState.ACCEPTED) {
      return;
    }
    boolean unacknowledged = lc.layer.retransmitsSuccess() && !successAcked;
    terminate(unacknowledged ? Outcome.TIMED_OUT : Outcome.COMPLETED);
    if (unacknowledged && visible) {
      lc.safely(() -> lc.handler().onTimeout(this));
    }
  }

  private void onUnansweredTimeout() {
    if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
      LOG.log(System.Logger.Level.WARNING, "no final response to {0} within 64*T1, transaction ended",
          method);
      terminate(Outcome.TIMED_OUT);
      if (visible) {
        lc.safely(() -> lc.handler().onTimeout(this));
      }
    }
  }

  private void retransmit(SipResponse response) {
    lc.counters().retransmissionsSent.increment();
    transmit(response);
  }

  private void transmit(SipResponse response) {
    try {
      lc.layer.sender().send(response, flow).whenComplete((ok, error) -> {
        if (error != null) {
          lc.post(() -> onTransportError(error));
        }
      });
    } catch (RuntimeException e) {
      lc.post(() -> onTransportError(e));
    }
  }

  private void onTransportError(Throwable cause) {
    if (state == TransactionState.TERMINATED) {
      return;
    }
    terminate(Outcome.TRANSPORT_ERROR);
    if (visible) {
      lc.safely(() -> lc.handler().onTransportError(this, cause));
    }
  }

  private void terminate(Outcome outcome) {
    if (state == TransactionState.TERMINATED) {
      return;
    }
    state = TransactionState.TERMINATED;
    retransmitTimer.cancel();
    timeoutTimer.cancel();
    endTimer.cancel();
    lc.removeServer(this);
    lc.counters().ended(kind, outcome);
  }
}
