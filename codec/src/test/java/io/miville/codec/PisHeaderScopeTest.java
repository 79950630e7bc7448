package io.miville.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** PIS header names are plain extensions in SIP/2.0 messages and typed headers in PIS/1.0 ones. */
class PisHeaderScopeTest {
  private static final String HEAD = "OPTIONS sip:a@example.com %s\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
      + "To: <sip:a@example.com>\r\nFrom: <sip:b@example.com>;tag=1\r\n"
      + "Call-ID: x1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
      + "Velocity: ,,, not a vector\r\nContent-Length: 0\r\n\r\n";

  @Test
  void aSipMessageKeepsAnOddPisNamedHeaderAsText() {
    SipMessage m = SipParser.create().parse(HEAD.formatted("SIP/2.0"));
    assertThat(m.header(HeaderName.VELOCITY)).hasValue(",,, not a vector");
  }

  @Test
  void aPisMessageValidatesTheSameHeaderAndPointsAtIt() {
    String text = HEAD.formatted("PIS/1.0");
    assertThatThrownBy(() -> SipParser.create().parse(text))
        .isInstanceOfSatisfying(SipParseException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.offset()).isEqualTo(text.indexOf(",,, not"));
        });
  }
}
