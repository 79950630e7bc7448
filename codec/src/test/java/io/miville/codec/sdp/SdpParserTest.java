package io.miville.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdpParserTest {
  /** Every kind of line, in RFC 8866 §5 order. */
  static final String FULL = String.join("\r\n",
      "v=0",
      "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
      "s=Call to John Smith",
      "i=SDP Offer #1",
      "u=http://www.jdoe.example.com/home.html",
      "e=Jane Doe <jane@jdoe.example.com>",
      "e=john@example.com (John)",
      "p=+1 617 555-6011",
      "c=IN IP4 198.51.100.1",
      "b=CT:128",
      "t=3724394400 3724398000",
      "r=7d 1h 0 25h",
      "r=604800 3600 90000",
      "z=3730928400 -1h 3749680800 0",
      "t=0 0",
      "a=recvonly",
      "a=tool:miville 0.1",
      "m=audio 49170 RTP/AVP 0 96",
      "i=main audio",
      "b=AS:64",
      "a=rtpmap:96 opus/48000/2",
      "a=fmtp:96 minptime=10;useinbandfec=1",
      "a=ptime:20",
      "a=rtcp:53020 IN IP4 198.51.100.7",
      "a=sendonly",
      "m=video 51372/2 RTP/AVP 99",
      "c=IN IP6 2001:db8::2",
      "c=IN IP6 ff15::101/3",
      "a=rtpmap:99 h263-1998/90000",
      "m=application 32416 udp wb",
      "c=IN IP4 233.252.0.1/127/2",
      "a=orient:portrait",
      "a=x-unknown:anything at all: even colons",
      "") ;

  @Test
  void readsEveryField() {
    Sdp sdp = Sdp.parse(FULL);
    assertThat(sdp.origin()).isEqualTo(new Origin("jdoe", "3724394400", "3724394405", "IN",
        "IP4", "198.51.100.1"));
    assertThat(sdp.sessionName()).isEqualTo("Call to John Smith");
    assertThat(sdp.information()).contains("SDP Offer #1");
    assertThat(sdp.uri()).contains("http://www.jdoe.example.com/home.html");
    assertThat(sdp.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>",
        "john@example.com (John)");
    assertThat(sdp.phones()).containsExactly("+1 617 555-6011");
    assertThat(sdp.connection()).contains(Connection.ip4("198.51.100.1"));
    assertThat(sdp.bandwidths()).containsExactly(Bandwidth.of("CT", 128));
    assertThat(sdp.times()).hasSize(2);
    TimeDescription t = sdp.times().get(0);
    assertThat(t.start()).isEqualTo(3724394400L);
    assertThat(t.repeats()).hasSize(2);
    assertThat(t.repeats().get(0).interval()).isEqualTo(TypedTime.of(7, TypedTime.Unit.DAYS));
    assertThat(t.repeats().get(0).offsets()).extracting(TypedTime::toSeconds)
        .containsExactly(0L, 90000L);
    assertThat(t.zoneAdjustments()).containsExactly(
        new ZoneAdjustment(3730928400L, true, TypedTime.of(1, TypedTime.Unit.HOURS)),
        new ZoneAdjustment(3749680800L, false, TypedTime.seconds(0)));
    assertThat(sdp.times().get(1)).isEqualTo(TimeDescription.UNBOUNDED);
    assertThat(sdp.direction()).contains(Direction.RECVONLY);
    assertThat(sdp.attributeValue("tool")).contains("miville 0.1");

    MediaDescription audio = sdp.media().get(0);
    assertThat(audio.formats()).containsExactly("0", "96");
    assertThat(audio.information()).contains("main audio");
    assertThat(audio.bandwidth(Bandwidth.AS)).contains(64L);
    assertThat(audio.rtpMap(96)).contains(RtpMap.of(96, "opus", 48000, 2));
    assertThat(audio.rtpMap(0)).contains(RtpMap.of(0, "PCMU", 8000));
    assertThat(audio.fmtp("96").orElseThrow().parameterMap())
        .containsEntry("minptime", "10").containsEntry("useinbandfec", "1");
    assertThat(audio.ptime()).contains(Ptime.ofMillis(20));
    assertThat(audio.rtcp()).contains(Rtcp.of(53020, Connection.ip4("198.51.100.7")));
    assertThat(sdp.direction(audio)).isEqualTo(Direction.SENDONLY);

    MediaDescription video = sdp.media().get(1);
    assertThat(video.portCount()).hasValue(2);
    assertThat(video.connections()).containsExactly(Connection.ip6("2001:db8::2"),
        new Connection("IN", "IP6", "ff15::101", OptionalInt.empty(), OptionalInt.of(3)));
    assertThat(sdp.connection(video)).isEqualTo(Connection.ip6("2001:db8::2"));
    assertThat(video.rtpMap(99).orElseThrow().hasEncoding("H263-1998")).isTrue();
    // the session says recvonly, the video has no attribute of its own
    assertThat(sdp.direction(video)).isEqualTo(Direction.RECVONLY);

    MediaDescription app = sdp.media().get(2);
    assertThat(app.isRtp()).isFalse();
    assertThat(app.formats()).containsExactly("wb");
    assertThat(app.connections().get(0)).isEqualTo(
        Connection.ip4Multicast("233.252.0.1", 127, 2));
    assertThat(app.connections().get(0).isMulticast()).isTrue();
    assertThat(app.attributeValue("x-unknown")).contains("anything at all: even colons");
  }

  @Test
  void writesBackExactlyAndLfReadsTheSame() {
    Sdp sdp = Sdp.parse(FULL);
    assertThat(sdp.toString()).isEqualTo(FULL);
    assertThat(Sdp.parse(FULL.replace("\r\n", "\n"))).isEqualTo(sdp);
    assertThat(Sdp.parse(sdp.encode())).isEqualTo(sdp);
  }

  @Test
  void lastLineMayLackItsLineEndAndTrailingEmptyLinesAreIgnored() {
    String noEnd = FULL.substring(0, FULL.length() - 2);
    assertThat(Sdp.parse(noEnd)).isEqualTo(Sdp.parse(FULL));
    assertThat(Sdp.parse(FULL + "\r\n\r\n")).isEqualTo(Sdp.parse(FULL));
    assertThat(Sdp.parse(FULL + "\n")).isEqualTo(Sdp.parse(FULL));
  }

  @Test
  void unknownMediaTypesProtocolsAndAttributesRoundTrip() {
    String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns= \r\nt=0 0\r\n"
        + "m=midi 10000 RTP/AVP 97\r\nc=IN IP4 192.0.2.1\r\na=rtpmap:97 rtp-midi/44100\r\n"
        + "a=x-miville-service:milhouse\r\na=x-flag\r\n"
        + "m=holo 9 UDP/TLS/FOO foo bar\r\nc=IN IP4 192.0.2.1\r\nb=X-YZ:7\r\n";
    Sdp sdp = Sdp.parse(text);
    assertThat(sdp.sessionName()).isEqualTo(" ");
    assertThat(sdp.media().get(0).media()).isEqualTo("midi");
    assertThat(sdp.media().get(0).attribute("x-flag")).contains(Attribute.of("x-flag"));
    assertThat(sdp.media().get(1).proto()).isEqualTo("UDP/TLS/FOO");
    assertThat(sdp.media().get(1).bandwidth("X-YZ")).contains(7L);
    assertThat(sdp.toString()).isEqualTo(text);
  }

  @Test
  void obsoleteKeyLinesAreDropped() {
    String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
        + "k=prompt\r\na=x:1\r\nm=audio 1 RTP/AVP 0\r\nk=clear:secret\r\na=sendrecv\r\n";
    Sdp sdp = Sdp.parse(text);
    assertThat(sdp.toString()).doesNotContain("k=");
    assertThat(sdp.attributes()).containsExactly(Attribute.of("x", "1"));
    assertThat(sdp.media().get(0).attributes()).containsExactly(Attribute.of("sendrecv"));
  }

  @Test
  void ipv6ConnectionsAsRfc5118WritesThem() {
    Sdp v6 = Sdp.parse(SdpTestFiles.crlf("rfc5118-ipv6.sdp"));
    assertThat(v6.origin().addressType()).isEqualTo("IP6");
    assertThat(v6.connection()).contains(Connection.ip6("2001:db8::20"));
    assertThat(v6.times().get(0).start()).isEqualTo(3338481189L);
    assertThat(v6.media().get(0).rtpMap(2)).contains(RtpMap.of(2, "G726-32", 8000));

    Sdp mixed = Sdp.parse(SdpTestFiles.crlf("rfc5118-mixed.sdp"));
    assertThat(mixed.connection()).isEmpty();
    assertThat(mixed.connection(mixed.media().get(0))).isEqualTo(Connection.ip4("192.0.2.1"));
    assertThat(mixed.connection(mixed.media().get(1))).isEqualTo(Connection.ip6("2001:db8::1"));

    Sdp mapped = Sdp.parse(SdpTestFiles.crlf("rfc5118-ipv4-mapped.sdp"));
    assertThat(mapped.connection()).contains(Connection.ip6("::ffff:192.0.2.2"));

    for (String name : List.of("rfc5118-ipv6.sdp", "rfc5118-mixed.sdp",
        "rfc5118-ipv4-mapped.sdp")) {
      assertThat(Sdp.parse(SdpTestFiles.lf(name)).toString())
          .isEqualTo(SdpTestFiles.crlf(name));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"IN IP6 [2001:db8::1]", "IN IP6 2001:db8::1/127/2", "IN IP6 2001:db8::1/2",
      "IN IP6 2001:db8:::1", "IN IP6 ::ffff:192.0.2.300", "IN IP4 2001:db8::1",
      "IN IP4 192.0.2.1/127", "IN IP4 233.252.0.1", "IN IP4 233.252.0.1/256",
      "IN IP4 192.0.2.256", "IN IP4 010.0.0.1", "IN IP4 1.2.3", "IN IP4", "IN  IP4 192.0.2.1",
      "IN IP4 192.0.2.1 "})
  void refusesBadConnectionData(String value) {
    String text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=" + value + "\r\nt=0 0\r\n";
    assertThatThrownBy(() -> Sdp.parse(text))
        .isInstanceOfSatisfying(SdpParseException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.reason()).doesNotContain(value.trim());
        });
  }

  @Test
  void acceptsOtherAddressTypesAsTheyAre() {
    Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=TN RFC2543 +1-555-0100"
        + "\r\nt=0 0\r\n");
    assertThat(sdp.connection().orElseThrow().address()).isEqualTo("+1-555-0100");
  }

  @ParameterizedTest(name = "[{index}] line {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                                        | 1 | empty session description
      o=- 1 1 IN IP4 192.0.2.1\\n                                | 1 | description must start with v=
      v=1\\n                                                     | 1 | unsupported SDP version
      v=0\\n                                                     | 2 | missing o= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\n                          | 3 | missing s= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\n                    | 4 | missing t= line
      v=0\\ns=-\\n                                               | 2 | expected o= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\nc=IN IP4 192.0.2.1\\n     | 3 | expected s= line
      v=0\\no=- 1 1 IN IP4\\ns=-\\nt=0 0\\n                      | 2 | o= needs six fields
      v=0\\no=- x 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\n            | 2 | bad o= session id
      v=0\\no=-  1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\n           | 2 | fields must be separated by one space
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nx=1\\n      | 5 | unknown type letter
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nA=1\\n      | 5 | bad type letter
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nm =audio\\n | 5 | expected '=' after the type letter
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\ni=x\\n      | 5 | i= line out of order
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\ni=a\\ni=b\\n        | 5 | repeated i= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\ns=-\\n              | 4 | repeated s= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nz=3730928400 -1h\\n | 5 | z= without r=
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nr=1d 1h 0\\n        | 4 | r= line out of order
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=1 0\\n            | 4 | bad time
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0\\n              | 4 | t= needs a start and a stop time
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nr=0 1h 0\\n | 5 | bad repeat interval
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\na=x\\n              | 4 | missing t= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nm=audio 1 RTP/AVP 0\\n | 4 | missing t= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nm=audio 1 RTP/AVP 0\\n | 5 | media without a c= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 70000 RTP/AVP 0\\n | 6 | bad port
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1 RTP/AVP 128\\n | 6 | bad payload type
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1 RTP/AVP\\n | 6 | m= needs media, port, protocol and a format
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1 RTP//AVP 0\\n | 6 | bad media protocol
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1/0 RTP/AVP 0\\n | 6 | bad number of ports
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1 RTP/AVP 0\\na=x\\nb=AS:1\\n | 8 | b= line out of order
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1 RTP/AVP 0\\ni=a\\ni=b\\n | 8 | repeated i= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nc=IN IP4 192.0.2.1\\nt=0 0\\nm=audio 1 RTP/AVP 0\\nt=0 0\\n | 7 | t= line not allowed in a media description
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\na=:x\\n     | 5 | bad attribute name
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\na=x:\\n     | 5 | empty attribute value
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\na=a b\\n    | 5 | bad attribute name
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nb=AS\\nt=0 0\\n     | 4 | b= needs <type>:<bandwidth>
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nb=AS:x\\nt=0 0\\n   | 4 | bad bandwidth value
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\nt=0 0\\nk=foo\\n    | 5 | bad k= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\ni=\\nt=0 0\\n       | 4 | empty i= line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\n\\ns=-\\nt=0 0\\n         | 3 | empty line
      v=0\\no=- 1 1 IN IP4 192.0.2.1\\ns=-\\rx\\nt=0 0\\n        | 3 | bare CR
      """)
  void refusesMalformedDescriptionsWithTheLine(String input, int line, String reason) {
    String text = input.replace("\\n", "\n").replace("\\r", "\r");
    assertThatThrownBy(() -> Sdp.parse(text))
        .isInstanceOfSatisfying(SdpParseException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.getMessage()).isEqualTo(reason + " (line " + line + ")");
        });
    // the same with CRLF line ends
    assertThatThrownBy(() -> Sdp.parse(text.replace("\n", "\r\n")))
        .isInstanceOfSatisfying(SdpParseException.class,
            e -> assertThat(e.line()).isEqualTo(line));
  }

  @Test
  void refusesNulAndInvalidUtf8WithTheLine() {
    byte[] nul = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=a\0b\r\nt=0 0\r\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Sdp.parse(nul)).isInstanceOfSatisfying(SdpParseException.class,
        e -> assertThat(e.line()).isEqualTo(3));
    byte[] latin1 = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=caf\u00e9\r\nt=0 0\r\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Sdp.parse(latin1)).isInstanceOfSatisfying(SdpParseException.class,
        e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.reason()).isEqualTo("not UTF-8 text");
        });
    // UTF-8 text itself is fine in text fields
    Sdp utf8 = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=caf\u00e9\r\nt=0 0\r\n"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(utf8.sessionName()).isEqualTo("caf\u00e9");
  }

  @Test
  void buildsWhatItParses() {
    Sdp built = Sdp.builder()
        .origin(Origin.of("alice", 2890844526L, 2890844526L, "host.anywhere.com"))
        .sessionName("-")
        .connection(Connection.ip4("host.anywhere.com"))
        .media(MediaDescription.builder("audio", 49170, MediaDescription.RTP_AVP)
            .rtpMap(RtpMap.of(0, "PCMU", 8000))
            .attribute(Ptime.ofMillis(20).toAttribute())
            .direction(Direction.SENDRECV)
            .direction(Direction.RECVONLY)
            .build())
        .build();
    assertThat(built.toString()).isEqualTo("v=0\r\n"
        + "o=alice 2890844526 2890844526 IN IP4 host.anywhere.com\r\n"
        + "s=-\r\nc=IN IP4 host.anywhere.com\r\nt=0 0\r\n"
        + "m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=recvonly\r\n");
    assertThat(Sdp.parse(built.toString())).isEqualTo(built);
    assertThat(built.origin().nextVersion().sessionVersion()).isEqualTo("2890844527");
    assertThat(new Origin("-", "1", "99999999999999999999999", "IN", "IP4", "192.0.2.1")
        .nextVersion().sessionVersion()).isEqualTo("100000000000000000000000");
  }

  @Test
  void builderRefusesMediaWithoutConnection() {
    assertThatThrownBy(() -> Sdp.builder()
        .origin(Origin.of("-", 1, 1, "192.0.2.1"))
        .media(MediaDescription.builder("audio", 1, "RTP/AVP").format("0").build())
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("media without a c= line");
  }

  @Test
  void typedTimesKeepTheirUnits() {
    assertThat(TypedTime.parse("7d").toSeconds()).isEqualTo(604800);
    assertThat(TypedTime.parse("25m").toString()).isEqualTo("25m");
    assertThat(TypedTime.parse("30").unit()).isEqualTo(TypedTime.Unit.NONE);
    assertThatThrownBy(() -> TypedTime.parse("1w")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TypedTime.parse("h")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ptimeKeepsDecimals() {
    assertThat(Ptime.parse("2.5").milliseconds()).isEqualTo(new BigDecimal("2.5"));
    assertThat(Ptime.parse("2.5").toString()).isEqualTo("2.5");
    for (String bad : List.of("0", "020", "2.50", "2.", ".5", "-1", "x")) {
      assertThat(Ptime.tryParse(bad)).as(bad).isEqualTo(Optional.empty());
    }
  }
}
