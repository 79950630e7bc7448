package io.miville.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Write then parse gives back the same description, for any valid one; bad input only ever
 * fails with {@link SdpParseException}. */
class SdpPropertyTest {

  @Property(tries = 200)
  void writeThenParseIsIdentity(@ForAll("descriptions") Sdp sdp) {
    String text = sdp.toString();
    Sdp back = Sdp.parse(text);
    assertThat(back).isEqualTo(sdp);
    assertThat(back.toString()).isEqualTo(text);
    assertThat(Sdp.parse(text.replace("\r\n", "\n"))).isEqualTo(sdp);
    assertThat(Sdp.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(sdp);
  }

  @Property(tries = 400)
  void damagedInputOnlyFailsWithSdpParseException(
      @ForAll("descriptions") Sdp sdp, @ForAll("damage") Damage damage) {
    String text = damage.apply(sdp.toString());
    try {
      Sdp parsed = Sdp.parse(text);
      // what parses writes back to something that parses to the same
      assertThat(Sdp.parse(parsed.toString())).isEqualTo(parsed);
    } catch (SdpParseException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.reason()).isNotBlank();
    }
  }

  /** One edit of the text: delete, duplicate or insert a character at a position. */
  record Damage(int position, int kind, char c) {
    String apply(String s) {
      int p = Math.floorMod(position, s.length() + 1);
      return switch (kind) {
        case 0 -> p < s.length() ? s.substring(0, p) + s.substring(p + 1) : s;
        case 1 -> p < s.length() ? s.substring(0, p + 1) + s.substring(p) : s;
        default -> s.substring(0, p) + c + s.substring(p);
      };
    }
  }

  @Provide
  Arbitrary<Damage> damage() {
    return Combinators.combine(Arbitraries.integers().between(0, 2000),
        Arbitraries.integers().between(0, 2),
        Arbitraries.of(' ', '\r', '\n', '/', ':', '=', '0', '9', 'a', 'm', '-', '\0', '['))
        .as(Damage::new);
  }

  @Provide
  Arbitrary<Sdp> descriptions() {
    Arbitrary<Origin> origin = Combinators.combine(nonWs(), Arbitraries.longs().between(0,
            Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE), unicastAddress())
        .as((user, id, version, address) -> Origin.of(user, id, version, address));
    Arbitrary<Optional<Connection>> sessionConnection = connection().optional(0.7);
    Arbitrary<List<MediaDescription>> media = Arbitraries.lazy(this::media).list().ofMaxSize(3);
    Arbitrary<Sdp.Builder> head = Combinators.combine(origin, text(true),
        text(false).optional(0.3), nonWs().optional(0.2), text(false).list().ofMaxSize(2),
        text(false).list().ofMaxSize(2), bandwidth().list().ofMaxSize(2))
        .as((o, s, i, u, e, p, b) -> {
          Sdp.Builder builder = Sdp.builder().origin(o).sessionName(s);
          i.ifPresent(builder::information);
          u.ifPresent(builder::uri);
          e.forEach(builder::email);
          p.forEach(builder::phone);
          b.forEach(builder::bandwidth);
          return builder;
        });
    return Combinators.combine(head, sessionConnection, time().list().ofMinSize(1).ofMaxSize(2),
        attribute().list().ofMaxSize(4), media)
        .as((builder, c, times, attributes, mediaList) -> {
          c.ifPresent(builder::connection);
          times.forEach(builder::time);
          attributes.forEach(builder::attribute);
          for (MediaDescription m : mediaList) {
            // every media needs a connection, its own or the session's
            builder.media(c.isEmpty() && m.connections().isEmpty()
                ? m.toBuilder().connection(Connection.ip4("192.0.2.9")).build() : m);
          }
          return builder.build();
        });
  }

  Arbitrary<MediaDescription> media() {
    Arbitrary<List<String>> rtpFormats = Arbitraries.integers().between(0, 127)
        .map(String::valueOf).list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<String>> otherFormats = token().list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<String> proto = Arbitraries.of("RTP/AVP", "RTP/SAVPF", "udp", "TCP/MSRP");
    return Combinators.combine(token(), Arbitraries.integers().between(0, 65535),
            Arbitraries.integers().between(1, 8).optional(0.2), proto, rtpFormats, otherFormats,
            text(false).optional(0.2), connection().list().ofMaxSize(2))
        .as((type, port, count, p, rtp, other, info, connections) -> {
          MediaDescription.Builder b = MediaDescription.builder(type, port, p)
              .formats(p.startsWith("RTP/") ? rtp : other);
          count.ifPresent(b::portCount);
          info.ifPresent(b::information);
          connections.forEach(b::connection);
          return b;
        })
        .flatMap(b -> Combinators.combine(bandwidth().list().ofMaxSize(2),
            attribute().list().ofMaxSize(5)).as((bws, attrs) -> {
              bws.forEach(b::bandwidth);
              attrs.forEach(b::attribute);
              return b.build();
            }));
  }

  Arbitrary<TimeDescription> time() {
    Arbitrary<Long> t = Arbitraries.oneOf(Arbitraries.just(0L),
        Arbitraries.longs().between(SdpTime.MIN_NONZERO, 99_999_999_999L));
    Arbitrary<TypedTime> typed = Combinators.combine(Arbitraries.longs().between(0, 100_000),
        Arbitraries.of(TypedTime.Unit.class)).as(TypedTime::new);
    Arbitrary<TypedTime> interval = Combinators.combine(Arbitraries.longs().between(1, 100_000),
        Arbitraries.of(TypedTime.Unit.class)).as(TypedTime::new);
    Arbitrary<RepeatTime> repeat = Combinators.combine(interval, typed,
        typed.list().ofMinSize(1).ofMaxSize(3)).as(RepeatTime::new);
    Arbitrary<ZoneAdjustment> zone = Combinators.combine(
        Arbitraries.longs().between(SdpTime.MIN_NONZERO, 99_999_999_999L),
        Arbitraries.of(true, false), typed).as(ZoneAdjustment::new);
    return Combinators.combine(t, t, repeat.list().ofMaxSize(2), zone.list().ofMaxSize(2))
        .as((start, stop, repeats, zones) -> new TimeDescription(start, stop, repeats,
            repeats.isEmpty() ? List.of() : zones));
  }

  Arbitrary<Connection> connection() {
    Arbitrary<Connection> v4 = ipv4().map(Connection::ip4);
    Arbitrary<Connection> v6 = Arbitraries.of("2001:db8::1", "::1", "::ffff:192.0.2.2",
        "fe80::1:2:3:4", "2001:db8:0:0:1:0:0:1").map(Connection::ip6);
    Arbitrary<Connection> multicast = Combinators.combine(Arbitraries.integers().between(224, 239),
        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 9)
            .optional(0.5))
        .as((first, ttl, count) -> new Connection("IN", "IP4", first + ".2.3.4",
            OptionalInt.of(ttl), count.map(OptionalInt::of).orElse(OptionalInt.empty())));
    Arbitrary<Connection> v6multicast = Arbitraries.integers().between(1, 9)
        .map(n -> new Connection("IN", "IP6", "ff15::101", OptionalInt.empty(), OptionalInt.of(n)));
    Arbitrary<Connection> name = Arbitraries.of("host.example.com", "media.example.org")
        .map(Connection::ip4);
    return Arbitraries.oneOf(v4, v6, multicast, v6multicast, name);
  }

  Arbitrary<Bandwidth> bandwidth() {
    return Combinators.combine(Arbitraries.oneOf(Arbitraries.of("AS", "CT", "TIAS"), token()),
        Arbitraries.longs().between(0, 10_000_000)).as(Bandwidth::new);
  }

  Arbitrary<Attribute> attribute() {
    return Combinators.combine(token(), text(false).optional(0.7)).as(Attribute::new);
  }

  Arbitrary<String> unicastAddress() {
    return Arbitraries.oneOf(ipv4(), Arbitraries.of("2001:db8::20", "host.example.com"));
  }

  Arbitrary<String> ipv4() {
    return Arbitraries.integers().between(0, 223).list().ofSize(4)
        .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
  }

  Arbitrary<String> token() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
        .withChars("-.!%*_+'~#$&^`{|}").ofMinLength(1).ofMaxLength(10);
  }

  Arbitrary<String> nonWs() {
    return Arbitraries.strings().withCharRange('!', '~').withChars("\u00e9\u4e2d")
        .ofMinLength(1).ofMaxLength(12);
  }

  /** byte-string text: anything but NUL, CR and LF; empty only if {@code maybeEmpty}. */
  Arbitrary<String> text(boolean maybeEmpty) {
    return Arbitraries.strings().withCharRange(' ', '~').withChars("\t\u00e9\u00e0\u4e2d\u0001")
        .ofMinLength(maybeEmpty ? 0 : 1).ofMaxLength(30);
  }
}
