package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.CodecConfig;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 3261 §7 ends lines with CRLF; {@link CodecConfig#DEFAULT} also accepts a bare LF (and a
 * mix of both), {@link CodecConfig#STRICT} refuses it. Every message that parses with CRLF is
 * tried with its header section's line ends changed, the body left as it was.
 */
class LineEndingTest {
  private static final SipParser DEFAULT = SipParser.create(CodecConfig.DEFAULT);
  private static final SipParser STRICT = SipParser.create(CodecConfig.STRICT);

  /** Every message of both torture corpora that must parse. */
  static Stream<Arguments> validMessages() throws IOException {
    List<Arguments> out = new ArrayList<>();
    Path rfc4475 = TestData.shared().resolve("testdata/rfc4475");
    for (String line : Files.readAllLines(rfc4475.resolve("EXPECTED.tsv")).subList(1, 50)) {
      String[] cols = line.split("\t");
      if (cols[1].equals("parse")) {
        out.add(Arguments.of("rfc4475/" + cols[0], Files.readAllBytes(rfc4475.resolve(cols[0] + ".dat"))));
      }
    }
    for (String[] cols : TestResources.tsv("rfc5118/EXPECTED.tsv")) {
      if (cols[2].equals("parse")) {
        out.add(Arguments.of("rfc5118/" + cols[0], TestResources.bytes("rfc5118/" + cols[0] + ".dat")));
      }
    }
    return out.stream();
  }

  /** Offset of the body: just after the first empty line. */
  private static int bodyStart(byte[] m) {
    for (int i = 0; i + 3 < m.length; i++) {
      if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
        return i + 4;
      }
    }
    throw new IllegalArgumentException("no header section");
  }

  /** The message with CRLF in the header section replaced: every one if {@code all}, else every other one. */
  private static byte[] withBareLf(byte[] m, boolean all) {
    int body = bodyStart(m);
    ByteArrayOutputStream out = new ByteArrayOutputStream(m.length);
    int crlfSeen = 0;
    for (int i = 0; i < body; i++) {
      if (m[i] == '\r' && i + 1 < body && m[i + 1] == '\n' && (all || crlfSeen++ % 2 == 0)) {
        continue;
      }
      out.write(m[i]);
    }
    out.write(m, body, m.length - body);
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validMessages")
  void bareLfAndMixedLineEndsReadAsCrlf(String name, byte[] crlf) {
    SipMessage expected = DEFAULT.parse(crlf);
    assertThat(STRICT.parse(crlf)).isEqualTo(expected);
    for (boolean all : new boolean[] {true, false}) {
      byte[] lf = withBareLf(crlf, all);
      SipMessage m = DEFAULT.parse(lf);
      assertThat(m).isEqualTo(expected);
      assertThat(m.body()).isEqualTo(expected.body());
      // written back, a message always has CRLF
      byte[] written = m.encode();
      int bareLf = firstBareLf(written);
      assertThat(bareLf < 0 || bareLf >= bodyStart(written)).as("no bare LF before the body").isTrue();
      int firstBareLf = firstBareLf(lf);
      assertThatThrownBy(() -> STRICT.parse(lf))
          .isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.offset()).isEqualTo(firstBareLf);
          });
    }
  }

  private static int firstBareLf(byte[] m) {
    for (int i = 0; i < m.length; i++) {
      if (m[i] == '\n' && (i == 0 || m[i - 1] != '\r')) {
        return i;
      }
    }
    return -1;
  }

  private static final String HEAD = "OPTIONS sip:b@example.com SIP/2.0";

  @Test
  void foldingWithBareLf() {
    SipMessage m = DEFAULT.parse(HEAD + "\nSubject: one\n two\n\tthree\r\n four\nCall-ID: x\n\n");
    assertThat(m.header(HeaderName.SUBJECT)).contains("one two\tthree four");
    assertThat(m.callId()).contains("x");
    assertThatThrownBy(() -> STRICT.parse(HEAD + "\r\nSubject: one\n two\r\n\r\n")).isInstanceOf(SipParseException.class);
    assertThat(STRICT.parse(HEAD + "\r\nSubject: one\r\n two\r\n\r\n").header(HeaderName.SUBJECT)).contains("one two");
  }

  @Test
  void endOfHeadersInAnyCombination() {
    for (String[] ends : new String[][] {{"\r\n", "\r\n\r\n"}, {"\n", "\n\n"}, {"\r\n", "\r\n\n"}, {"\n", "\n\r\n"}}) {
      SipMessage m = DEFAULT.parse(HEAD + ends[0] + "Call-ID: x" + ends[1] + "body");
      assertThat(m.callId()).contains("x");
      assertThat(m.bodyText()).isEqualTo("body");
    }
  }

  @Test
  void leadingLineEndsBeforeTheStartLineAreSkipped() { // RFC 3261 §7.5
    assertThat(DEFAULT.parse("\n\r\n\n" + HEAD + "\n\n").startLine()).isEqualTo(HEAD);
    assertThat(STRICT.parse("\r\n\r\n" + HEAD + "\r\n\r\n").startLine()).isEqualTo(HEAD);
  }

  @Test
  void bareCrIsNeverALineEnd() {
    for (SipParser parser : List.of(DEFAULT, STRICT)) {
      for (String message : new String[] {HEAD + "\rCall-ID: x\r\n\r\n", HEAD + "\r\nCall-ID: x\rSubject: y\r\n\r\n",
          HEAD + "\r\nCall-ID: x\r\n\r", HEAD + "\r\nSubject: a\r b\r\n\r\n"}) {
        byte[] data = message.getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser.parse(data)).as(message)
            .isInstanceOfSatisfying(SipParseException.class, e -> CodecContract.assertWellFormedRejection(e, data.length));
      }
    }
  }
}
