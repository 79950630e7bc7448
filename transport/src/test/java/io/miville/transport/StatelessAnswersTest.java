package io.miville.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Salvaging headers from malformed requests to answer them (RFC 3261 §8.2.2, §21.4.1). */
class StatelessAnswersTest {
  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.50", 5070);
  private static final Path RFC4475 = shared().resolve("testdata/rfc4475");

  /** The shared/ folder: the miville.shared property, else the nearest ../shared above the working directory. */
  private static Path shared() {
    String prop = System.getProperty("miville.shared");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("../shared").normalize();
      if (Files.isDirectory(candidate.resolve("testdata"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/ test data not found");
  }

  static Stream<String> rejected() throws IOException {
    List<String> lines = Files.readAllLines(RFC4475.resolve("EXPECTED.tsv"));
    return lines.stream().skip(1).map(l -> l.split("\t")).filter(c -> c.length > 1 && c[1].equals("reject"))
        .map(c -> c[0]);
  }

  /**
   * Every torture message the parser rejects: the answer, when there is one, is a well-formed
   * response with the parser's status that writes back exactly and echoes no raw input in its
   * reason; requests whose headers are too broken get none.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void tortureMessagesGetAWellFormedAnswerOrNone(String name) throws IOException {
    byte[] data = Files.readAllBytes(RFC4475.resolve(name + ".dat"));
    SipParseException cause;
    try {
      SipParser.create().parse(data);
      throw new AssertionError(name + " parses");
    } catch (SipParseException e) {
      cause = e;
    }
    Optional<SipResponse> answer = StatelessAnswers.answer(data, 0, data.length, cause, SOURCE);
    if (answer.isEmpty()) {
      return;
    }
    SipResponse r = answer.get();
    assertThat(r.status()).isEqualTo(cause.status());
    assertThat(SipParser.create().parse(r.encode())).isEqualTo(r);
    assertThat(r.reason()).matches("[A-Za-z0-9 -]+");
    assertThat(r.toTag()).isPresent();
    assertThat(r.topVia().orElseThrow().received()).contains("192.0.2.50");
  }

  @Test
  void badVersionIsAnswered505() throws IOException {
    byte[] data = Files.readAllBytes(RFC4475.resolve("badvers.dat"));
    SipParseException cause = parseFailure(data);
    SipResponse r = StatelessAnswers.answer(data, 0, data.length, cause, SOURCE).orElseThrow();
    assertThat(r.status()).isEqualTo(505);
    assertThat(r.callId()).contains("badvers.31417@c.example.com");
  }

  @Test
  void responsesAreNeverAnswered() {
    byte[] data = TestSupport.bytes("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n"
        + "To: <sip:c@d>\r\nCall-ID: r@x\r\nCSeq: 1 OPTIONS\r\nX: \u0001\r\n\r\n");
    assertThat(StatelessAnswers.looksLikeResponse(data, 0, data.length)).isTrue();
    assertThat(StatelessAnswers.answer(data, 0, data.length, SipParseException.badRequest(0, "x"), SOURCE)).isEmpty();
    byte[] pisShort = TestSupport.bytes("100 INFO TID=1\r\n\r\n");
    assertThat(StatelessAnswers.looksLikeResponse(pisShort, 0, pisShort.length)).isTrue();
    byte[] pisRequest = TestSupport.bytes("PIS/1.0 SEEK\r\n\r\n");
    assertThat(StatelessAnswers.looksLikeResponse(pisRequest, 0, pisRequest.length)).isFalse();
  }

  @Test
  void truncatedHeaderSectionUsesOnlyCompleteLines() {
    String text = TestSupport.rawRequest("OPTIONS", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKt", "trunc@x", "", "");
    byte[] whole = TestSupport.bytes(text);
    int cut = text.indexOf("CSeq:") + 4; // CSeq line cut in half
    assertThat(StatelessAnswers.answer(whole, 0, cut, new SipParseException(0, 413, "message too large"), SOURCE))
        .isEmpty();
    SipResponse r = StatelessAnswers.answer(whole, 0, text.indexOf("Content-Length"),
        new SipParseException(0, 413, "message too large"), SOURCE).orElseThrow();
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.reason()).isEqualTo("message too large");
  }

  @Test
  void reasonPhraseFallsBackToTheStandardOneWhenNotPlain() {
    assertThat(StatelessAnswers.reasonPhrase(400, "bad Via header")).isEqualTo("bad Via header");
    assertThat(StatelessAnswers.reasonPhrase(400, "weird: <input>")).isEqualTo("Bad Request");
    assertThat(StatelessAnswers.reasonPhrase(505, "")).isEqualTo("Version Not Supported");
  }

  private static SipParseException parseFailure(byte[] data) {
    try {
      SipParser.create().parse(data);
    } catch (SipParseException e) {
      return e;
    }
    throw new AssertionError("parses");
  }
}
