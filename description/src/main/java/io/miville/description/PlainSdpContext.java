package io.miville.description;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SdpMapping#fromSdp} needs to turn a plain SDP (one without Miville attributes,
 * from SIPp, linphone, ...) into a {@link SessionDescription}: the values plain SDP does not
 * carry.
 *
 * @param now the start time to use when {@code t=} has none (it is usually {@code t=0 0})
 * @param local the reading agent's own contact
 * @param localPortBases free port bases of the reading agent, used in order for streams the peer
 *     sends to it ({@code a=sendonly} lines), whose sink port plain SDP does not give
 * @param peerSipPort the SIP port of the peer (SDP does not carry it; the caller knows it from
 *     the SIP message)
 * @param service the service name of the streams
 * @param profileName the profile name
 */
public record PlainSdpContext(
    Instant now, AgentContact local, List<Integer> localPortBases, int peerSipPort,
    String service, String profileName) {

  public PlainSdpContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(local, "local");
    localPortBases = List.copyOf(localPortBases);
    Checks.port(peerSipPort, 1, 65535, "peerSipPort");
    Checks.word(service, "service");
    Checks.nonEmptyText(profileName, "profileName");
  }

  /**
   * A context with the defaults: no local port bases, peer SIP port 5060, service {@code rtp},
   * profile {@code default}.
   */
  public static PlainSdpContext of(Instant now, AgentContact local) {
    return new PlainSdpContext(now, local, List.of(), 5060, "rtp", Profile.DEFAULT.name());
  }

  /** The same context with these free local port bases. */
  public PlainSdpContext withLocalPortBases(List<Integer> bases) {
    return new PlainSdpContext(now, local, bases, peerSipPort, service, profileName);
  }

  /** The same context with the peer's SIP port. */
  public PlainSdpContext withPeerSipPort(int port) {
    return new PlainSdpContext(now, local, localPortBases, port, service, profileName);
  }
}
