package io.miville.session;

import io.miville.codec.HeaderName;
import io.miville.codec.MessageBuilder;
import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.StatusCodes;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.RetryAfter;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.session.Ending.Cause;
import io.miville.session.Ending.Origin;
import io.miville.transaction.ClientTransaction;
import io.miville.transaction.ResponseListener;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.TransactionLayer;
import io.miville.transaction.time.Lane;
import io.miville.transaction.time.TimerHandle;
import io.miville.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One call: the INVITE dialog (RFC 3261 §12–§15) and the offer/answer exchanges in it (RFC 3264,
 * RFC 6337), for either {@link Role}. Made by {@link SessionManager#call} (caller) or handed to
 * {@link SessionListener#onIncoming} (callee).
 *
 * <p><b>Threading.</b> A session lives on the lane that owns its Call-ID (docs/concurrency.md):
 * its state changes and its listener calls happen there, one at a time. Its methods may be called
 * from any thread: called on the lane (from a listener callback) they act at once; called from
 * elsewhere they check the session's published state, throw {@link IllegalStateException} at once
 * if it forbids the action, and then act on the lane. If the state changed in between (a CANCEL
 * or BYE raced the call), the lane drops the action; the listener hears what happened instead.
 * Accessors may be read from any thread.
 *
 * <p><b>Offer/answer.</b> At most one offer is outstanding ({@link #offerState()}); {@link
 * #reoffer} refuses to make one while ours is unanswered or the peer's awaits our answer. Crossing
 * re-INVITEs (glare) are answered {@code 491 Request Pending}; a 491 to ours makes it go again
 * after a randomized delay (§14.1: 2.1–4 s if we own the Call-ID, i.e. we are the caller, else
 * 0–2 s).
 *
 * <p><b>Liveness.</b> An established session sends OPTIONS in the dialog after {@link
 * SessionConfig#keepAliveInterval()} of silence; no final response within {@link
 * SessionConfig#keepAliveTimeout()}, a 408, a 481 or a transport error ends it {@link
 * Ending.Cause#PEER_VANISHED} (with a best-effort BYE). Any other response, even 405 or 501,
 * proves the peer is there.
 */
public final class InviteSession {
  private static final System.Logger LOG = System.getLogger(InviteSession.class.getName());
  static final HeaderName RECV_INFO = HeaderName.of("Recv-Info");
  static final HeaderName INFO_PACKAGE = HeaderName.of("Info-Package");
  static final List<SipMethod> ALLOWED =
      List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.CANCEL, SipMethod.BYE, SipMethod.OPTIONS, SipMethod.INFO);
  private static final MediaType OCTETS = MediaType.of("application", "octet-stream");
  private static final long NONE = -1;

  private final SessionManager manager;
  private final TransactionLayer layer;
  private final SessionConfig config;
  private final SessionListener listener;
  private final Role role;
  private final String callId;
  private final String localTag;
  private final Lane lane;
  private final Address localParty;
  private final Address initialRemoteParty;
  private final Offer initialOffer;
  private final Uri target;

  // ---- published state: written on the lane, read anywhere ----
  private volatile SessionState state;
  private volatile OfferState offerState;
  private volatile Dialog dialog; // null until one exists
  private volatile Ending ending; // null until terminated
  private volatile Body localDescription; // null until an exchange completes
  private volatile Body remoteDescription;
  private volatile List<String> remoteInfoPackages = List.of();

  // ---- lane-confined ----
  // caller: the initial INVITE
  private SipRequest invite;
  private ClientTransaction inviteTx;
  private SentAck initialAck;
  private boolean provisionalSeen;
  private boolean ringingReported;
  private boolean cancelRequested;
  // callee: the initial INVITE
  private final ServerTransaction incoming;
  // our re-offer: made by the agent and not settled yet (in flight, or waiting to go)
  private Offer pendingOffer;
  private Reinvite reinvite; // the re-INVITE in flight
  private boolean glareWaiting;
  private int glareCount;
  private TimerHandle glareTimer = TimerHandle.NONE;
  // the peer's re-offer awaiting our answer
  private ServerTransaction remoteReinvite;
  private Offer remoteOffer;
  private TimerHandle reofferAnswerTimer = TimerHandle.NONE;
  // a 2xx we sent to an INVITE and whose ACK has not come: that INVITE's CSeq
  private long awaitingAck = NONE;
  private Body offerInSuccess; // the offer our 2xx carried (offerless re-INVITE): the ACK answers it
  private boolean hangUpAfterAck;
  // timers of the initial INVITE
  private TimerHandle inviteTimer = TimerHandle.NONE;
  private TimerHandle ringTimer = TimerHandle.NONE;
  // liveness
  private long lastHeard;
  private boolean pingOutstanding;
  private TimerHandle keepAliveTimer = TimerHandle.NONE;
  private TimerHandle pingTimer = TimerHandle.NONE;

  /** An ACK as sent (with its Via), kept to answer retransmitted 2xx (§13.2.2.4). */
  private record SentAck(SipRequest ack, NextHop hop) {}

  private InviteSession(SessionManager manager, Role role, String callId, String localTag, Address localParty,
      Address remoteParty, Offer initialOffer, Uri target, ServerTransaction incoming) {
    this.manager = manager;
    this.layer = manager.transactions();
    this.config = manager.config();
    this.listener = manager.listener();
    this.role = role;
    this.callId = callId;
    this.localTag = localTag;
    this.lane = layer.laneFor(callId);
    this.localParty = localParty;
    this.initialRemoteParty = remoteParty;
    this.initialOffer = initialOffer;
    this.target = target;
    this.incoming = incoming;
    this.state = role == Role.CALLER ? SessionState.CALLING : SessionState.INCOMING;
    this.offerState = role == Role.CALLER ? OfferState.LOCAL_OFFER : OfferState.REMOTE_OFFER;
  }

  static InviteSession outgoing(SessionManager manager, String callId, Address from, Address to, Offer offer) {
    String tag = from.tag().orElseThrow();
    return new InviteSession(manager, Role.CALLER, callId, tag, from, to, offer, to.uri(), null);
  }

  static InviteSession incoming(SessionManager manager, ServerTransaction tx, Offer offer) {
    SipRequest request = tx.request();
    Dialog d = Dialog.asUas(request, tx.localTag());
    InviteSession s = new InviteSession(manager, Role.CALLEE, d.callId(), tx.localTag(), d.localParty(),
        d.remoteParty(), offer, request.uri(), tx);
    s.dialog = d;
    return s;
  }

  // =====================================================================================
  // Accessors (any thread)
  // =====================================================================================

  /** A handle unique within the manager (our dialog tag), for control APIs: {@link SessionManager#session(String)}. */
  public String id() {
    return localTag;
  }

  public Role role() {
    return role;
  }

  public SessionState state() {
    return state;
  }

  public OfferState offerState() {
    return offerState;
  }

  public String callId() {
    return callId;
  }

  /** The dialog, once one exists (early or confirmed); a caller has none before the first response with a To tag. */
  public Optional<Dialog> dialog() {
    return Optional.ofNullable(dialog);
  }

  /** Our side: the From of the INVITE (caller) or its To with our tag (callee). */
  public Address localParty() {
    return localParty;
  }

  /** The peer as the dialog knows it (with its tag once known): whom we call, or who calls us. */
  public Address remoteParty() {
    Dialog d = dialog;
    return d != null ? d.remoteParty() : initialRemoteParty;
  }

  /** The offer that created the session: ours (caller) or the peer's (callee). */
  public Offer initialOffer() {
    return initialOffer;
  }

  /** Our side of the last completed offer/answer exchange: what we said we want to receive. */
  public Optional<Body> localDescription() {
    return Optional.ofNullable(localDescription);
  }

  /** The peer's side of the last completed offer/answer exchange. */
  public Optional<Body> remoteDescription() {
    return Optional.ofNullable(remoteDescription);
  }

  /** The Info Packages the peer receives (its Recv-Info, RFC 6086 §5.2.2). */
  public List<String> remoteInfoPackages() {
    return remoteInfoPackages;
  }

  /** Why the session ended, once it has. */
  public Optional<Ending> ending() {
    return Optional.ofNullable(ending);
  }

  @Override
  public String toString() {
    return "InviteSession[" + role + " " + state + " " + callId + " " + remoteParty().uri() + "]";
  }

  // =====================================================================================
  // Actions (any thread)
  // =====================================================================================

  /**
   * Callee: tells the caller its call rings ({@code 180 Ringing}, an early dialog, §13.3.1.1).
   *
   * @throws IllegalStateException unless this is an unanswered incoming call
   */
  public void ring() {
    requireCallee("ring");
    act(() -> requireUnanswered("ring"), this::doRing);
  }

  /**
   * Callee: accepts the call with {@code answer} in a {@code 200 OK} (§13.3.1.4). The callee's
   * streams may start now; the session is CONFIRMED when the ACK comes.
   *
   * @throws IllegalStateException unless this is an unanswered incoming call
   */
  public void accept(Answer answer) {
    Objects.requireNonNull(answer, "answer");
    requireCallee("accept");
    act(() -> requireUnanswered("accept"), () -> doAccept(answer));
  }

  /**
   * Callee: refuses the call with a final response and a reason people can read, sent in a
   * Warning header (399, §20.43): {@code 603 Decline}, {@code 486 Busy Here}, {@code 488 Not
   * Acceptable Here} (the offer cannot be taken), {@code 415 Unsupported Media Type} (with Accept),
   * {@code 480 Temporarily Unavailable}...
   *
   * @param status 300-699
   * @param reason readable text for the caller; may be empty
   * @throws IllegalStateException unless this is an unanswered incoming call
   */
  public void reject(int status, String reason) {
    requireFailureStatus(status);
    Objects.requireNonNull(reason, "reason");
    requireCallee("reject");
    act(() -> requireUnanswered("reject"), () -> doReject(status, reason));
  }

  /**
   * Caller: cancels the call before it is answered (CANCEL, §9.1). The session ends CANCELLED:
   * at once if nothing answered yet, else when the INVITE's {@code 487} comes. If the callee's
   * 200 crosses the CANCEL, that call is acknowledged and hung up at once. Does nothing once the
   * session is ending.
   *
   * @throws IllegalStateException on the callee side, or once the call is answered (hang up instead)
   */
  public void cancel() {
    if (role != Role.CALLER) {
      throw new IllegalStateException("only the caller cancels; the callee rejects");
    }
    act(() -> {
      SessionState s = state;
      if (!s.isEarly() && s != SessionState.TERMINATING && s != SessionState.TERMINATED) {
        throw new IllegalStateException("the call is answered (" + s + "): hang up instead");
      }
    }, this::doCancel);
  }

  /**
   * Ends the session, whatever its state: BYE once established (§15.1.1; a callee waits for the
   * ACK first, §15), CANCEL for an unanswered outgoing call, {@code 603 Decline} for an unanswered
   * incoming one. Never throws; does nothing once the session is ending.
   */
  public void hangUp() {
    run(this::doHangUp);
  }

  /**
   * Makes a new offer in a re-INVITE (§14.1). The answer comes to {@link
   * SessionListener#onAnswered}, a refusal to {@link SessionListener#onReofferRejected}; a 491
   * makes it go again after the randomized delay. If an INVITE transaction of the peer is still in
   * progress, it waits for its end.
   *
   * @throws IllegalStateException unless the session is CONFIRMED, or if an offer is outstanding:
   *     ours (RFC 3264 §4: not while our own is unanswered) or the peer's (answer it first)
   */
  public void reoffer(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    requireCanOffer(); // exact on the lane; from elsewhere the lane decides again below
    run(() -> {
      if (state != SessionState.CONFIRMED) {
        return; // the session ended meanwhile: the listener hears why
      }
      if (pendingOffer != null) {
        // two threads offered at once and the other one won on the lane
        notifyListener(l -> l.onReofferRejected(this, new Refusal(491, "another offer of ours is still unanswered")));
        return;
      }
      // if the peer's offer arrived meanwhile, ours waits until that exchange is over
      pendingOffer = offer;
      glareCount = 0;
      publishOfferState();
      maybeSendPendingOffer();
    });
  }

  /**
   * Accepts the peer's re-offer with {@code answer} in a {@code 200 OK} (§14.2).
   *
   * @throws IllegalStateException if no re-offer of the peer awaits an answer
   */
  public void acceptReoffer(Answer answer) {
    Objects.requireNonNull(answer, "answer");
    act(this::requireRemoteReoffer, () -> doAcceptReoffer(answer));
  }

  /**
   * Refuses the peer's re-offer (§14.2): the session stays as it was. {@code 488 Not Acceptable
   * Here} is the usual status.
   *
   * @param status 300-699
   * @param reason readable text, sent in a Warning; may be empty
   * @throws IllegalStateException if no re-offer of the peer awaits an answer
   */
  public void rejectReoffer(int status, String reason) {
    requireFailureStatus(status);
    Objects.requireNonNull(reason, "reason");
    act(this::requireRemoteReoffer, () -> doRejectReoffer(status, reason));
  }

  /**
   * Sends {@code info} in an INFO request in the dialog (RFC 6086). The stage completes, on the
   * lane, with the final status ({@code 200} if delivered; a local {@code 408} or {@code 503} if
   * nothing answered or the transport failed, which also ends the session PEER_VANISHED, §12.2.1.2).
   * It fails with {@link IllegalStateException} if the session ended before the INFO went out.
   *
   * @throws IllegalStateException unless the dialog is established (ACCEPTED or CONFIRMED), or if
   *     the peer did not list the Info Package in its Recv-Info (RFC 6086 §4.2.1)
   */
  public CompletionStage<Integer> sendInfo(Info info) {
    Objects.requireNonNull(info, "info");
    CompletableFuture<Integer> result = new CompletableFuture<>();
    Runnable check = () -> {
      SessionState s = state;
      if (s != SessionState.CONFIRMED && s != SessionState.ACCEPTED) {
        throw new IllegalStateException("no established session to send INFO in (" + s + ")");
      }
      info.infoPackage().ifPresent(p -> {
        if (!remoteInfoPackages.contains(p)) {
          throw new IllegalStateException("the peer does not receive Info Package " + p + " (RFC 6086 §4.2.1)");
        }
      });
    };
    check.run();
    run(() -> {
      try {
        check.run();
      } catch (IllegalStateException e) {
        result.completeExceptionally(e);
        return;
      }
      doSendInfo(info, result);
    });
    return result;
  }

  // ---- checks shared by the API and the lane ----

  private void requireCallee(String what) {
    if (role != Role.CALLEE) {
      throw new IllegalStateException("only the callee can " + what + " a call");
    }
  }

  private void requireUnanswered(String what) {
    SessionState s = state;
    if (s != SessionState.INCOMING && s != SessionState.RINGING) {
      throw new IllegalStateException("cannot " + what + " a call in state " + s + endingSuffix());
    }
  }

  private void requireCanOffer() {
    SessionState s = state;
    if (s != SessionState.CONFIRMED) {
      throw new IllegalStateException("no established session to make an offer in (" + s + ")" + endingSuffix());
    }
    switch (offerState) {
      case LOCAL_OFFER -> throw new IllegalStateException(
          "our previous offer is still unanswered: no new offer until it is (RFC 3264 §4)");
      case REMOTE_OFFER -> throw new IllegalStateException("the peer's offer awaits our answer: answer it first");
      case STABLE -> { }
    }
  }

  private void requireRemoteReoffer() {
    if (offerState != OfferState.REMOTE_OFFER || state != SessionState.CONFIRMED && state != SessionState.ACCEPTED) {
      throw new IllegalStateException("no re-offer of the peer awaits an answer" + endingSuffix());
    }
  }

  private String endingSuffix() {
    Ending e = ending;
    return e == null ? "" : ": " + e;
  }

  private static void requireFailureStatus(int status) {
    if (status < 300 || status > 699) {
      throw new IllegalArgumentException("a refusal has a status in 300-699: " + status);
    }
  }

  /**
   * Runs {@code action} after {@code check}: at once on the lane; from elsewhere, checks here
   * (throwing to the caller) and again on the lane, where a failed check drops the action.
   */
  private void act(Runnable check, Runnable action) {
    check.run();
    if (lane.inLane()) {
      action.run();
      return;
    }
    lane.execute(() -> {
      try {
        check.run();
      } catch (IllegalStateException raced) {
        LOG.log(System.Logger.Level.DEBUG, "action dropped, the session moved on: {0}", raced.getMessage());
        return;
      }
      safely(action);
    });
  }

  /** Runs {@code task} on the session's lane: now if already there. */
  void run(Runnable task) {
    if (lane.inLane()) {
      task.run();
    } else {
      lane.execute(() -> safely(task));
    }
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "session task failed", e);
    }
  }

  private void notifyListener(Consumer<SessionListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "session listener failed on " + this, e);
    }
  }

  // =====================================================================================
  // Caller: the initial INVITE (§13.2)
  // =====================================================================================

  /** On the lane: builds and sends the INVITE. */
  void startCall() {
    SipUri contact = config.contactFor(transportOf(target));
    SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, target)
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, localParty)
        .header(SipHeaders.TO, initialRemoteParty)
        .header(SipHeaders.CALL_ID, callId)
        .header(SipHeaders.CSEQ, new CSeq(1, SipMethod.INVITE))
        .header(SipHeaders.CONTACT, Address.of(contact))
        .headerList(SipHeaders.ALLOW, ALLOWED);
    addRecvInfo(b);
    config.userAgent().ifPresent(ua -> b.header(HeaderName.USER_AGENT, ua));
    b.body(initialOffer.body().type(), initialOffer.body().content());
    invite = b.build();
    inviteTimer = schedule(config.inviteTimeout(), this::onInviteTimeout);
    withHop(target, hop -> {
      if (ending != null) {
        return; // cancelled or timed out while the name was resolved
      }
      try {
        inviteTx = layer.sendRequest(invite, hop.transport(), hop.address(), adapt(new InitialInviteReply()));
        invite = inviteTx.request();
      } catch (RuntimeException e) {
        end(Ending.of(Cause.ERROR, Origin.LOCAL, "cannot send the INVITE: " + e.getMessage()));
      }
    }, why -> end(Ending.of(Cause.UNREACHABLE, Origin.NETWORK, 503, "cannot reach " + target + ": " + why)));
  }

  private static Transport transportOf(Uri uri) {
    if (uri instanceof SipUri s) {
      return s.transport().flatMap(Transport::fromViaName).orElse(s.isSecure() ? Transport.TLS : Transport.UDP);
    }
    return Transport.UDP;
  }

  private final class InitialInviteReply implements Reply {
    @Override
    public void provisional(SipResponse r) {
      provisionalSeen = true;
      inviteTimer.cancel(); // something answers: from now on the ring timeout bounds the wait
      if (ending != null) {
        return; // the transaction sends the CANCEL we asked for
      }
      heard();
      if (ringTimer == TimerHandle.NONE) {
        ringTimer = schedule(config.ringTimeout(), InviteSession.this::onRingTimeout);
      }
      if (r.status() == 100) {
        return;
      }
      if (r.toTag().isPresent() && (dialog == null || dialog.isEarly())) {
        dialog = Dialog.asUac(invite, r); // early dialog (§12.1.2)
      }
      if (state == SessionState.CALLING) {
        state = SessionState.RINGING;
      }
      if (!ringingReported && state == SessionState.RINGING) {
        ringingReported = true;
        notifyListener(l -> l.onRinging(InviteSession.this));
      }
    }

    @Override
    public void fin(SipResponse r) {
      inviteTimer.cancel();
      ringTimer.cancel();
      if (r.isSuccess()) {
        onInitialSuccess(r);
        return;
      }
      if (ending != null) {
        return;
      }
      if (cancelRequested && r.status() == 487) {
        end(Ending.of(Cause.CANCELLED, Origin.LOCAL, 487, "cancelled by the caller"));
      } else {
        end(Ending.of(Cause.REJECTED, Origin.REMOTE, r.status(), Reasons.readable(r)));
      }
    }

    @Override
    public void failed(int status, String why, boolean timeout) {
      inviteTimer.cancel();
      ringTimer.cancel();
      if (ending != null) {
        return;
      }
      if (cancelRequested) {
        end(Ending.of(Cause.CANCELLED, Origin.LOCAL, 487, "cancelled by the caller"));
      } else if (timeout) {
        end(Ending.of(Cause.TIMEOUT, Origin.NETWORK, 408, "no response from " + target));
      } else {
        end(Ending.of(Cause.UNREACHABLE, Origin.NETWORK, 503, "cannot reach " + target + ": " + why));
      }
    }

    @Override
    public void additional(SipResponse r) {
      Dialog d = dialog;
      if (d != null && initialAck != null && r.toTag().map(d.remoteTag()::equals).orElse(false)) {
        resendAck(initialAck); // our ACK was lost: the 2xx came again (§13.2.2.4)
      } else if (r.toTag().isPresent()) {
        // another fork answered too (§13.2.2.4): acknowledge it and hang it up at once
        try {
          Dialog fork = Dialog.asUac(invite, r);
          sendAck(fork, fork.ack(fork.localSequence().orElseThrow()).build(), a -> { });
          sendBye(fork.withNextLocalSequence(), Optional.of(Reasons.reason(200, "another branch answered first")));
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.DEBUG, "cannot end a forked answer: {0}", e.toString());
        }
      }
    }
  }

  private void onInitialSuccess(SipResponse r) {
    Dialog d;
    try {
      d = Dialog.asUac(invite, r); // confirmed; the route set comes from the 2xx (§13.2.2.4)
    } catch (IllegalArgumentException e) {
      end(Ending.of(Cause.ERROR, Origin.REMOTE, r.status(), "malformed 2xx: " + e.getMessage()));
      return;
    }
    dialog = d;
    SipRequest ack = d.ack(d.localSequence().orElseThrow()).build();
    if (ending != null || cancelRequested) {
      // the 200 crossed our CANCEL, or came after we gave up: acknowledge it, then hang up (§15)
      sendAck(d, ack, sent -> initialAck = sent);
      sendBye(Optional.of(Reasons.reason(487, "the call was cancelled")));
      end(Ending.of(Cause.CANCELLED, Origin.LOCAL, "cancelled by the caller; the answer came too late"));
      return;
    }
    Optional<Body> answer = bodyOf(r);
    if (answer.isEmpty()) {
      sendAck(d, ack, sent -> initialAck = sent);
      sendBye(Optional.of(Reasons.reason(488, "the 2xx carried no answer")));
      end(Ending.of(Cause.ERROR, Origin.REMOTE, r.status(), "the answer was missing from the 2xx (RFC 3264 §5)"));
      return;
    }
    localDescription = initialOffer.body();
    remoteDescription = answer.get();
    remoteInfoPackages = recvInfo(r);
    state = SessionState.CONFIRMED;
    publishOfferState();
    heard();
    startKeepAlive();
    sendAck(d, ack, sent -> initialAck = sent);
    notifyListener(l -> l.onAnswered(this, new Answer(answer.get())));
    if (state == SessionState.CONFIRMED) {
      notifyListener(l -> l.onConfirmed(this));
    }
  }

  private void onInviteTimeout() {
    if (ending != null || provisionalSeen) {
      return;
    }
    if (inviteTx != null) {
      inviteTx.cancel(); // sent if a provisional response still comes (§9.1)
    }
    long seconds = config.inviteTimeout().toSeconds();
    end(cancelRequested
        ? Ending.of(Cause.CANCELLED, Origin.LOCAL, 487, "cancelled by the caller")
        : Ending.of(Cause.TIMEOUT, Origin.NETWORK, 408, "no response from " + target + " within " + seconds + " s"));
  }

  private void onRingTimeout() {
    if (ending != null) {
      return;
    }
    if (inviteTx != null) {
      inviteTx.cancel();
    }
    end(Ending.of(Cause.TIMEOUT, Origin.NETWORK, 408,
        "not answered within " + config.ringTimeout().toSeconds() + " s"));
  }

  private void doCancel() {
    if (ending != null || !state.isEarly()) {
      return;
    }
    cancelRequested = true;
    if (!provisionalSeen) {
      // nothing answered: no CANCEL may go yet (§9.1); the call is over for us, and a late answer
      // is cancelled (provisional) or hung up (2xx) when it comes
      end(Ending.of(Cause.CANCELLED, Origin.LOCAL, "cancelled by the caller before any answer"));
    } else {
      state = SessionState.TERMINATING; // until the 487 (or the transaction's own 64*T1 bound)
    }
    if (inviteTx != null) {
      inviteTx.cancel();
    }
  }

  // =====================================================================================
  // Callee: the initial INVITE (§13.3)
  // =====================================================================================

  /** On the lane, once registered: tells the agent. */
  void startIncoming() {
    heard();
    remoteInfoPackages = recvInfo(incoming.request());
    ringTimer = schedule(config.ringTimeout(), this::onIncomingTimeout);
    try {
      listener.onIncoming(this, initialOffer);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "onIncoming failed", e);
      if (state.isEarly()) {
        incoming.respond(failure(incoming, 500, "the agent failed to take the call"));
        end(Ending.of(Cause.ERROR, Origin.LOCAL, 500, "the agent failed: " + e));
      }
    }
  }

  private void doRing() {
    if (state == SessionState.INCOMING) {
      state = SessionState.RINGING;
      incoming.respond(success(incoming, 180).build());
    }
  }

  private void doAccept(Answer answer) {
    ringTimer.cancel();
    SipResponse.Builder ok = success(incoming, 200);
    addRecvInfo(ok);
    ok.body(answer.body().type(), answer.body().content());
    // state first, then the wire: whoever sees the peer react sees this side's new state
    dialog = dialog.confirmed();
    localDescription = answer.body();
    remoteDescription = initialOffer.body();
    awaitingAck = incoming.request().cseq().orElseThrow().sequence();
    state = SessionState.ACCEPTED;
    publishOfferState();
    incoming.respond(ok.build());
  }

  private void doReject(int status, String reason) {
    ringTimer.cancel();
    SipResponse refusal = failure(incoming, status, reason);
    end(Ending.of(Cause.REJECTED, Origin.LOCAL, status,
        reason.isBlank() ? StatusCodes.reasonPhrase(status, SipMethod.INVITE) : reason));
    incoming.respond(refusal);
  }

  private void onIncomingTimeout() {
    if (state.isEarly() && ending == null) {
      String why = "not answered within " + config.ringTimeout().toSeconds() + " s";
      incoming.respond(failure(incoming, 480, why));
      end(Ending.of(Cause.TIMEOUT, Origin.LOCAL, 480, why));
    }
  }

  /** A CANCEL matched {@code tx}, an INVITE of this session without final response (§9.2). */
  void onCancel(ServerTransaction tx, SipRequest cancel) {
    tx.respond(487);
    if (tx == incoming) {
      if (ending == null) {
        end(Ending.of(Cause.CANCELLED, Origin.REMOTE, 487,
            Reasons.reasonText(cancel).orElse("the caller cancelled")));
      }
    } else if (tx == remoteReinvite) {
      withdrawRemoteOffer();
    }
  }

  /** Timer L (no ACK for a 2xx), or another timeout of a server transaction of this session. */
  void onServerTimeout(ServerTransaction tx) {
    if (ending != null || !tx.request().method().equals(SipMethod.INVITE)) {
      return;
    }
    long seq = tx.request().cseq().orElseThrow().sequence();
    if (seq != awaitingAck) {
      return; // a failure response not acknowledged (Timer H): nothing to undo
    }
    awaitingAck = NONE;
    if (tx == incoming) {
      // §13.3.1.4: no ACK within 64*T1: the session is ended with BYE
      sendBye(Optional.of(Reasons.reason(408, "no ACK for the 2xx")));
      end(hangUpAfterAck
          ? Ending.of(Cause.BYE_LOCAL, Origin.LOCAL, "hung up")
          : Ending.of(Cause.TIMEOUT, Origin.NETWORK, 408, "the caller never acknowledged the answer (no ACK)"));
    } else {
      vanished(408, "no ACK for the 2xx to a re-INVITE");
    }
  }

  /** A response of a server transaction of this session could not be sent (§17.2.4). */
  void onServerTransportError(ServerTransaction tx, Throwable cause) {
    if (ending != null) {
      return;
    }
    if (tx == incoming && state.isEarly()) {
      end(Ending.of(Cause.UNREACHABLE, Origin.NETWORK, 503, "cannot answer the caller: " + cause.getMessage()));
    } else {
      vanished(503, "transport error: " + cause.getMessage());
    }
  }

  // =====================================================================================
  // Requests in the dialog (§12.2.2)
  // =====================================================================================

  /** An ACK whose To tag is ours: the ACK for one of our 2xx (§13.3.1.4, §14.2). */
  void onAck(SipRequest ack) {
    Dialog d = dialog;
    if (d == null || !d.matches(ack) || ending != null) {
      return;
    }
    long seq = ack.cseq().map(CSeq::sequence).orElse(NONE);
    if (seq != awaitingAck) {
      return; // a retransmitted ACK, or one for a 2xx we no longer wait on
    }
    heard();
    awaitingAck = NONE;
    if (offerInSuccess != null) {
      // offerless re-INVITE: our 2xx carried the offer, the ACK carries the answer (RFC 3264 §5)
      Body offered = offerInSuccess;
      offerInSuccess = null;
      Optional<Body> answer = bodyOf(ack);
      if (answer.isPresent()) {
        localDescription = offered;
        remoteDescription = answer.get();
      }
      publishOfferState();
      answer.ifPresent(a -> notifyListener(l -> l.onAnswered(this, new Answer(a))));
    }
    if (hangUpAfterAck) {
      byeAndEnd(Ending.of(Cause.BYE_LOCAL, Origin.LOCAL, "hung up"));
      return;
    }
    if (state == SessionState.ACCEPTED) {
      state = SessionState.CONFIRMED;
      startKeepAlive();
      notifyListener(l -> l.onConfirmed(this));
    }
    maybeSendPendingOffer();
  }

  /** A request whose To tag is ours (not ACK or CANCEL). */
  void onRequest(ServerTransaction tx) {
    SipRequest request = tx.request();
    Dialog d = dialog;
    if (d == null || !d.matches(request) || ending != null) {
      tx.respond(481); // §12.2.2: no such dialog
      return;
    }
    long seq = request.cseq().orElseThrow().sequence();
    if (!d.isInOrder(seq)) {
      // §12.2.2: lower than the remote CSeq: out of order (an equal one cannot be a new request either)
      tx.respond(tx.responseBuilder(500).reason("CSeq Out Of Order").build());
      return;
    }
    dialog = d.withRemoteSequence(seq);
    heard();
    if (SessionManager.rejectUnsupportedRequire(tx)) {
      return;
    }
    SipMethod m = request.method();
    if (m.equals(SipMethod.BYE)) {
      onBye(tx);
    } else if (m.equals(SipMethod.INVITE)) {
      onReinvite(tx);
    } else if (m.equals(SipMethod.INFO)) {
      onInfo(tx);
    } else if (m.equals(SipMethod.OPTIONS)) {
      tx.respond(manager.optionsResponse(tx));
    } else {
      SipResponse.Builder b = tx.responseBuilder(405).headerList(SipHeaders.ALLOW, ALLOWED);
      tx.respond(b.build());
    }
  }

  private void onBye(ServerTransaction tx) {
    tx.respond(200);
    if (role == Role.CALLEE && state.isEarly()) {
      incoming.respond(487); // §15.1.2: the caller ended the early dialog
    }
    if (role == Role.CALLER && inviteTx != null && state.isEarly()) {
      inviteTx.cancel();
    }
    end(Ending.of(Cause.BYE_REMOTE, Origin.REMOTE, Reasons.reasonText(tx.request()).orElse("the peer hung up")));
  }

  private void onReinvite(ServerTransaction tx) {
    SipRequest request = tx.request();
    long seq = request.cseq().orElseThrow().sequence();
    if (state != SessionState.CONFIRMED) {
      // the initial INVITE transaction is still in progress until its ACK (§14.1), or we are ending
      tx.respond(491);
      return;
    }
    if (remoteReinvite != null) {
      // §14.2: a second INVITE before we answered the first: 500 with Retry-After 0-10 s
      tx.respond(tx.responseBuilder(500)
          .header(SipHeaders.RETRY_AFTER, RetryAfter.of(config.random().nextInt(11))).build());
      return;
    }
    if (reinvite != null) {
      tx.respond(491); // §14.2: glare, our own re-INVITE is in progress
      return;
    }
    if (awaitingAck != NONE && seq > awaitingAck) {
      awaitingAck = NONE; // the peer sends a new INVITE: it got our last 2xx
      offerInSuccess = null;
    }
    Optional<Body> body = bodyOf(request);
    if (body.isEmpty()) {
      // offerless re-INVITE (RFC 3261 §14.2, RFC 6337 §5): our 2xx offers the session as it stands
      if (localDescription == null) {
        tx.respond(failure(tx, 488, "no session description to offer"));
        return;
      }
      SipResponse.Builder ok = success(tx, 200);
      ok.body(localDescription.type(), localDescription.content());
      refreshTarget(request);
      awaitingAck = seq;
      offerInSuccess = localDescription;
      publishOfferState();
      tx.respond(ok.build());
      return;
    }
    if (!config.accepts(body.get().type())) {
      tx.respond(unsupportedType(tx));
      return;
    }
    remoteReinvite = tx;
    remoteOffer = new Offer(body.get());
    publishOfferState();
    reofferAnswerTimer = schedule(config.reofferTimeout(), this::onReofferAnswerTimeout);
    Offer offer = remoteOffer;
    notifyListener(l -> l.onReoffer(this, offer));
  }

  private void doAcceptReoffer(Answer answer) {
    ServerTransaction tx = remoteReinvite;
    if (tx == null) {
      return;
    }
    reofferAnswerTimer.cancel();
    SipResponse.Builder ok = success(tx, 200);
    ok.body(answer.body().type(), answer.body().content());
    refreshTarget(tx.request());
    localDescription = answer.body();
    remoteDescription = remoteOffer.body();
    awaitingAck = tx.request().cseq().orElseThrow().sequence();
    remoteReinvite = null;
    remoteOffer = null;
    publishOfferState();
    tx.respond(ok.build());
    // an offer of ours that waits goes once the ACK ends this transaction (§14.1)
  }

  private void doRejectReoffer(int status, String reason) {
    ServerTransaction tx = remoteReinvite;
    if (tx == null) {
      return;
    }
    reofferAnswerTimer.cancel();
    remoteReinvite = null;
    remoteOffer = null;
    publishOfferState();
    tx.respond(failure(tx, status, reason));
    maybeSendPendingOffer();
  }

  private void onReofferAnswerTimeout() {
    ServerTransaction tx = remoteReinvite;
    if (tx == null || ending != null) {
      return;
    }
    tx.respond(failure(tx, 500, "the offer was not answered in time"));
    withdrawRemoteOffer();
  }

  private void withdrawRemoteOffer() {
    reofferAnswerTimer.cancel();
    remoteReinvite = null;
    remoteOffer = null;
    publishOfferState();
    notifyListener(l -> l.onReofferWithdrawn(this));
    maybeSendPendingOffer();
  }

  private void refreshTarget(SipRequest request) {
    request.contacts().stream().filter(a -> !a.isWildcard()).findFirst()
        .ifPresent(c -> dialog = dialog.withRemoteTarget(c.uri())); // target refresh (§12.2.2)
  }

  private void onInfo(ServerTransaction tx) {
    SipRequest request = tx.request();
    Optional<String> pkg = request.header(INFO_PACKAGE).map(v -> v.split(";", 2)[0].trim());
    boolean taken = pkg.map(config.infoPackages()::contains).orElse(config.legacyInfo());
    if (!taken) {
      // RFC 6086 §4.2.2: a package we did not ask for
      SipResponse.Builder b = tx.responseBuilder(469);
      if (!config.infoPackages().isEmpty()) {
        b.header(RECV_INFO, String.join(", ", config.infoPackages()));
      }
      tx.respond(b.build());
      return;
    }
    Optional<Body> body = bodyOf(request);
    if (body.isPresent() && !config.accepts(body.get().type())) {
      tx.respond(unsupportedType(tx));
      return;
    }
    tx.respond(200);
    // an empty legacy INFO is a ping: answered, not delivered
    body.ifPresent(b -> notifyListener(l -> l.onInfo(this, new Info(pkg, b))));
  }

  // =====================================================================================
  // Our re-offers (§14.1)
  // =====================================================================================

  /** Sends the pending offer if nothing stands in the way: no INVITE transaction in progress either way, no glare wait. */
  private void maybeSendPendingOffer() {
    if (pendingOffer == null || reinvite != null || glareWaiting || ending != null
        || state != SessionState.CONFIRMED || remoteReinvite != null || awaitingAck != NONE) {
      return;
    }
    reinvite = new Reinvite(pendingOffer);
    reinvite.send();
  }

  /** One attempt at sending our pending offer in a re-INVITE. */
  private final class Reinvite implements Reply {
    private final Offer offer;
    private long sequence;
    private SentAck ack;
    private TimerHandle giveUp = TimerHandle.NONE;
    private ClientTransaction tx;

    Reinvite(Offer offer) {
      this.offer = offer;
    }

    private boolean current() {
      return reinvite == this;
    }

    void send() {
      dialog = dialog.withNextLocalSequence();
      sequence = dialog.localSequence().orElseThrow();
      SipRequest.Builder b = dialog.request(SipMethod.INVITE)
          .header(SipHeaders.CONTACT, Address.of(config.contactFor(transportOf(dialog.nextHop()))))
          .headerList(SipHeaders.ALLOW, ALLOWED);
      config.userAgent().ifPresent(ua -> b.header(HeaderName.USER_AGENT, ua));
      b.body(offer.body().type(), offer.body().content());
      // the peer's agent has reofferTimeout to answer; we give it twice that
      giveUp = schedule(config.reofferTimeout().multipliedBy(2), this::onGiveUp);
      sendInDialog(b.build(), this, t -> tx = t);
    }

    private void onGiveUp() {
      if (!current()) {
        return;
      }
      reinvite = null;
      if (tx != null) {
        tx.cancel(); // §9.1: a re-INVITE may be cancelled like any INVITE
      }
      pendingOffer = null;
      publishOfferState();
      notifyListener(l -> l.onReofferRejected(InviteSession.this, new Refusal(408, "the peer did not answer the offer")));
    }

    @Override
    public void fin(SipResponse r) {
      giveUp.cancel();
      if (!current() || ending != null) {
        if (r.isSuccess()) {
          acknowledge(r); // every 2xx is acknowledged, even one we no longer care for (§13.2.2.4)
        }
        return;
      }
      reinvite = null;
      if (r.isSuccess()) {
        r.contacts().stream().filter(a -> !a.isWildcard()).findFirst()
            .ifPresent(c -> dialog = dialog.withRemoteTarget(c.uri())); // target refresh (§12.2.1.2)
        Optional<Body> answer = bodyOf(r);
        if (answer.isEmpty()) {
          acknowledge(r);
          pendingOffer = null;
          publishOfferState();
          byeAndEnd(Ending.of(Cause.ERROR, Origin.REMOTE, r.status(), "the answer was missing from the 2xx to a re-INVITE"));
          return;
        }
        localDescription = offer.body();
        remoteDescription = answer.get();
        pendingOffer = null;
        publishOfferState();
        acknowledge(r);
        notifyListener(l -> l.onAnswered(InviteSession.this, new Answer(answer.get())));
        maybeSendPendingOffer();
        return;
      }
      int status = r.status();
      if (status == 491 && glareCount < config.maxGlareRetries()) {
        glareCount++;
        glareWaiting = true;
        Duration delay = glareDelay();
        LOG.log(System.Logger.Level.DEBUG, "491 to our re-INVITE, retrying in {0} ms", delay.toMillis());
        glareTimer = schedule(delay, () -> {
          glareWaiting = false;
          maybeSendPendingOffer();
        });
        return;
      }
      if (status == 481 || status == 408) {
        // §14.1 / §12.2.1.2: the dialog is gone
        vanished(status, Reasons.readable(r));
        return;
      }
      pendingOffer = null;
      publishOfferState();
      Refusal refusal = Reasons.refusal(r);
      notifyListener(l -> l.onReofferRejected(InviteSession.this, refusal));
      maybeSendPendingOffer();
    }

    @Override
    public void failed(int status, String why, boolean timeout) {
      giveUp.cancel();
      if (!current() || ending != null) {
        return;
      }
      reinvite = null;
      // §14.1: no response at all to a re-INVITE terminates the dialog
      vanished(status, timeout ? "no response to a re-INVITE" : "transport error: " + why);
    }

    @Override
    public void additional(SipResponse r) {
      if (ack != null) {
        resendAck(ack);
      }
    }

    private void acknowledge(SipResponse r) {
      Dialog d = dialog;
      if (d != null) {
        sendAck(d, d.ack(sequence).build(), sent -> ack = sent);
      }
    }
  }

  /** RFC 3261 §14.1: 2.1-4 s (units of 10 ms) if we generated the Call-ID, else 0-2 s. */
  Duration glareDelay() {
    int tens = role == Role.CALLER ? 210 + config.random().nextInt(191) : config.random().nextInt(201);
    return Duration.ofMillis(tens * 10L);
  }

  // =====================================================================================
  // INFO, BYE and liveness
  // =====================================================================================

  private void doSendInfo(Info info, CompletableFuture<Integer> result) {
    dialog = dialog.withNextLocalSequence();
    SipRequest.Builder b = dialog.request(SipMethod.INFO);
    info.infoPackage().ifPresent(p -> b.header(INFO_PACKAGE, p));
    b.body(info.body().type(), info.body().content());
    sendInDialog(b.build(), new Reply() {
      @Override
      public void fin(SipResponse r) {
        if (r.status() == 481 || r.status() == 408) {
          vanished(r.status(), Reasons.readable(r));
        }
        result.complete(r.status());
      }

      @Override
      public void failed(int status, String why, boolean timeout) {
        vanished(status, timeout ? "no response to INFO" : "transport error: " + why);
        result.complete(status);
      }
    }, tx -> { });
  }

  private void doHangUp() {
    if (ending != null) {
      return;
    }
    switch (state) {
      case CALLING, RINGING -> {
        if (role == Role.CALLER) {
          doCancel();
        } else {
          doReject(603, "the callee hung up");
        }
      }
      case INCOMING -> doReject(603, "declined");
      case ACCEPTED -> {
        // §15: the callee must not send BYE before the ACK comes (or its transaction times out)
        hangUpAfterAck = true;
        state = SessionState.TERMINATING;
      }
      case CONFIRMED -> byeAndEnd(Ending.of(Cause.BYE_LOCAL, Origin.LOCAL, "hung up"));
      case TERMINATING, TERMINATED -> { }
    }
  }

  private void byeAndEnd(Ending e) {
    end(e);
    sendBye(Optional.empty());
  }

  private void sendBye(Optional<NamedValue> reason) {
    Dialog d = dialog;
    if (d == null || d.isEarly()) {
      return;
    }
    dialog = d.withNextLocalSequence();
    sendBye(dialog, reason);
  }

  /** Sends BYE in {@code d} (its local CSeq already advanced), best effort: the outcome is only logged. */
  private void sendBye(Dialog d, Optional<NamedValue> reason) {
    SipRequest.Builder b = d.request(SipMethod.BYE);
    reason.ifPresent(r -> b.header(SipHeaders.REASON, r));
    config.userAgent().ifPresent(ua -> b.header(HeaderName.USER_AGENT, ua));
    sendInDialog(d, b.build(), new Reply() {
      @Override
      public void fin(SipResponse r) {
        LOG.log(System.Logger.Level.DEBUG, "BYE answered {0}", r.status());
      }

      @Override
      public void failed(int status, String why, boolean timeout) {
        LOG.log(System.Logger.Level.DEBUG, "BYE not answered: {0}", why);
      }
    }, tx -> { });
  }

  /** The peer is gone (§12.2.1.2): BYE best effort (not after a 481), then end PEER_VANISHED. */
  private void vanished(int status, String reason) {
    if (ending != null) {
      return;
    }
    end(Ending.of(Cause.PEER_VANISHED, Origin.NETWORK, status, reason));
    if (status != 481) {
      sendBye(Optional.of(Reasons.reason(status, reason)));
    }
  }

  private void heard() {
    lastHeard = lane.ticker().nanos();
  }

  private void startKeepAlive() {
    if (!config.keepAliveInterval().isZero()) {
      keepAliveTimer.cancel();
      keepAliveTimer = lane.schedule(nextKeepAliveWait(), this::onKeepAlive);
    }
  }

  /**
   * 80-100% of the interval, at random (as RFC 5626 §4.4.1 does for keep-alives): two sides that
   * check each other do not stay in step, so one side's OPTIONS usually spares the other's.
   */
  private long nextKeepAliveWait() {
    long interval = config.keepAliveInterval().toNanos();
    return interval - (long) (config.random().nextDouble() * interval / 5);
  }

  private void onKeepAlive() {
    if (ending != null || state != SessionState.CONFIRMED) {
      return;
    }
    long wait = nextKeepAliveWait();
    long silent = lane.ticker().nanos() - lastHeard;
    if (silent < wait || pingOutstanding) {
      // heard from the peer lately (its requests count): check again later
      keepAliveTimer = lane.schedule(pingOutstanding ? wait : wait - silent, this::onKeepAlive);
      return;
    }
    ping();
  }

  /** OPTIONS in the dialog: any final response but 408 and 481 proves the peer is there. */
  private void ping() {
    pingOutstanding = true;
    dialog = dialog.withNextLocalSequence();
    SipRequest options = dialog.request(SipMethod.OPTIONS).build();
    long timeoutSeconds = config.keepAliveTimeout().toSeconds();
    pingTimer = schedule(config.keepAliveTimeout(), () -> {
      if (pingOutstanding) {
        pingOutstanding = false;
        vanished(408, "no answer to a liveness check within " + timeoutSeconds + " s");
      }
    });
    sendInDialog(options, new Reply() {
      @Override
      public void fin(SipResponse r) {
        if (!pingOutstanding) {
          return;
        }
        pingOutstanding = false;
        pingTimer.cancel();
        if (r.status() == 481) {
          vanished(481, "the peer no longer knows this session (481)");
        } else if (r.status() == 408) {
          vanished(408, "the peer answered the liveness check with 408");
        } else if (ending == null) {
          heard();
          startKeepAlive();
        }
      }

      @Override
      public void failed(int status, String why, boolean timeout) {
        if (!pingOutstanding) {
          return;
        }
        pingOutstanding = false;
        pingTimer.cancel();
        vanished(status, timeout ? "no answer to a liveness check" : "transport error: " + why);
      }
    }, tx -> { });
  }

  // =====================================================================================
  // The end
  // =====================================================================================

  /** Ends the session once: cancels its timers, answers what the peer still waits for, tells the agent. */
  void end(Ending e) {
    if (ending != null) {
      return;
    }
    ending = e;
    state = SessionState.TERMINATED;
    for (TimerHandle t : List.of(inviteTimer, ringTimer, glareTimer, reofferAnswerTimer, keepAliveTimer, pingTimer)) {
      t.cancel();
    }
    if (reinvite != null) {
      reinvite.giveUp.cancel();
    }
    if (remoteReinvite != null) {
      remoteReinvite.respond(487); // §15.1.2: pending requests of a dialog that ends get 487
      remoteReinvite = null;
    }
    pendingOffer = null;
    remoteOffer = null;
    publishOfferState();
    manager.remove(this);
    LOG.log(System.Logger.Level.DEBUG, "{0} ended: {1}", callId, e);
    notifyListener(l -> l.onTerminated(this, e));
  }

  private void publishOfferState() {
    OfferState s;
    if (ending != null) {
      s = OfferState.STABLE;
    } else if (remoteOffer != null || role == Role.CALLEE && state.isEarly()) {
      s = OfferState.REMOTE_OFFER;
    } else if (pendingOffer != null || offerInSuccess != null || role == Role.CALLER && state.isEarly()) {
      s = OfferState.LOCAL_OFFER;
    } else {
      s = OfferState.STABLE;
    }
    offerState = s;
  }

  // =====================================================================================
  // Sending, on the lane
  // =====================================================================================

  /** What a session hears back from a request: {@link ResponseListener} reduced to what matters here. */
  private interface Reply {
    default void provisional(SipResponse r) {}

    /** A final response that came from the peer. */
    void fin(SipResponse r);

    /** No final response: a timeout ({@code 408}) or a transport error or unresolvable hop ({@code 503}). */
    void failed(int status, String why, boolean timeout);

    default void additional(SipResponse r) {}
  }

  private ResponseListener adapt(Reply reply) {
    return new ResponseListener() {
      @Override
      public void onProvisional(ClientTransaction t, SipResponse r) {
        reply.provisional(r);
      }

      @Override
      public void onFinal(ClientTransaction t, SipResponse r) {
        heard();
        reply.fin(r);
      }

      @Override
      public void onAdditionalSuccess(ClientTransaction t, SipResponse r) {
        reply.additional(r);
      }

      @Override
      public void onTimeout(ClientTransaction t, SipResponse timeout) {
        reply.failed(408, "timeout", true);
      }

      @Override
      public void onTransportError(ClientTransaction t, SipResponse unavailable, Throwable cause) {
        reply.failed(503, describe(cause), false);
      }
    };
  }

  private static String describe(Throwable cause) {
    Throwable c = cause;
    while (c.getCause() != null && c.getMessage() == null) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
  }

  private void sendInDialog(SipRequest request, Reply reply, Consumer<ClientTransaction> started) {
    sendInDialog(dialog, request, reply, started);
  }

  private void sendInDialog(Dialog d, SipRequest request, Reply reply, Consumer<ClientTransaction> started) {
    withHop(d.nextHop(), hop -> {
      try {
        started.accept(layer.sendRequest(request, hop.transport(), hop.address(), adapt(reply)));
      } catch (RuntimeException e) {
        reply.failed(503, describe(e), false);
      }
    }, why -> reply.failed(503, why, false));
  }

  private void sendAck(Dialog d, SipRequest ack, Consumer<SentAck> sent) {
    withHop(d.nextHop(), hop -> {
      try {
        SentAck a = new SentAck(layer.withTopVia(ack, hop.transport()), hop);
        sent.accept(a);
        resendAck(a);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "cannot send ACK: {0}", e.toString());
      }
    }, why -> LOG.log(System.Logger.Level.DEBUG, "cannot send ACK: {0}", why));
  }

  private void resendAck(SentAck a) {
    try {
      layer.sendAck(a.ack(), a.hop().transport(), a.hop().address());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot send ACK: {0}", e.toString());
    }
  }

  /** Resolves {@code uri} (offloaded if it names a host) and continues on the lane. */
  private void withHop(Uri uri, Consumer<NextHop> then, Consumer<String> failed) {
    if (NextHop.isLiteral(uri) || !(uri instanceof SipUri)) {
      NextHop hop;
      try {
        hop = NextHop.resolve(uri);
      } catch (IllegalArgumentException e) {
        failed.accept(e.getMessage());
        return;
      }
      then.accept(hop);
      return;
    }
    layer.offload(callId, () -> NextHop.resolve(uri), (hop, error) -> {
      if (error != null) {
        failed.accept(describe(error));
      } else {
        then.accept(hop);
      }
    });
  }

  private TimerHandle schedule(Duration delay, Runnable task) {
    return lane.schedule(delay.toNanos(), () -> safely(task));
  }

  // =====================================================================================
  // Messages
  // =====================================================================================

  /** A 1xx or 2xx from a dialog's INVITE transaction: Contact, Record-Route (initial INVITE, §12.1.1), Allow. */
  private SipResponse.Builder success(ServerTransaction tx, int status) {
    SipResponse.Builder b = tx.responseBuilder(status);
    b.header(SipHeaders.CONTACT, Address.of(config.contactFor(tx.flow().transport())));
    if (tx == incoming) {
      for (String rr : tx.request().headers(HeaderName.RECORD_ROUTE)) {
        b.header(HeaderName.RECORD_ROUTE, rr);
      }
    }
    if (status >= 200) {
      b.headerList(SipHeaders.ALLOW, ALLOWED);
    }
    config.userAgent().ifPresent(ua -> b.header(HeaderName.SERVER, ua));
    return b;
  }

  private SipResponse failure(ServerTransaction tx, int status, String reason) {
    return manager.failure(tx, status, reason);
  }

  private SipResponse unsupportedType(ServerTransaction tx) {
    return manager.unsupportedType(tx);
  }

  /** Recv-Info (RFC 6086 §5.2.2) in the initial INVITE and its 2xx, when we take Info Packages. */
  private void addRecvInfo(MessageBuilder<?> b) {
    if (!config.infoPackages().isEmpty()) {
      b.header(RECV_INFO, String.join(", ", config.infoPackages()));
    }
  }

  static List<String> recvInfo(SipMessage m) {
    List<String> out = new ArrayList<>();
    for (String line : m.headers(RECV_INFO)) {
      for (String item : line.split(",")) {
        String name = item.split(";", 2)[0].trim();
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
    }
    return List.copyOf(out);
  }

  static Optional<Body> bodyOf(SipMessage m) {
    if (m.bodyLength() == 0) {
      return Optional.empty();
    }
    return Optional.of(Body.of(m.contentType().orElse(OCTETS), m.body()));
  }
}
