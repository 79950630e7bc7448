package io.miville.codec.sdp;

/**
 * The one exception the SDP codec throws for a malformed session description.
 *
 * <p>It carries the 1-based line of the description where the problem was found and a short
 * fixed reason written by the parser; the reason never echoes input, so it is safe to put in a
 * {@code Warning} header. A SIP user agent that receives a body that does not parse answers
 * {@code 400 Bad Request} ({@link #status()}); a description that parses but cannot be
 * accepted (no common codec, unsupported address type, ...) is a different matter and is
 * answered {@code 488 Not Acceptable Here} (RFC 3261 §13.3.1.3, RFC 3264 §6).
 */
public final class SdpParseException extends RuntimeException {
  /** The SIP status for a malformed SDP body: 400 Bad Request. */
  public static final int STATUS = 400;

  private final int line;
  private final String reason;

  /**
   * @param line 1-based line number in the description, or 0 when the problem is not tied to a
   *     line (a value given to a factory method, for example)
   * @param reason a short reason that never contains input
   */
  public SdpParseException(int line, String reason) {
    super(line > 0 ? reason + " (line " + line + ")" : reason, null, false, false);
    this.line = line;
    this.reason = reason;
  }

  /** 1-based line where the description stopped making sense, or 0 if not tied to a line. */
  public int line() {
    return line;
  }

  /** Short reason, free of input. */
  public String reason() {
    return reason;
  }

  /** Status a SIP user agent answers a request carrying this body with: always 400. */
  public int status() {
    return STATUS;
  }
}
