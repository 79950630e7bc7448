package io.miville.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipParser;
import io.miville.codec.SipResponse;
import io.miville.codec.header.SipHeaders;
import org.junit.jupiter.api.Test;

/** Readable reasons survive the wire and cannot break it. */
class ReasonsTest {
  private static final SipParser PARSER = SipParser.create();

  private static SipResponse roundTrip(SipResponse r) {
    return (SipResponse) PARSER.parse(r.encode());
  }

  private static SipResponse.Builder busy() {
    return SipResponse.builder(486).header(SipHeaders.CALL_ID, "c@x").header("CSeq", "1 INVITE")
        .header("From", "<sip:a@x>;tag=1").header("To", "<sip:b@y>;tag=2").header("Via", "SIP/2.0/UDP x;branch=z9hG4bK1");
  }

  @Test
  void theReasonTextIsPreferredThenTheWarningThenThePhrase() {
    assertThat(Reasons.readable(roundTrip(busy().build()))).isEqualTo("Busy Here");
    SipResponse warned = roundTrip(busy().header(SipHeaders.WARNING, Reasons.warning("y", "in a \"meeting\"")).build());
    assertThat(Reasons.readable(warned)).isEqualTo("in a \"meeting\"");
    SipResponse both = roundTrip(busy().header(SipHeaders.WARNING, Reasons.warning("y", "w"))
        .header(SipHeaders.REASON, Reasons.reason(486, "r")).build());
    assertThat(Reasons.readable(both)).isEqualTo("r");
  }

  @Test
  void controlCharactersCannotSplitAHeader() {
    SipResponse r = roundTrip(busy().header(SipHeaders.WARNING, Reasons.warning("y", "line\r\nInjected: yes")).build());
    assertThat(r.header(io.miville.codec.HeaderName.of("Injected"))).isEmpty();
    assertThat(Reasons.readable(r)).isEqualTo("line  Injected: yes");
    assertThat(Reasons.clean("x".repeat(500))).hasSize(200);
  }
}
