package io.miville.transaction;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.transaction.Keys.AckKey;
import io.miville.transaction.Keys.ClientKey;
import io.miville.transaction.Keys.MergeKey;
import io.miville.transaction.Keys.ServerKey;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Flow;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one lane owns: its transactions, in plain maps touched only by the lane's thread, and the
 * one structure shared with I/O threads, {@link #admitted}.
 */
final class LaneContext {
  private static final System.Logger LOG = System.getLogger(LaneContext.class.getName());

  final TransactionLayer layer;
  final Lane lane;

  /**
   * Keys of server transactions that exist or whose first request is queued for the lane. I/O
   * threads read it to tell a retransmission (let through under overload) from a new request
   * (answered 503); they add a key when they admit a new request, the lane removes it when the
   * transaction ends (or when the request creates none).
   */
  final Set<ServerKey> admitted = ConcurrentHashMap.newKeySet();

  final HashMap<ClientKey, ClientTransaction> clients = new HashMap<>();
  final HashMap<ServerKey, ServerTransaction> servers = new HashMap<>();
  /** Non-CANCEL server transactions by key without method: what a CANCEL looks for (§9.2). */
  final HashMap<ServerKey, ServerTransaction> cancelIndex = new HashMap<>();
  /** Server transactions of requests without To tag, by From tag, Call-ID and CSeq (§8.2.2.2). */
  final HashMap<MergeKey, ServerTransaction> merges = new HashMap<>();
  /** INVITE server transactions in Accepted, by what their 2xx's ACK carries. */
  final HashMap<AckKey, ServerTransaction> accepted = new HashMap<>();

  LaneContext(TransactionLayer layer, Lane lane) {
    this.layer = layer;
    this.lane = lane;
  }

  Counters counters() {
    return layer.counters;
  }

  TimerConfig timers() {
    return layer.timers();
  }

  RequestHandler handler() {
    return layer.handler();
  }

  /** Runs {@code task} now if on the lane, else queues it there. */
  void run(Runnable task) {
    if (lane.inLane()) {
      task.run();
    } else {
      lane.execute(task);
    }
  }

  /** Queues {@code task} on the lane, even from the lane (no re-entrance). */
  void post(Runnable task) {
    lane.execute(task);
  }

  TimerHandle schedule(long delayNanos, Runnable task) {
    return lane.schedule(delayNanos, task);
  }

  /** Runs TU code: a failure is logged, never allowed to break the lane. */
  void safely(Runnable tuCode) {
    try {
      tuCode.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "transaction user failed", e);
    }
  }

  // ---- inbound, on the lane ----

  void onResponse(SipResponse response) {
    Optional<ClientKey> key = Keys.client(response);
    if (key.isEmpty()) {
      counters().malformed.increment();
      return;
    }
    ClientTransaction t = clients.get(key.get());
    if (t == null) {
      // RFC 6026 §7.1 (updating §18.1.2): a UA discards responses that match no transaction
      counters().strayResponses.increment();
      return;
    }
    t.onResponse(response);
  }

  void onAck(SipRequest ack, Flow flow) {
    Optional<ServerKey> key = Keys.server(ack);
    if (key.isEmpty()) {
      counters().malformed.increment();
      return;
    }
    ServerTransaction t = servers.get(key.get());
    if (t != null && t.kind() == TransactionKind.INVITE_SERVER) {
      t.onAck(ack); // ACK for a non-2xx: part of the INVITE transaction (§17.2.1)
      return;
    }
    // ACK for a 2xx: a request of its own with a new branch (§17, §13.2.2.4)
    ServerTransaction invite = accepted.get(Keys.ack(ack));
    if (invite != null) {
      invite.onSuccessAck();
    }
    deliverAck(ack, flow);
  }

  void deliverAck(SipRequest ack, Flow flow) {
    safely(() -> handler().onAck(ack, flow));
  }

  void onCancel(SipRequest cancel, Flow flow) {
    Optional<ServerKey> key = Keys.server(cancel);
    if (key.isEmpty()) {
      counters().malformed.increment();
      return;
    }
    ServerTransaction existing = servers.get(key.get());
    if (existing != null) {
      existing.onRetransmission();
      return;
    }
    ServerTransaction target = cancelIndex.get(key.get().anyMethod());
    // §9.2: the responses to CANCEL and to the request it cancels should carry the same To tag
    String tag = target != null ? target.localTag() : localTagFor(cancel);
    ServerTransaction ct = new ServerTransaction(this, cancel, flow, key.get(), null, false, tag);
    servers.put(key.get(), ct);
    ct.start(false);
    if (target == null || target.state() == TransactionState.TERMINATED) {
      counters().cancels481.increment();
      ct.respond(481);
      return;
    }
    ct.respond(200);
    if (target.kind() == TransactionKind.INVITE_SERVER && !target.isFinalSent()) {
      target.markCancelled();
      safely(() -> handler().onCancel(target, cancel));
    }
  }

  /** A request other than ACK and CANCEL; {@code key} was admitted by the I/O thread or is live. */
  void onRequest(SipRequest request, Flow flow, ServerKey key) {
    ServerTransaction existing = servers.get(key);
    if (existing != null) {
      existing.onRetransmission();
      return;
    }
    if (!request.cseq().map(c -> c.method().equals(request.method())).orElse(false)) {
      // §8.1.1.5: the CSeq method must be the request's; answer 400 and keep the TU out of it
      ServerTransaction bad = new ServerTransaction(this, request, flow, key, null, false, localTagFor(request));
      servers.put(key, bad);
      bad.start(false);
      bad.respond(bad.responseBuilder(400).reason("CSeq method does not match").build());
      return;
    }
    MergeKey mergeKey = null;
    if (request.to().flatMap(Address::tag).isEmpty()) {
      mergeKey = Keys.merge(request);
      if (merges.containsKey(mergeKey)) {
        // §8.2.2.2: the same request reached us twice by different paths
        counters().merged482.increment();
        ServerTransaction merged = new ServerTransaction(this, request, flow, key, null, false, localTagFor(request));
        servers.put(key, merged);
        merged.start(false);
        merged.respond(482);
        return;
      }
    }
    ServerTransaction t = new ServerTransaction(this, request, flow, key, mergeKey, true, localTagFor(request));
    servers.put(key, t);
    admitted.add(key); // normally there already; not if a late retransmission outlived its transaction
    cancelIndex.put(key.anyMethod(), t);
    if (mergeKey != null) {
      merges.put(mergeKey, t);
    }
    t.start(true);
    try {
      handler().onRequest(t);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "request handler failed on " + request.method(), e);
      if (!t.isFinalSent()) {
        t.respond(500);
      }
    }
  }

  private static String localTagFor(SipRequest request) {
    return request.to().flatMap(Address::tag).orElseGet(Requests::newTag);
  }

  void removeServer(ServerTransaction t) {
    servers.remove(t.key(), t);
    if (!t.request().method().equals(SipMethod.CANCEL)) {
      cancelIndex.remove(t.key().anyMethod(), t);
      admitted.remove(t.key());
    }
    if (t.mergeKey() != null) {
      merges.remove(t.mergeKey(), t);
    }
    if (t.ackKey() != null) {
      accepted.remove(t.ackKey(), t);
    }
  }

  int liveTransactions() {
    return clients.size() + servers.size();
  }
}
