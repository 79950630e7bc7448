package io.miville.session;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.transaction.RequestHandler;
import io.miville.transaction.Requests;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.TransactionLayer;
import io.miville.transport.Flow;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The session layer of an agent: places calls ({@link #call}), takes incoming ones, and keeps
 * every {@link InviteSession} alive until it ends. It is the transaction layer's {@link
 * RequestHandler}: {@link #create} installs it.
 *
 * <p>What it answers itself: INVITEs it cannot take (486 when {@link SessionConfig#maxSessions()}
 * sessions are alive, 420 for a Require it does not support, 488 without an offer, 415 for a body
 * type it does not take); requests in a dialog it does not know (481, RFC 3261 §12.2.2); and,
 * outside dialogs, OPTIONS (200 with Allow and Accept). Other requests outside dialogs go to the
 * {@code otherRequests} handler given to {@link #create(TransactionLayer, SessionConfig,
 * SessionListener, RequestHandler)} (PIS, presence...), by default answered 405 with Allow.
 *
 * <p>Threading: sessions live on the lanes of their Call-IDs (docs/concurrency.md). The registry
 * of sessions is a concurrent map, so that {@link #sessions()} and {@link #session(String)} work
 * from any thread; everything else about a session is touched on its lane only.
 *
 * <pre>{@code
 * SessionManager sessions = SessionManager.create(layer, config, new SessionListener() {
 *   public void onIncoming(InviteSession s, Offer offer) { s.ring(); s.accept(answerFor(offer)); }
 *   public void onTerminated(InviteSession s, Ending why) { ui.show(s.id(), why); }
 * });
 * InviteSession call = sessions.call(Uri.parse("sip:alice@192.0.2.1"), Uri.parse("sip:bob@192.0.2.2"), offer);
 * ...
 * call.hangUp();
 * }</pre>
 */
public final class SessionManager implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SessionManager.class.getName());
  /** Methods that only make sense inside a dialog: outside one they get 481 (§12.2.2). */
  private static final Set<SipMethod> DIALOG_ONLY =
      Set.of(SipMethod.BYE, SipMethod.INFO, SipMethod.UPDATE, SipMethod.PRACK);

  private final TransactionLayer layer;
  private final SessionConfig config;
  private final SessionListener listener;
  private final RequestHandler otherRequests;
  private final ConcurrentHashMap<String, InviteSession> sessions = new ConcurrentHashMap<>();
  private final RequestHandler handler = new Handler();

  private SessionManager(TransactionLayer layer, SessionConfig config, SessionListener listener,
      RequestHandler otherRequests) {
    this.layer = Objects.requireNonNull(layer, "layer");
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.otherRequests = Objects.requireNonNull(otherRequests, "otherRequests");
  }

  /**
   * A manager on {@code layer}, installed as its request handler; requests outside dialogs that
   * are not INVITE or OPTIONS get 405.
   */
  public static SessionManager create(TransactionLayer layer, SessionConfig config, SessionListener listener) {
    SessionManager m = new SessionManager(layer, config, listener, NO_OTHER);
    layer.requestHandler(m.handler);
    return m;
  }

  /**
   * A manager on {@code layer}, installed as its request handler, that hands {@code otherRequests}
   * what is not its own: requests outside dialogs other than INVITE (OPTIONS included), requests
   * for dialogs it does not know, and the ACKs, CANCELs and timeouts that go with them.
   */
  public static SessionManager create(TransactionLayer layer, SessionConfig config, SessionListener listener,
      RequestHandler otherRequests) {
    SessionManager m = new SessionManager(layer, config, listener, otherRequests);
    layer.requestHandler(m.handler);
    return m;
  }

  /** A marker for "no other handler": the manager answers those requests itself. */
  private static final RequestHandler NO_OTHER = tx -> { };

  /** The handler installed in the transaction layer, for a TU that wants to wrap it. */
  public RequestHandler requestHandler() {
    return handler;
  }

  public SessionConfig config() {
    return config;
  }

  /** The transaction layer the sessions run on. */
  public TransactionLayer transactions() {
    return layer;
  }

  SessionListener listener() {
    return listener;
  }

  /** The sessions alive now (not yet TERMINATED), in no particular order. */
  public List<InviteSession> sessions() {
    return List.copyOf(sessions.values());
  }

  /** The live session with this {@link InviteSession#id()}. */
  public Optional<InviteSession> session(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  /** {@link #call(Address, Address, Offer)} with bare URIs. */
  public InviteSession call(Uri localUri, Uri targetUri, Offer offer) {
    return call(Address.of(localUri), Address.of(targetUri), offer);
  }

  /**
   * Calls {@code target} with {@code offer} (RFC 3261 §13.2.1): From is {@code local} with a new
   * tag, To is {@code target}, the Request-URI its URI, a new Call-ID, our Contact for the
   * target's transport. The session is returned at once, in state CALLING; the INVITE goes out on
   * the Call-ID's lane (after resolving the target's host if it is a name) and everything else
   * comes to the listener. Any thread may call it.
   *
   * @throws IllegalArgumentException if the target is not a sip:/sips: URI
   * @throws IllegalStateException if {@link SessionConfig#maxSessions()} sessions are alive
   */
  public InviteSession call(Address local, Address target, Offer offer) {
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(offer, "offer");
    if (!(target.uri() instanceof SipUri)) {
      throw new IllegalArgumentException("only sip: and sips: targets can be called: " + target.uri());
    }
    if (sessions.size() >= config.maxSessions()) {
      throw new IllegalStateException("too many sessions: " + sessions.size());
    }
    String tag = Requests.newTag();
    Address from = local.params().has("tag") ? local.withParams(local.params().without("tag")) : local;
    Address to = target.params().has("tag") ? target.withParams(target.params().without("tag")) : target;
    InviteSession s = InviteSession.outgoing(this, newCallId(), from.withTag(tag), to, offer);
    sessions.put(s.id(), s);
    s.run(s::startCall);
    return s;
  }

  private String newCallId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    SipUri contact = config.contacts().values().iterator().next();
    return HexFormat.of().formatHex(b) + "@" + contact.host().replace("[", "").replace("]", "");
  }

  /** Hangs up every session (best effort: BYE, CANCEL or 603 as each state asks). */
  @Override
  public void close() {
    for (InviteSession s : sessions()) {
      s.hangUp();
    }
  }

  void remove(InviteSession s) {
    sessions.remove(s.id(), s);
  }

  private Optional<InviteSession> sessionFor(String callId, Optional<String> localTag) {
    return localTag.map(sessions::get).filter(s -> s.callId().equals(callId));
  }

  // ---- responses the sessions share ----

  /** A final failure with the readable reason in a Warning (RFC 3261 §20.43); 415 lists what we accept. */
  SipResponse failure(ServerTransaction tx, int status, String reason) {
    SipResponse.Builder b = tx.responseBuilder(status);
    if (!reason.isBlank()) {
      b.header(SipHeaders.WARNING, Reasons.warning(warningAgent(), reason));
    }
    if (status == 415 && !config.acceptedTypes().isEmpty()) {
      b.headerList(SipHeaders.ACCEPT, config.acceptedTypes());
    }
    config.userAgent().ifPresent(ua -> b.header(io.miville.codec.HeaderName.SERVER, ua));
    return b.build();
  }

  SipResponse unsupportedType(ServerTransaction tx) {
    String type = tx.request().contentType().map(Object::toString).orElse("(none)");
    return failure(tx, 415, "body type " + type + " is not taken here");
  }

  SipResponse optionsResponse(ServerTransaction tx) {
    SipResponse.Builder b = tx.responseBuilder(200).headerList(SipHeaders.ALLOW, InviteSession.ALLOWED);
    if (!config.acceptedTypes().isEmpty()) {
      b.headerList(SipHeaders.ACCEPT, config.acceptedTypes());
    }
    if (!config.infoPackages().isEmpty()) {
      b.header(InviteSession.RECV_INFO, String.join(", ", config.infoPackages()));
    }
    config.userAgent().ifPresent(ua -> b.header(io.miville.codec.HeaderName.SERVER, ua));
    return b.build();
  }

  private String warningAgent() {
    return config.contacts().values().iterator().next().host();
  }

  /** §8.2.2.3: we support no extension, so any Require gets 420 with Unsupported. True if answered. */
  static boolean rejectUnsupportedRequire(ServerTransaction tx) {
    List<String> required = tx.request().headers(SipHeaders.REQUIRE);
    if (required.isEmpty()) {
      return false;
    }
    tx.respond(tx.responseBuilder(420).headerList(SipHeaders.UNSUPPORTED, required).build());
    return true;
  }

  // ---- the UAS core ----

  private void onIncomingInvite(ServerTransaction tx) {
    SipRequest request = tx.request();
    if (rejectUnsupportedRequire(tx)) {
      return;
    }
    if (request.from().flatMap(Address::tag).isEmpty() || request.contacts().isEmpty()) {
      tx.respond(tx.responseBuilder(400).reason("Missing From tag or Contact").build());
      return;
    }
    if (sessions.size() >= config.maxSessions()) {
      tx.respond(failure(tx, 486, "too many sessions"));
      return;
    }
    Optional<Body> body = InviteSession.bodyOf(request);
    if (body.isEmpty()) {
      // every Miville session starts with an offer in the INVITE (RFC 3264 §4, RFC 3261 §13.2.1)
      tx.respond(failure(tx, 488, "an offer is required in the INVITE"));
      return;
    }
    if (!config.accepts(body.get().type())) {
      tx.respond(unsupportedType(tx));
      return;
    }
    InviteSession s;
    try {
      s = InviteSession.incoming(this, tx, new Offer(body.get()));
    } catch (IllegalArgumentException e) {
      tx.respond(tx.responseBuilder(400).reason("Bad Request").build());
      return;
    }
    if (sessions.putIfAbsent(s.id(), s) != null) {
      tx.respond(500); // a tag collision, vanishingly rare
      return;
    }
    s.startIncoming();
  }

  /** What the manager answers when no other handler was given. */
  private void answerOther(ServerTransaction tx) {
    SipRequest request = tx.request();
    if (request.to().flatMap(Address::tag).isPresent() || DIALOG_ONLY.contains(request.method())) {
      tx.respond(481); // §12.2.2
    } else if (request.method().equals(SipMethod.OPTIONS)) {
      tx.respond(optionsResponse(tx));
    } else {
      tx.respond(tx.responseBuilder(405).headerList(SipHeaders.ALLOW, InviteSession.ALLOWED).build());
    }
  }

  private final class Handler implements RequestHandler {
    @Override
    public void onRequest(ServerTransaction tx) {
      SipRequest request = tx.request();
      String callId = request.callId().orElse("");
      Optional<String> toTag = request.to().flatMap(Address::tag);
      if (toTag.isPresent()) {
        Optional<InviteSession> s = sessionFor(callId, toTag);
        if (s.isPresent()) {
          s.get().onRequest(tx);
          return;
        }
      } else if (request.method().equals(SipMethod.INVITE)) {
        onIncomingInvite(tx);
        return;
      }
      if (otherRequests == NO_OTHER) {
        answerOther(tx);
      } else {
        otherRequests.onRequest(tx);
      }
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
      Optional<InviteSession> s = sessionFor(ack.callId().orElse(""), ack.to().flatMap(Address::tag));
      if (s.isPresent()) {
        s.get().onAck(ack);
      } else {
        otherRequests.onAck(ack, flow);
      }
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
      Optional<InviteSession> s = sessionFor(invite.request().callId().orElse(""), Optional.of(invite.localTag()));
      if (s.isPresent()) {
        s.get().onCancel(invite, cancel);
      } else {
        otherRequests.onCancel(invite, cancel);
      }
    }

    @Override
    public void onTimeout(ServerTransaction tx) {
      Optional<InviteSession> s = sessionFor(tx.request().callId().orElse(""), Optional.of(tx.localTag()));
      if (s.isPresent()) {
        s.get().onServerTimeout(tx);
      } else {
        otherRequests.onTimeout(tx);
      }
    }

    @Override
    public void onTransportError(ServerTransaction tx, Throwable cause) {
      Optional<InviteSession> s = sessionFor(tx.request().callId().orElse(""), Optional.of(tx.localTag()));
      if (s.isPresent()) {
        s.get().onServerTransportError(tx, cause);
      } else {
        LOG.log(System.Logger.Level.DEBUG, "transport error outside sessions: {0}", cause.toString());
        otherRequests.onTransportError(tx, cause);
      }
    }
  }
}
