package io.miville.description;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.sdp.Sdp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid description survives JSON and SDP, written by either agent, unchanged. */
class DescriptionPropertyTest {
  private static final PlainSdpContext UNUSED =
      PlainSdpContext.of(Instant.EPOCH, AgentContact.of("127.0.0.1", 5060));

  @Property(tries = 200)
  void jsonRoundTrip(@ForAll("descriptions") SessionDescription d) {
    byte[] body = MivilleJson.encode(d);
    assertThat(MivilleJson.decode(body)).isEqualTo(d);
    assertThat(MivilleJson.encode(MivilleJson.decode(body))).isEqualTo(body);
    assertThat(MivilleJson.decode(MivilleJson.toPrettyJson(d))).isEqualTo(d);
  }

  @Property(tries = 200)
  void sdpRoundTrip(@ForAll("descriptions") SessionDescription d, @ForAll Role writer) {
    Sdp sdp = SdpMapping.toSdp(d, writer, 3);
    Sdp wire = Sdp.parse(sdp.toString());
    assertThat(SdpMapping.fromSdp(wire, writer, UNUSED)).isEqualTo(d);
  }

  @Provide
  Arbitrary<SessionDescription> descriptions() {
    Arbitrary<AgentContact> contact = Combinators.combine(
        Arbitraries.of(AgentKind.class), Arbitraries.of("192.0.2.10", "198.51.100.20",
            "127.0.0.1"), Arbitraries.integers().between(1, 65535), text(1).optional(0.6))
        .as(AgentContact::new);
    Arbitrary<List<Integer>> bases = Arbitraries.integers().between(0, 5552).set().ofMaxSize(8)
        .map(set -> set.stream().map(k -> PortRules.MIN_BASE + k * PortRules.BLOCK_SIZE)
            .toList());
    Arbitrary<Profile> profile = Combinators.combine(text(1), oscPath().list().ofMaxSize(3))
        .as(Profile::new);
    Arbitrary<SessionDescription.Builder> head = Combinators.combine(text(1), word(), text(0),
            Arbitraries.longs().between(946684800L, 4102444800L),
            Arbitraries.integers().between(0, 999_999_999), bases, profile)
        .as((name, id, purpose, seconds, nanos, ports, p) ->
            SessionDescription.builder(id, Instant.ofEpochSecond(seconds, nanos))
                .name(name).purpose(purpose).ports(ports.subList(0, Math.min(3, ports.size())))
                .profile(p));
    return Combinators.combine(head, contact, contact, seed().list().ofMaxSize(4), bases)
        .as((b, offerer, answerer, seeds, pool) -> {
          b.offerer(offerer).answerer(answerer);
          List<Integer> free = new ArrayList<>(pool);
          for (Seed s : seeds) {
            AgentContact sink = s.direction.sink() == Role.OFFERER ? offerer : answerer;
            int port;
            if (sink.kind() == AgentKind.SIP) {
              port = s.anyPort;
            } else if (free.isEmpty()) {
              continue;
            } else {
              port = free.remove(0);
            }
            StreamConfig.Builder c = StreamConfig.builder(s.direction, s.media, s.format,
                    sink.address(), port)
                .service(s.service).sendEnabled(s.send).receiveEnabled(s.receive);
            s.bitrate.ifPresent(c::bitrate);
            s.extras.forEach(c::extra);
            b.stream(new MediaStream(c.build(), s.source, s.sink));
          }
          return b.build();
        });
  }

  record Seed(StreamDirection direction, String media, String format, String service,
      Optional<Integer> bitrate, boolean send, boolean receive, int anyPort,
      Map<String, String> extras, StreamState source, StreamState sink) {}

  Arbitrary<Seed> seed() {
    Arbitrary<StreamState> state = Combinators.combine(
        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(100, 699)),
        text(0)).as(StreamState::new);
    Arbitrary<String> json = Arbitraries.of("\"h264\"", "2", "-7", "1.50", "1.0", "true",
        "null", "[1,\"a b\",{\"k\":[]}]", "{\"x\":\"caf\u00e9\"}", "\"\"", "1e400");
    Arbitrary<Seed> first = Combinators.combine(Arbitraries.of(StreamDirection.class),
            Arbitraries.of("audio", "video", "midi", "data-1"),
            Arbitraries.of("PCMU", "L16", "mpeg4", "h264", "opus", "x-raw.v2"),
            Arbitraries.of("milhouse", "rtp", "gst/launch"),
            Arbitraries.integers().between(1, 100_000).optional(0.5),
            Arbitraries.of(true, false), Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 65535))
        .as((d, m, f, svc, br, send, recv, port) ->
            new Seed(d, m, f, svc, br, send, recv, port, Map.of(), StreamState.STOPPED,
                StreamState.STOPPED));
    return Combinators.combine(first, Arbitraries.maps(oscPath(), json).ofMaxSize(3), state,
            state)
        .as((s, extras, source, sink) -> new Seed(s.direction, s.media, s.format, s.service,
            s.bitrate, s.send, s.receive, s.anyPort,
            extras.keySet().stream().anyMatch(StreamConfig.KNOWN_KEYS::contains)
                ? Map.of() : extras, source, sink));
  }

  Arbitrary<String> oscPath() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars("/_-.0").ofMinLength(1)
        .ofMaxLength(12).map(s -> "/" + s);
  }

  Arbitrary<String> word() {
    return Arbitraries.strings().withCharRange('!', '~').withChars("\u00e9").ofMinLength(1)
        .ofMaxLength(16);
  }

  Arbitrary<String> text(int minLength) {
    return Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9\u4e2d")
        .ofMinLength(minLength).ofMaxLength(24);
  }
}
