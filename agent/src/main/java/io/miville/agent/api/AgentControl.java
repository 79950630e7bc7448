package io.miville.agent.api;

import io.miville.agent.Contact;
import io.miville.agent.Profile;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a user (through the control API, the CLI or the demo) can ask of a running agent. The
 * agent implements it; the HTTP control server exposes it. Methods do not block on the network:
 * a call returns its session id at once and progress arrives as {@link AgentEvent}s.
 *
 * <p>Errors are {@link AgentException}s with an HTTP-like status (404 unknown session or contact,
 * 409 not possible in the session's state, 400 bad argument).
 */
public interface AgentControl {

  /** The agent's name and SIP address. */
  AgentInfo info();

  List<Contact> contacts();

  /** Adds or replaces a contact. */
  Contact putContact(Contact contact);

  /** Removes a contact; 404 if unknown. */
  void removeContact(String name);

  /** Keeps an (auto) contact; 404 if unknown. */
  Contact keepContact(String name);

  List<Profile> profiles();

  /** Adds or replaces a user profile; 400 for a built-in name. */
  Profile putProfile(Profile profile);

  /**
   * Calls a contact (by name) or a SIP URI with a profile (the contact's default, else the
   * agent's). Returns the new session's id.
   */
  String call(String contactOrUri, Optional<String> profile);

  /** Answers an incoming call (OK), with the profile for the streams this side adds. */
  void answer(String sessionId, Optional<String> profile);

  /** Refuses an incoming call with a status (603 by default) and a reason shown to the caller. */
  void refuse(String sessionId, int status, String reason);

  /** Sends a new offer in an established session with another profile. */
  void reoffer(String sessionId, String profile);

  /** Hangs up (BYE), or cancels a call not yet answered. */
  void hangUp(String sessionId);

  /** The sessions in progress and recently ended, newest first. */
  List<SessionView> sessions();

  Optional<SessionView> session(String sessionId);

  /** Receives every event from now on until the returned handle is closed. */
  Subscription subscribe(Consumer<AgentEvent> listener);

  /** Stops receiving events. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
