package io.miville.pis.presence;

import io.miville.codec.header.Address;
import io.miville.codec.header.NamedValue;
import io.miville.codec.uri.Uri;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Flow;
import java.util.List;
import java.util.Optional;

/**
 * One subscription (RFC 6665 §4.1) and the dialog it lives in (RFC 3261 §12), seen from the
 * notifier. Confined to the presence service's lane: no locks, plain fields.
 */
final class Subscription {
  /** Identifies a subscription: its dialog plus the Event package and id (RFC 6665 §4.1.2.4). */
  record Key(String callId, String localTag, String remoteTag, EventPackage eventPackage, String eventId) {}

  final Key key;
  final EventPackage eventPackage;
  /** The cluster observed; empty for a site-wide pis-maintenance subscription. */
  final Optional<String> clusterId;
  final NamedValue event;
  /** From of our NOTIFYs: the SUBSCRIBE's To with our tag. */
  final Address local;
  /** To of our NOTIFYs: the SUBSCRIBE's From. */
  final Address remote;
  final List<Address> routeSet;
  final Address contact;
  Uri remoteTarget;
  Flow flow;
  long remoteCseq;
  long localCseq;
  long expiresAtNanos;

  TimerHandle expiryTimer = TimerHandle.NONE;
  TimerHandle rateTimer = TimerHandle.NONE;
  boolean everSent;
  long lastSentNanos;
  long lastSentVersion = Long.MIN_VALUE;
  int inFlight;
  /** In the queue of subscriptions waiting for room in the total in-flight window. */
  boolean waiting;
  boolean terminated;

  Subscription(Key key, Optional<String> clusterId, NamedValue event, Address local, Address remote,
      List<Address> routeSet, Address contact, Uri remoteTarget, Flow flow, long remoteCseq) {
    this.key = key;
    this.eventPackage = key.eventPackage();
    this.clusterId = clusterId;
    this.event = event;
    this.local = local;
    this.remote = remote;
    this.routeSet = List.copyOf(routeSet);
    this.contact = contact;
    this.remoteTarget = remoteTarget;
    this.flow = flow;
    this.remoteCseq = remoteCseq;
  }

  void cancelTimers() {
    expiryTimer.cancel();
    expiryTimer = TimerHandle.NONE;
    rateTimer.cancel();
    rateTimer = TimerHandle.NONE;
  }

  @Override
  public String toString() {
    return "Subscription[" + eventPackage.token() + " " + clusterId.orElse("site") + " " + key.callId() + "]";
  }
}
