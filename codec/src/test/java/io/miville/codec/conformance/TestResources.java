package io.miville.codec.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads test resources of the codec module from the class path. */
final class TestResources {
  private TestResources() {}

  static byte[] bytes(String path) {
    try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a tab-separated file, header row skipped, blank lines and # comments dropped. */
  static List<String[]> tsv(String path) {
    String text = new String(bytes(path), StandardCharsets.UTF_8);
    return text.lines().skip(1).filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
  }

  /** The files directly in a resource folder, sorted by name. */
  static List<Path> files(String folder) {
    try {
      Path dir = Path.of(TestResources.class.getResource("/" + folder).toURI());
      try (Stream<Path> s = Files.list(dir)) {
        return s.filter(Files::isRegularFile).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
