package io.miville.node.uas;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The SDP answer of a UAS that takes no media (RFC 3264 §6): one {@code m=} line per offered
 * stream, in order, with the first offered format, marked {@code a=inactive}. It keeps the
 * offer/answer rules so that any SIP user agent accepts the call.
 */
final class InactiveSdpAnswer {
  private InactiveSdpAnswer() {}

  static String to(String offer, InetAddress local) {
    String family = local instanceof Inet6Address ? "IP6" : "IP4";
    String address = local.getHostAddress().replaceAll("%.*", "");
    long session = System.currentTimeMillis() / 1000;
    StringBuilder b = new StringBuilder(256)
        .append("v=0\r\n")
        .append("o=miville ").append(session).append(' ').append(session).append(" IN ").append(family).append(' ')
        .append(address).append("\r\n")
        .append("s=miville\r\n")
        .append("c=IN ").append(family).append(' ').append(address).append("\r\n")
        .append("t=0 0\r\n");
    for (String line : offer.split("\r?\n")) {
      if (line.startsWith("m=")) {
        String[] parts = line.substring(2).trim().split(" +");
        if (parts.length >= 4) {
          // a rejected stream would have port 0; an accepted but inactive one keeps a port (discard, 9)
          b.append("m=").append(parts[0]).append(" 9 ").append(parts[2]).append(' ').append(parts[3]).append("\r\n")
              .append("a=inactive\r\n");
        }
      }
    }
    return b.toString();
  }
}
