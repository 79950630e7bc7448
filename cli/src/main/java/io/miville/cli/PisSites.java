package io.miville.cli;

import io.miville.pis.site.DemoSite;
import io.miville.pis.site.Site;
import io.miville.pis.site.SiteLoader;
import java.nio.file.Path;

/** The site a {@code pis} command works on: a YAML or JSON file, or the built-in demo site. */
final class PisSites {
  private PisSites() {}

  /** {@code file} loaded, or {@link DemoSite#create()} if it is null; unchecked exceptions on a bad file. */
  static Site load(Path file) {
    return file == null ? DemoSite.create() : SiteLoader.load(file);
  }
}
