package io.miville.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {
  private static final Instant T0 = Instant.parse("2024-05-01T18:30:00Z");

  private static SessionDescription.Builder base() {
    return SessionDescription.builder("s1", T0).offerer(Examples.ALICE).answerer(Examples.BOB);
  }

  private static StreamConfig toBob(int port) {
    return StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER, "audio", "PCMU",
        "198.51.100.20", port).build();
  }

  @Test
  void defaultsAreThoseOfRfc1() {
    SessionDescription d = base().build();
    assertThat(d.name()).isEqualTo("default");
    assertThat(d.purpose()).isEmpty();
    assertThat(d.profile()).isEqualTo(Profile.DEFAULT);
    assertThat(d.ports()).isEmpty();
    assertThat(d.streams()).isEmpty();
    StreamConfig c = toBob(10000);
    assertThat(c.service()).isEqualTo("milhouse");
    assertThat(c.sendEnabled()).isTrue();
    assertThat(c.receiveEnabled()).isTrue();
    assertThat(c.bitrate()).isEmpty();
    assertThat(MediaStream.of(c).source()).isEqualTo(StreamState.STOPPED);
  }

  @Test
  void statesLiveOnTheAgentOfEachEnd() {
    SessionDescription d = Examples.concert();
    MediaStream video = d.streams().get(0);
    // Alice sends the video: the source is hers, the sink Bob's
    assertThat(video.stateOn(Role.OFFERER)).isSameAs(video.source());
    assertThat(video.stateOn(Role.ANSWERER)).isSameAs(video.sink());
    MediaStream audio = d.streams().get(1);
    assertThat(audio.stateOn(Role.ANSWERER)).isEqualTo(StreamState.STARTING);
    assertThat(audio.stateOn(Role.OFFERER)).isEqualTo(StreamState.NO_PACKETS);
    SessionDescription later = d.withStateOn(1, Role.OFFERER, StreamState.STREAMING);
    assertThat(later.streams().get(1).sink()).isEqualTo(StreamState.STREAMING);
    assertThat(later.streams().get(1).source()).isEqualTo(StreamState.STARTING);
    assertThat(StreamState.NO_PACKETS.isFailure()).isTrue();
    assertThat(StreamState.STREAMING.isRunning()).isTrue();
    assertThat(StreamState.STOPPED.isRunning()).isFalse();
  }

  @Test
  void portBasesMustBeInRangeAndTenApartOnOneAddress() {
    assertThat(base().stream(toBob(10000)).stream(toBob(10010)).build().streams()).hasSize(2);
    assertThat(base().stream(toBob(PortRules.MAX_BASE)).build().streams()).hasSize(1);
    assertError(base().stream(toBob(9999)), "streams[0].config[\"/port\"]",
        "port base out of range 10000..65526");
    assertError(base().stream(toBob(65527)), "streams[0].config[\"/port\"]",
        "port base out of range 10000..65526");
    assertError(base().stream(toBob(10000)).stream(toBob(10009)),
        "streams[1].config[\"/port\"]", "port block overlaps the block of streams[0]");
    // the same base on the other agent's address is fine: two hosts, two blocks
    StreamConfig toAlice = StreamConfig.builder(StreamDirection.ANSWERER_TO_OFFERER, "audio",
        "PCMU", "192.0.2.10", 10000).build();
    assertThat(base().stream(toBob(10000)).stream(toAlice).build().streams()).hasSize(2);
    // both agents on one host: their blocks must not overlap
    SessionDescription.Builder oneHost = SessionDescription.builder("s1", T0)
        .offerer(AgentContact.of("127.0.0.1", 5060)).answerer(AgentContact.of("127.0.0.1", 5070))
        .stream(StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER, "audio", "PCMU",
            "127.0.0.1", 10000).build())
        .stream(StreamConfig.builder(StreamDirection.ANSWERER_TO_OFFERER, "audio", "PCMU",
            "127.0.0.1", 10005).build());
    assertError(oneHost, "streams[1].config[\"/port\"]",
        "port block overlaps the block of streams[0]");
  }

  @Test
  void plainSipSinksPickTheirOwnPorts() {
    AgentContact sipp = new AgentContact(AgentKind.SIP, "192.0.2.99", 5060, Optional.empty());
    SessionDescription d = SessionDescription.builder("1", T0).offerer(sipp)
        .answerer(Examples.BOB)
        .stream(StreamConfig.builder(StreamDirection.ANSWERER_TO_OFFERER, "audio", "PCMU",
            "192.0.2.99", 6000).build())
        .stream(StreamConfig.builder(StreamDirection.ANSWERER_TO_OFFERER, "video", "H264",
            "192.0.2.99", 0).receiveEnabled(false).build())
        .build();
    assertThat(d.streams()).extracting(s -> s.config().port()).containsExactly(6000, 0);
    // but a stream Bob (a Miville agent) receives follows RFC 1
    assertError(d.toBuilder().stream(StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER,
            "audio", "PCMU", "198.51.100.20", 6000).build()),
        "streams[2].config[\"/port\"]", "port base out of range 10000..65526");
  }

  @Test
  void portListFollowsTheSameRules() {
    assertThat(base().ports(List.of(10000, 10010, 65526)).build().ports()).hasSize(3);
    assertError(base().ports(List.of(10000, 10005)), "ports[1]",
        "port block overlaps the block of ports[0]");
    assertError(base().ports(List.of(80)), "ports[0]", "port base out of range 10000..65526");
  }

  @Test
  void fieldsAreChecked() {
    assertError(base().name(""), "name", "must not be empty");
    assertError(base().name("a\nb"), "name", "control character in text");
    assertError(base().id("a b"), "id", "must not contain spaces");
    assertError(base().start(null), "start", "missing");
    assertError(base().offerer(null), "contacts.offerer", "missing");
    assertThatThrownBy(() -> AgentContact.of("224.1.1.1", 5060))
        .isInstanceOfSatisfying(DescriptionException.class,
            e -> assertThat(e.reason()).isEqualTo("must be a unicast IPv4 address"));
    assertThatThrownBy(() -> AgentContact.of("host.example.com", 5060))
        .isInstanceOf(DescriptionException.class);
    assertThatThrownBy(() -> StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER,
        "audio", "PCMU", "192.0.2.1", 10000).extra("/port", "1").build())
        .isInstanceOfSatisfying(DescriptionException.class,
            e -> assertThat(e.reason()).isEqualTo("known key given as an extra"));
    assertThatThrownBy(() -> StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER,
        "audio", "PCMU", "192.0.2.1", 10000).extra("/a b", "1").build())
        .isInstanceOf(DescriptionException.class);
    assertThatThrownBy(() -> StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER,
        "audio video", "PCMU", "192.0.2.1", 10000).build())
        .isInstanceOfSatisfying(DescriptionException.class,
            e -> assertThat(e.field()).isEqualTo("[\"/media\"]"));
    assertThatThrownBy(() -> StreamState.of(99, "x"))
        .isInstanceOfSatisfying(DescriptionException.class,
            e -> assertThat(e.field()).isEqualTo("code"));
    assertThatThrownBy(() -> Profile.of("p", List.of("send/video")))
        .isInstanceOfSatisfying(DescriptionException.class,
            e -> assertThat(e.field()).isEqualTo("settings[0]"));
  }

  @Test
  void extraValuesAreKeptAsCanonicalJson() {
    StreamConfig c = StreamConfig.builder(StreamDirection.OFFERER_TO_ANSWERER, "audio", "PCMU",
            "192.0.2.1", 10000)
        .extra("/z", " { \"b\" : [1, 2.50, null] } ")
        .extra("/a", "\"x\"")
        .build();
    assertThat(c.extras()).containsExactly(java.util.Map.entry("/a", "\"x\""),
        java.util.Map.entry("/z", "{\"b\":[1,2.50,null]}"));
  }

  private static void assertError(SessionDescription.Builder b, String field, String reason) {
    assertThatThrownBy(b::build).isInstanceOfSatisfying(DescriptionException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.status()).isEqualTo(400);
    });
  }
}
