package io.miville.transaction;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transaction.Counters.Outcome;
import io.miville.transaction.Keys.ClientKey;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Flow;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A client transaction (RFC 3261 §17.1, RFC 6026 §7.2): the INVITE machine (Calling, Proceeding,
 * Accepted, Completed, Terminated) or the non-INVITE one (Trying, Proceeding, Completed,
 * Terminated). Made by {@link TransactionLayer#sendRequest}; it retransmits the request on
 * unreliable transports (Timers A and E), times out (B and F, with a {@code 408} made up for the
 * TU), ACKs non-2xx final responses to INVITE on the flow the INVITE used (§17.1.1.3), and
 * absorbs response retransmissions (D, K, M).
 *
 * <p>State is owned by the lane of the request's Call-ID; {@link ResponseListener} callbacks and
 * the stages hanging off {@link #response()} (unless added with an {@code ...Async} method) run
 * there. The accessors may be read from any thread.
 */
public final class ClientTransaction {
  private static final System.Logger LOG = System.getLogger(ClientTransaction.class.getName());

  private final LaneContext lc;
  private final SipRequest request;
  private final ClientKey key;
  private final TransactionKind kind;
  private final Transport transport;
  private final InetSocketAddress destination;
  private final ResponseListener listener;
  private final CompletableFuture<SipResponse> finalResponse = new CompletableFuture<>();

  private volatile Flow flow;
  private volatile TransactionState state;
  private volatile ClientTransaction cancelTransaction;
  private TimerHandle retransmitTimer = TimerHandle.NONE; // A or E
  private TimerHandle timeoutTimer = TimerHandle.NONE; // B or F
  private TimerHandle endTimer = TimerHandle.NONE; // D, K or M
  private TimerHandle cancelTimer = TimerHandle.NONE; // §9.1: 64*T1 after CANCEL
  private long retransmitInterval;
  private SipRequest ack;
  private boolean provisionalSeen;
  private boolean cancelRequested;
  private boolean finalDelivered;

  ClientTransaction(LaneContext lc, SipRequest request, ClientKey key, Transport transport,
      InetSocketAddress destination, Flow flow, ResponseListener listener) {
    this.lc = lc;
    this.request = request;
    this.key = key;
    this.kind = request.method().equals(SipMethod.INVITE) ? TransactionKind.INVITE_CLIENT
        : TransactionKind.NON_INVITE_CLIENT;
    this.transport = transport;
    this.destination = destination;
    this.flow = flow;
    this.listener = listener;
    this.state = kind == TransactionKind.INVITE_CLIENT ? TransactionState.CALLING : TransactionState.TRYING;
  }

  /** The request as sent, with the top Via the layer added. */
  public SipRequest request() {
    return request;
  }

  public TransactionKind kind() {
    return kind;
  }

  public TransactionState state() {
    return state;
  }

  /** The branch of the top Via: the transaction id (§8.1.1.7). */
  public String branch() {
    return request.topVia().flatMap(v -> v.branch()).orElseThrow();
  }

  /**
   * The final response: the first one received, or a {@code 408} (timeout) or {@code 503}
   * (transport error) made up locally. Never completes exceptionally.
   */
  public CompletionStage<SipResponse> response() {
    return finalResponse.minimalCompletionStage();
  }

  /** The flow the request went out on, once the transport reported it. */
  public Optional<Flow> flow() {
    return Optional.ofNullable(flow);
  }

  /** The CANCEL transaction started by {@link #cancel()}, once it is sent. */
  public Optional<ClientTransaction> cancelTransaction() {
    return Optional.ofNullable(cancelTransaction);
  }

  /** The lane that owns this transaction. */
  public Lane lane() {
    return lc.lane;
  }

  /**
   * Cancels this INVITE (RFC 3261 §9.1): a CANCEL goes to the same destination on the same flow,
   * as a non-INVITE transaction of its own, once a provisional response has arrived (at once if
   * one has, else when the first does). Nothing happens if a final response already arrived.
   * If no final response arrives within 64*T1 of the CANCEL, the INVITE ends as timed out.
   * Any thread may call it.
   *
   * @throws IllegalStateException if this is not an INVITE
   */
  public void cancel() {
    if (kind != TransactionKind.INVITE_CLIENT) {
      throw new IllegalStateException("only INVITE can be cancelled");
    }
    lc.run(this::requestCancel);
  }

  /** Runs {@code task} on this transaction's lane. */
  public void execute(Runnable task) {
    lc.lane.execute(task);
  }

  /** Runs blocking {@code work} on a virtual thread, then {@code then} on this transaction's lane. */
  public <T> void offload(Callable<T> work, BiConsumer<? super T, ? super Throwable> then) {
    lc.layer.offload(lc, work, then);
  }

  @Override
  public String toString() {
    return kind + "[" + request.method() + " " + key.branch() + " " + state + "]";
  }

  // ---- lane side ----

  private boolean reliable() {
    return transport.isReliable();
  }

  void start() {
    lc.counters().created(kind);
    if (lc.clients.putIfAbsent(key, this) != null) {
      onTransportError(new IllegalStateException("branch already in use: " + key.branch()));
      return;
    }
    transmit(request);
    long t1 = lc.timers().t1Nanos();
    if (!reliable()) {
      retransmitInterval = t1;
      retransmitTimer = lc.schedule(t1, this::onRetransmitTimer); // Timer A or E
    }
    timeoutTimer = lc.schedule(lc.timers().timeoutNanos(), this::onTimeoutTimer); // Timer B or F
  }

  private void onRetransmitTimer() {
    TransactionState s = state;
    if (kind == TransactionKind.INVITE_CLIENT) {
      if (s != TransactionState.CALLING) {
        return;
      }
      retransmitInterval *= 2; // Timer A doubles without a cap (§17.1.1.2)
    } else if (s == TransactionState.TRYING) {
      retransmitInterval = Math.min(retransmitInterval * 2, lc.timers().t2Nanos()); // §17.1.2.2
    } else if (s == TransactionState.PROCEEDING) {
      retransmitInterval = lc.timers().t2Nanos();
    } else {
      return;
    }
    lc.counters().retransmissionsSent.increment();
    transmit(request);
    retransmitTimer = lc.schedule(retransmitInterval, this::onRetransmitTimer);
  }

  private void onTimeoutTimer() {
    TransactionState s = state;
    boolean waiting = kind == TransactionKind.INVITE_CLIENT
        ? s == TransactionState.CALLING
        : s == TransactionState.TRYING || s == TransactionState.PROCEEDING;
    if (waiting) {
      timeout();
    }
  }

  private void timeout() {
    SipResponse timeout = synthesize(408);
    finalDelivered = true;
    terminate(Outcome.TIMED_OUT);
    lc.safely(() -> listener.onTimeout(this, timeout));
    finalResponse.complete(timeout);
  }

  /** A response matched this transaction (§17.1.3). */
  void onResponse(SipResponse response) {
    int status = response.status();
    TransactionState s = state;
    if (kind == TransactionKind.INVITE_CLIENT) {
      switch (s) {
        case CALLING, PROCEEDING -> {
          if (status < 200) {
            if (s == TransactionState.CALLING) {
              retransmitTimer.cancel();
              timeoutTimer.cancel(); // Timer B only matters in Calling
              state = TransactionState.PROCEEDING;
            }
            provisionalSeen = true;
            lc.safely(() -> listener.onProvisional(this, response));
            if (cancelRequested && cancelTransaction == null) {
              sendCancel();
            }
          } else if (status < 300) {
            stopWaiting();
            state = TransactionState.ACCEPTED; // RFC 6026: wait for more 2xx until Timer M
            endTimer = lc.schedule(lc.timers().timeoutNanos(), () -> terminate(Outcome.COMPLETED));
            deliverFinal(response);
          } else {
            stopWaiting();
            state = TransactionState.COMPLETED;
            ack = Requests.ackForFailure(request, response);
            transmit(ack);
            deliverFinal(response);
            if (reliable()) {
              terminate(Outcome.COMPLETED); // Timer D is 0 on reliable transports
            } else {
              endTimer = lc.schedule(lc.timers().timerDNanos(), () -> terminate(Outcome.COMPLETED));
            }
          }
        }
        case ACCEPTED -> {
          if (status >= 200 && status < 300) {
            lc.safely(() -> listener.onAdditionalSuccess(this, response));
          } else {
            lc.counters().retransmissionsAbsorbed.increment();
          }
        }
        case COMPLETED -> {
          lc.counters().retransmissionsAbsorbed.increment();
          if (status >= 300) {
            lc.counters().retransmissionsSent.increment();
            transmit(ack); // §17.1.1.2: every retransmitted final response gets the ACK again
          }
        }
        default -> lc.counters().retransmissionsAbsorbed.increment();
      }
    } else {
      switch (s) {
        case TRYING, PROCEEDING -> {
          if (status < 200) {
            state = TransactionState.PROCEEDING;
            lc.safely(() -> listener.onProvisional(this, response));
          } else {
            stopWaiting();
            state = TransactionState.COMPLETED;
            deliverFinal(response);
            if (reliable()) {
              terminate(Outcome.COMPLETED); // Timer K is 0 on reliable transports
            } else {
              endTimer = lc.schedule(lc.timers().t4Nanos(), () -> terminate(Outcome.COMPLETED));
            }
          }
        }
        default -> lc.counters().retransmissionsAbsorbed.increment();
      }
    }
  }

  private void stopWaiting() {
    retransmitTimer.cancel();
    timeoutTimer.cancel();
    cancelTimer.cancel();
  }

  private void deliverFinal(SipResponse response) {
    finalDelivered = true;
    lc.safely(() -> listener.onFinal(this, response));
    finalResponse.complete(response);
  }

  private void requestCancel() {
    if (finalDelivered || cancelRequested || state == TransactionState.TERMINATED) {
      return;
    }
    cancelRequested = true;
    if (provisionalSeen) {
      sendCancel();
    }
  }

  private void sendCancel() {
    SipRequest cancel = Requests.cancel(request);
    cancelTransaction = lc.layer.startClient(lc, cancel, transport, destination, flow, ResponseListener.NONE);
    cancelTimer = lc.schedule(lc.timers().timeoutNanos(), () -> {
      if (!finalDelivered) {
        LOG.log(System.Logger.Level.DEBUG, "no final response within 64*T1 of CANCEL: {0}", this);
        timeout();
      }
    });
  }

  private void transmit(SipMessage message) {
    Flow f = flow;
    try {
      if (f != null) {
        lc.layer.sender().send(message, f).whenComplete((ok, error) -> {
          if (error != null) {
            lc.post(() -> onTransportError(error));
          }
        });
      } else {
        lc.layer.sender().send(message, transport, destination).whenComplete((used, error) ->
            lc.post(() -> {
              if (error != null) {
                onTransportError(error);
              } else if (flow == null) {
                flow = used; // later retransmissions, the ACK and CANCEL take the same flow
              }
            }));
      }
    } catch (RuntimeException e) {
      lc.post(() -> onTransportError(e));
    }
  }

  private void onTransportError(Throwable cause) {
    if (state == TransactionState.TERMINATED) {
      return;
    }
    LOG.log(System.Logger.Level.DEBUG, "transport error on {0}: {1}", this, cause.toString());
    terminate(Outcome.TRANSPORT_ERROR);
    if (!finalDelivered) {
      finalDelivered = true;
      SipResponse unavailable = synthesize(503);
      lc.safely(() -> listener.onTransportError(this, unavailable, cause));
      finalResponse.complete(unavailable);
    }
  }

  private SipResponse synthesize(int status) {
    return SipResponse.forRequest(request, status).build();
  }

  private void terminate(Outcome outcome) {
    if (state == TransactionState.TERMINATED) {
      return;
    }
    state = TransactionState.TERMINATED;
    retransmitTimer.cancel();
    timeoutTimer.cancel();
    endTimer.cancel();
    cancelTimer.cancel();
    lc.clients.remove(key, this);
    lc.counters().ended(kind, outcome);
  }
}
