package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.uri.Uri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every input under {@code fuzz-regressions/} (see its README): each once broke the
 * codec's contract and must now keep it.
 */
class FuzzRegressionTest {
  private static final List<SipParser> PARSERS =
      List.of(SipParser.create(CodecConfig.DEFAULT), SipParser.create(CodecConfig.STRICT));

  static Stream<Path> messages() {
    return TestResources.files("fuzz-regressions").stream().filter(p -> name(p).startsWith("message-"));
  }

  static Stream<Path> uris() {
    return TestResources.files("fuzz-regressions").stream().filter(p -> name(p).startsWith("uri-"));
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  @Test
  void everyFileIsReplayed() {
    List<Path> all = TestResources.files("fuzz-regressions");
    assertThat(all).allSatisfy(p -> assertThat(name(p)).matches("(message-|uri-|README\\.md|\\.gitattributes).*"));
    assertThat(messages()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messageKeepsTheContract(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    for (SipParser parser : PARSERS) {
      CodecContract.parseOrReject(parser, data);
    }
  }

  @Test
  void urisKeepTheContract() throws IOException {
    for (Path file : uris().toList()) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      try {
        Uri uri = Uri.parse(text);
        assertThat(Uri.parse(uri.toString())).as(name(file)).isEqualTo(uri);
      } catch (SipParseException e) {
        CodecContract.assertWellFormedRejection(e, text.length());
        assertThat(e.status()).as(name(file)).isEqualTo(400);
      }
    }
  }
}
