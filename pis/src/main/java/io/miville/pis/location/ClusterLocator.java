package io.miville.pis.location;

import io.miville.pis.site.Cluster;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Ranks a site's clusters for a seeking user agent (draft-pis-00 Appendix 1): only suitable
 * clusters on the same planet, ordered by travel time plus expected wait, best first.
 * Implementations are built once per site and are read-only afterwards, so any thread may query.
 */
public interface ClusterLocator {

  /**
   * The best {@code limit} clusters for {@code query}.
   *
   * @param suitable          whether a cluster can serve the request at all (has a matching proxy)
   * @param waitSeconds       the expected wait at a cluster, from its live load
   */
  List<RankedCluster> rank(LocationQuery query, Predicate<Cluster> suitable, ToDoubleFunction<Cluster> waitSeconds,
      int limit);
}
