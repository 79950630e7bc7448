package io.miville.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The settings the built-in audio engine understands, with what each accepts. A session whose
 * profile holds anything else is refused with {@code 488 Not Acceptable Here} naming the setting
 * (RFC 3261 §21.4.26).
 */
public final class Settings {
  private Settings() {}

  private record Rule(String description, Predicate<String> accepts) {}

  private static final Map<String, Rule> RULES = Map.ofEntries(
      Map.entry("/send/audio/codec", codec()),
      Map.entry("/recv/audio/codec", codec()),
      Map.entry("/send/audio/channels", oneOf("1", "2")),
      Map.entry("/recv/audio/channels", oneOf("1", "2")),
      Map.entry("/send/audio/enabled", oneOf("true", "false")),
      Map.entry("/recv/audio/enabled", oneOf("true", "false")),
      Map.entry("/send/audio/tone", range(20, 20_000, "a tone frequency in Hz")),
      Map.entry("/send/audio/level", range(-60, 0, "a level in dBFS")),
      Map.entry("/send/audio/frame-ms", oneOf("10", "20", "30", "40")),
      Map.entry("/recv/audio/timeout-ms", range(100, 60_000, "a timeout in ms")));

  /** The OSC paths understood. */
  public static Set<String> known() {
    return RULES.keySet();
  }

  /**
   * The first setting the engine cannot honour, described for a refusal, e.g.
   * {@code "/send/video/codec: not supported"} or {@code "/send/audio/codec: PCMU or L16, not opus"}.
   */
  public static Optional<String> firstProblem(Map<String, String> settings) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      Rule rule = RULES.get(e.getKey());
      if (rule == null) {
        return Optional.of(e.getKey() + ": not supported");
      }
      if (!rule.accepts().test(e.getValue())) {
        return Optional.of(e.getKey() + ": expects " + rule.description() + ", not " + e.getValue());
      }
    }
    String send = settings.getOrDefault("/send/audio/codec", "PCMU");
    if (send.equalsIgnoreCase("PCMU") && "2".equals(settings.get("/send/audio/channels"))) {
      return Optional.of("/send/audio/channels: PCMU is mono");
    }
    return Optional.empty();
  }

  private static Rule codec() {
    return oneOf("PCMU", "L16");
  }

  private static Rule oneOf(String... values) {
    List<String> allowed = List.of(values);
    return new Rule(String.join(" or ", allowed), v -> allowed.stream().anyMatch(a -> a.equalsIgnoreCase(v)));
  }

  private static Rule range(int min, int max, String what) {
    return new Rule(what + " from " + min + " to " + max, v -> {
      try {
        double d = Double.parseDouble(v);
        return d >= min && d <= max;
      } catch (NumberFormatException e) {
        return false;
      }
    });
  }
}
