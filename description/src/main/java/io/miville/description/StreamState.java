package io.miville.description;

/**
 * The state of one end (source or sink) of a stream, as RFC 1 asks: an integer code and a
 * message. Codes follow the SIP classes (RFC 3261 §21) so that they read alike: 1xx on the way,
 * 2xx fine, 4xx a problem with the peer or the network, 5xx a local failure; 0 means the end is
 * not running. Any code 0 or 100..699 is accepted, so that agents can add their own.
 *
 * <table>
 *   <caption>Standard states</caption>
 *   <tr><th>code</th><th>message</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>Stopped</td><td>not running (before start, after BYE, or disabled)</td></tr>
 *   <tr><td>100</td><td>Starting</td><td>being started: ports bound, process launched</td></tr>
 *   <tr><td>200</td><td>Streaming</td><td>running: the source sends, the sink receives</td></tr>
 *   <tr><td>408</td><td>No packets</td><td>a sink that has received nothing for a while</td></tr>
 *   <tr><td>500</td><td>Error</td><td>failed locally (process died, port taken, ...)</td></tr>
 * </table>
 *
 * @param code 0 or 100..699
 * @param message a short human text, one line, may be empty
 */
public record StreamState(int code, String message) {
  /** Not running. */
  public static final StreamState STOPPED = new StreamState(0, "Stopped");
  /** Being started. */
  public static final StreamState STARTING = new StreamState(100, "Starting");
  /** Running. */
  public static final StreamState STREAMING = new StreamState(200, "Streaming");
  /** A sink that receives nothing. */
  public static final StreamState NO_PACKETS = new StreamState(408, "No packets");
  /** Failed locally. */
  public static final StreamState ERROR = new StreamState(500, "Error");

  public StreamState {
    if (code != 0 && (code < 100 || code > 699)) {
      throw new DescriptionException("code", "state code must be 0 or 100..699");
    }
    Checks.text(message, "message");
  }

  /** A state with this code and message. */
  public static StreamState of(int code, String message) {
    return new StreamState(code, message);
  }

  /** True for 2xx: the end is running. */
  public boolean isRunning() {
    return code >= 200 && code < 300;
  }

  /** True for 4xx to 6xx: the end has a problem. */
  public boolean isFailure() {
    return code >= 400;
  }
}
