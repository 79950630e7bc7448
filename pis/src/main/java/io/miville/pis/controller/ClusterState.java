package io.miville.pis.controller;

import io.miville.codec.pis.ProxyType;
import io.miville.pis.site.Cluster;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live state of one cluster; owned by the controller's lane. */
final class ClusterState {
  final Cluster cluster;
  final int index;
  final List<ProxyState> proxies = new ArrayList<>();
  /** Load per canonical proxy type, in the order the types first appear. */
  final Map<ProxyType, LoadTracker> load = new LinkedHashMap<>();
  /** SEEKs waiting for a proxy. */
  final List<Waiter> queue = new ArrayList<>();
  /** WASHes waiting for a sink, first come first served. */
  final Deque<Waiter> washQueue = new ArrayDeque<>();
  long version;
  int sinksBusy;
  boolean waterOff;
  boolean sinksDirty;
  boolean dryerNotOk;

  ClusterState(Cluster cluster, int index) {
    this.cluster = cluster;
    this.index = index;
  }

  String id() {
    return cluster.id();
  }
}
