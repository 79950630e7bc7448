package io.miville.agent.api;

/** A request the agent cannot honour, with an HTTP-like status for the control API. */
public final class AgentException extends RuntimeException {
  private final int status;

  public AgentException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400 bad argument, 404 unknown session/contact/profile, 409 wrong state, 503 busy. */
  public int status() {
    return status;
  }

  public static AgentException notFound(String what) {
    return new AgentException(404, what);
  }

  public static AgentException conflict(String what) {
    return new AgentException(409, what);
  }

  public static AgentException badRequest(String what) {
    return new AgentException(400, what);
  }
}
