package io.miville.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.TestData;
import io.miville.codec.header.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SDP bodies of the RFC 4475 torture messages. */
class Rfc4475SdpBodiesTest {
  private static final Path DIR = TestData.shared().resolve("testdata/rfc4475");

  /** Messages the SIP parser accepts whose body is application/sdp. */
  static Stream<String> sdpMessages() throws IOException {
    return Files.readAllLines(DIR.resolve("EXPECTED.tsv")).stream().skip(1)
        .map(l -> l.split("\t")).filter(c -> c.length == 2 && c[1].equals("parse"))
        .map(c -> c[0])
        .filter(name -> message(name).contentType()
            .map(t -> t.matches(MediaType.APPLICATION_SDP)).orElse(false));
  }

  private static SipMessage message(String name) {
    return SipParser.create().parse(TestData.read(DIR.resolve(name + ".dat")));
  }

  @ParameterizedTest
  @MethodSource("sdpMessages")
  void bodyParsesAndRoundTrips(String name) {
    byte[] body = message(name).body();
    Sdp sdp = Sdp.parse(body);
    assertThat(sdp.version()).isZero();
    assertThat(sdp.media()).isNotEmpty();
    Sdp again = Sdp.parse(sdp.encode());
    assertThat(again).isEqualTo(sdp);
    assertThat(again.toString()).isEqualTo(sdp.toString());
  }

  @Test
  void thereAreSeveral() throws IOException {
    assertThat(sdpMessages().toList()).contains("sdp01", "inv2543", "esc01", "multi01")
        .hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void sdp01() {
    Sdp sdp = Sdp.parse(message("sdp01").body());
    assertThat(sdp.origin().username()).isEqualTo("mhandley");
    assertThat(sdp.sessionName()).isEqualTo("-");
    MediaDescription audio = sdp.media().get(0);
    assertThat(audio.formats()).containsExactly("0", "12");
    assertThat(audio.rtpMap(12)).contains(RtpMap.of(12, "QCELP", 8000));
    MediaDescription video = sdp.media().get(1);
    // "a=rtpmap:31 LPC" has no clock rate: it round-trips as written, but the typed view
    // skips it and falls back on the static meaning of payload type 31
    assertThat(video.attributeValue("rtpmap")).contains("31 LPC");
    assertThat(video.rtpMaps()).isEmpty();
    assertThat(video.rtpMap(31)).contains(RtpMap.of(31, "H261", 90000));
    assertThat(sdp.toString()).endsWith("a=rtpmap:31 LPC\r\n");
  }

  @Test
  void multi01BodyEndsWithAnEmptyLine() {
    byte[] body = message("multi01").body();
    assertThat(new String(body, StandardCharsets.US_ASCII)).endsWith("\r\n\r\n");
    assertThat(Sdp.parse(body).media()).hasSize(2);
  }

  @Test
  void secondRequestOfDblreqHasSpaceBeforeEquals() {
    String text = new String(TestData.read(DIR.resolve("dblreq.dat")), StandardCharsets.UTF_8);
    String body = text.substring(text.lastIndexOf("\r\n\r\nv=0") + 4);
    assertThatThrownBy(() -> Sdp.parse(body))
        .isInstanceOfSatisfying(SdpParseException.class, e -> {
          assertThat(e.line()).isEqualTo(7);
          assertThat(e.reason()).isEqualTo("expected '=' after the type letter");
        });
  }

  @Test
  void mismatch02BodyLacksSessionNameAndTime() {
    byte[] data = TestData.read(DIR.resolve("mismatch02.dat"));
    String text = new String(data, StandardCharsets.UTF_8);
    String body = text.substring(text.indexOf("\r\n\r\n") + 4);
    assertThatThrownBy(() -> Sdp.parse(body))
        .isInstanceOfSatisfying(SdpParseException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.reason()).isEqualTo("expected s= line");
        });
    assertThat(Arrays.asList(body.split("\r\n")).get(2)).startsWith("c=");
  }
}
