package io.miville.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 49 torture messages of RFC 4475, each classified as shared/testdata/rfc4475/EXPECTED.tsv says. */
class Rfc4475TortureTest {
  private static final Path DIR = TestData.shared().resolve("testdata/rfc4475");

  static Stream<Arguments> messages() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("EXPECTED.tsv"));
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t"))
        .map(cols -> Arguments.of(cols[0], cols[1]));
  }

  @ParameterizedTest(name = "{0} must {1}")
  @MethodSource("messages")
  void classifiedAsExpected(String name, String expected) {
    byte[] data = TestData.read(DIR.resolve(name + ".dat"));
    SipParser parser = SipParser.create();
    if (expected.equals("parse")) {
      SipMessage m = parser.parse(data);
      // what was read writes back and reads again to an equal message
      SipMessage again = parser.parse(m.encode());
      assertThat(again).isEqualTo(m);
      SipMessage canonical = parser.parse(SipWriter.encode(m, SipWriter.Form.STANDARD, true));
      assertThat(canonical.startLine()).isEqualTo(m.startLine());
      assertThat(canonical.headerFields()).hasSameSizeAs(m.headerFields());
    } else {
      assertThatThrownBy(() -> parser.parse(data))
          .isInstanceOf(SipParseException.class)
          .satisfies(e -> {
            SipParseException p = (SipParseException) e;
            assertThat(p.status()).isIn(400, 505);
            assertThat(p.offset()).isBetween(0, data.length);
            assertThat(p.reason()).isNotBlank();
          });
    }
  }
}
