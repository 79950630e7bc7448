package io.miville.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's shared test data (../shared next to the repository). */
public final class TestData {
  private TestData() {}

  /** The shared/ folder: the miville.shared property set by the build, or ../shared from the repo. */
  public static Path shared() {
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

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
