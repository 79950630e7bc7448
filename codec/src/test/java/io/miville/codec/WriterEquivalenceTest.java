package io.miville.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.header.SipHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writer's shortcuts give the same bytes as writing every part from its text: a parsed
 * message written as read is copied, and lines read in the form the writer writes are copied
 * from the input. Checked against a reference writer that knows nothing of either, over every
 * message the tests have and over variants that break the shortcuts one way at a time.
 */
class WriterEquivalenceTest {
  private static final SipParser PARSER = SipParser.create();

  private static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
      + "Max-Forwards: 70\r\n"
      + "To: Bob <sip:bob@biloxi.example.com>\r\n"
      + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
      + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
      + "CSeq: 314159 INVITE\r\n"
      + "Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>\r\n"
      + "User-Agent: Miville-Test/0.1\r\n"
      + "Content-Type: application/sdp\r\n"
      + "Content-Length: 4\r\n"
      + "\r\n"
      + "v=0\n";

  private static final String RESPONSE = "SIP/2.0 180 Ringing\r\n"
      + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n"
      + "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
      + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
      + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
      + "CSeq: 314159 INVITE\r\n"
      + "Content-Length: 0\r\n"
      + "\r\n";

  /** The standard form, written the plain way: start line, then "Name: value" per line, then the body. */
  private static byte[] reference(SipMessage m, boolean canonical) {
    StringBuilder text = new StringBuilder(m.startLine()).append("\r\n");
    for (HeaderField f : m.headerFields()) {
      text.append(f.name().name()).append(": ").append(canonical ? f.canonicalValue() : f.value()).append("\r\n");
    }
    text.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(m.body());
    return out.toByteArray();
  }

  private static void assertWritesLikeReference(SipMessage m) {
    assertThat(m.encode()).as("standard form").isEqualTo(reference(m, false));
    assertThat(SipWriter.encode(m, SipWriter.Form.STANDARD, true)).as("canonical form").isEqualTo(reference(m, true));
    SipMessage rebuilt = m instanceof SipRequest r ? r.toBuilder().build() : ((SipResponse) m).toBuilder().build();
    assertThat(rebuilt.encode()).as("standard form of a rebuilt message").isEqualTo(reference(rebuilt, false));
  }

  static Stream<Path> messageFiles() {
    List<Path> files = new ArrayList<>(list(TestData.shared().resolve("testdata/rfc4475")));
    for (String folder : List.of("rfc5118", "pis-draft", "fuzz-regressions")) {
      files.addAll(list(resource(folder)));
    }
    return files.stream().filter(p -> !p.getFileName().toString().endsWith(".tsv")
        && !p.getFileName().toString().endsWith(".md"));
  }

  @ParameterizedTest
  @MethodSource("messageFiles")
  void everyTestMessageWritesLikeTheReference(Path file) {
    byte[] bytes = TestData.read(file);
    SipMessage m;
    try {
      m = PARSER.parse(bytes);
    } catch (SipParseException e) {
      return; // refused messages are the conformance tests' business
    }
    assertWritesLikeReference(m);
  }

  /** Each variant breaks the copy of the whole message in one way; the result must not change. */
  static Stream<String> variants() {
    return Stream.of(
        INVITE,
        RESPONSE,
        INVITE.replace("To: Bob", "to: Bob"),
        INVITE.replace("Call-ID:", "i:"),
        INVITE.replace("Max-Forwards: 70", "Max-Forwards:70"),
        INVITE.replace("Max-Forwards: 70", "Max-Forwards :  70"),
        INVITE.replace("Max-Forwards: 70", "Max-Forwards:\t70 \t"),
        INVITE.replace("User-Agent: Miville-Test/0.1", "user-agent:   Miville-Test/0.1  "),
        INVITE.replace("User-Agent: Miville-Test/0.1", "User-Agent: Miville\r\n Test/0.1"),
        INVITE.replace("Contact: <sip:alice", "Contact:\r\n\t<sip:alice"),
        INVITE.replace("To: Bob <sip:bob@biloxi.example.com>\r\n", "To: Bob <sip:bob@biloxi.example.com>\n"),
        INVITE.replace("Content-Length: 4\r\n\r\n", "Content-Length: 4\r\n\n"),
        INVITE.replace("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n", "INVITE sip:bob@biloxi.example.com SIP/2.0\n"),
        INVITE.replace("INVITE sip:bob@biloxi", "INVITE SIP:bob@biloxi"),
        INVITE.replace("INVITE sip:bob@biloxi.example.com", "INVITE sip:bob@biloxi.example.com:05060"),
        INVITE.replace("INVITE sip:bob@biloxi.example.com", "INVITE tel:+1-555-0100"),
        INVITE.replace("INVITE sip:bob@biloxi.example.com", "INVITE TEL:+1-555-0100"),
        INVITE.replace("INVITE sip:bob@biloxi.example.com", "INVITE urn:service:sos"),
        INVITE.replace("SIP/2.0\r\nVia", "sip/2.0\r\nVia"),
        INVITE.replace("From: Alice", "From: \"Alice Liddell \u00e9\u00e8 \u4e2d\""),
        INVITE.replace("User-Agent: Miville-Test/0.1", "User-Agent: Miville \u00e9t\u00e9"),
        INVITE.replace("User-Agent: Miville-Test/0.1", "X-Extension: some value"),
        INVITE.replace("User-Agent: Miville-Test/0.1", "x-EXTENSION: some value"),
        INVITE.replace("User-Agent: Miville-Test/0.1", "Subject: "),
        INVITE.replace("User-Agent: Miville-Test/0.1", "Subject:"),
        INVITE.replace("Content-Length: 4\r\n", ""),
        "\r\n\r\n" + INVITE,
        RESPONSE.replace("SIP/2.0 180 Ringing", "SIP/2.0 180 "),
        RESPONSE.replace("SIP/2.0 180 Ringing", "SIP/2.0 180"),
        RESPONSE.replace("SIP/2.0 180 Ringing", "SIP/2.0 180 Ringing \u00e0 la porte"),
        RESPONSE.replace("SIP/2.0 180 Ringing", "Sip/2.0 180 Ringing"),
        "SEEK sip:rc@latrine1.loo.com PIS/1.0\r\n"
            + "Via: SIP/2.0/UDP ua7.loo.com:5060;branch=z9hG4bKseek42a7\r\n"
            + "From: anonymous@latrine1.loo.com;tag=8f3a2b\r\n"
            + "To: rc@latrine1.loo.com\r\n"
            + "Call-ID: 3c26700d@ua7.loo.com\r\n"
            + "CSeq: 1 SEEK\r\n"
            + "Urgency: Urgent\r\n"
            + "Content-Length: 0\r\n\r\n",
        "PIS/1.0 FLUSH TID=7\r\n"
            + "To: rc@latrine1.loo.com\r\n"
            + "From: <sip:anonymous@latrine1.loo.com>;tag=8f3a2b\r\n"
            + "Call-ID: 3c26700d@ua7.loo.com\r\n"
            + "CSeq: 2 FLUSH\r\n\r\n",
        "100 INFO TID=7\r\nCall-ID: 3c26700d@ua7.loo.com\r\nCSeq: 2 FLUSH\r\n\r\n");
  }

  @ParameterizedTest
  @MethodSource("variants")
  void variantsWriteLikeTheReference(String text) {
    SipMessage m = PARSER.parse(text);
    assertWritesLikeReference(m);
    assertThat(PARSER.parse(m.encode())).isEqualTo(m);
  }

  @Test
  void aMessageReadAsTheWriterWritesItIsWrittenBackByteForByte() {
    for (String text : List.of(INVITE, RESPONSE)) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(PARSER.parse(bytes).encode()).isEqualTo(bytes);
    }
  }

  @Test
  void bytesAfterContentLengthInADatagramAreNeitherBodyNorWritten() {
    byte[] bytes = (INVITE + "junk").getBytes(StandardCharsets.UTF_8);
    SipMessage m = PARSER.parseDatagram(bytes, 0, bytes.length);
    assertThat(m.bodyText()).isEqualTo("v=0\n");
    assertThat(m.encode()).isEqualTo(INVITE.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMessageInTheMiddleOfABufferIsReadFromItsOwnRange() {
    byte[] message = INVITE.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[message.length + 20];
    Arrays.fill(buffer, (byte) 'x');
    System.arraycopy(message, 0, buffer, 7, message.length);
    SipMessage m = PARSER.parseFramed(buffer, 7, message.length);
    assertThat(m.encode()).isEqualTo(message);
    assertThat(m.body()).isEqualTo("v=0\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theMessageOwnsItsBytes() {
    byte[] bytes = INVITE.getBytes(StandardCharsets.UTF_8);
    SipMessage m = PARSER.parse(bytes);
    Arrays.fill(bytes, (byte) '!');
    assertThat(m.header(HeaderName.USER_AGENT)).contains("Miville-Test/0.1");
    assertThat(m.bodyText()).isEqualTo("v=0\n");
    byte[] first = m.encode();
    Arrays.fill(first, (byte) '?');
    m.body()[0] = '?';
    assertThat(m.encode()).isEqualTo(INVITE.getBytes(StandardCharsets.UTF_8));
    assertThat(m.bodyText()).isEqualTo("v=0\n");
  }

  @Test
  void aResponseMadeFromARequestCopiesTheLinesItTakesAndWritesTheRest() {
    SipRequest request = (SipRequest) PARSER.parse(INVITE);
    SipResponse response = SipResponse.forRequest(request, 200)
        .set(SipHeaders.TO, request.to().orElseThrow().withTag("a6c85cf"))
        .header(HeaderName.of("X-Note"), "caf\u00e9")
        .body(io.miville.codec.header.MediaType.APPLICATION_SDP, "v=0\n")
        .build();
    assertThat(response.encode()).isEqualTo(reference(response, false));
    assertThat(new String(response.encode(), StandardCharsets.UTF_8)).startsWith("SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n"
        + "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n");
    assertThat(PARSER.parse(response.encode())).isEqualTo(response);
  }

  private static Path resource(String folder) {
    try {
      return Path.of(WriterEquivalenceTest.class.getResource("/" + folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
