package io.miville.pis.controller;

import io.miville.codec.SipRequest;
import io.miville.transaction.time.TimerHandle;

/** A request waiting in a cluster's queue (a SEEK for a proxy, a WASH for a sink). */
final class Waiter {
  final SipRequest request;
  final Responder responder;
  final SeekCriteria criteria;
  final long enqueuedAt;
  final long sequence;
  TimerHandle timeout = TimerHandle.NONE;

  Waiter(SipRequest request, Responder responder, SeekCriteria criteria, long enqueuedAt, long sequence) {
    this.request = request;
    this.responder = responder;
    this.criteria = criteria;
    this.enqueuedAt = enqueuedAt;
    this.sequence = sequence;
  }

  /** Urgency weight plus seconds waited times the aging rate (see {@link PisConfig#agingRate()}). */
  double priority(long now, PisConfig config) {
    return config.urgencyWeight(criteria.urgency().level()) + (now - enqueuedAt) / 1e9 * config.agingRate();
  }
}
