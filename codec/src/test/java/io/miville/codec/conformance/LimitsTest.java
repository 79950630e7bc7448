package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.miville.codec.CodecConfig;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every limit of {@link CodecConfig} gives the status its Javadoc table names, exactly at the
 * boundary, whether or not the input goes on to end properly, and without buffering or looping
 * beyond the input.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LimitsTest {
  private static final String HEAD = "OPTIONS sip:b@example.com SIP/2.0\r\n";
  private static final String HEADERS = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\nCall-ID: a\r\nCSeq: 1 OPTIONS\r\n";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static SipParseException rejection(SipParser parser, byte[] data) {
    Throwable t = catchThrowable(() -> parser.parse(data));
    assertThat(t).isInstanceOf(SipParseException.class);
    SipParseException e = (SipParseException) t;
    CodecContract.assertWellFormedRejection(e, data.length);
    return e;
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    CodecConfig c = CodecConfig.DEFAULT;
    assertThat(c.maxMessageBytes()).isEqualTo(65_535);
    assertThat(c.maxHeaderBytes()).isEqualTo(16_384);
    assertThat(c.maxLineBytes()).isEqualTo(8_192);
    assertThat(c.maxStartLineBytes()).isEqualTo(4_096);
    assertThat(c.maxHeaderCount()).isEqualTo(128);
    assertThat(c.allowBareLf()).isTrue();
    assertThat(CodecConfig.STRICT.allowBareLf()).isFalse();
    assertThat(CodecConfig.STRICT.allowPisShortForm()).isFalse();
    assertThatThrownBy(() -> new CodecConfig(63, 64, 16, 16, 1, true, true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CodecConfig.DEFAULT.withMaxHeaderCount(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messageSizeIs413AboveTheLimit() {
    SipParser parser = SipParser.create(CodecConfig.DEFAULT.withMaxMessageBytes(1024));
    String head = HEAD + HEADERS + "Content-Type: text/plain\r\n";
    String message = "";
    for (int n = 0; message.length() != 1024; n++) {
      message = head + "Content-Length: " + n + "\r\n\r\n" + "x".repeat(n);
    }
    String body = message.substring(message.indexOf("\r\n\r\n") + 4);
    assertThat(message).hasSize(1024);
    assertThat(parser.parse(bytes(message)).bodyLength()).isEqualTo(body.length());
    SipParseException e = rejection(parser, bytes(message + "y"));
    assertThat(e.status()).isEqualTo(413);
    // a far larger input is refused without being read
    SipParseException big = rejection(parser, new byte[50_000_000]);
    assertThat(big.status()).isEqualTo(413);
  }

  @Test
  void headerSectionIs413AboveTheLimit() {
    SipParser parser = SipParser.create(new CodecConfig(65_535, 1024, 8192, 4096, 128, true, true));
    String filler = "X-Filler: " + "f".repeat(100) + "\r\n";
    StringBuilder headers = new StringBuilder(HEAD + HEADERS);
    while (headers.length() + filler.length() + 2 <= 1024) {
      headers.append(filler);
    }
    String pad = "X-Pad: " + "p".repeat(1024 - headers.length() - 2 - 9) + "\r\n";
    String atLimit = headers + pad + "\r\n";
    assertThat(atLimit).hasSize(1024);
    assertThat(parser.parse(bytes(atLimit)).header(HeaderName.of("X-Pad"))).isPresent();
    String over = headers + pad.replace("p\r\n", "pp\r\n") + "\r\n";
    assertThat(rejection(parser, bytes(over)).status()).isEqualTo(413);
  }

  @Test
  void headerLineIs413AboveTheLimitFoldingIncluded() {
    SipParser parser = SipParser.create(CodecConfig.DEFAULT.withMaxLineBytes(100));
    String prefix = "Subject: ";
    String atLimit = prefix + "s".repeat(100 - prefix.length() - 2) + "\r\n"; // 100 bytes with CRLF
    assertThat(parser.parse(bytes(HEAD + atLimit + "\r\n")).header(HeaderName.SUBJECT)).isPresent();
    String over = prefix + "s".repeat(100 - prefix.length() - 1) + "\r\n";
    assertThat(rejection(parser, bytes(HEAD + over + "\r\n")).status()).isEqualTo(413);
    String folded = prefix + "s".repeat(50) + "\r\n " + "t".repeat(50) + "\r\n";
    assertThat(rejection(parser, bytes(HEAD + folded + "\r\n")).status()).isEqualTo(413);
    String overWithLf = prefix + "s".repeat(100 - prefix.length()) + "\n";
    assertThat(rejection(parser, bytes(HEAD + overWithLf + "\n")).status()).isEqualTo(413);
  }

  @Test
  void headerLineOverTheLimitIs413EvenWhenTheInputEndsBeforeItsLineEnd() {
    SipParser parser = SipParser.create(CodecConfig.DEFAULT.withMaxLineBytes(100));
    assertThat(rejection(parser, bytes(HEAD + "Subject: " + "s".repeat(200))).status()).isEqualTo(413);
    // within the limit, an unfinished line is a truncated message
    assertThat(rejection(parser, bytes(HEAD + "Subject: " + "s".repeat(20))).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITE", "OPTIONS", "SUBSCRIBE", "PUBLISH", "PRACK", "SEEK", "PIS", "S", "P"})
  void requestLineOverTheLimitIs414(String method) {
    String uri = "sip:" + "u".repeat(5000) + "@example.com";
    String message = method + " " + uri + " SIP/2.0\r\n" + HEADERS + "\r\n";
    assertThat(rejection(SipParser.create(), bytes(message)).status()).isEqualTo(414);
    // also when the input ends before the line does
    assertThat(rejection(SipParser.create(), bytes(method + " " + uri)).status()).isEqualTo(414);
  }

  @Test
  void startLineAtTheLimitParses() {
    String start = "OPTIONS sip:" + "u".repeat(4096 - "OPTIONS sip:@example.com SIP/2.0".length()) + "@example.com SIP/2.0";
    assertThat(start).hasSize(4096);
    SipMessage m = SipParser.create().parse(bytes(start + "\r\n" + HEADERS + "\r\n"));
    assertThat(m.startLine()).isEqualTo(start);
    String over = start.replace("OPTIONS sip:u", "OPTIONS sip:uu");
    assertThat(rejection(SipParser.create(), bytes(over + "\r\n\r\n")).status()).isEqualTo(414);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SIP/2.0 200 ", "PIS/1.0 100 ", "SIP/2.0 487 "})
  void statusLineOverTheLimitIs400(String prefix) {
    String message = prefix + "r".repeat(5000) + "\r\n\r\n";
    assertThat(rejection(SipParser.create(), bytes(message)).status()).isEqualTo(400);
    assertThat(rejection(SipParser.create(), bytes(prefix + "r".repeat(5000))).status()).isEqualTo(400);
  }

  @Test
  void headerCountIs413AboveTheLimit() {
    SipParser parser = SipParser.create(CodecConfig.DEFAULT.withMaxHeaderCount(10));
    String ten = "X-A: 1\r\n".repeat(10);
    assertThat(parser.parse(bytes(HEAD + ten + "\r\n")).headerFields()).hasSize(10);
    assertThat(rejection(parser, bytes(HEAD + ten + "X-A: 1\r\n\r\n")).status()).isEqualTo(413);
    // the default refuses a flood of tiny headers at once
    assertThat(rejection(SipParser.create(), bytes(HEAD + "a:b\r\n".repeat(13_000) + "\r\n")).status()).isEqualTo(413);
  }

  @Test
  void generousLimitsCostNothingUntilUsed() {
    // buffers are sized by the input, never by the configured limit
    int max = Integer.MAX_VALUE;
    SipParser parser = SipParser.create(new CodecConfig(max, max, max, max, max, true, true));
    SipMessage m = parser.parse(bytes(HEAD + "Subject: folded\r\n value\r\n\tagain\r\n" + HEADERS + "\r\n"));
    assertThat(m.header(HeaderName.SUBJECT)).contains("folded value\tagain");
  }

  @Test
  void hostileShapesWithinTheLimitsEndQuickly() {
    SipParser parser = SipParser.create();
    String[] values = {
        "Via: " + "SIP/2.0/UDP h,".repeat(4000), "Contact: " + "<sip:a@b>,".repeat(5000) + "*",
        "Retry-After: 1 " + "(".repeat(8000), "To: <sip:a@b>" + ";x".repeat(4000) + ";", "Warning: " + "3".repeat(8000),
        "From: " + "\"".repeat(8000), "Call-ID: " + "@".repeat(8000), "Route: " + "<".repeat(8000),
        "Subject: " + "\\".repeat(8000), "Date: " + "Sat, ".repeat(1600), "Content-Type: a/b" + ";c=\"".repeat(2000),
    };
    for (String v : values) {
      byte[] data = bytes(HEAD + v + "\r\n\r\n");
      CodecContract.parseOrReject(parser, data);
    }
  }
}
