package io.miville.description;

import java.time.Instant;
import java.util.List;

/** Descriptions used by several tests. */
final class Examples {
  private Examples() {}

  static final AgentContact ALICE = AgentContact.of("192.0.2.10", 5060, "Bob at Quebec");
  static final AgentContact BOB = AgentContact.of("198.51.100.20", 5060, "Alice");

  /** Two streams, one each way, with states and extra OSC settings: the docs example. */
  static SessionDescription concert() {
    return SessionDescription.builder("a3f9c2e1", Instant.parse("2024-05-01T18:30:00Z"))
        .purpose("rehearsal between Montreal and Quebec")
        .ports(List.of(10000, 10010, 10020, 10030))
        .profile(Profile.of("concert", List.of("/send/video/codec", "/recv/audio/numchannels")))
        .offerer(ALICE)
        .answerer(BOB)
        .stream(new MediaStream(
            StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER, "video", "mpeg4",
                    "198.51.100.20", 10000)
                .bitrate(3000)
                .extra("/send/video/codec", "\"mpeg4\"")
                .extra("/x/deinterlace", "false")
                .build(),
            StreamState.STREAMING, StreamState.STREAMING))
        .stream(new MediaStream(
            StreamConfig.builder(StreamDirection.ANSWERER_TO_OFFERER, "audio", "L16",
                    "192.0.2.10", 10000)
                .extra("/recv/audio/numchannels", "8")
                .build(),
            StreamState.STARTING, StreamState.NO_PACKETS))
        .build();
  }
}
