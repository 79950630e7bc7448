package io.miville.media;

/**
 * A datagram that is not a valid RTP packet (RFC 3550 §5.1, validity checks of §A.1). The reason
 * is a short fixed phrase; it never echoes the input.
 */
public final class RtpFormatException extends RuntimeException {
  public RtpFormatException(String reason) {
    super(reason, null, false, false);
  }
}
