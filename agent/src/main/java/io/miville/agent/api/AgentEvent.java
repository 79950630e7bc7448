package io.miville.agent.api;

/**
 * What an agent tells its user, in order: calls coming in, sessions changing state, stream
 * states changing (on either agent), sessions ending. Sent as server-sent events by the control
 * API, with {@link #type()} as the event name and the record as JSON data.
 */
public sealed interface AgentEvent {
  /** The event name: incoming, session, stream, ended. */
  String type();

  /** The session the event is about. */
  String sessionId();

  /** A call arrived and waits for answer or refusal (unless auto-answered). */
  record Incoming(String sessionId, String from, String profile, boolean autoAnswered) implements AgentEvent {
    public String type() {
      return "incoming";
    }
  }

  /** A session changed state. */
  record SessionChanged(String sessionId, String state) implements AgentEvent {
    public String type() {
      return "session";
    }
  }

  /** A stream's state changed, on this agent ({@code local}) or as the peer reported it. */
  record StreamChanged(String sessionId, String stream, String end, boolean local, int code, String message)
      implements AgentEvent {
    public String type() {
      return "stream";
    }
  }

  /** A session ended. */
  record Ended(String sessionId, String reason) implements AgentEvent {
    public String type() {
      return "ended";
    }
  }
}
