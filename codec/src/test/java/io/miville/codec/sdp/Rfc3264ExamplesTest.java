package io.miville.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The offer/answer examples of RFC 3264 §10, and what §6.1 says about their directions. */
class Rfc3264ExamplesTest {

  @ParameterizedTest
  @ValueSource(strings = {"10.1-offer", "10.1-answer", "10.1-reoffer", "10.1-reanswer",
      "10.2-offer", "10.2-answer", "10.2-reoffer", "10.2-reanswer"})
  void parsesAndWritesBackLineForLine(String example) {
    String name = "rfc3264-" + example + ".sdp";
    Sdp fromLf = Sdp.parse(SdpTestFiles.lf(name));
    Sdp fromCrlf = Sdp.parse(SdpTestFiles.crlf(name));
    assertThat(fromLf).isEqualTo(fromCrlf);
    assertThat(fromLf.toString()).isEqualTo(SdpTestFiles.crlf(name));
    // the RFC writes "s=" with nothing after it; it is kept as read
    assertThat(fromLf.sessionName()).isEmpty();
  }

  @Test
  void basicExchange() {
    Sdp offer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.1-offer.sdp"));
    Sdp answer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.1-answer.sdp"));
    // §6: the answer has as many media lines as the offer, in the same order
    assertThat(answer.media()).extracting(MediaDescription::media)
        .containsExactlyElementsOf(offer.media().stream().map(MediaDescription::media).toList());
    assertThat(offer.media()).extracting(MediaDescription::port)
        .containsExactly(49170, 51372, 53000);
    // Bob refuses the first video stream with port 0
    assertThat(answer.media()).extracting(MediaDescription::isRejected)
        .containsExactly(false, true, false);
    assertThat(offer.media().get(2).rtpMap(32)).contains(RtpMap.of(32, "MPV", 90000));
    // no direction attribute anywhere: every stream is sendrecv
    offer.media().forEach(m -> assertThat(offer.direction(m)).isEqualTo(Direction.SENDRECV));

    Sdp reoffer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.1-reoffer.sdp"));
    Sdp reanswer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.1-reanswer.sdp"));
    // §8: a new offer in the session has the same origin with the version one higher
    assertThat(reoffer.origin()).isEqualTo(answer.origin().nextVersion());
    assertThat(Sdp.parse(SdpTestFiles.lf("rfc3264-10.1-offer.sdp")).origin().nextVersion())
        .isEqualTo(reanswer.origin());
    assertThat(reoffer.media().get(0).port()).isEqualTo(65422);
    MediaDescription events = reoffer.media().get(3);
    assertThat(events.rtpMap(110)).contains(RtpMap.of(110, "telephone-events", 8000));
    Direction offered = reoffer.direction(events);
    Direction answered = reanswer.direction(reanswer.media().get(3));
    assertThat(offered).isEqualTo(Direction.RECVONLY);
    assertThat(answered).isEqualTo(Direction.SENDONLY);
    // §6.1: recvonly is answered with sendonly (or inactive)
    assertThat(offered.allowedAnswers()).contains(answered);
    assertThat(offered.answer(true, true)).isEqualTo(answered);
  }

  @Test
  void oneOfNCodecSelection() {
    Sdp offer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.2-offer.sdp"));
    Sdp answer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.2-answer.sdp"));
    MediaDescription audio = offer.media().get(0);
    assertThat(audio.formats()).containsExactly("0", "4", "18");
    assertThat(audio.rtpMaps()).extracting(RtpMap::encodingName)
        .containsExactly("PCMU", "G723", "G729");
    // §6.1: an inactive offer can only be answered inactive
    assertThat(offer.direction(audio)).isEqualTo(Direction.INACTIVE);
    assertThat(Direction.INACTIVE.answer(true, true)).isEqualTo(Direction.INACTIVE);
    assertThat(answer.direction(answer.media().get(0))).isEqualTo(Direction.INACTIVE);

    Sdp reoffer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.2-reoffer.sdp"));
    Sdp reanswer = Sdp.parse(SdpTestFiles.lf("rfc3264-10.2-reanswer.sdp"));
    assertThat(reoffer.media().get(0).formats()).containsExactly("4");
    assertThat(reoffer.direction(reoffer.media().get(0))).isEqualTo(Direction.SENDRECV);
    assertThat(Direction.SENDRECV.answer(true, true))
        .isEqualTo(reanswer.direction(reanswer.media().get(0)));
    assertThat(reanswer.origin()).isEqualTo(answer.origin().nextVersion());
  }

  @Test
  void figureOneOfSection9HasItsConnectionLineOutOfOrder() {
    assertThatThrownBy(() -> Sdp.parse(SdpTestFiles.lf("rfc3264-9-capabilities.sdp")))
        .isInstanceOfSatisfying(SdpParseException.class, e -> {
          assertThat(e.line()).isEqualTo(5);
          assertThat(e.reason()).isEqualTo("c= line out of order");
        });
    // with c= moved before t=, as RFC 8866 §5 orders it, it parses
    String fixed = SdpTestFiles.lf("rfc3264-9-capabilities.sdp")
        .replace("t=0 0\nc=IN IP4 192.0.2.4\n", "c=IN IP4 192.0.2.4\nt=0 0\n");
    Sdp caps = Sdp.parse(fixed);
    assertThat(caps.media()).allMatch(MediaDescription::isRejected);
    assertThat(caps.media().get(0).rtpMap(1)).contains(RtpMap.of(1, "1016", 8000));
  }
}
