package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a SipParseException points: at the offending byte, and never outside the input. */
class ErrorOffsetTest {
  private static final SipParser PARSER = SipParser.create();
  private static final String HEAD = "OPTIONS sip:b@example.com SIP/2.0\r\n";

  private static SipParseException rejection(String message) {
    byte[] data = message.getBytes(StandardCharsets.UTF_8);
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> PARSER.parse(data));
    assertThat(t).isInstanceOf(SipParseException.class);
    SipParseException e = (SipParseException) t;
    CodecContract.assertWellFormedRejection(e, data.length);
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"Max-Forwards: x", "Max-Forwards:    x", "Max-Forwards:\t \tx", "CSeq:   1 OPTIONS x",
      "To:  <sip:b@example.com>;tag=", "Content-Length:  x", "Via:   SIP/2.0/UDP h;branch="})
  void offsetPointsAtTheOffendingByte(String header) {
    String message = HEAD + header + "\r\n\r\n";
    // every sample's error is at its last character
    int expected = HEAD.length() + header.length() - 1;
    if (header.startsWith("To:") || header.startsWith("Via:")) {
      expected = HEAD.length() + header.length(); // a parameter value is missing at the end
    }
    assertThat(rejection(message).offset()).as(header).isEqualTo(expected);
  }

  @Test
  void offsetOfAnImpliedSchemeAddressStaysOnItsLine() {
    // draft-pis-00 addresses without a scheme are read as sip:; errors must not count the
    // four added characters, or they point past the end of the input
    String message = "PIS/1.0 SEEK\nTo: rc@latrine1.loo.com;\n\n";
    SipParseException e = rejection(message);
    int lineStart = message.indexOf("To:");
    assertThat(e.offset()).isBetween(lineStart, message.indexOf('\n', lineStart));
    assertThat(e.offset()).isEqualTo(message.indexOf(";\n") + 1);
  }

  @Test
  void offsetOfAFoldedValueStaysOnItsLines() {
    String message = HEAD + "Max-Forwards: 7\r\n 0 x\r\n\r\n";
    SipParseException e = rejection(message);
    assertThat(e.offset()).isBetween(HEAD.length(), message.length() - 4);
  }
}
