package io.miville.pis.site;

import io.miville.codec.pis.ProxyAttribute;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a PIS controller serves: its clusters and the local customs of the site
 * (draft-pis-00 §5). Loaded by {@code SiteLoader} from a YAML or JSON file, or built in
 * ({@code DemoSite}). Immutable.
 *
 * @param name              the site's name
 * @param clusters          its clusters; ids, controller addresses and proxy addresses are unique
 * @param paperEquivalents  local equivalents that satisfy {@code Requires: Paper} here (Leaves,
 *                          Lira, $1-USD, Low-Denomination-Paper-Currency), §5
 * @param localTypeNames    local proxy names (loo, WC, latrine, head, ...) to the Type they mean,
 *                          lower case keys, on top of the ones the codec already knows
 */
public record Site(String name, List<Cluster> clusters, Set<ProxyAttribute> paperEquivalents,
    Map<String, String> localTypeNames) {
  public Site {
    Objects.requireNonNull(name, "name");
    clusters = List.copyOf(clusters);
    paperEquivalents = Set.copyOf(paperEquivalents);
    localTypeNames = Map.copyOf(localTypeNames);
  }

  /** How many proxies in all clusters. */
  public int proxyCount() {
    int n = 0;
    for (Cluster c : clusters) {
      n += c.proxies().size();
    }
    return n;
  }
}
