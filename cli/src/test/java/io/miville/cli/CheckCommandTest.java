package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code miville check}, run in-process on the RFC 4475 torture messages and on edge cases. */
class CheckCommandTest {
  private static final Path RFC4475 = TestData.shared().resolve("testdata/rfc4475");
  private static final int MAX_MESSAGE_BYTES = CodecConfig.DEFAULT.maxMessageBytes();

  private static final String VALID_INVITE = """
      INVITE sip:bob@biloxi.example.com SIP/2.0\r
      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r
      Max-Forwards: 70\r
      To: Bob <sip:bob@biloxi.example.com>\r
      From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r
      Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r
      CSeq: 314159 INVITE\r
      Contact: <sip:alice@pc33.atlanta.example.com>\r
      Content-Type: text/plain\r
      Content-Length: 5\r
      \r
      hello""";

  private static final String PIS_SEEK = """
      SEEK sip:rc@latrine1.loo.com PIS/1.0\r
      Via: SIP/2.0/UDP pc.loo.com:5060;branch=z9hG4bK77\r
      Max-Forwards: 70\r
      To: <sip:rc@latrine1.loo.com>\r
      From: <sip:joe@loo.com>;tag=9\r
      Call-ID: seek-1@pc.loo.com\r
      CSeq: 1 SEEK\r
      Content-Length: 0\r
      \r
      """;

  /** EXPECTED.tsv: file name (without .dat) to "parse" or "reject". */
  private static Map<String, String> expected() throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(RFC4475.resolve("EXPECTED.tsv"));
    for (String line : lines.subList(1, lines.size())) { // the first line names the columns
      if (!line.isBlank()) {
        String[] cols = line.split("\t");
        map.put(cols[0], cols[1]);
      }
    }
    return map;
  }

  static Stream<String> validTortureFiles() throws IOException {
    return expected().entrySet().stream().filter(e -> e.getValue().equals("parse")).map(Map.Entry::getKey);
  }

  @Test
  void everyTortureMessageIsClassifiedAsExpectedAndTheRunFails() throws IOException {
    Map<String, String> expected = expected();
    try (Stream<Path> dats = Files.list(RFC4475)) {
      assertThat(dats.filter(p -> p.toString().endsWith(".dat")).map(p -> p.getFileName().toString().replace(".dat", "")))
          .as("every .dat file has a line in EXPECTED.tsv")
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }
    String[] args = Stream.concat(Stream.of("check"),
        expected.keySet().stream().map(name -> RFC4475.resolve(name + ".dat").toString())).toArray(String[]::new);

    Cli.Result result = Cli.run(args);

    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(expected.size());
    int i = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String line = lines.get(i++);
      String prefix = RFC4475.resolve(e.getKey() + ".dat") + ": ";
      assertThat(line).startsWith(prefix);
      String verdict = line.substring(prefix.length());
      if (e.getValue().equals("parse")) {
        assertThat(verdict).as(e.getKey()).matches("OK ([A-Za-z0-9!%*_+`'~.-]+|[1-9][0-9]{2}) (SIP/2\\.0|PIS/1\\.0)");
      } else {
        assertThat(verdict).as(e.getKey()).matches("INVALID (400|505) [a-zA-Z].*");
      }
    }
  }

  @Test
  void okLineNamesTheMethodOrStatusAndTheVersion() throws IOException {
    String request = RFC4475.resolve("wsinv.dat").toString();
    String response = RFC4475.resolve("noreason.dat").toString();
    Cli.Result result = Cli.run("check", request, response);
    assertThat(result.out()).isEqualTo(request + ": OK INVITE SIP/2.0\n" + response + ": OK 100 SIP/2.0\n");
  }

  @Test
  void aValidFileAloneExitsZero() {
    String file = RFC4475.resolve("wsinv.dat").toString();
    Cli.Result result = Cli.run("check", file);
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).isEqualTo(file + ": OK INVITE SIP/2.0\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void anInvalidFileGivesTheCodecStatusAndReasonWithoutEchoingInput() {
    String file = RFC4475.resolve("badvers.dat").toString();
    Cli.Result result = Cli.run("check", file);
    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(result.out()).isEqualTo(file + ": INVALID 505 version not supported\n");
  }

  @Test
  void dashReadsStandardInput() {
    Cli.Result result = Cli.run(stdin(VALID_INVITE), "check", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).isEqualTo("-: OK INVITE SIP/2.0\n");

    Cli.Result invalid = Cli.run(stdin("INVITE sip:bob@example.com SIP/7.0\r\n\r\n"), "check", "-");
    assertThat(invalid.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(invalid.out()).isEqualTo("-: INVALID 505 version not supported\n");
  }

  @Test
  void dashTwiceIsAUsageError() {
    Cli.Result result = Cli.run(stdin(VALID_INVITE), "check", "-", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("only once");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTortureFiles")
  void printedMessageParsesAgainToAnEqualMessage(String name) throws IOException {
    byte[] original = Files.readAllBytes(RFC4475.resolve(name + ".dat"));
    Cli.Result result = Cli.run(new ByteArrayInputStream(original), "check", "--print", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);

    byte[] printed = afterFirstLine(result.outBytes());
    SipParser parser = SipParser.create();
    SipMessage message = parser.parse(original);
    SipMessage again = parser.parse(printed);
    assertThat(again).isEqualTo(message);
    assertThat(again.body()).isEqualTo(message.body()); // byte for byte, binary bodies too
    assertThat(printed).endsWith('\n');
  }

  @Test
  void printWritesTheCanonicalForm() {
    String folded = VALID_INVITE.replace("Max-Forwards: 70", "Max-Forwards:\r\n   70").replace("Call-ID:", "i:");
    Cli.Result result = Cli.run(stdin(folded), "check", "--print", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).startsWith("-: OK INVITE SIP/2.0\nINVITE sip:bob@biloxi.example.com SIP/2.0\r\n")
        .contains("\r\nMax-Forwards: 70\r\n", "\r\nCall-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n")
        .endsWith("\r\n\r\nhello\n");
  }

  @Test
  void shortPrintsPisMessagesInTheShortFormThatReadsBackTheSame() {
    Cli.Result result = Cli.run(stdin(PIS_SEEK), "check", "--print", "--short", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).startsWith("-: OK SEEK PIS/1.0\nPIS/1.0 SEEK\r\n");

    SipMessage again = SipParser.create().parse(afterFirstLine(result.outBytes()));
    SipMessage original = SipParser.create().parse(PIS_SEEK);
    assertThat(again.version()).isEqualTo(SipVersion.PIS_1_0);
    assertThat(again.isShortForm()).isTrue();
    assertThat(again).isEqualTo(original);
  }

  @Test
  void shortLeavesSipMessagesInTheStandardForm() {
    Cli.Result result = Cli.run(stdin(VALID_INVITE), "check", "--print", "--short", "-");
    assertThat(result.out()).startsWith("-: OK INVITE SIP/2.0\nINVITE sip:bob@biloxi.example.com SIP/2.0\r\n");
  }

  @Test
  void shortWithoutPrintIsAUsageError() {
    Cli.Result result = Cli.run(stdin(VALID_INVITE), "check", "--short", "-");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("--short needs --print");
  }

  @Test
  void strictRefusesBareLineFeeds() {
    String bareLf = VALID_INVITE.replace("\r\n", "\n");
    assertThat(Cli.run(stdin(bareLf), "check", "-").exitCode()).isEqualTo(ExitCode.OK);
    Cli.Result strict = Cli.run(stdin(bareLf), "check", "--strict", "-");
    assertThat(strict.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(strict.out()).startsWith("-: INVALID 400 ");
  }

  @Test
  void unreadableFileExitsTwoAndTheOthersAreStillChecked(@TempDir Path dir) {
    String missing = dir.resolve("missing.dat").toString();
    String valid = RFC4475.resolve("wsinv.dat").toString();
    String invalid = RFC4475.resolve("badvers.dat").toString();

    Cli.Result result = Cli.run("check", missing, valid, invalid, dir.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).isEqualTo(missing + ": ERROR no such file\n" + dir + ": ERROR is a directory\n");
    assertThat(result.out()).isEqualTo(valid + ": OK INVITE SIP/2.0\n" + invalid + ": INVALID 505 version not supported\n");
  }

  @Test
  void controlCharactersInAFileNameAreNotWrittenToTheTerminal(@TempDir Path dir) {
    String name = dir.resolve("evil\u001b[2J.dat").toString();
    Cli.Result result = Cli.run("check", name);
    assertThat(result.err()).doesNotContain("\u001b").contains("evil?[2J.dat: ERROR no such file");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedWith413(@TempDir Path dir) throws IOException {
    Path atLimit = dir.resolve("at-limit.dat");
    Path overLimit = dir.resolve("over-limit.dat");
    byte[] padded = Arrays.copyOf(VALID_INVITE.getBytes(StandardCharsets.US_ASCII), MAX_MESSAGE_BYTES);
    Files.write(atLimit, padded); // the zero bytes after the body are past Content-Length: ignored
    Files.write(overLimit, Arrays.copyOf(padded, MAX_MESSAGE_BYTES + 1));

    Cli.Result result = Cli.run("check", atLimit.toString(), overLimit.toString());

    assertThat(result.out()).isEqualTo(atLimit + ": OK INVITE SIP/2.0\n" + overLimit + ": INVALID 413 message too large\n");
    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void endlessStandardInputIsCutAtTheLimit() {
    var endless = new InputStream() {
      long served;

      @Override
      public int read() {
        served++;
        return 'A';
      }
    };
    Cli.Result result = Cli.run(endless, "check", "-");
    assertThat(result.out()).isEqualTo("-: INVALID 413 message too large\n");
    assertThat(endless.served).isEqualTo(MAX_MESSAGE_BYTES + 1);
  }

  @Test
  void noFileIsAUsageError() {
    Cli.Result result = Cli.run("check");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("FILE");
  }

  @Test
  void unknownOptionIsAUsageErrorWithAShortMessage() {
    Cli.Result result = Cli.run("check", "--prnt", RFC4475.resolve("wsinv.dat").toString());
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("miville check: Unknown option: '--prnt'")
        .contains("--print", "Try 'miville check --help'");
    assertThat(result.err().lines().count()).isLessThan(6);
  }

  @Test
  void helpDescribesTheOptions() {
    Cli.Result result = Cli.run("check", "--help");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("Usage: miville check", "FILE", "--print", "--short", "--strict", "Exit codes:");
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] afterFirstLine(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n') {
        return Arrays.copyOfRange(out, i + 1, out.length);
      }
    }
    throw new AssertionError("no line in output");
  }
}
