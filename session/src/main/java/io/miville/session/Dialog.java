package io.miville.session;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The state of a dialog (RFC 3261 §12): its id, the local and remote parties with their tags,
 * the local and remote CSeq numbers, the remote target (the peer's Contact) and the route set
 * (from Record-Route). Immutable: every change makes a new value, so that any thread may read the
 * one a session holds.
 *
 * <p>{@link #asUac} and {@link #asUas} create it (§12.1.2, §12.1.1), {@link #request} builds the
 * requests sent in it (§12.2.1.1), {@link #matches} and {@link #isInOrder} check the requests
 * received in it (§12.2.2).
 */
public final class Dialog {
  private static final long EMPTY = -1;

  private final DialogId id;
  private final Address localParty;
  private final Address remoteParty;
  private final long localSequence;
  private final long remoteSequence;
  private final Uri remoteTarget;
  private final List<Address> routeSet;
  private final boolean secure;
  private final boolean early;

  private Dialog(DialogId id, Address localParty, Address remoteParty, long localSequence, long remoteSequence,
      Uri remoteTarget, List<Address> routeSet, boolean secure, boolean early) {
    this.id = id;
    this.localParty = localParty;
    this.remoteParty = remoteParty;
    this.localSequence = localSequence;
    this.remoteSequence = remoteSequence;
    this.remoteTarget = remoteTarget;
    this.routeSet = List.copyOf(routeSet);
    this.secure = secure;
    this.early = early;
  }

  /**
   * The dialog a UAC gets from a response with a To tag to its {@code request} (§12.1.2): early for
   * a 101-199, confirmed for a 2xx. The route set is the response's Record-Route in reverse
   * order, the remote target its Contact (the Request-URI if it has none), the local CSeq the
   * request's, the remote CSeq empty.
   *
   * @throws IllegalArgumentException if the response has no To tag, is a 100 or a failure, or
   *     the request lacks Call-ID, From tag or CSeq
   */
  public static Dialog asUac(SipRequest request, SipResponse response) {
    if (response.status() <= 100 || response.status() >= 300) {
      throw new IllegalArgumentException("only 101-299 responses create dialogs: " + response.status());
    }
    String remoteTag = response.to().flatMap(Address::tag)
        .orElseThrow(() -> new IllegalArgumentException("response without To tag"));
    Address from = request.from().orElseThrow(() -> new IllegalArgumentException("request without From"));
    String localTag = from.tag().orElseThrow(() -> new IllegalArgumentException("request without From tag"));
    String callId = request.callId().orElseThrow(() -> new IllegalArgumentException("request without Call-ID"));
    long seq = request.cseq().orElseThrow(() -> new IllegalArgumentException("request without CSeq")).sequence();
    List<Address> routes = new ArrayList<>(response.headers(SipHeaders.RECORD_ROUTE));
    Collections.reverse(routes);
    Uri target = contactOf(response.contacts()).orElse(request.uri());
    return new Dialog(new DialogId(callId, localTag, remoteTag), from, response.to().orElseThrow(), seq, EMPTY,
        target, routes, isSecure(request), response.isProvisional());
  }

  /**
   * The dialog a UAS gets when it answers {@code request} with a response carrying {@code
   * localTag} (§12.1.1): early until {@link #confirmed()}. The route set is the request's
   * Record-Route in order, the remote target its Contact, the remote CSeq the request's, the
   * local CSeq empty.
   *
   * @throws IllegalArgumentException if the request lacks Call-ID, From tag, To, CSeq or Contact
   */
  public static Dialog asUas(SipRequest request, String localTag) {
    Address from = request.from().orElseThrow(() -> new IllegalArgumentException("request without From"));
    String remoteTag = from.tag().orElseThrow(() -> new IllegalArgumentException("request without From tag"));
    Address to = request.to().orElseThrow(() -> new IllegalArgumentException("request without To"));
    String callId = request.callId().orElseThrow(() -> new IllegalArgumentException("request without Call-ID"));
    long seq = request.cseq().orElseThrow(() -> new IllegalArgumentException("request without CSeq")).sequence();
    Uri target = contactOf(request.contacts())
        .orElseThrow(() -> new IllegalArgumentException("request without Contact"));
    return new Dialog(new DialogId(callId, localTag, remoteTag), to.withTag(localTag), from, EMPTY, seq, target,
        request.headers(SipHeaders.RECORD_ROUTE), isSecure(request), true);
  }

  private static java.util.Optional<Uri> contactOf(List<Address> contacts) {
    return contacts.stream().filter(a -> !a.isWildcard()).findFirst().map(Address::uri);
  }

  private static boolean isSecure(SipRequest request) {
    return request.uri() instanceof SipUri s && s.isSecure();
  }

  public DialogId id() {
    return id;
  }

  public String callId() {
    return id.callId();
  }

  public String localTag() {
    return id.localTag();
  }

  public String remoteTag() {
    return id.remoteTag();
  }

  /** Our address with our tag: the From of the requests we send in the dialog. */
  public Address localParty() {
    return localParty;
  }

  /** The peer's address with its tag: the To of the requests we send in the dialog. */
  public Address remoteParty() {
    return remoteParty;
  }

  /** The CSeq number of the last request we sent in the dialog; empty until we send one (UAS). */
  public OptionalLong localSequence() {
    return localSequence == EMPTY ? OptionalLong.empty() : OptionalLong.of(localSequence);
  }

  /** The CSeq number of the last request the peer sent in the dialog; empty until it sends one (UAC). */
  public OptionalLong remoteSequence() {
    return remoteSequence == EMPTY ? OptionalLong.empty() : OptionalLong.of(remoteSequence);
  }

  /** Where requests in the dialog go (the peer's Contact), refreshed by re-INVITEs and their 2xx. */
  public Uri remoteTarget() {
    return remoteTarget;
  }

  /** The proxies requests in the dialog pass through, in order; empty for a direct dialog. */
  public List<Address> routeSet() {
    return routeSet;
  }

  /** True if the dialog was set up with a sips: Request-URI (§12.1). */
  public boolean isSecure() {
    return secure;
  }

  /** True while the dialog is early (created by a provisional response, §12.1). */
  public boolean isEarly() {
    return early;
  }

  /** This dialog in the confirmed state. */
  public Dialog confirmed() {
    return early ? new Dialog(id, localParty, remoteParty, localSequence, remoteSequence, remoteTarget, routeSet,
        secure, false) : this;
  }

  /** This dialog with a new remote target: a target refresh (§12.2.1.2, §12.2.2). */
  public Dialog withRemoteTarget(Uri target) {
    Objects.requireNonNull(target, "target");
    return new Dialog(id, localParty, remoteParty, localSequence, remoteSequence, target, routeSet, secure, early);
  }

  /**
   * This dialog with the local CSeq incremented by one (§12.2.1.1), or set to 1 if it was empty:
   * call it before {@link #request} for every new request except ACK and CANCEL.
   */
  public Dialog withNextLocalSequence() {
    long next = localSequence == EMPTY ? 1 : localSequence + 1;
    if (next > CSeq.MAX) {
      throw new IllegalStateException("CSeq space of the dialog exhausted");
    }
    return new Dialog(id, localParty, remoteParty, next, remoteSequence, remoteTarget, routeSet, secure, early);
  }

  /** True if a request with CSeq {@code sequence} is in order: above the remote CSeq, or the first one (§12.2.2). */
  public boolean isInOrder(long sequence) {
    return remoteSequence == EMPTY || sequence > remoteSequence;
  }

  /** This dialog with the remote CSeq set to {@code sequence} (§12.2.2). */
  public Dialog withRemoteSequence(long sequence) {
    return new Dialog(id, localParty, remoteParty, localSequence, sequence, remoteTarget, routeSet, secure, early);
  }

  /**
   * True if {@code request} belongs to this dialog: same Call-ID, its To tag is our local tag and
   * its From tag the remote tag (§12.2.2).
   */
  public boolean matches(SipRequest request) {
    return request.callId().map(id.callId()::equals).orElse(false)
        && request.to().flatMap(Address::tag).map(id.localTag()::equals).orElse(false)
        && request.from().flatMap(Address::tag).map(id.remoteTag()::equals).orElse(false);
  }

  /**
   * A request in the dialog with the current local CSeq (§12.2.1.1): To is the remote party with
   * its tag, From the local party with ours, and the Request-URI and Route headers follow the
   * route set: with an empty route set or a loose router first ({@code lr}), the Request-URI is
   * the remote target and the route set becomes the Route headers; with a strict router first,
   * the Request-URI is that router's URI and the remote target is appended to the remaining
   * routes. Add Contact, body and anything else before building.
   *
   * @throws IllegalStateException if the local CSeq is empty (see {@link #withNextLocalSequence})
   */
  public SipRequest.Builder request(SipMethod method) {
    if (localSequence == EMPTY) {
      throw new IllegalStateException("no local CSeq yet: call withNextLocalSequence() first");
    }
    return build(method, localSequence);
  }

  /** The ACK for a 2xx to the INVITE with CSeq {@code inviteSequence} in this dialog (§13.2.2.4). */
  public SipRequest.Builder ack(long inviteSequence) {
    return build(SipMethod.ACK, inviteSequence);
  }

  private SipRequest.Builder build(SipMethod method, long sequence) {
    Uri requestUri;
    List<Address> routes;
    if (routeSet.isEmpty() || isLoose(routeSet.get(0))) {
      requestUri = remoteTarget;
      routes = routeSet;
    } else {
      // §12.2.1.1: a strict router sees its own URI as the Request-URI and the target last in Route
      Uri first = routeSet.get(0).uri();
      requestUri = first instanceof SipUri s ? s.withoutHeaders().withParams(s.params().without("method")) : first;
      routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
      routes.add(Address.of(remoteTarget));
    }
    return SipRequest.builder(method, requestUri)
        .headers(SipHeaders.ROUTE, routes)
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, localParty)
        .header(SipHeaders.TO, remoteParty)
        .header(SipHeaders.CALL_ID, id.callId())
        .header(SipHeaders.CSEQ, new CSeq(sequence, method));
  }

  private static boolean isLoose(Address route) {
    return route.uri() instanceof SipUri s && s.isLooseRouting();
  }

  /** The URI of the next hop of requests in the dialog: the first route, else the remote target (§8.1.2). */
  public Uri nextHop() {
    return routeSet.isEmpty() ? remoteTarget : routeSet.get(0).uri();
  }

  @Override
  public String toString() {
    return "Dialog[" + id.callId() + " local=" + id.localTag() + " remote=" + id.remoteTag()
        + (early ? " early" : "") + " target=" + remoteTarget + " routes=" + routeSet.size() + "]";
  }
}
