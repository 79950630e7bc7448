package io.miville.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared test data (../shared next to the repository). The same small
 * logic as the codec's test helper, kept here so cli does not depend on codec's test jar.
 */
final class TestData {
  private TestData() {}

  /** The shared/ folder: the miville.shared property set by the build, or ../shared from the repo. */
  static Path shared() {
    String prop = System.getProperty("miville.shared");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("../shared").normalize();
      if (Files.isDirectory(candidate.resolve("testdata"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/ test data not found from " + dir);
  }
}
