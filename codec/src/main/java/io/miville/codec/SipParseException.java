package io.miville.codec;

/**
 * The one exception the codec throws for malformed input.
 *
 * <p>It carries the byte offset where the input stopped making sense and the status code a
 * server should answer with (RFC 3261 §21: {@code 400} for bad syntax, {@code 505} for an
 * unsupported protocol version, {@code 413} for a message over the size limit, ...). The
 * reason is a short fixed phrase written by the codec; it never echoes raw input, so it is safe
 * to put in a {@code Reason} or {@code Warning} header of the answer.
 */
public final class SipParseException extends RuntimeException {
  private final int offset;
  private final int status;
  private final String reason;

  /**
   * @param offset byte offset into the parsed input, or -1 if not tied to a position
   * @param status the SIP status a server would answer with (400, 413, 505, ...)
   * @param reason a short reason phrase, never containing raw input
   */
  public SipParseException(int offset, int status, String reason) {
    super(reason + (offset >= 0 ? " (at byte " + offset + ")" : ""), null, false, false);
    this.offset = offset;
    this.status = status;
    this.reason = reason;
  }

  /** Bad syntax: status 400. */
  public static SipParseException badRequest(int offset, String reason) {
    return new SipParseException(offset, 400, reason);
  }

  /** Byte offset into the input where the problem was found, or -1. */
  public int offset() {
    return offset;
  }

  /** Status code a server would answer with. */
  public int status() {
    return status;
  }

  /** Short reason phrase, free of raw input. */
  public String reason() {
    return reason;
  }

  /** The same problem moved by {@code delta} bytes, for parsers working on a slice of a message. */
  public SipParseException shifted(int delta) {
    if (offset < 0 || delta == 0) {
      return this;
    }
    return new SipParseException(offset + delta, status, reason);
  }
}
