package io.miville.agent;

import io.miville.agent.api.AgentControl;
import io.miville.agent.api.AgentEvent;
import io.miville.agent.api.AgentException;
import io.miville.agent.api.AgentInfo;
import io.miville.agent.api.SessionView;
import io.miville.agent.api.StreamView;
import io.miville.codec.SipParseException;
import io.miville.codec.header.MediaType;
import io.miville.codec.sdp.Sdp;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.description.AgentContact;
import io.miville.description.DescriptionException;
import io.miville.description.MivilleJson;
import io.miville.description.PlainSdpContext;
import io.miville.description.Role;
import io.miville.description.SdpMapping;
import io.miville.description.SessionDescription;
import io.miville.description.StreamConfig;
import io.miville.description.StreamDirection;
import io.miville.media.PortAllocator;
import io.miville.node.SipNode;
import io.miville.session.Answer;
import io.miville.session.Body;
import io.miville.session.Ending;
import io.miville.session.Info;
import io.miville.session.InviteSession;
import io.miville.session.Offer;
import io.miville.session.SessionConfig;
import io.miville.session.SessionListener;
import io.miville.session.SessionManager;
import io.miville.transport.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A Miville telepresence agent (RFC 1): it calls and answers other agents (and plain SIP user
 * agents through SDP), negotiates its streams by offer/answer, runs one real RTP audio stream
 * each way, reports stream state codes to its peer in-dialog (INFO), and keeps an address book
 * and profiles.
 *
 * <p>Who starts what, as RFC 1 and its later revision say: the answerer starts its streams when
 * it sends OK, the offerer when it sends ACK. Each side states where it wants to receive. Every
 * port block is released on every ending.
 *
 * <p>Threading: session callbacks arrive on the session's lane and media callbacks on media
 * threads; each {@link Call} is guarded by its own monitor. Control methods may be called from
 * any thread.
 */
public final class Agent implements AgentControl, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("miville.agent");
  /** The content type of the stream state updates agents send each other in INFO. */
  public static final MediaType STATE_UPDATE = MediaType.of("application", "miville-state+json");
  private static final int KEPT_ENDED_SESSIONS = 50;

  private final AgentSettings settings;
  private final AddressBook book;
  private final Profiles profiles;
  private final PortAllocator ports;
  private final SipNode node;
  private final SessionManager sessions;
  private final Clock clock;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
  private final InetAddress mediaAddress;

  /**
   * How an agent runs.
   *
   * @param name how the agent names itself
   * @param sip the SIP address to listen on (UDP and TCP); port 0 picks a free one
   * @param dataDir where contacts.json and profiles.json live
   * @param autoAnswer answer every call by itself
   * @param noPacketsTimeout a sink with no packets for this long reports 408
   * @param keepAlive how often an idle session checks its peer is still there; the peer is gone
   *     after twice this without an answer
   * @param inviteTimeout how long a call waits for an answer before it is given up
   */
  public record AgentSettings(String name, InetSocketAddress sip, Path dataDir, boolean autoAnswer,
      Duration noPacketsTimeout, Duration keepAlive, Duration inviteTimeout) {
    /** Settings with the defaults: 2 s no-packets timeout, 10 s keep-alive, 10 s invite timeout. */
    public static AgentSettings of(String name, InetSocketAddress sip, Path dataDir, boolean autoAnswer) {
      return new AgentSettings(name, sip, dataDir, autoAnswer, Duration.ofSeconds(2), Duration.ofSeconds(10),
          Duration.ofSeconds(10));
    }
  }

  private Agent(AgentSettings settings) {
    this.settings = settings;
    this.clock = Clock.systemUTC();
    this.book = AddressBook.open(settings.dataDir().resolve("contacts.json"));
    this.profiles = Profiles.open(settings.dataDir().resolve("profiles.json"));
    this.mediaAddress = settings.sip().getAddress();
    if (!(mediaAddress instanceof Inet4Address)) {
      throw new IllegalArgumentException("RFC 1 agents use IPv4 addresses: " + mediaAddress.getHostAddress());
    }
    this.ports = PortAllocator.builder().address(mediaAddress).build();
    this.node = SipNode.builder()
        .listen(Transport.UDP, settings.sip())
        .build().start();
    int sipPort = node.address(Transport.UDP).orElseThrow().getPort();
    SipUri contact = SipUri.create(false, settings.name(), mediaAddress.getHostAddress(), sipPort);
    SessionConfig config = SessionConfig.builder()
        .contact(Transport.UDP, contact)
        .accept(MivilleJson.MEDIA_TYPE)
        .accept(MediaType.APPLICATION_SDP)
        .accept(STATE_UPDATE)
        .legacyInfo(true)
        .inviteTimeout(settings.inviteTimeout())
        .keepAliveInterval(settings.keepAlive())
        .keepAliveTimeout(settings.keepAlive())
        .userAgent("miville-agent")
        .build();
    this.sessions = SessionManager.create(node.transactions(), config, new Listener());
  }

  /** Starts an agent: binds its SIP address and opens its files. */
  public static Agent start(AgentSettings settings) {
    return new Agent(settings);
  }

  /** The SIP URI others call this agent at. */
  public SipUri sipUri() {
    return SipUri.create(false, settings.name(), mediaAddress.getHostAddress(),
        node.address(Transport.UDP).orElseThrow().getPort());
  }

  /** Port blocks held by this agent's streams; empty when no session runs. */
  public java.util.Set<Integer> heldPorts() {
    return ports.held();
  }

  public AddressBook addressBook() {
    return book;
  }

  @Override
  public AgentInfo info() {
    return new AgentInfo(settings.name(), sipUri().toString(), settings.autoAnswer());
  }

  // ------------------------------------------------------------------ contacts and profiles

  @Override
  public List<Contact> contacts() {
    return book.all();
  }

  @Override
  public Contact putContact(Contact contact) {
    return book.put(contact);
  }

  @Override
  public void removeContact(String name) {
    if (!book.remove(name)) {
      throw AgentException.notFound("no contact named '" + name + "'");
    }
  }

  @Override
  public Contact keepContact(String name) {
    return book.keep(name).orElseThrow(() -> AgentException.notFound("no contact named '" + name + "'"));
  }

  @Override
  public List<Profile> profiles() {
    return profiles.all();
  }

  @Override
  public Profile putProfile(Profile profile) {
    try {
      return profiles.put(profile);
    } catch (IllegalArgumentException e) {
      throw AgentException.badRequest(e.getMessage());
    }
  }

  // ------------------------------------------------------------------ calls

  @Override
  public String call(String contactOrUri, Optional<String> profile) {
    Optional<Contact> contact = book.find(contactOrUri);
    Uri target;
    try {
      target = contact.map(Contact::address).orElseGet(() -> Contact.parseAddress(contactOrUri));
    } catch (IllegalArgumentException e) {
      throw AgentException.badRequest("'" + contactOrUri + "' is neither a contact nor a SIP address");
    }
    if (!(target instanceof SipUri sipTarget)) {
      throw AgentException.badRequest("can only call sip: addresses");
    }
    String profileName = profile.or(() -> contact.flatMap(Contact::defaultProfile)).orElse(Profiles.DEFAULT);
    Map<String, String> resolved = resolve(profileName);
    InetAddress peerIp = resolveHost(sipTarget.host());
    String peerName = contact.map(Contact::name).orElse(contactOrUri);
    // contacts are Miville agents and get the JSON description; a bare SIP address may be any user
    // agent, so it gets SDP (with the Miville data in a=x-miville-* lines, which agents read back exactly)
    Call call = new Call(Role.OFFERER, peerName, profileName, resolved, clock.instant(), contact.isEmpty());
    SessionDescription offer;
    synchronized (call) {
      offer = call.media.offer(newId(), call.started, settings.name(), mediaAddress, sipPort(), peerName,
          peerIp.getHostAddress(), sipTarget.portOr(5060), profileName, resolved);
      call.description = offer;
    }
    InviteSession s;
    try {
      s = sessions.call(io.miville.codec.header.Address.of(settings.name(), sipUri()),
          io.miville.codec.header.Address.of(target), call.body(offer));
    } catch (RuntimeException e) {
      call.media.releaseAll();
      throw AgentException.conflict("cannot call: " + e.getMessage());
    }
    call.session = s;
    calls.put(s.id(), call);
    emit(new AgentEvent.SessionChanged(s.id(), "calling"));
    LOG.log(System.Logger.Level.INFO, "{0}: calling {1} with profile {2}", settings.name(), peerName, profileName);
    return s.id();
  }

  @Override
  public void answer(String sessionId, Optional<String> profile) {
    Call call = find(sessionId);
    synchronized (call) {
      if (!call.state.equals("incoming")) {
        throw AgentException.conflict("session " + sessionId + " is " + call.state + ", not incoming");
      }
      profile.ifPresent(p -> {
        call.settings = resolve(p);
        call.profile = p;
      });
      acceptIncoming(call);
    }
  }

  @Override
  public void refuse(String sessionId, int status, String reason) {
    Call call = find(sessionId);
    synchronized (call) {
      if (!call.state.equals("incoming")) {
        throw AgentException.conflict("session " + sessionId + " is " + call.state + ", not incoming");
      }
      if (status < 400 || status > 699) {
        throw AgentException.badRequest("a refusal is 400 to 699");
      }
      call.session.reject(status, reason.isBlank() ? "refused" : reason);
      call.media.releaseAll();
    }
  }

  @Override
  public void reoffer(String sessionId, String profile) {
    Call call = find(sessionId);
    Map<String, String> resolved = resolve(profile);
    synchronized (call) {
      if (!call.state.equals("active")) {
        throw AgentException.conflict("session " + sessionId + " is " + call.state + ", not active");
      }
      SessionDescription next = call.media.reoffer(call.description, call.role, profile, resolved);
      call.pendingProfile = Optional.of(profile);
      call.pendingSettings = resolved;
      call.pendingDescription = Optional.of(next);
      try {
        call.session.reoffer(call.body(next));
      } catch (IllegalStateException e) {
        call.media.releasePending();
        throw AgentException.conflict("cannot re-offer now: " + e.getMessage());
      }
    }
  }

  @Override
  public void hangUp(String sessionId) {
    Call call = find(sessionId);
    synchronized (call) {
      switch (call.session.state()) {
        case CALLING, RINGING -> {
          if (call.role == Role.OFFERER) {
            try {
              call.session.cancel();
            } catch (IllegalStateException answeredMeanwhile) {
              call.session.hangUp(); // the 2xx crossed our decision: end it with BYE instead
            }
          } else {
            call.session.reject(603, "Decline");
          }
        }
        case INCOMING -> call.session.reject(603, "Decline");
        case TERMINATING, TERMINATED -> throw AgentException.conflict("session " + sessionId + " already ending");
        default -> call.session.hangUp();
      }
      call.state = "ending";
    }
    emit(new AgentEvent.SessionChanged(sessionId, "ending"));
  }

  @Override
  public List<SessionView> sessions() {
    return calls.values().stream().sorted(Comparator.comparing((Call c) -> c.started).reversed())
        .map(Call::view).toList();
  }

  @Override
  public Optional<SessionView> session(String sessionId) {
    return Optional.ofNullable(calls.get(sessionId)).map(Call::view);
  }

  @Override
  public Subscription subscribe(Consumer<AgentEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Stops as a crashed process would: the SIP node and the media go away without BYE. Only for
   * tests of what the peer does when an agent vanishes.
   */
  void vanish() {
    node.close();
    for (Call c : calls.values()) {
      synchronized (c) {
        c.media.releaseAll();
      }
    }
  }

  @Override
  public void close() {
    sessions.close();
    for (Call c : calls.values()) {
      synchronized (c) {
        c.media.releaseAll();
      }
    }
    node.close();
  }

  // ------------------------------------------------------------------ internals

  private Call find(String id) {
    Call c = calls.get(id);
    if (c == null) {
      throw AgentException.notFound("no session " + id);
    }
    return c;
  }

  private Map<String, String> resolve(String profileName) {
    Map<String, String> resolved;
    try {
      resolved = profiles.resolve(List.of(profileName));
    } catch (IllegalArgumentException e) {
      throw AgentException.badRequest(e.getMessage());
    }
    Settings.firstProblem(resolved).ifPresent(p -> {
      throw AgentException.badRequest("profile " + profileName + ": " + p);
    });
    return resolved;
  }

  private int sipPort() {
    return node.address(Transport.UDP).orElseThrow().getPort();
  }

  private static InetAddress resolveHost(String host) {
    try {
      InetAddress a = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      if (!(a instanceof Inet4Address)) {
        throw AgentException.badRequest("RFC 1 agents use IPv4 addresses: " + host);
      }
      return a;
    } catch (UnknownHostException e) {
      throw AgentException.badRequest("unknown host " + host);
    }
  }

  private static String newId() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
  }

  void emit(AgentEvent e) {
    for (Consumer<AgentEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.WARNING, "event listener failed: {0}", ex.toString());
      }
    }
  }

  private void acceptIncoming(Call call) {
    SessionDescription answer;
    try {
      answer = call.media.answer(call.description, call.settings);
    } catch (RuntimeException e) {
      call.session.reject(500, "cannot set up media: " + e.getMessage());
      call.media.releaseAll();
      return;
    }
    call.description = answer;
    call.state = "active";
    call.session.accept(new Answer(call.body(answer).body()));
    // the answerer starts its streams when it sends OK
    call.media.start(answer);
    emit(new AgentEvent.SessionChanged(call.session.id(), "active"));
  }

  private void pruneEnded() {
    List<Call> ended = calls.values().stream().filter(c -> c.state.equals("ended"))
        .sorted(Comparator.comparing((Call c) -> c.started).reversed()).toList();
    for (int i = KEPT_ENDED_SESSIONS; i < ended.size(); i++) {
      calls.values().remove(ended.get(i));
    }
  }

  /** One session with its description, media and what the user sees. */
  final class Call {
    final Role role;
    final String peer;
    final Instant started;
    final boolean sdp;
    final CallMedia media;
    volatile InviteSession session;
    volatile String state;
    volatile String profile;
    Map<String, String> settings;
    SessionDescription description;
    Optional<String> pendingProfile = Optional.empty();
    Map<String, String> pendingSettings = Map.of();
    Optional<SessionDescription> pendingDescription = Optional.empty();
    volatile Optional<String> ending = Optional.empty();

    Call(Role role, String peer, String profile, Map<String, String> settings, Instant started, boolean sdp) {
      this.role = role;
      this.peer = peer;
      this.profile = profile;
      this.settings = settings;
      this.started = started;
      this.sdp = sdp;
      this.state = role == Role.OFFERER ? "calling" : "incoming";
      this.media = new CallMedia(ports, mediaAddress, role, settings.getOrDefault("/recv/audio/timeout-ms", "")
          .isEmpty() ? settings().noPacketsTimeout() : Duration.ofMillis(Long.parseLong(settings.get("/recv/audio/timeout-ms"))),
          this::onLocalStreamState);
    }

    AgentSettings settings() {
      return Agent.this.settings;
    }

    /** The description as the body the peer understands: Miville JSON, or SDP for a plain SIP agent. */
    Offer body(SessionDescription d) {
      if (sdp) {
        return Offer.of(MediaType.APPLICATION_SDP, SdpMapping.toSdp(d, role).encode());
      }
      return Offer.of(MivilleJson.MEDIA_TYPE, MivilleJson.encode(d));
    }

    void onLocalStreamState(int index, boolean source, io.miville.media.StreamState s) {
      InviteSession session = this.session;
      synchronized (this) {
        if (description == null || index >= description.streams().size()) {
          return;
        }
        StreamDirection dir = description.streams().get(index).config().direction();
        Role end = source ? dir.source() : dir.sink();
        description = description.withStateOn(index, end, io.miville.description.StreamState.of(s.code(), s.message()));
      }
      emit(new AgentEvent.StreamChanged(session == null ? "" : session.id(), "stream-" + index,
          source ? "source" : "sink", true, s.code(), s.message()));
      tellPeer(List.of(stateJson(index, source ? "source" : "sink", s.code(), s.message())));
    }

    /** Tells the peer the states of every end this agent holds: once the session is confirmed. */
    void tellPeerAllStates() {
      List<String> states = new java.util.ArrayList<>();
      synchronized (this) {
        if (description == null) {
          return;
        }
        for (int i = 0; i < description.streams().size(); i++) {
          {
            var ms = description.streams().get(i);
            StreamDirection dir = ms.config().direction();
            var st = ms.stateOn(role);
            states.add(stateJson(i, dir.source() == role ? "source" : "sink", st.code(), st.message()));
          }
        }
      }
      tellPeer(states);
    }

    private void tellPeer(List<String> states) {
      InviteSession session = this.session;
      if (sdp || session == null || !state.equals("active")
          || session.state() != io.miville.session.SessionState.CONFIRMED) {
        return;
      }
      try {
        session.sendInfo(Info.of(Body.of(STATE_UPDATE, "{\"states\":[" + String.join(",", states) + "]}")));
      } catch (IllegalStateException endedMeanwhile) {
        // the session ended between the check and the send: nothing to tell
      }
    }

    private static String stateJson(int index, String end, int code, String message) {
      return "{\"stream\":" + index + ",\"end\":\"" + end + "\",\"code\":" + code + ",\"message\":"
          + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "}";
    }

    SessionView view() {
      SessionDescription d;
      synchronized (this) {
        d = description;
      }
      List<StreamView> streams = d == null ? List.of() : media.views(d);
      return new SessionView(session == null ? "" : session.id(), peer, role == Role.OFFERER ? "offerer" : "answerer",
          state, profile, started, streams, ending);
    }
  }

  /** Session events from the session layer, on the session's lane. */
  private final class Listener implements SessionListener {

    @Override
    public void onIncoming(InviteSession s, Offer offer) {
      Body body = offer.body();
      boolean sdp = body.type().matches(MediaType.APPLICATION_SDP);
      Uri from = s.remoteParty().uri();
      Contact contact = book.contactForCaller(from, s.remoteParty().displayName());
      SessionDescription d;
      try {
        if (sdp) {
          AgentContact local = AgentContact.of(mediaAddress.getHostAddress(), sipPort());
          int peerSip = from instanceof SipUri su ? su.portOr(5060) : 5060;
          d = SdpMapping.fromSdp(Sdp.parse(body.content()), Role.OFFERER,
              PlainSdpContext.of(clock.instant(), local).withPeerSipPort(peerSip));
        } else {
          d = MivilleJson.decode(body.content());
        }
      } catch (DescriptionException | SipParseException | io.miville.codec.sdp.SdpParseException e) {
        s.reject(488, "cannot read the offer: " + e.getMessage());
        return;
      }
      Optional<String> problem = CallMedia.unsupported(d);
      if (problem.isPresent()) {
        s.reject(488, problem.get());
        return;
      }
      String profileName = profiles.find(d.profile().name()).map(Profile::name)
          .orElse(contact.defaultProfile().orElse(Profiles.DEFAULT));
      Map<String, String> resolved = profiles.resolve(List.of(profileName));
      Call call = new Call(Role.ANSWERER, contact.displayName(), d.profile().name(), resolved, clock.instant(), sdp);
      call.session = s;
      call.description = d;
      calls.put(s.id(), call);
      pruneEnded();
      boolean auto = settings.autoAnswer() || contact.autoAnswer();
      emit(new AgentEvent.Incoming(s.id(), contact.displayName(), d.profile().name(), auto));
      LOG.log(System.Logger.Level.INFO, "{0}: call from {1}", settings.name(), contact.displayName());
      synchronized (call) {
        if (auto) {
          acceptIncoming(call);
        } else {
          s.ring();
        }
      }
    }

    @Override
    public void onRinging(InviteSession s) {
      Call c = calls.get(s.id());
      if (c != null && c.role == Role.OFFERER) {
        c.state = "ringing";
        emit(new AgentEvent.SessionChanged(s.id(), "ringing"));
      }
    }

    @Override
    public void onAnswered(InviteSession s, Answer answer) {
      Call c = calls.get(s.id());
      if (c == null) {
        return;
      }
      synchronized (c) {
        try {
          SessionDescription offered = c.pendingDescription.orElse(c.description);
          SessionDescription d = readAnswer(answer.body(), offered, c.role);
          if (c.pendingDescription.isPresent()) {
            // the answer to our re-offer: the new streams replace the old ones
            c.media.stopAll();
            c.media.applyPending();
            c.profile = c.pendingProfile.orElse(c.profile);
            c.settings = c.pendingSettings;
            c.pendingDescription = Optional.empty();
            c.pendingProfile = Optional.empty();
          }
          c.description = d;
          c.state = "active";
          // the offerer starts its streams when it sends ACK (the session layer sends it right after this)
          c.media.start(d);
        } catch (RuntimeException e) {
          c.ending = Optional.of("bad answer: " + e.getMessage());
          s.hangUp();
          return;
        }
      }
      emit(new AgentEvent.SessionChanged(s.id(), "active"));
    }

    @Override
    public void onReoffer(InviteSession s, Offer offer) {
      Call c = calls.get(s.id());
      if (c == null) {
        s.rejectReoffer(481, "no such session");
        return;
      }
      synchronized (c) {
        SessionDescription d;
        try {
          d = c.sdp ? SdpMapping.fromSdp(Sdp.parse(offer.body().content()), c.role.peer(),
              PlainSdpContext.of(clock.instant(), AgentContact.of(mediaAddress.getHostAddress(), sipPort())))
              : MivilleJson.decode(offer.body().content());
        } catch (RuntimeException e) {
          s.rejectReoffer(488, "cannot read the offer: " + e.getMessage());
          return;
        }
        Optional<String> problem = CallMedia.unsupported(d);
        if (problem.isPresent()) {
          s.rejectReoffer(488, problem.get());
          return;
        }
        c.media.stopAll();
        SessionDescription answer = c.media.answerReoffer(d, c.role);
        c.description = answer;
        c.profile = d.profile().name();
        s.acceptReoffer(new Answer(c.body(answer).body()));
        c.media.start(answer);
      }
      emit(new AgentEvent.SessionChanged(s.id(), "active"));
    }

    @Override
    public void onConfirmed(InviteSession s) {
      Call c = calls.get(s.id());
      if (c != null) {
        emit(new AgentEvent.SessionChanged(s.id(), "confirmed"));
        c.tellPeerAllStates();
      }
    }

    @Override
    public void onReofferRejected(InviteSession s, io.miville.session.Refusal refusal) {
      Call c = calls.get(s.id());
      if (c != null) {
        synchronized (c) {
          c.media.releasePending();
          c.pendingDescription = Optional.empty();
          c.pendingProfile = Optional.empty();
        }
      }
    }

    @Override
    public void onInfo(InviteSession s, Info info) {
      Call c = calls.get(s.id());
      if (c == null || !info.body().type().matches(STATE_UPDATE)) {
        return;
      }
      try {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.body().content());
        for (var node : root.path("states")) {
          int index = node.path("stream").asInt(-1);
          String end = node.path("end").asText("");
          int code = node.path("code").asInt(-1);
          String message = node.path("message").asText("");
          synchronized (c) {
            if (c.description == null || index < 0 || index >= c.description.streams().size() || code < 0) {
              continue;
            }
            StreamDirection dir = c.description.streams().get(index).config().direction();
            Role who = end.equals("source") ? dir.source() : dir.sink();
            c.description = c.description.withStateOn(index, who, io.miville.description.StreamState.of(code, message));
          }
          emit(new AgentEvent.StreamChanged(s.id(), "stream-" + index, end, false, code, message));
        }
      } catch (java.io.IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "bad state update: {0}", e.toString());
      }
    }

    @Override
    public void onTerminated(InviteSession s, Ending ending) {
      Call c = calls.get(s.id());
      if (c == null) {
        return;
      }
      synchronized (c) {
        c.state = "ended";
        if (c.ending.isEmpty()) {
          c.ending = Optional.of(describe(ending));
        }
      }
      // stopping streams waits for their threads: not on the session's lane, which serves other calls
      Thread.ofVirtual().name("miville-teardown-" + s.id()).start(() -> {
        synchronized (c) {
          c.media.releaseAll();
        }
        emit(new AgentEvent.Ended(s.id(), c.ending.orElse("")));
        LOG.log(System.Logger.Level.INFO, "{0}: session with {1} ended: {2}", settings.name(), c.peer,
            c.ending.orElse(""));
      });
    }
  }

  /** The agreed description from an answer: Miville JSON, Miville SDP, or plain SDP merged into our offer. */
  private SessionDescription readAnswer(Body body, SessionDescription offered, Role myRole) {
    if (!body.type().matches(MediaType.APPLICATION_SDP)) {
      return MivilleJson.decode(body.content());
    }
    Sdp sdp = Sdp.parse(body.content());
    if (SdpMapping.isMiville(sdp)) {
      return SdpMapping.fromSdp(sdp, myRole.peer(),
          PlainSdpContext.of(clock.instant(), AgentContact.of(mediaAddress.getHostAddress(), sipPort())));
    }
    // a plain SIP user agent (RFC 3264 §6): its m= lines, in our order, say where it receives
    AgentContact peer = offered.contact(myRole.peer());
    SessionDescription d = offered.toBuilder().answerer(myRole == Role.OFFERER
        ? new AgentContact(io.miville.description.AgentKind.SIP, peer.address(), peer.sipPort(), peer.peerName())
        : offered.answerer()).build();
    for (int i = 0; i < d.streams().size() && i < sdp.media().size(); i++) {
      StreamConfig c = d.streams().get(i).config();
      if (c.direction().sink() == myRole.peer()) {
        var m = sdp.media().get(i);
        d = d.withStream(i, io.miville.description.MediaStream.of(
            c.withSink(sdp.connection(m).address(), m.isRejected() ? 0 : m.port())));
      }
    }
    return d;
  }

  private static String describe(Ending e) {
    String status = e.status().isPresent() ? e.status().getAsInt() + " " : "";
    return switch (e.cause()) {
      case BYE_LOCAL -> "hung up";
      case BYE_REMOTE -> "hung up by peer";
      case CANCELLED -> "cancelled";
      case REJECTED -> "refused: " + status + e.reason();
      case TIMEOUT -> "no answer: " + e.reason();
      case PEER_VANISHED -> "peer vanished: " + e.reason();
      case UNREACHABLE -> "unreachable: " + e.reason();
      default -> "error: " + e.reason();
    };
  }

}
