package io.miville.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.sdp.Direction;
import io.miville.codec.sdp.MediaDescription;
import io.miville.codec.sdp.RtpMap;
import io.miville.codec.sdp.Sdp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SdpMappingTest {
  private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  private static final AgentContact BOB_LOCAL = AgentContact.of("127.0.0.1", 5070);

  /** What SIPp's built-in uac scenario sends (sipp -sn uac). */
  static final String SIPP_OFFER = """
      v=0
      o=user1 53655765 2353687637 IN IP4 127.0.0.1
      s=-
      c=IN IP4 127.0.0.1
      t=0 0
      m=audio 6000 RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      """;

  @ParameterizedTest
  @EnumSource(Role.class)
  void mivilleToSdpToMivilleIsExact(Role writer) {
    SessionDescription d = Examples.concert();
    Sdp sdp = SdpMapping.toSdp(d, writer, 7);
    assertThat(SdpMapping.isMiville(sdp)).isTrue();
    PlainSdpContext unused = PlainSdpContext.of(NOW, BOB_LOCAL);
    assertThat(SdpMapping.fromSdp(sdp, writer, unused)).isEqualTo(d);
    // and through the text on the wire
    Sdp wire = Sdp.parse(sdp.encode());
    assertThat(wire).isEqualTo(sdp);
    assertThat(SdpMapping.fromSdp(wire, writer, unused)).isEqualTo(d);
  }

  @Test
  void offerCarriesOneMediaLinePerStreamAsTheOffererSeesIt() {
    Sdp offer = SdpMapping.toSdp(Examples.concert(), Role.OFFERER, 1);
    assertThat(offer.origin().address()).isEqualTo("192.0.2.10");
    assertThat(offer.origin().sessionVersion()).isEqualTo("1");
    assertThat(offer.sessionName()).isEqualTo("default");
    assertThat(offer.information()).contains("rehearsal between Montreal and Quebec");
    assertThat(offer.times().get(0).start()).isZero();
    assertThat(offer.media()).hasSize(2);

    MediaDescription video = offer.media().get(0);
    assertThat(video.media()).isEqualTo("video");
    assertThat(video.port()).isEqualTo(10000);
    assertThat(offer.connection(video).address()).isEqualTo("198.51.100.20");
    assertThat(video.rtpMap(96)).contains(RtpMap.of(96, "MP4V-ES", 90000));
    assertThat(video.bandwidth("AS")).contains(3000L);
    // Alice sends the video
    assertThat(offer.direction(video)).isEqualTo(Direction.SENDONLY);

    MediaDescription audio = offer.media().get(1);
    assertThat(audio.formats()).containsExactly("10");
    assertThat(audio.rtpMap(10)).contains(RtpMap.of(10, "L16", 44100, 2));
    assertThat(offer.connection(audio).address()).isEqualTo("192.0.2.10");
    assertThat(offer.direction(audio)).isEqualTo(Direction.RECVONLY);
  }

  @Test
  void answerDirectionsAreThoseRfc3264Allows() {
    SessionDescription d = Examples.concert();
    Sdp offer = SdpMapping.toSdp(d, Role.OFFERER, 1);
    Sdp answer = SdpMapping.toSdp(d, Role.ANSWERER, 1);
    assertThat(answer.origin().address()).isEqualTo("198.51.100.20");
    assertThat(answer.media()).hasSameSizeAs(offer.media());
    for (int i = 0; i < offer.media().size(); i++) {
      Direction o = offer.direction(offer.media().get(i));
      Direction a = answer.direction(answer.media().get(i));
      assertThat(a).isEqualTo(o.reverse());
      assertThat(o.allowedAnswers()).contains(a);
    }
  }

  @Test
  void disabledEndsAreInactiveAndStillRoundTrip() {
    SessionDescription d = Examples.concert();
    StreamConfig off = d.streams().get(0).config().toBuilder().sendEnabled(false).build();
    SessionDescription quiet = d.withStream(0, d.streams().get(0).withConfig(off));
    Sdp offer = SdpMapping.toSdp(quiet, Role.OFFERER);
    assertThat(offer.direction(offer.media().get(0))).isEqualTo(Direction.INACTIVE);
    Sdp answer = SdpMapping.toSdp(quiet, Role.ANSWERER);
    // Bob's end of the video is still on
    assertThat(answer.direction(answer.media().get(0))).isEqualTo(Direction.RECVONLY);
    assertThat(SdpMapping.fromSdp(offer, Role.OFFERER, PlainSdpContext.of(NOW, BOB_LOCAL)))
        .isEqualTo(quiet);
  }

  @Test
  void sippOfferReadsAsOneAudioStream() {
    Sdp offer = Sdp.parse(SIPP_OFFER);
    assertThat(SdpMapping.isMiville(offer)).isFalse();
    SessionDescription d = SdpMapping.fromSdp(offer, Role.OFFERER,
        PlainSdpContext.of(NOW, BOB_LOCAL).withPeerSipPort(5061));
    assertThat(d.name()).isEqualTo("default");
    assertThat(d.id()).isEqualTo("53655765");
    assertThat(d.purpose()).isEmpty();
    assertThat(d.start()).isEqualTo(NOW);
    assertThat(d.ports()).isEmpty();
    assertThat(d.profile()).isEqualTo(Profile.DEFAULT);
    assertThat(d.offerer()).isEqualTo(
        new AgentContact(AgentKind.SIP, "127.0.0.1", 5061, Optional.empty()));
    assertThat(d.answerer()).isEqualTo(BOB_LOCAL);
    assertThat(d.streams()).hasSize(1);
    MediaStream s = d.streams().get(0);
    StreamConfig c = s.config();
    assertThat(c.service()).isEqualTo("rtp");
    assertThat(c.media()).isEqualTo("audio");
    assertThat(c.format()).isEqualTo("PCMU");
    assertThat(c.address()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(6000);
    assertThat(c.bitrate()).isEmpty();
    // the SDP gives where SIPp receives: the sink is SIPp, Bob sends
    assertThat(c.direction()).isEqualTo(StreamDirection.ANSWERER_TO_OFFERER);
    assertThat(c.sendEnabled()).isTrue();
    assertThat(c.receiveEnabled()).isTrue();
    assertThat(c.extras()).isEmpty();
    assertThat(s.source()).isEqualTo(StreamState.STOPPED);
    assertThat(s.sink()).isEqualTo(StreamState.STOPPED);
    // it is a valid description in every form
    assertThat(MivilleJson.decode(MivilleJson.encode(d))).isEqualTo(d);
    // the answer Bob sends back keeps the m= line and answers sendrecv with sendonly
    Sdp answer = SdpMapping.toSdp(d, Role.ANSWERER, 1);
    MediaDescription m = answer.media().get(0);
    assertThat(m.port()).isEqualTo(6000);
    assertThat(m.formats()).containsExactly("0");
    assertThat(answer.direction(m)).isEqualTo(Direction.SENDONLY);
    assertThat(Direction.SENDRECV.allowedAnswers()).contains(answer.direction(m));
  }

  @Test
  void plainOfferWithoutRtpmapUsesTheStaticPayloadType() {
    Sdp offer = Sdp.parse(SIPP_OFFER.replace("a=rtpmap:0 PCMU/8000\n", "")
        .replace("RTP/AVP 0", "RTP/AVP 8 0"));
    SessionDescription d = SdpMapping.fromSdp(offer, Role.OFFERER,
        PlainSdpContext.of(NOW, BOB_LOCAL));
    assertThat(d.streams().get(0).config().format()).isEqualTo("PCMA");
  }

  @Test
  void plainSdpFieldsThatHaveAPlaceAreRead() {
    Sdp offer = Sdp.parse("""
        v=0
        o=linphone 123 456 IN IP4 192.0.2.50
        s=Talk
        i=weekly call
        c=IN IP4 192.0.2.51
        t=3912145445 0
        m=video 9078 RTP/AVP 96 97
        b=AS:512
        a=rtpmap:96 MP4V-ES/90000
        a=rtpmap:97 H264/90000
        a=recvonly
        m=audio 7078 RTP/AVP 0
        a=inactive
        m=video 0 RTP/AVP 31
        """);
    SessionDescription d = SdpMapping.fromSdp(offer, Role.OFFERER,
        PlainSdpContext.of(NOW, BOB_LOCAL));
    assertThat(d.name()).isEqualTo("Talk");
    assertThat(d.purpose()).isEqualTo("weekly call");
    assertThat(d.start()).isEqualTo(Instant.parse("2023-12-21T11:04:05Z"));
    assertThat(d.offerer().address()).isEqualTo("192.0.2.50");
    StreamConfig video = d.streams().get(0).config();
    assertThat(video.format()).isEqualTo("mpeg4");
    assertThat(video.bitrate()).hasValue(512);
    assertThat(video.address()).isEqualTo("192.0.2.51");
    assertThat(video.receiveEnabled()).isTrue();
    StreamConfig audio = d.streams().get(1).config();
    assertThat(audio.receiveEnabled()).isFalse();
    StreamConfig refused = d.streams().get(2).config();
    assertThat(refused.port()).isZero();
    assertThat(refused.receiveEnabled()).isFalse();
    assertThat(refused.format()).isEqualTo("H261");
  }

  @Test
  void plainSendonlyLinesAreReceivedOnALocalPortBase() {
    Sdp offer = Sdp.parse(SIPP_OFFER.replace("a=rtpmap:0 PCMU/8000\n",
        "a=rtpmap:0 PCMU/8000\na=sendonly\n"));
    PlainSdpContext ctx = PlainSdpContext.of(NOW, BOB_LOCAL)
        .withLocalPortBases(List.of(20000, 20010));
    StreamConfig c = SdpMapping.fromSdp(offer, Role.OFFERER, ctx).streams().get(0).config();
    assertThat(c.direction()).isEqualTo(StreamDirection.OFFERER_TO_ANSWERER);
    assertThat(c.address()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(20000);
    assertThatThrownBy(() -> SdpMapping.fromSdp(offer, Role.OFFERER,
        PlainSdpContext.of(NOW, BOB_LOCAL)))
        .isInstanceOfSatisfying(DescriptionException.class, e -> {
          assertThat(e.field()).isEqualTo("sdp.m[0]");
          assertThat(e.reason()).isEqualTo("no free local port base for a stream the peer sends");
        });
  }

  @Test
  void plainAnswerFromSippIsReadWithTheAnswererAsWriter() {
    Sdp answer = Sdp.parse(SIPP_OFFER.replace("user1", "user2"));
    AgentContact alice = AgentContact.of("127.0.0.1", 5060);
    SessionDescription d = SdpMapping.fromSdp(answer, Role.ANSWERER,
        PlainSdpContext.of(NOW, alice));
    assertThat(d.offerer()).isEqualTo(alice);
    assertThat(d.answerer().kind()).isEqualTo(AgentKind.SIP);
    assertThat(d.streams().get(0).config().direction())
        .isEqualTo(StreamDirection.OFFERER_TO_ANSWERER);
  }

  @Test
  void ipv6MediaCannotBeDescribed() {
    Sdp offer = Sdp.parse(SIPP_OFFER.replace("c=IN IP4 127.0.0.1", "c=IN IP6 ::1"));
    assertThatThrownBy(() -> SdpMapping.fromSdp(offer, Role.OFFERER,
        PlainSdpContext.of(NOW, BOB_LOCAL)))
        .isInstanceOfSatisfying(DescriptionException.class, e -> {
          assertThat(e.field()).isEqualTo("sdp.m[0].c");
          assertThat(e.reason()).isEqualTo(
              "stream addresses must be unicast IPv4 addresses (RFC 1)");
        });
  }

  @Test
  void brokenMivilleAttributesAreNamed() {
    String good = SdpMapping.toSdp(Examples.concert(), Role.OFFERER).toString();
    assertBroken(good.replace("a=x-miville-format:mpeg4\r\n", ""),
        "sdp.m[0].a=x-miville-format", "missing");
    assertBroken(good.replace("send=on receive=on", "send=yes receive=on"),
        "sdp.m[0].a=x-miville-stream", "flag must be on or off");
    assertBroken(good.replace("a=x-miville-contact:answerer miville 198.51.100.20 5060 Alice\r\n",
        ""), "sdp.a=x-miville-contact", "missing the answerer");
    assertBroken(good.replace("answerer miville 198.51.100.20 5060", "answerer miville host 5060"),
        "sdp.a=x-miville-contact.address", "must be an IPv4 address (a.b.c.d)");
    assertBroken(good.replace("2024-05-01T18:30:00Z", "2024-05-01"),
        "sdp.a=x-miville-start", "must be a UTC time like 2024-05-01T12:00:00Z");
    assertBroken(good.replace("a=x-miville-sink:200 Streaming", "a=x-miville-sink:2000 Oops"),
        "sdp.m[0].a=x-miville-sink.code", "state code must be 0 or 100..699");
    assertBroken(good.replace("a=x-miville-osc:/x/deinterlace false",
        "a=x-miville-osc:/x/deinterlace fals"),
        "sdp.m[0][\"/x/deinterlace\"]", "malformed JSON at line 1 column 5");
    assertBroken(good.replace("m=audio 10000", "m=audio 10005").replace(
        "c=IN IP4 192.0.2.10\r\na=rtpmap:10", "c=IN IP4 198.51.100.20\r\na=rtpmap:10"),
        "streams[1].config[\"/port\"]", "port block overlaps the block of streams[0]");
  }

  private static void assertBroken(String text, String field, String reason) {
    Sdp sdp = Sdp.parse(text);
    assertThatThrownBy(() -> SdpMapping.fromSdp(sdp, Role.OFFERER,
        PlainSdpContext.of(NOW, BOB_LOCAL)))
        .isInstanceOfSatisfying(DescriptionException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.reason()).isEqualTo(reason);
        });
  }

  @Test
  void formatsMapToRtpPayloads() {
    assertThat(RtpFormats.rtpMapFor("audio", "PCMU")).isEqualTo(RtpMap.of(0, "PCMU", 8000));
    assertThat(RtpFormats.rtpMapFor("audio", "pcma")).isEqualTo(RtpMap.of(8, "PCMA", 8000));
    assertThat(RtpFormats.rtpMapFor("audio", "opus")).isEqualTo(RtpMap.of(96, "opus", 48000, 2));
    assertThat(RtpFormats.rtpMapFor("video", "h264")).isEqualTo(RtpMap.of(96, "H264", 90000));
    assertThat(RtpFormats.rtpMapFor("video", "raw")).isEqualTo(RtpMap.of(96, "raw", 90000));
    assertThat(RtpFormats.rtpMapFor("midi", "rtp-midi"))
        .isEqualTo(RtpMap.of(96, "rtp-midi", 48000));
    assertThat(RtpFormats.formatFor(RtpMap.of(96, "mp4v-es", 90000))).isEqualTo("mpeg4");
    assertThat(SdpMapping.sessionIdFor("12345")).isEqualTo("12345");
    assertThat(SdpMapping.sessionIdFor("a3f9c2e1")).matches("[0-9]+")
        .isEqualTo(SdpMapping.sessionIdFor("a3f9c2e1"));
  }
}
