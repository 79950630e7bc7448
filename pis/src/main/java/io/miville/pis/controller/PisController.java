package io.miville.pis.controller;

import io.miville.codec.SipRequest;
import io.miville.pis.site.Site;
import java.util.List;
import java.util.Optional;

/**
 * The resource controller of draft-pis-00: it owns the live state of every proxy of a
 * {@link Site}, answers SEEK, AIM, FLUSH, WASH, FRESHEN, COMET, VOMET, the posture methods, DIG,
 * INVITE/ACK/BYE to proxies and sensor PUBLISHes, queues seekers by urgency, and tells
 * {@link PisListener}s about every change.
 *
 * <p>Threading: a controller is single-threaded. Every method must be called on the lane it was
 * created with (see docs/concurrency.md); its timers (queue time-outs, flush progress,
 * auto-flush, cleaning, grace periods) run there too. Time comes from that lane's ticker, so
 * tests drive it with {@code ManualTime}.
 */
public interface PisController {

  /**
   * A new request addressed to the controller or to one of its proxies. Answers it through
   * {@code responder}, now or later; never blocks.
   */
  void handle(SipRequest request, Responder responder);

  /** An ACK for a 2xx this controller sent (INVITE to a proxy): confirms the session. */
  void handleAck(SipRequest ack);

  /**
   * The 2xx to the INVITE of {@code callId} was never acknowledged (RFC 3261 §13.3.1.4, Timer L):
   * the session it started on a proxy never began, and its place is freed without a flush.
   */
  void sessionUnconfirmed(String callId);

  /** The site served. */
  Site site();

  /** The cluster whose controller or proxies live at {@code host} (a request's Request-URI host). */
  Optional<String> clusterAt(String host);

  /** The current state of a cluster. */
  Optional<ClusterSnapshot> snapshot(String clusterId);

  /** All clusters' current states, in site order. */
  List<ClusterSnapshot> snapshots();

  /** Adds a listener; it hears every change from now on. */
  void addListener(PisListener listener);

  /**
   * An operator sets a proxy's condition (e.g. closes it for cleaning, repairs a clog, takes it
   * out of service, puts it back); listeners hear of it like any other change.
   *
   * @return false if there is no such proxy
   */
  boolean operate(String proxyAddress, ProxyCondition condition);
}
