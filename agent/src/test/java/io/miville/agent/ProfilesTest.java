package io.miville.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
  @TempDir Path dir;

  @Test
  void profilesMergeInOrderOverTheDefault() {
    Profiles profiles = Profiles.open(dir.resolve("profiles.json"));
    profiles.put(Profile.of("loud", Map.of("/send/audio/level", "-3")));
    Map<String, String> s = profiles.resolve(List.of("hifi", "loud", "listen-only"));
    assertThat(s).containsEntry("/send/audio/codec", "L16").containsEntry("/send/audio/channels", "2")
        .containsEntry("/send/audio/level", "-3").containsEntry("/send/audio/enabled", "false")
        .containsEntry("/recv/audio/timeout-ms", "2000");
    assertThat(Settings.firstProblem(s)).isEmpty();
  }

  @Test
  void userProfilesArePersistedAndBuiltInsProtected() {
    Path file = dir.resolve("profiles.json");
    Profiles.open(file).put(Profile.of("mine", Map.of("/send/audio/tone", "880")));
    assertThat(Profiles.open(file).find("mine").orElseThrow().settings()).containsEntry("/send/audio/tone", "880");
    assertThatThrownBy(() -> Profiles.open(file).put(Profile.of("default", Map.of())))
        .hasMessageContaining("built-in");
    assertThatThrownBy(() -> Profiles.open(file).resolve(List.of("nope"))).hasMessageContaining("no profile named 'nope'");
  }

  @Test
  void unsupportedSettingsAreNamed() {
    assertThat(Settings.firstProblem(Map.of("/send/video/codec", "h264"))).hasValue("/send/video/codec: not supported");
    assertThat(Settings.firstProblem(Map.of("/send/audio/codec", "opus")))
        .hasValueSatisfying(p -> assertThat(p).startsWith("/send/audio/codec: expects PCMU or L16, not opus"));
    assertThat(Settings.firstProblem(Map.of("/send/audio/codec", "PCMU", "/send/audio/channels", "2")))
        .hasValue("/send/audio/channels: PCMU is mono");
    assertThatThrownBy(() -> Profile.of("bad name!", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Profile.of("x", Map.of("no-slash", "1"))).isInstanceOf(IllegalArgumentException.class);
  }
}
