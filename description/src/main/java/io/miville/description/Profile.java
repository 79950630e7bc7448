package io.miville.description;

import java.util.List;

/**
 * The profile in use (RFC 1 "The name of the profile, and maybe the list of settings names"):
 * a named bundle of OSC-path settings such as {@code /send/video/codec}.
 *
 * @param name the profile name, one line of text, not empty
 * @param settings the OSC paths of its settings, in order
 */
public record Profile(String name, List<String> settings) {
  /** The profile named {@code default} with no settings. */
  public static final Profile DEFAULT = new Profile("default", List.of());

  public Profile {
    Checks.nonEmptyText(name, "name");
    settings = List.copyOf(settings);
    for (int i = 0; i < settings.size(); i++) {
      Checks.oscPath(settings.get(i), "settings[" + i + "]");
    }
  }

  /** A profile with settings. */
  public static Profile of(String name, List<String> settings) {
    return new Profile(name, settings);
  }

  /** A profile without settings. */
  public static Profile of(String name) {
    return new Profile(name, List.of());
  }
}
