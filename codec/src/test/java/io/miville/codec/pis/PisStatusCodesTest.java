package io.miville.codec.pis;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.StatusCodes;
import io.miville.codec.header.PisHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reason phrases by method: every code and phrase draft-pis-00 gives (§2.1–§2.5). */
class PisStatusCodesTest {

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      SEEK    | 110 | Queued
      SEEK    | 200 | Proxy Available
      SEEK    | 300 | No suitable proxy available
      SEEK    | 301 | Closed for cleaning
      AIM     | 165 | Flow pending
      AIM     | 180 | Flowing
      AIM     | 183 | Flow progress
      AIM     | 200 | ON TARGET
      AIM     | 201 | Some packets not on target
      AIM     | 300 | Lift seat please
      AIM     | 307 | Proxy overflow
      AIM     | 506 | Previous transaction not cleared. FLUSH recommended
      AIM     | 507 | Clogged
      AIM     | 575 | Temporary Failure - inebriated. 3 point stance required
      FLUSH   | 100 | INFO
      FLUSH   | 155 | Tank Filling
      FLUSH   | 160 | Swirling
      FLUSH   | 161 | Drain circleage
      FLUSH   | 200 | WOOOSH
      FLUSH   | 300 | Partial Flush
      FLUSH   | 404 | No Water
      FLUSH   | 470 | Plugged
      FLUSH   | 602 | Overflowed
      FLUSH   | 666 | Backup
      FLUSH   | 667 | Septic Reflux
      WASH    | 110 | Queued
      WASH    | 101 | INFO
      WASH    | 200 | SINK-Available
      WASH    | 400 | No-Water
      WASH    | 500 | No-Water
      WASH    | 600 | No-Water
      FRESHEN | 300 | Fail
      FRESHEN | 699 | Explosion
      """)
  void phraseOfTheDraft(String method, int code, String phrase) {
    SipMethod m = SipMethod.of(method);
    assertThat(StatusCodes.reasonPhrase(code, m)).isEqualTo(phrase);
    assertThat(StatusCodes.pisPhrase(code, m)).contains(phrase);
    assertThat(StatusCodes.pisPhrases(code, m).get(0)).isEqualTo(phrase);
  }

  @Test
  void eachMethodHasExactlyTheCodesOfTheDraft() {
    assertThat(StatusCodes.pisCodes(SipMethod.SEEK).keySet()).containsExactly(110, 200, 300, 301);
    assertThat(StatusCodes.pisCodes(SipMethod.AIM).keySet())
        .containsExactly(165, 180, 183, 200, 201, 300, 307, 506, 507, 575);
    assertThat(StatusCodes.pisCodes(SipMethod.FLUSH).keySet())
        .containsExactly(100, 155, 160, 161, 200, 300, 404, 470, 602, 666, 667);
    assertThat(StatusCodes.pisCodes(SipMethod.WASH).keySet()).containsExactly(101, 110, 200, 400, 500, 600);
    assertThat(StatusCodes.pisCodes(SipMethod.FRESHEN).keySet()).containsExactly(300, 699);
    assertThat(StatusCodes.pisCodes(SipMethod.COMET)).isEmpty();
    assertThat(StatusCodes.pisCodes(SipMethod.INVITE)).isEmpty();
  }

  @Test
  void washFailuresHaveTwoPhrases() {
    for (int code : new int[] {400, 500, 600}) {
      assertThat(StatusCodes.pisPhrases(code, SipMethod.WASH))
          .containsExactly(StatusCodes.WASH_NO_WATER, StatusCodes.WASH_SINK_NOT_CLEAN)
          .containsExactly("No-Water", "Sink-not-clean, handle-dirty");
    }
  }

  @Test
  void threeHundredDependsOnTheMethod() {
    assertThat(StatusCodes.reasonPhrase(300, SipMethod.SEEK)).isEqualTo("No suitable proxy available");
    assertThat(StatusCodes.reasonPhrase(300, SipMethod.AIM)).isEqualTo("Lift seat please");
    assertThat(StatusCodes.reasonPhrase(300, SipMethod.FLUSH)).isEqualTo("Partial Flush");
    assertThat(StatusCodes.reasonPhrase(300, SipMethod.FRESHEN)).isEqualTo("Fail");
    assertThat(StatusCodes.reasonPhrase(300, SipMethod.INVITE)).isEqualTo("Multiple Choices");
  }

  @Test
  void theAdvancedProxysOwnFlushIsSpelledWithOneOLess() {
    assertThat(StatusCodes.PIS_AUTO_FLUSH_PHRASE).isEqualTo("WOOSH");
    assertThat(StatusCodes.reasonPhrase(200, SipMethod.FLUSH)).isEqualTo("WOOOSH");
    SipResponse auto = SipResponse.builder(200).reason(StatusCodes.PIS_AUTO_FLUSH_PHRASE).build();
    assertThat(auto.startLine()).isEqualTo("SIP/2.0 200 WOOSH");
  }

  @Test
  void codesTheDraftDoesNotGiveFallBackToSip() {
    // the draft gives no 200 for FRESHEN, and no 404 for SEEK
    assertThat(StatusCodes.pisPhrase(200, SipMethod.FRESHEN)).isEmpty();
    assertThat(StatusCodes.reasonPhrase(200, SipMethod.FRESHEN)).isEqualTo("OK");
    assertThat(StatusCodes.reasonPhrase(404, SipMethod.SEEK)).isEqualTo("Not Found");
    assertThat(StatusCodes.reasonPhrase(100, SipMethod.SEEK)).isEqualTo("Trying");
  }

  @Test
  void pisOnlyCodesKeepTheirPhraseForAnyMethod() {
    assertThat(StatusCodes.reasonPhrase(699)).isEqualTo("Explosion");
    assertThat(StatusCodes.reasonPhrase(666, SipMethod.INVITE)).isEqualTo("Backup");
    assertThat(StatusCodes.reasonPhrase(110, SipMethod.OPTIONS)).isEqualTo("Queued");
    assertThat(StatusCodes.pisPhrase(602, SipMethod.SEEK)).contains("Overflowed");
    // a code SIP registers keeps the SIP phrase outside the method that redefines it
    assertThat(StatusCodes.pisPhrase(470, SipMethod.SEEK)).isEmpty();
    assertThat(StatusCodes.reasonPhrase(470, SipMethod.SEEK)).isEqualTo("Consent Needed");
    assertThat(StatusCodes.reasonPhrase(470, SipMethod.FLUSH)).isEqualTo("Plugged");
  }

  @Test
  void responsesBuiltForARequestTakeThePhraseOfItsMethod() {
    SipRequest seek = (SipRequest) SipParser.create().parse(
        "PIS/1.0 SEEK\r\nTo: rc@latrine1.loo.com\r\nFrom: anonymous@latrine1.loo.com\r\n\r\n");
    assertThat(SipResponse.forRequest(seek, 300).build().reason()).isEqualTo("No suitable proxy available");
    assertThat(SipResponse.forRequest(seek, 301).build().reason()).isEqualTo("Closed for cleaning");
    SipRequest flush = (SipRequest) SipParser.create().parse(
        "PIS/1.0 FLUSH TID=7\r\nTo: head@ships-a-hoy.com\r\nFrom: user@ships-a-hoy.com\r\n\r\n");
    SipResponse woosh = SipResponse.forRequest(flush, 200).build();
    assertThat(woosh.reason()).isEqualTo("WOOOSH");
    assertThat(woosh.header(PisHeaders.TID)).contains(7L);
  }
}
