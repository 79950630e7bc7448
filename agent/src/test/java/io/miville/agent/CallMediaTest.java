package io.miville.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.description.AgentContact;
import io.miville.description.MediaStream;
import io.miville.description.Profile;
import io.miville.description.SessionDescription;
import io.miville.description.StreamConfig;
import io.miville.description.StreamDirection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an agent refuses (488) before it touches a port: settings and streams it cannot serve. */
class CallMediaTest {

  private static SessionDescription offer(String media, String format, List<String> settings) {
    return SessionDescription.builder("abc123", Instant.parse("2026-11-22T00:00:00Z"))
        .profile(Profile.of("p", settings))
        .offerer(AgentContact.of("127.0.0.1", 5060, "bob"))
        .answerer(AgentContact.of("127.0.0.1", 5062))
        .stream(MediaStream.of(StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER, media, format,
            "127.0.0.1", 20000).build()))
        .build();
  }

  @Test
  void namesTheSettingOrStreamItCannotServe() {
    assertThat(CallMedia.unsupported(offer("audio", "PCMU", List.of("/send/audio/codec")))).isEmpty();
    assertThat(CallMedia.unsupported(offer("audio", "L16", List.of()))).isEmpty();
    assertThat(CallMedia.unsupported(offer("audio", "PCMU", List.of("/send/video/codec"))))
        .hasValue("unsupported setting /send/video/codec");
    assertThat(CallMedia.unsupported(offer("video", "mpeg4", List.of())))
        .hasValue("stream 0: media video not supported (audio only)");
    assertThat(CallMedia.unsupported(offer("audio", "opus", List.of())))
        .hasValue("stream 0: format opus not supported (PCMU or L16)");
  }
}
