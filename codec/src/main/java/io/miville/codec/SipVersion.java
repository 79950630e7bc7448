package io.miville.codec;

/**
 * The protocol version of a message: {@code SIP/2.0} (RFC 3261 §7.1) or {@code PIS/1.0}
 * (draft-pis-00). Any other version is answered with {@code 505}.
 */
public enum SipVersion {
  SIP_2_0("SIP", "SIP/2.0"),
  PIS_1_0("PIS", "PIS/1.0");

  private final String protocol;
  private final String text;

  SipVersion(String protocol, String text) {
    this.protocol = protocol;
    this.text = text;
  }

  /** {@code SIP} or {@code PIS}. */
  public String protocol() {
    return protocol;
  }

  /** The version as written on the wire, for example {@code SIP/2.0}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
