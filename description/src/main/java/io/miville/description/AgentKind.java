package io.miville.description;

import java.util.Optional;

/**
 * What software an agent runs. A Miville agent follows RFC 1 (port blocks of ten in
 * [10000, 65535]); a plain SIP user agent, met through SDP, picks its own ports
 * (RFC 3264 §5.1) and the RFC 1 port rules do not apply to streams it receives.
 */
public enum AgentKind {
  /** A Miville agent. */
  MIVILLE("miville"),
  /** A plain SIP user agent (SIPp, linphone, ...), known from its SDP. */
  SIP("sip");

  private final String wireName;

  AgentKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the JSON and SDP forms. */
  public String wireName() {
    return wireName;
  }

  /** The kind with this wire name. */
  public static Optional<AgentKind> fromWireName(String name) {
    for (AgentKind k : values()) {
      if (k.wireName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
