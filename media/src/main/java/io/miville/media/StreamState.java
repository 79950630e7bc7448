package io.miville.media;

import java.time.Duration;
import java.util.Objects;

/**
 * The state of one end (source or sink) of a media stream, as a SIP-style code and a message
 * people can read (Miville RFC 1: "the state code (integer + message) of every stream for Alice
 * and Bob"). This is what an agent puts in its session description and shows to its user.
 *
 * <table>
 *   <caption>codes</caption>
 *   <tr><th>code</th><th>meaning</th></tr>
 *   <tr><td>100</td><td>Starting: running, nothing sent or received yet</td></tr>
 *   <tr><td>200</td><td>Streaming: packets are flowing</td></tr>
 *   <tr><td>204</td><td>Paused: sending or receiving switched off by the user</td></tr>
 *   <tr><td>408</td><td>No packets within the timeout (sinks only)</td></tr>
 *   <tr><td>500</td><td>Error: the socket failed; the stream has ended</td></tr>
 *   <tr><td>0</td><td>Stopped: ended on purpose</td></tr>
 * </table>
 *
 * @param code the code
 * @param message a short human-readable message
 */
public record StreamState(int code, String message) {
  public static final int STARTING_CODE = 100;
  public static final int STREAMING_CODE = 200;
  public static final int PAUSED_CODE = 204;
  public static final int NO_PACKETS_CODE = 408;
  public static final int ERROR_CODE = 500;
  public static final int STOPPED_CODE = 0;

  /** 100: the stream runs but no packet has been sent or received yet. */
  public static final StreamState STARTING = new StreamState(STARTING_CODE, "Starting");
  /** 200: packets are flowing. */
  public static final StreamState STREAMING = new StreamState(STREAMING_CODE, "Streaming");
  /** 204: sending or receiving is switched off. */
  public static final StreamState PAUSED = new StreamState(PAUSED_CODE, "Paused");
  /** 0: ended on purpose. */
  public static final StreamState STOPPED = new StreamState(STOPPED_CODE, "Stopped");

  public StreamState {
    Objects.requireNonNull(message, "message");
  }

  /** 408: no packet arrived within {@code timeout}. */
  public static StreamState noPackets(Duration timeout) {
    return new StreamState(NO_PACKETS_CODE, "No packets within " + timeout.toMillis() + " ms");
  }

  /** 500: the stream ended on a failure, described in a few words. */
  public static StreamState error(String detail) {
    return new StreamState(ERROR_CODE, "Error: " + detail);
  }

  /** Whether the stream has ended (0 or 500): nothing will change any more. */
  public boolean isEnded() {
    return code == STOPPED_CODE || code == ERROR_CODE;
  }

  @Override
  public String toString() {
    return code + " " + message;
  }
}
