package io.miville.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link TransportCounters}. LongAdder rather than AtomicLong: every
 * event loop thread increments them and nobody reads them on the hot path, so they should not
 * make threads contend on one cache line.
 */
final class Counters {
  private static final int N = Transport.values().length;

  final LongAdder[] messagesIn = adders();
  final LongAdder[] messagesOut = adders();
  final LongAdder[] bytesIn = adders();
  final LongAdder[] bytesOut = adders();
  final LongAdder datagramsIn = new LongAdder();
  final LongAdder malformedDropped = new LongAdder();
  final LongAdder malformedAnswered = new LongAdder();
  final LongAdder keepAlivePings = new LongAdder();
  /** Open stream connections: also the counter the connection cap is enforced on. */
  final AtomicInteger connectionsOpen = new AtomicInteger();
  final LongAdder connectionsAccepted = new LongAdder();
  final LongAdder connectionsOpened = new LongAdder();
  final LongAdder connectionsRefused = new LongAdder();
  final LongAdder connectionsIdleClosed = new LongAdder();
  final LongAdder connectionsOverloadClosed = new LongAdder();
  final LongAdder connectionsMalformedClosed = new LongAdder();
  final LongAdder connectionsStalledClosed = new LongAdder();
  final LongAdder tlsHandshakeFailures = new LongAdder();
  final LongAdder webSocketUpgradesRefused = new LongAdder();
  final LongAdder sendFailures = new LongAdder();
  final LongAdder handlerErrors = new LongAdder();

  private static LongAdder[] adders() {
    LongAdder[] a = new LongAdder[N];
    for (int i = 0; i < N; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  void in(Transport t, int bytes) {
    bytesIn[t.ordinal()].add(bytes);
  }

  void messageIn(Transport t) {
    messagesIn[t.ordinal()].increment();
  }

  void out(Transport t, int bytes) {
    messagesOut[t.ordinal()].increment();
    bytesOut[t.ordinal()].add(bytes);
  }

  /** Bytes written that are not messages (pongs). */
  void bytesOut(Transport t, int bytes) {
    bytesOut[t.ordinal()].add(bytes);
  }

  /** Takes a slot under the connection cap; false if the cap is reached. */
  boolean reserveConnection(int max) {
    while (true) {
      int open = connectionsOpen.get();
      if (open >= max) {
        return false;
      }
      if (connectionsOpen.compareAndSet(open, open + 1)) {
        return true;
      }
    }
  }

  void releaseConnection() {
    connectionsOpen.decrementAndGet();
  }

  TransportCounters snapshot() {
    Map<Transport, TransportCounters.Traffic> traffic = new EnumMap<>(Transport.class);
    for (Transport t : Transport.values()) {
      int i = t.ordinal();
      traffic.put(t, new TransportCounters.Traffic(messagesIn[i].sum(), messagesOut[i].sum(), bytesIn[i].sum(),
          bytesOut[i].sum()));
    }
    return new TransportCounters(traffic, datagramsIn.sum(), malformedDropped.sum(), malformedAnswered.sum(),
        keepAlivePings.sum(), connectionsOpen.get(), connectionsAccepted.sum(), connectionsOpened.sum(),
        connectionsRefused.sum(), connectionsIdleClosed.sum(), connectionsOverloadClosed.sum(),
        connectionsMalformedClosed.sum(), connectionsStalledClosed.sum(), tlsHandshakeFailures.sum(),
        webSocketUpgradesRefused.sum(), sendFailures.sum(), handlerErrors.sum());
  }
}
