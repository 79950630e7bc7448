package io.miville.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named bundle of OSC-path settings ({@code /send/audio/codec = PCMU},
 * {@code /recv/audio/channels = 1}, ...). Profiles are merged in order, later ones overriding
 * earlier ones, to give the settings of a session (RFC 1: "the name of the profile, and the list
 * of settings names").
 *
 * @param name the profile's name
 * @param settings OSC path to value, in order
 * @param builtIn true for the profiles that ship with Miville
 */
public record Profile(String name, Map<String, String> settings, boolean builtIn) {
  public Profile {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a profile name is 1 to 64 letters, digits, '.', '_' or '-'");
    }
    for (String key : settings.keySet()) {
      if (!key.matches("(/[A-Za-z0-9_-]+)+")) {
        throw new IllegalArgumentException("not an OSC path: " + key);
      }
    }
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** A user-defined profile. */
  public static Profile of(String name, Map<String, String> settings) {
    return new Profile(name, settings, false);
  }

  /** The settings of {@code profiles} merged in order: later values override earlier ones. */
  public static Map<String, String> merge(Iterable<Profile> profiles) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (Profile p : profiles) {
      merged.putAll(p.settings);
    }
    return Collections.unmodifiableMap(merged);
  }
}
