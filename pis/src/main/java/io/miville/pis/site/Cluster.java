package io.miville.pis.site;

import java.util.List;
import java.util.Objects;

/**
 * A proxy cluster run by one resource controller (draft-pis-00 §2, Appendix 1).
 *
 * @param id         a short unique name in the site, used in logs, NOTIFY bodies and the
 *                   presence resource ({@code sip:<controller>;cluster=<id>} is not needed: the
 *                   controller address is unique per cluster)
 * @param controller the controller's address without scheme, {@code user@host}, e.g.
 *                   {@code resourcecontroller@latrine1.loo.com}; requests to it or to any
 *                   address at its host reach this cluster
 * @param name       a human name ("Terminal A, floor 2, gate 14 restrooms")
 * @param aliases    local names and landmarks in any language ("loo", "WC", "baños", "near gate
 *                   14"), matched approximately by Currently-Near-to
 * @param position   where it is
 * @param proxies    its proxies
 * @param wash       whether it has sinks that answer WASH, and how they are
 */
public record Cluster(
    String id,
    String controller,
    String name,
    List<String> aliases,
    Position position,
    List<ProxySpec> proxies,
    WashFacility wash) {

  public Cluster {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(position, "position");
    proxies = List.copyOf(proxies);
    Objects.requireNonNull(wash, "wash");
  }

  /** The host part of the controller address: every address at this host belongs here. */
  public String host() {
    int at = controller.indexOf('@');
    return at < 0 ? controller : controller.substring(at + 1);
  }
}
