package io.miville.pis.location;

import io.miville.codec.pis.GeoPosition;
import io.miville.pis.site.ProxySpec;
import java.util.List;
import java.util.function.Predicate;

/**
 * Nearest-suitable queries over every proxy of a site, sized for 1,000,000 proxies: an in-memory
 * spatial index, built once, read by any thread.
 */
public interface ProxyLocator {

  /** The {@code k} nearest proxies to {@code from} that {@code suitable} accepts, nearest first. */
  List<ProxySpec> nearest(GeoPosition from, Predicate<ProxySpec> suitable, int k);
}
