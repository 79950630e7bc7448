package io.miville.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code --version} from {@code version.properties}, a resource Maven fills in with
 * the project version at build time, so it is right in tests and in the shaded jar alike.
 */
public final class VersionProvider implements IVersionProvider {

  /** The Miville version this jar was built as, for example {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    Properties props = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return props.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "miville " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ")"
    };
  }
}
