package io.miville.description;

import java.util.Objects;
import java.util.Optional;

/**
 * Contact information of one agent (RFC 1 "Contact infos for each agent"): its IPv4 address,
 * the port of its communication channel (the SIP port), and the name it gives the other agent
 * in its address book ("how Alice names Bob", "how Bob names Alice").
 *
 * @param kind a Miville agent or a plain SIP user agent
 * @param address IPv4 address
 * @param sipPort the SIP (com_chan) port, 1..65535
 * @param peerName how this agent names the other one, if known
 */
public record AgentContact(AgentKind kind, String address, int sipPort, Optional<String> peerName) {
  public AgentContact {
    Objects.requireNonNull(kind, "kind");
    Checks.ipv4(address, "address");
    Checks.port(sipPort, 1, 65535, "port");
    Objects.requireNonNull(peerName, "peerName");
    peerName.ifPresent(n -> Checks.nonEmptyText(n, "peer_name"));
  }

  /** A Miville agent that does not name its peer (yet). */
  public static AgentContact of(String address, int sipPort) {
    return new AgentContact(AgentKind.MIVILLE, address, sipPort, Optional.empty());
  }

  /** A Miville agent that calls its peer {@code peerName}. */
  public static AgentContact of(String address, int sipPort, String peerName) {
    return new AgentContact(AgentKind.MIVILLE, address, sipPort, Optional.of(peerName));
  }

  /** The same contact naming its peer {@code name}. */
  public AgentContact withPeerName(String name) {
    return new AgentContact(kind, address, sipPort, Optional.of(name));
  }
}
