package io.miville.agent.control;

import io.miville.agent.Contact;
import io.miville.agent.Profile;
import io.miville.agent.Profiles;
import io.miville.agent.api.AgentControl;
import io.miville.agent.api.AgentEvent;
import io.miville.agent.api.AgentException;
import io.miville.agent.api.AgentInfo;
import io.miville.agent.api.SessionView;
import io.miville.agent.api.StreamView;
import io.miville.codec.uri.Uri;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An {@link AgentControl} without a network, for testing the control server and the CLI while
 * the real agent is written: it keeps contacts, profiles and sessions, enforces the session
 * states the contract describes (answer only an incoming call, re-offer only an active one...)
 * and emits the events a real agent would, in order. Test hooks play the peer's part:
 * {@link #incoming}, {@link #establish}, {@link #emit}.
 */
public final class FakeAgent implements AgentControl {
  private static final Instant EPOCH = Instant.parse("2025-03-01T10:00:00Z");

  private final AgentInfo info;
  private final Map<String, Contact> contacts = new LinkedHashMap<>();
  private final Map<String, Profile> userProfiles = new LinkedHashMap<>();
  private final List<Session> sessions = new ArrayList<>(); // oldest first
  private final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<String> actions = new ArrayList<>();
  private final Object subscriberSignal = new Object();
  private int nextSession = 1;

  private static final class Session {
    final String id;
    final String peer;
    final String role;
    final Instant started;
    String state;
    String profile;
    List<StreamView> streams = List.of();
    Optional<String> ending = Optional.empty();

    Session(String id, String peer, String role, String state, String profile, Instant started) {
      this.id = id;
      this.peer = peer;
      this.role = role;
      this.state = state;
      this.profile = profile;
      this.started = started;
    }

    SessionView view() {
      return new SessionView(id, peer, role, state, profile, started, streams, ending);
    }
  }

  public FakeAgent() {
    this(new AgentInfo("alice", "sip:alice@127.0.0.1:5070", false));
  }

  public FakeAgent(AgentInfo info) {
    this.info = info;
  }

  @Override
  public AgentInfo info() {
    return info;
  }

  @Override
  public synchronized List<Contact> contacts() {
    return List.copyOf(contacts.values());
  }

  @Override
  public synchronized Contact putContact(Contact contact) {
    contacts.put(contact.name(), contact);
    return contact;
  }

  @Override
  public synchronized void removeContact(String name) {
    if (contacts.remove(name) == null) {
      throw AgentException.notFound("no contact named '" + name + "'");
    }
  }

  @Override
  public synchronized Contact keepContact(String name) {
    Contact c = contacts.get(name);
    if (c == null) {
      throw AgentException.notFound("no contact named '" + name + "'");
    }
    return putContact(c.kept());
  }

  @Override
  public synchronized List<Profile> profiles() {
    List<Profile> all = new ArrayList<>(Profiles.builtIn());
    all.addAll(userProfiles.values());
    return all;
  }

  @Override
  public synchronized Profile putProfile(Profile profile) {
    if (Profiles.builtIn().stream().anyMatch(p -> p.name().equals(profile.name()))) {
      throw AgentException.badRequest("'" + profile.name() + "' is a built-in profile");
    }
    userProfiles.put(profile.name(), profile);
    return profile;
  }

  @Override
  public synchronized String call(String contactOrUri, Optional<String> profile) {
    Contact contact = contacts.get(contactOrUri);
    String peer;
    if (contact != null) {
      peer = contact.name();
    } else if (contactOrUri.contains(":") || contactOrUri.contains("@")) {
      try {
        peer = Contact.of("peer", contactOrUri).address().toString();
      } catch (IllegalArgumentException e) {
        throw AgentException.badRequest(e.getMessage());
      }
    } else {
      throw AgentException.notFound("no contact named '" + contactOrUri + "'");
    }
    String chosen = profile.or(() -> contact == null ? Optional.empty() : contact.defaultProfile())
        .orElse(Profiles.DEFAULT);
    requireProfile(chosen);
    Session s = newSession(peer, "offerer", "calling", chosen);
    actions.add("call " + contactOrUri + " " + chosen);
    emit(new AgentEvent.SessionChanged(s.id, s.state));
    return s.id;
  }

  @Override
  public synchronized void answer(String sessionId, Optional<String> profile) {
    Session s = inState(sessionId, "incoming");
    profile.ifPresent(this::requireProfile);
    profile.ifPresent(p -> s.profile = p);
    s.state = "active";
    actions.add("answer " + sessionId + " " + profile.orElse("-"));
    emit(new AgentEvent.SessionChanged(sessionId, s.state));
  }

  @Override
  public synchronized void refuse(String sessionId, int status, String reason) {
    Session s = inState(sessionId, "incoming");
    actions.add("refuse " + sessionId + " " + status + " " + reason);
    end(s, "refused: " + status + " " + reason);
  }

  @Override
  public synchronized void reoffer(String sessionId, String profile) {
    Session s = inState(sessionId, "active");
    requireProfile(profile);
    s.profile = profile;
    actions.add("reoffer " + sessionId + " " + profile);
    emit(new AgentEvent.SessionChanged(sessionId, s.state));
  }

  @Override
  public synchronized void hangUp(String sessionId) {
    Session s = find(sessionId);
    if (!List.of("calling", "ringing", "active").contains(s.state)) {
      throw AgentException.conflict("session " + sessionId + " is " + s.state + ", nothing to hang up");
    }
    actions.add("hangup " + sessionId);
    end(s, "hung up");
  }

  @Override
  public synchronized List<SessionView> sessions() {
    return sessions.reversed().stream().map(Session::view).toList();
  }

  @Override
  public synchronized Optional<SessionView> session(String sessionId) {
    return sessions.stream().filter(s -> s.id.equals(sessionId)).findFirst().map(Session::view);
  }

  @Override
  public Subscription subscribe(Consumer<AgentEvent> listener) {
    listeners.add(listener);
    signalSubscribers();
    return () -> {
      listeners.remove(listener);
      signalSubscribers();
    };
  }

  // ---------------------------------------------------------------- the peer's part, for tests

  /**
   * A call arrives from {@code from}: an unknown caller becomes an (auto) contact, as the real
   * agent's address book does; returns the session id.
   */
  public synchronized String incoming(String from, String profile) {
    Uri address = Contact.of("caller", from).address();
    Contact contact = contacts.values().stream().filter(c -> c.address().toString().equals(address.toString()))
        .findFirst()
        .orElseGet(() -> putContact(new Contact(from.replaceFirst("^sips?:", ""), address, false, Optional.empty(), true)));
    Session s = newSession(contact.name(), "answerer", "incoming", profile);
    emit(new AgentEvent.Incoming(s.id, address.toString(), profile, false));
    return s.id;
  }

  /** The session is established with one audio stream each way, both streaming. */
  public synchronized void establish(String sessionId) {
    Session s = find(sessionId);
    s.state = "active";
    s.streams = List.of(
        new StreamView("audio-1", "audio", "source", "PCMU", 20000, "127.0.0.1:30000", 200, "streaming", 200,
            "receiving", 1500, 0, 0),
        new StreamView("audio-2", "audio", "sink", "L16/48000/2", 20010, "127.0.0.1:30010", 200, "receiving", 200,
            "streaming", 1498, 2, 1.25));
    emit(new AgentEvent.SessionChanged(sessionId, "active"));
    for (StreamView v : s.streams) {
      emit(new AgentEvent.StreamChanged(sessionId, v.name(), v.end(), true, v.stateCode(), v.stateMessage()));
    }
  }

  /** Sends an event to every subscriber, in the caller's thread, as the agent's lanes do. */
  public synchronized void emit(AgentEvent event) {
    for (Consumer<AgentEvent> l : listeners) {
      l.accept(event);
    }
  }

  /** What was asked of the agent, one line per accepted request. */
  public synchronized List<String> actions() {
    return List.copyOf(actions);
  }

  /** How many event subscriptions are open. */
  public int subscribers() {
    return listeners.size();
  }

  /** Waits until exactly {@code n} subscriptions are open; false if that did not happen within the timeout. */
  public boolean awaitSubscribers(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (subscriberSignal) {
      while (listeners.size() != n) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        subscriberSignal.wait(left);
      }
      return true;
    }
  }

  private void signalSubscribers() {
    synchronized (subscriberSignal) {
      subscriberSignal.notifyAll();
    }
  }

  // ----------------------------------------------------------------

  private Session newSession(String peer, String role, String state, String profile) {
    Session s = new Session("s" + nextSession, peer, role, state, profile, EPOCH.plusSeconds(nextSession));
    nextSession++;
    sessions.add(s);
    return s;
  }

  private void end(Session s, String why) {
    s.state = "ended";
    s.ending = Optional.of(why);
    s.streams = List.of();
    emit(new AgentEvent.Ended(s.id, why));
  }

  private Session find(String id) {
    return sessions.stream().filter(s -> s.id.equals(id)).findFirst()
        .orElseThrow(() -> AgentException.notFound("no session '" + id + "'"));
  }

  private Session inState(String id, String state) {
    Session s = find(id);
    if (!s.state.equals(state)) {
      throw AgentException.conflict("session " + id + " is " + s.state + ", not " + state);
    }
    return s;
  }

  private void requireProfile(String name) {
    if (profiles().stream().noneMatch(p -> p.name().equals(name))) {
      throw AgentException.notFound("no profile named '" + name + "'");
    }
  }
}
