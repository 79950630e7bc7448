package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Request-Line and Status-Line (RFC 3261 §7.1, §7.2, §25.1) as the parser reads them. */
class StartLineTest {
  private static final SipParser PARSER = SipParser.create();

  private static void assertBadRequest(String message) {
    byte[] data = message.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PARSER.parse(data))
        .isInstanceOfSatisfying(SipParseException.class, e -> {
          CodecContract.assertWellFormedRejection(e, data.length);
          assertThat(e.status()).isEqualTo(400);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      " sip:a@example.com SIP/2.0\r\n\r\n", // no method before the first space
      "  sip:a@example.com SIP/2.0\r\n\r\n",
      " OPTIONS sip:a@example.com SIP/2.0\r\n\r\n",
      "PIS/1.0 TID=5\r\nTo: rc@latrine1.loo.com\r\n\r\n", // draft-pis-00 short form without a method
      "PIS/1.0  SEEK\r\nTo: rc@latrine1.loo.com\r\n\r\n",
  })
  void missingMethodIsABadRequest(String message) {
    assertBadRequest(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "OPTIONS  sip:a@example.com SIP/2.0\r\n\r\n", "OPTIONS sip:a@example.com  SIP/2.0\r\n\r\n",
      "OPTIONS sip:a@example.com SIP/2.0 \r\n\r\n", "OPTIONS sip:a@example.com\r\n\r\n",
      "OPTIONS sip:a @example.com SIP/2.0\r\n\r\n", "OPTIONS\tsip:a@example.com SIP/2.0\r\n\r\n",
      "OPT(IONS sip:a@example.com SIP/2.0\r\n\r\n", "OPTIONS sip:a@example.com?x=1 SIP/2.0\r\n\r\n",
      "OPTIONS sip:a@example.com SIP/2.0x\r\n\r\n", "OPTIONS sip:a@example.com SIP/20\r\n\r\n",
      "SIP/2.0 20 OK\r\n\r\n", "SIP/2.0 2000 OK\r\n\r\n", "SIP/2.0 099 Low\r\n\r\n", "SIP/2.0 OK\r\n\r\n",
      "SIP/2.0 200 O\u0001K\r\n\r\n", "SIP/2.0\r\n\r\n", "\r\n\r\n", "",
  })
  void malformedStartLinesAreBadRequests(String message) {
    assertBadRequest(message);
  }

  @Test
  void unsupportedVersionIs505() {
    byte[] data = "OPTIONS sip:a@example.com SIP/3.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> PARSER.parse(data))
        .isInstanceOfSatisfying(SipParseException.class, e -> {
          assertThat(e.status()).isEqualTo(505);
          assertThat(e.offset()).isEqualTo("OPTIONS sip:a@example.com ".length());
        });
  }

  @Test
  void leadingLineEndsAreIgnored() { // RFC 3261 §7.5
    SipRequest r = (SipRequest) PARSER.parse("\r\n\r\nOPTIONS sip:a@example.com SIP/2.0\r\n\r\n");
    assertThat(r.method().name()).isEqualTo("OPTIONS");
  }

  @Test
  void extensionMethodsAndReasonPhrases() {
    SipRequest r = (SipRequest) PARSER.parse("NEWMETHOD.x-1!%*_+`'~ sip:a@example.com SIP/2.0\r\n\r\n");
    assertThat(r.method().name()).isEqualTo("NEWMETHOD.x-1!%*_+`'~");
    SipResponse s = (SipResponse) PARSER.parse("SIP/2.0 699 Caf\u00e9 \u00e0 la cr\u00e8me\r\n\r\n");
    assertThat(s.status()).isEqualTo(699);
    assertThat(s.reason()).isEqualTo("Caf\u00e9 \u00e0 la cr\u00e8me");
    SipResponse empty = (SipResponse) PARSER.parse("SIP/2.0 200 \r\n\r\n");
    assertThat(empty.reason()).isEmpty();
    assertThat(empty.version()).isEqualTo(SipVersion.SIP_2_0);
  }
}
