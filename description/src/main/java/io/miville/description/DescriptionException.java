package io.miville.description;

/**
 * The one exception of this package: a session description that is malformed or breaks a rule
 * of RFC 1. It names the field at fault, as a path into the JSON form ({@code
 * streams[1].config["/port"]}, {@code contacts.offerer.address}) or into the SDP form ({@code
 * sdp.m[0].a=x-miville-stream}), and gives a short reason that never echoes input.
 *
 * <p>An agent that receives such a body in an offer answers {@code 400 Bad Request}
 * ({@link #status()}) when it cannot be read at all; one that reads but asks for something the
 * agent cannot do (no free port, unknown format) is a different matter, answered {@code 488 Not
 * Acceptable Here} by the session layer.
 */
public final class DescriptionException extends RuntimeException {
  private final String field;
  private final String reason;

  /**
   * @param field path of the field at fault
   * @param reason short reason, never containing input
   */
  public DescriptionException(String field, String reason) {
    super(field + ": " + reason, null, false, false);
    this.field = field;
    this.reason = reason;
  }

  /** Path of the field at fault. */
  public String field() {
    return field;
  }

  /** Short reason, free of input. */
  public String reason() {
    return reason;
  }

  /** The SIP status for a body that cannot be read: 400. */
  public int status() {
    return 400;
  }

  /** The same problem seen from an enclosing object: {@code prefix + "." + field}. */
  DescriptionException within(String prefix) {
    return new DescriptionException(
        field.startsWith("[") ? prefix + field : prefix + "." + field, reason);
  }
}
