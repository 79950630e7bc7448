package io.miville.pis.controller;

import java.util.List;

/**
 * The full state of one cluster at one instant: what every presence NOTIFY carries
 * (draft-pis-00 Appendix 1, RFC 6665 full state).
 *
 * @param clusterId           the cluster's id in the site
 * @param controller          the controller address, {@code user@host}
 * @param name                the cluster's human name
 * @param version             increases by one with every change, so subscribers can spot gaps
 * @param proxies             every proxy, in site order
 * @param queueLength         user agents waiting in this cluster's queue
 * @param expectedWaitSeconds expected wait for a newcomer
 * @param load                load per proxy type present in the cluster
 */
public record ClusterSnapshot(String clusterId, String controller, String name, long version, List<ProxySnapshot> proxies,
    int queueLength, double expectedWaitSeconds, List<LoadFigures> load) {
  public ClusterSnapshot {
    proxies = List.copyOf(proxies);
    load = List.copyOf(load);
  }
}
