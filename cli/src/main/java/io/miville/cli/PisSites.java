package io.miville.cli;

import io.miville.pis.site.Site;
import java.nio.file.Path;

/** The site a {@code pis} command works on. */
final class PisSites {
  private PisSites() {}

  /** Placeholder until the site loader and the demo site are merged. */
  static Site load(Path file) {
    throw new IllegalStateException("site files and the demo site are not available in this build yet");
  }
}
