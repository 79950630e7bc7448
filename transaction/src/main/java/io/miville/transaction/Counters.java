package io.miville.transaction;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransactionCounters}; lanes and I/O threads add to them. */
final class Counters {
  enum Outcome { COMPLETED, TIMED_OUT, TRANSPORT_ERROR }

  private final LongAdder[] created = adders(4);
  private final LongAdder[] completed = adders(4);
  private final LongAdder[] timedOut = adders(4);
  private final LongAdder[] transportErrors = adders(4);
  final LongAdder overloadRejected = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder retransmissionsSent = new LongAdder();
  final LongAdder retransmissionsAbsorbed = new LongAdder();
  final LongAdder strayResponses = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder merged482 = new LongAdder();
  final LongAdder cancels481 = new LongAdder();

  private static LongAdder[] adders(int n) {
    LongAdder[] a = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      a[i] = new LongAdder();
    }
    return a;
  }

  void created(TransactionKind kind) {
    created[kind.ordinal()].increment();
  }

  void ended(TransactionKind kind, Outcome outcome) {
    switch (outcome) {
      case COMPLETED -> completed[kind.ordinal()].increment();
      case TIMED_OUT -> timedOut[kind.ordinal()].increment();
      case TRANSPORT_ERROR -> transportErrors[kind.ordinal()].increment();
    }
  }

  TransactionCounters snapshot() {
    Map<TransactionKind, TransactionCounters.Kind> kinds = new EnumMap<>(TransactionKind.class);
    for (TransactionKind k : TransactionKind.values()) {
      int i = k.ordinal();
      // read the ends before the starts so that live() is never negative
      long c = completed[i].sum();
      long t = timedOut[i].sum();
      long e = transportErrors[i].sum();
      kinds.put(k, new TransactionCounters.Kind(created[i].sum(), c, t, e));
    }
    return new TransactionCounters(kinds, overloadRejected.sum(), dropped.sum(), retransmissionsSent.sum(),
        retransmissionsAbsorbed.sum(), strayResponses.sum(), malformed.sum(), merged482.sum(), cancels481.sum());
  }
}
