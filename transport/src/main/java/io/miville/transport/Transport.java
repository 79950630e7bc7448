package io.miville.transport;

/**
 * The transports a SIP message can travel on (RFC 3261 §18, RFC 7118 for WebSocket), with the
 * name each has in a Via header.
 */
public enum Transport {
  UDP("UDP", false, 5060),
  TCP("TCP", true, 5060),
  TLS("TLS", true, 5061),
  WS("WS", true, 80),
  WSS("WSS", true, 443);

  private final String viaName;
  private final boolean reliable;
  private final int defaultPort;

  Transport(String viaName, boolean reliable, int defaultPort) {
    this.viaName = viaName;
    this.reliable = reliable;
    this.defaultPort = defaultPort;
  }

  /** The transport token of a Via header (RFC 3261 §20.42, RFC 7118 §5.2). */
  public String viaName() {
    return viaName;
  }

  /** True for stream transports: no retransmissions at the transaction layer (RFC 3261 §17.1.1.2). */
  public boolean isReliable() {
    return reliable;
  }

  /** The port used when a URI or Via names none. */
  public int defaultPort() {
    return defaultPort;
  }

  /** The transport a Via transport token names, ignoring case. */
  public static java.util.Optional<Transport> fromViaName(String name) {
    for (Transport t : values()) {
      if (t.viaName.equalsIgnoreCase(name)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }
}
