package io.miville.pis.server;

import io.miville.transaction.ServerTransaction;

/**
 * Serves SUBSCRIBE requests the PIS front end receives (RFC 6665): cluster presence and the
 * maintenance event package. Called on the request's transaction lane.
 */
public interface SubscriptionHandler {

  /** A new SUBSCRIBE (initial or refresh or unsubscribe); must answer it. */
  void onSubscribe(ServerTransaction transaction);
}
