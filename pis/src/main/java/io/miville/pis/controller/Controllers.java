package io.miville.pis.controller;

import io.miville.pis.location.ClusterLocator;
import io.miville.pis.location.SiteClusterLocator;
import io.miville.pis.site.Site;
import io.miville.transaction.time.Lane;

/** Makes {@link PisController}s. */
public final class Controllers {
  private Controllers() {}

  /**
   * A controller for {@code site}, single-threaded on {@code lane}, ranking clusters for
   * location-enhanced SEEKs with {@link SiteClusterLocator} (spatial index, travel model).
   */
  public static PisController create(Site site, Lane lane, PisConfig config) {
    return create(site, lane, config, SiteClusterLocator.create(site));
  }

  /** A controller that ranks clusters for location-enhanced SEEKs with {@code locator}. */
  public static PisController create(Site site, Lane lane, PisConfig config, ClusterLocator locator) {
    return new DefaultPisController(site, lane, config, locator);
  }
}
