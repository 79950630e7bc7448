package io.miville.node.uas;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.transaction.RequestHandler;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Flow;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UAS of {@code miville serve}: it answers INVITE by its {@link UasPolicy} (optionally after
 * ringing), keeps each answered call until BYE, answers OPTIONS with what it allows and supports
 * (RFC 3261 §11), and every other request properly: {@code 405} with Allow for methods it knows
 * but does not serve, {@code 501} for methods it does not know (§21.4.6, §21.5.2), {@code 420}
 * for a Require it does not support (§8.2.2.3), {@code 415} for a body it cannot read (§8.2.3),
 * {@code 481} for an in-dialog request of no dialog (§12.2.2).
 *
 * <p>All methods run on the lane of the request's Call-ID (see docs/concurrency.md); the call
 * table is shared between lanes, so it is a concurrent map with a size bound.
 */
public final class BasicUas implements RequestHandler {
  private static final System.Logger LOG = System.getLogger("miville.uas");
  /** Methods this UAS serves, in its Allow header. */
  public static final List<SipMethod> ALLOWED =
      List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE, SipMethod.CANCEL, SipMethod.OPTIONS);
  private static final Set<String> SUPPORTED_EXTENSIONS = Set.of();
  private static final int MAX_CALLS = 200_000;

  private final UasPolicy policy;
  private final UasCounters counters = new UasCounters();
  private final Map<String, Call> calls = new ConcurrentHashMap<>();

  /** One call from INVITE to its end; touched only on its Call-ID's lane. */
  private static final class Call {
    final String callId;
    final String caller;
    final io.miville.transaction.time.Ticker ticker;
    final long startNanos;
    boolean confirmed;
    TimerHandle ringTimer;

    Call(String callId, String caller, io.miville.transaction.time.Ticker ticker) {
      this.callId = callId;
      this.caller = caller;
      this.ticker = ticker;
      this.startNanos = ticker.nanos();
    }
  }

  public BasicUas(UasPolicy policy) {
    this.policy = policy;
  }

  public UasCounters.Snapshot counters() {
    return counters.snapshot();
  }

  /** Calls answered and not yet ended. */
  public int activeCalls() {
    return calls.size();
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    SipRequest request = tx.request();
    SipMethod method = request.method();
    if (!checkRequire(tx) || !checkBody(tx)) {
      return;
    }
    if (method.equals(SipMethod.INVITE)) {
      invite(tx);
    } else if (method.equals(SipMethod.BYE)) {
      bye(tx);
    } else if (method.equals(SipMethod.OPTIONS)) {
      counters.options.increment();
      tx.respond(withCapabilities(tx.responseBuilder(200), tx.flow()).build());
    } else if (isKnown(method)) {
      counters.notAllowed.increment();
      tx.respond(tx.responseBuilder(405).headerList(SipHeaders.ALLOW, ALLOWED).build());
    } else {
      counters.notImplemented.increment();
      tx.respond(501);
    }
  }

  private boolean checkRequire(ServerTransaction tx) {
    List<String> unsupported = tx.request().headers(SipHeaders.REQUIRE).stream()
        .filter(tag -> !SUPPORTED_EXTENSIONS.contains(tag)).toList();
    if (unsupported.isEmpty() || tx.request().method().equals(SipMethod.CANCEL)) {
      return true;
    }
    counters.badExtension.increment();
    tx.respond(tx.responseBuilder(420).headerList(SipHeaders.UNSUPPORTED, unsupported).build());
    return false;
  }

  private boolean checkBody(ServerTransaction tx) {
    SipRequest r = tx.request();
    if (r.bodyLength() == 0) {
      return true;
    }
    Optional<MediaType> type = r.contentType();
    boolean readable = type.map(t -> t.matches(MediaType.APPLICATION_SDP)).orElse(false)
        && r.header(HeaderName.CONTENT_ENCODING).isEmpty();
    if (readable || !r.method().equals(SipMethod.INVITE)) {
      return true;
    }
    counters.unsupportedMedia.increment();
    tx.respond(tx.responseBuilder(415).headers(SipHeaders.ACCEPT, List.of(MediaType.APPLICATION_SDP)).build());
    return false;
  }

  private void invite(ServerTransaction tx) {
    SipRequest invite = tx.request();
    String callId = invite.callId().orElse("");
    if (invite.to().flatMap(Address::tag).isPresent()) {
      // a re-INVITE: answer it within its dialog, or 481 if there is none
      Call call = calls.get(key(callId, invite.to().flatMap(Address::tag).get()));
      if (call == null) {
        counters.noDialog.increment();
        tx.respond(481);
      } else {
        tx.respond(answer(tx, 200));
      }
      return;
    }
    counters.invites.increment();
    if (policy.answerStatus() < 300 && calls.size() >= MAX_CALLS) {
      tx.respond(tx.responseBuilder(503).set(SipHeaders.RETRY_AFTER, io.miville.codec.header.RetryAfter.of(5)).build());
      return;
    }
    String caller = invite.from().map(a -> a.uri().toString()).orElse("?");
    Call call = new Call(callId, caller, tx.lane().ticker());
    if (policy.ring().isZero()) {
      finish(tx, call);
    } else {
      tx.respond(tx.responseBuilder(180).build());
      calls.put(key(callId, tx.localTag()), call);
      call.ringTimer = tx.lane().schedule(policy.ring().toNanos(), () -> {
        call.ringTimer = null;
        if (!tx.isCancelled()) {
          calls.remove(key(callId, tx.localTag()));
          finish(tx, call);
        }
      });
    }
  }

  private void finish(ServerTransaction tx, Call call) {
    int status = policy.answerStatus();
    if (status >= 300) {
      counters.refused.increment();
      tx.respond(tx.responseBuilder(status).build());
      log(call, "refused " + status);
      return;
    }
    counters.answered.increment();
    calls.put(key(call.callId, tx.localTag()), call);
    tx.respond(answer(tx, status));
  }

  /** A 2xx with Contact and, when the INVITE offered SDP, an answer that accepts no media (RFC 3264 §6). */
  private SipResponse answer(ServerTransaction tx, int status) {
    SipResponse.Builder b = withCapabilities(tx.responseBuilder(status), tx.flow());
    SipRequest invite = tx.request();
    if (invite.bodyLength() > 0) {
      b.body(MediaType.APPLICATION_SDP, InactiveSdpAnswer.to(invite.bodyText(), tx.flow().local().getAddress()));
    }
    return b.build();
  }

  private static SipResponse.Builder withCapabilities(SipResponse.Builder b, Flow flow) {
    return b.header(SipHeaders.CONTACT, Address.of(contactUri(flow)))
        .headerList(SipHeaders.ALLOW, ALLOWED)
        .header(HeaderName.ACCEPT, "application/sdp")
        .header(HeaderName.SUPPORTED, "");
  }

  /** Where this UAS can be reached for in-dialog requests: the address the request came in on. */
  static SipUri contactUri(Flow flow) {
    InetSocketAddress local = flow.local();
    String host = local.getAddress() instanceof java.net.Inet6Address
        ? "[" + local.getAddress().getHostAddress().replaceAll("%.*", "") + "]"
        : local.getAddress().getHostAddress();
    SipUri uri = SipUri.create(flow.transport() == Transport.TLS || flow.transport() == Transport.WSS, "miville",
        host, local.getPort());
    return flow.transport() == Transport.UDP ? uri : uri.withParam("transport", flow.transport().viaName().toLowerCase());
  }

  @Override
  public void onAck(SipRequest ack, Flow flow) {
    String tag = ack.to().flatMap(Address::tag).orElse("");
    Call call = calls.get(key(ack.callId().orElse(""), tag));
    if (call != null && !call.confirmed) {
      call.confirmed = true;
      counters.confirmed.increment();
    }
  }

  private void bye(ServerTransaction tx) {
    SipRequest bye = tx.request();
    String tag = bye.to().flatMap(Address::tag).orElse("");
    Call call = calls.remove(key(bye.callId().orElse(""), tag));
    if (call == null) {
      counters.noDialog.increment();
      tx.respond(481);
      return;
    }
    counters.ended.increment();
    if (!call.confirmed) {
      counters.endedBeforeAck.increment();
    }
    tx.respond(200);
    log(call, (call.confirmed ? "ended by BYE" : "ended by BYE before ACK"));
  }

  @Override
  public void onCancel(ServerTransaction invite, SipRequest cancel) {
    Call call = calls.remove(key(invite.request().callId().orElse(""), invite.localTag()));
    if (call != null && call.ringTimer != null) {
      call.ringTimer.cancel();
    }
    counters.cancelled.increment();
    invite.respond(487);
    if (call != null) {
      log(call, "cancelled");
    }
  }

  @Override
  public void onTimeout(ServerTransaction tx) {
    if (tx.request().method().equals(SipMethod.INVITE)) {
      Call call = calls.remove(key(tx.request().callId().orElse(""), tx.localTag()));
      if (call != null && !call.confirmed) {
        counters.ackTimeouts.increment();
        log(call, "answered but never acknowledged");
      }
    }
  }

  /** One line per call, on its lane; built by hand, as a MessageFormat and a NumberFormat per line cost more. */
  private void log(Call call, String outcome) {
    if (LOG.isLoggable(System.Logger.Level.INFO)) {
      long ms = (call.ticker.nanos() - call.startNanos) / 1_000_000;
      String line = "call " + call.callId + " from " + call.caller + ": " + outcome + " after " + ms + " ms";
      LOG.log(System.Logger.Level.INFO, line);
    }
  }

  private static String key(String callId, String localTag) {
    return callId + '\u0000' + localTag;
  }

  private static boolean isKnown(SipMethod m) {
    return !m.reference().isEmpty();
  }
}
