package io.miville.agent;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where an agent keeps its files: {@code --data-dir} if given, else
 * {@code $XDG_CONFIG_HOME/miville/NAME} (XDG Base Directory), else {@code ~/.config/miville/NAME}.
 */
public final class AgentPaths {
  private AgentPaths() {}

  /** The data folder of agent {@code name} for the given environment and home folder. */
  public static Path configDir(String name, Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
    return base.resolve("miville").resolve(name);
  }

  /** The data folder of agent {@code name} for this process. */
  public static Path configDir(String name) {
    return configDir(name, System.getenv(), Path.of(System.getProperty("user.home")));
  }
}
