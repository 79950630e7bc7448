package io.miville.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in profiles plus the user's own, kept in {@code profiles.json} beside the address
 * book and saved atomically. A built-in profile cannot be replaced or removed.
 */
public final class Profiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The profile used when nothing else is named. */
  public static final String DEFAULT = "default";

  private static final List<Profile> BUILT_IN = List.of(
      new Profile(DEFAULT, ordered("/send/audio/codec", "PCMU", "/recv/audio/codec", "PCMU",
          "/send/audio/channels", "1", "/recv/audio/channels", "1", "/send/audio/tone", "440",
          "/send/audio/level", "-20", "/send/audio/frame-ms", "20", "/recv/audio/timeout-ms", "2000"), true),
      new Profile("hifi", ordered("/send/audio/codec", "L16", "/recv/audio/codec", "L16",
          "/send/audio/channels", "2", "/recv/audio/channels", "2", "/send/audio/tone", "660"), true),
      new Profile("listen-only", ordered("/send/audio/enabled", "false"), true),
      new Profile("deaf", ordered("/recv/audio/enabled", "false"), true));

  private final Path file;
  private final Map<String, Profile> user = new LinkedHashMap<>();

  private Profiles(Path file) {
    this.file = file;
  }

  /** Opens the user's profiles in {@code file} (none if it does not exist yet). */
  public static Profiles open(Path file) {
    Profiles p = new Profiles(file);
    if (Files.exists(file)) {
      p.load();
    }
    return p;
  }

  public static List<Profile> builtIn() {
    return BUILT_IN;
  }

  public synchronized List<Profile> all() {
    List<Profile> out = new ArrayList<>(BUILT_IN);
    out.addAll(user.values());
    return out;
  }

  public synchronized Optional<Profile> find(String name) {
    for (Profile p : BUILT_IN) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.ofNullable(user.get(name));
  }

  /** Adds or replaces a user profile; saves. */
  public synchronized Profile put(Profile profile) {
    if (BUILT_IN.stream().anyMatch(b -> b.name().equals(profile.name()))) {
      throw new IllegalArgumentException("'" + profile.name() + "' is a built-in profile");
    }
    Profile stored = Profile.of(profile.name(), profile.settings());
    user.put(stored.name(), stored);
    save();
    return stored;
  }

  public synchronized boolean remove(String name) {
    boolean removed = user.remove(name) != null;
    if (removed) {
      save();
    }
    return removed;
  }

  /**
   * The settings of a session using {@code names} in order, over the default profile.
   *
   * @throws IllegalArgumentException naming the first unknown profile
   */
  public synchronized Map<String, String> resolve(List<String> names) {
    List<Profile> chain = new ArrayList<>();
    chain.add(find(DEFAULT).orElseThrow());
    for (String n : names) {
      chain.add(find(n).orElseThrow(() -> new IllegalArgumentException("no profile named '" + n + "'")));
    }
    return Profile.merge(chain);
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private void load() {
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      JsonNode profiles = root.path("profiles");
      if (!profiles.isObject()) {
        throw new IllegalArgumentException(file + ": expected {\"profiles\": {NAME: {PATH: VALUE}}}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = profiles.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Map<String, String> settings = new LinkedHashMap<>();
        e.getValue().fields().forEachRemaining(s -> settings.put(s.getKey(), s.getValue().asText()));
        user.put(e.getKey(), Profile.of(e.getKey(), settings));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a valid profiles file: " + e.getMessage(), e);
    }
  }

  private void save() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode profiles = root.putObject("profiles");
    for (Profile p : user.values()) {
      ObjectNode n = profiles.putObject(p.name());
      p.settings().forEach(n::put);
    }
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
