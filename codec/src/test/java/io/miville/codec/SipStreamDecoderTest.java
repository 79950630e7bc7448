package io.miville.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.header.MediaType;
import io.miville.codec.uri.Uri;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream decoder of RFC 3261 §18.3 with RFC 5626 keep-alives: whatever the chunking, the
 * same messages and pings come out; malformed and oversized streams fail with the right status
 * and never make it buffer more than the limits.
 */
class SipStreamDecoderTest {
  private static final Path DIR = TestData.shared().resolve("testdata/rfc4475");
  private static final String PING = "PING";

  /** Messages that are well framed for a stream: they parse with parseFramed as a whole. */
  private static List<byte[]> messages;
  /** A stream of all of them with keep-alives between, and the events it must produce. */
  private static byte[] stream;
  private static List<Object> expected;
  /** For each expected event, the stream offset at which its last byte has been read. */
  private static List<Integer> eventEnds;
  /** Where each unit starts: the opening ping, then each message with the keep-alives after it. */
  private static List<Integer> unitStarts;

  @BeforeAll
  static void buildStream() throws IOException {
    messages = new ArrayList<>();
    SipParser parser = SipParser.create();
    for (String line : Files.readAllLines(DIR.resolve("EXPECTED.tsv")).subList(1, 50)) {
      String[] cols = line.split("\t");
      if (!cols[1].equals("parse")) {
        continue;
      }
      byte[] data = TestData.read(DIR.resolve(cols[0] + ".dat"));
      try {
        // the parser alone lets a framed message without Content-Length run to the end
        if (parser.parseFramed(data, 0, data.length).header(HeaderName.CONTENT_LENGTH).isPresent()) {
          messages.add(data);
        }
      } catch (SipParseException e) {
        // more than one message in the datagram (dblreq): tested on its own below
      }
    }
    assertThat(messages).hasSizeGreaterThan(25);
    messages.addAll(builtMessages());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    expected = new ArrayList<>();
    eventEnds = new ArrayList<>();
    unitStarts = new ArrayList<>();
    unitStarts.add(0);
    String[] separators = {"", "\r\n", "\r\n\r\n", "\r\n\r\n\r\n", "\r\n\r\n\r\n\r\n"};
    int[] pings = {0, 0, 1, 1, 2};
    out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    expected.add(PING);
    eventEnds.add(out.size());
    for (int i = 0; i < messages.size(); i++) {
      byte[] m = messages.get(i);
      unitStarts.add(out.size());
      out.writeBytes(m);
      expected.add(parser.parseFramed(m, 0, m.length));
      eventEnds.add(out.size());
      int k = i % separators.length;
      int sepStart = out.size();
      out.writeBytes(separators[k].getBytes(StandardCharsets.US_ASCII));
      for (int p = 0; p < pings[k]; p++) {
        expected.add(PING);
        eventEnds.add(sepStart + 4 * (p + 1));
      }
    }
    stream = out.toByteArray();
  }

  private static List<byte[]> builtMessages() {
    List<byte[]> out = new ArrayList<>();
    // a body holding an empty line, so only Content-Length can end it
    out.add(SipRequest.builder(SipMethod.MESSAGE, Uri.parse("sip:bob@example.com"))
        .header("Via", "SIP/2.0/TCP client.example.com;branch=z9hG4bK776asdhds")
        .header("From", "<sip:alice@example.com>;tag=1928301774")
        .header("To", "<sip:bob@example.com>")
        .header("Call-ID", "a84b4c76e66710@pc33.example.com")
        .header("CSeq", "1 MESSAGE")
        .header("Max-Forwards", "70")
        .body(MediaType.parse("text/plain"), "line one\r\n\r\nline three after an empty line\r\n")
        .build().encode());
    out.add(("SIP/2.0 200 OK\r\n"
        + "v: SIP/2.0/TCP client.example.com;branch=z9hG4bK776asdhds\r\n"
        + "f: <sip:alice@example.com>;tag=1928301774\r\n"
        + "t: <sip:bob@example.com>;tag=8321234356\r\n"
        + "i: a84b4c76e66710@pc33.example.com\r\n"
        + "CSeq: 1 MESSAGE\r\n"
        + "l: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    // bare LF line ends (the default config accepts them) and a folded Content-Length
    out.add(("OPTIONS sip:bob@example.com SIP/2.0\n"
        + "Via: SIP/2.0/TCP client.example.com;branch=z9hG4bKlf\n"
        + "From: <sip:alice@example.com>;tag=1\n"
        + "To: <sip:bob@example.com>\n"
        + "Call-ID: lf@example.com\n"
        + "CSeq: 7 OPTIONS\n"
        + "Content-Length:\n  4\n\n"
        + "abcd").getBytes(StandardCharsets.US_ASCII));
    // draft-pis-00 short form
    out.add(("PIS/1.0 SEEK\r\nTo: rc@latrine1.loo.com\r\nFrom: joe@example.com\r\nContent-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return out;
  }

  // ---- collecting what the decoder finds ----

  private static final class Events implements SipStreamDecoder.Listener {
    final List<Object> events = new ArrayList<>();

    @Override
    public void onMessage(SipMessage message) {
      events.add(message);
    }

    @Override
    public void onPing() {
      events.add(PING);
    }
  }

  /**
   * Same events in the same order. Messages must match line for line: same start line, same
   * header lines as read (raw text, not only canonical form) and same body.
   */
  private static void assertSameEvents(List<Object> actual, String context) {
    assertSameEvents(actual, expected, context);
  }

  private static void assertSameEvents(List<Object> actual, List<Object> expected, String context) {
    assertThat(actual).as(context).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Object e = expected.get(i);
      Object a = actual.get(i);
      if (e instanceof SipMessage em) {
        assertThat(a).as(context + " event " + i).isInstanceOf(em.getClass());
        SipMessage am = (SipMessage) a;
        if (!am.startLine().equals(em.startLine()) || !am.headerFields().equals(em.headerFields())
            || !Arrays.equals(am.body(), em.body())) {
          assertThat(am.toString()).as(context + " event " + i).isEqualTo(em.toString());
          throw new AssertionError(context + " event " + i + " differs");
        }
      } else {
        assertThat(a).as(context + " event " + i).isEqualTo(e);
      }
    }
  }

  // ---- chunkings ----

  @Test
  void wholeStreamInOneFeed() {
    Events events = new Events();
    SipStreamDecoder decoder = SipStreamDecoder.create();
    decoder.feed(stream, 0, stream.length, events);
    assertSameEvents(events.events, "one feed");
    assertThat(decoder.buffered()).isZero();
  }

  /**
   * Every byte boundary of the stream, each cut inside a window of one unit plus the start of
   * the next (so the cost stays linear): the decoder state at a unit start is the same as in
   * the whole stream, since a message start clears the keep-alive state, and the bytes of the
   * next message show that trailing keep-alives do not leak into it.
   */
  @Test
  void splitAtEveryByteBoundary() {
    for (int u = 0; u < unitStarts.size(); u++) {
      int from = unitStarts.get(u);
      int next = u + 1 < unitStarts.size() ? unitStarts.get(u + 1) : stream.length;
      int to = Math.min(next + 16, stream.length);
      List<Object> want = new ArrayList<>();
      for (int e = 0; e < eventEnds.size(); e++) {
        if (eventEnds.get(e) > from && eventEnds.get(e) <= to) {
          want.add(expected.get(e));
        }
      }
      for (int cut = from; cut <= to; cut++) {
        Events events = new Events();
        SipStreamDecoder decoder = SipStreamDecoder.create();
        decoder.feed(stream, from, cut - from, events);
        // exactly the events whose last byte came before the cut: none early, none late
        int complete = 0;
        for (int end : eventEnds) {
          complete += end > from && end <= cut ? 1 : 0;
        }
        assertThat(events.events).as("events before cut at " + cut).hasSize(complete);
        decoder.feed(stream, cut, to - cut, events);
        assertSameEvents(events.events, want, "cut at " + cut);
        assertThat(decoder.buffered()).isEqualTo(to - next);
      }
    }
  }

  @Test
  void oneByteAtATime() {
    Events events = new Events();
    SipStreamDecoder decoder = SipStreamDecoder.create();
    for (int i = 0; i < stream.length; i++) {
      decoder.feed(stream, i, 1, events);
      assertThat(decoder.buffered()).isLessThanOrEqualTo(CodecConfig.DEFAULT.maxMessageBytes());
    }
    assertSameEvents(events.events, "byte by byte");
  }

  @Test
  void randomChunkings() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      Events events = new Events();
      SipStreamDecoder decoder = SipStreamDecoder.create();
      int maxChunk = 1 + random.nextInt(seed % 2 == 0 ? 64 : 4096);
      int pos = 0;
      while (pos < stream.length) {
        int n = Math.min(stream.length - pos, random.nextInt(maxChunk + 1));
        // feed from a copy with bytes around the chunk, so offsets into the array are exercised
        byte[] chunk = new byte[n + 6];
        System.arraycopy(stream, pos, chunk, 3, n);
        decoder.feed(chunk, 3, n, events);
        pos += n;
      }
      assertSameEvents(events.events, "seed " + seed);
    }
  }

  @Test
  void twoMessagesInOneDatagramAreTwoOnAStreamAndTheLeftoverIsGarbage() {
    // RFC 4475 "dblreq": a REGISTER with Content-Length 0 followed by an INVITE whose
    // body is 3 bytes longer than its Content-Length; a datagram drops them, a stream cannot
    byte[] dblreq = TestData.read(DIR.resolve("dblreq.dat"));
    List<SipMessage> got = new ArrayList<>();
    SipStreamDecoder decoder = SipStreamDecoder.create();
    assertThatThrownBy(() -> decoder.feed(dblreq, 0, dblreq.length, listener(got)))
        .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.reason()).isEqualTo("missing Content-Length"));
    assertThat(got).hasSize(2);
    assertThat(got.get(0).startLine()).startsWith("REGISTER");
    assertThat(got.get(1).startLine()).startsWith("INVITE");
  }

  @Test
  void messageWithoutContentLengthIs400OnAStream() {
    byte[] inv2543 = TestData.read(DIR.resolve("inv2543.dat"));
    SipStreamDecoder decoder = SipStreamDecoder.create();
    assertThatThrownBy(() -> decoder.feed(inv2543, 0, inv2543.length, listener(new ArrayList<>())))
        .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void singleCrlfIsSkippedNotAPing() {
    Events events = new Events();
    SipStreamDecoder decoder = SipStreamDecoder.create();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    decoder.feed(crlf, 0, 2, events);
    assertThat(events.events).isEmpty();
    decoder.feed(crlf, 0, 1, events);
    decoder.feed(crlf, 1, 1, events);
    assertThat(events.events).containsExactly(PING);
    byte[] m = messages.get(0);
    decoder.feed(crlf, 0, 2, events);
    decoder.feed(m, 0, m.length, events);
    assertThat(events.events).hasSize(2).element(1).isInstanceOf(SipMessage.class);
  }

  // ---- bad input ----

  private static SipStreamDecoder.Listener listener(List<SipMessage> into) {
    return new SipStreamDecoder.Listener() {
      @Override
      public void onMessage(SipMessage message) {
        into.add(message);
      }

      @Override
      public void onPing() {}
    };
  }

  private static SipParseException failure(SipStreamDecoder decoder, String text, List<SipMessage> got) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    try {
      decoder.feed(b, 0, b.length, listener(got));
    } catch (SipParseException e) {
      assertThat(decoder.isFailed()).isTrue();
      return e;
    }
    throw new AssertionError("no failure for input");
  }

  private static final String HEAD = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/TCP client.example.com;branch=z9hG4bK1\r\n"
      + "From: <sip:alice@example.com>;tag=1\r\n"
      + "To: <sip:bob@example.com>\r\n"
      + "Call-ID: bad@example.com\r\n"
      + "CSeq: 1 OPTIONS\r\n";

  @Test
  void missingContentLengthIs400AfterEarlierMessagesWereDelivered() {
    List<SipMessage> got = new ArrayList<>();
    SipStreamDecoder decoder = SipStreamDecoder.create();
    String good = HEAD + "Content-Length: 0\r\n\r\n";
    SipParseException e = failure(decoder, good + HEAD + "\r\n", got);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.reason()).isEqualTo("missing Content-Length");
    assertThat(got).hasSize(1);
    assertThat(new String(decoder.rejectedBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(HEAD + "\r\n");
    assertThatThrownBy(() -> decoder.feed(new byte[1], 0, 1, listener(got))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void conflictingOrBadContentLengthIs400() {
    assertThat(failure(SipStreamDecoder.create(), HEAD + "Content-Length: 3\r\nl: 4\r\n\r\nabcd", new ArrayList<>()).reason())
        .isEqualTo("conflicting Content-Length");
    assertThat(failure(SipStreamDecoder.create(), HEAD + "Content-Length: 3x\r\n\r\nabc", new ArrayList<>()).status())
        .isEqualTo(400);
    assertThat(failure(SipStreamDecoder.create(), HEAD + "Content-Length: 1 2\r\n\r\nabc", new ArrayList<>()).status())
        .isEqualTo(400);
  }

  @Test
  void binaryGarbageIsRefusedAtOnce() {
    // the first bytes of a TLS ClientHello sent to a plain TCP port
    byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01};
    SipStreamDecoder decoder = SipStreamDecoder.create();
    assertThatThrownBy(() -> decoder.feed(hello, 0, hello.length, listener(new ArrayList<>())))
        .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(decoder.buffered()).isZero();
  }

  @Test
  void textGarbageIs400() {
    SipParseException e = failure(SipStreamDecoder.create(), "hello world\r\nthis is not sip\r\nContent-Length: 0\r\n\r\n",
        new ArrayList<>());
    assertThat(e.status()).isEqualTo(400);
  }

  @Test
  void loneCrBetweenMessagesIs400() {
    assertThat(failure(SipStreamDecoder.create(), "\rOPTIONS", new ArrayList<>()).status()).isEqualTo(400);
  }

  @Test
  void bodyLargerThanTheLimitIs413BeforeItIsBuffered() {
    CodecConfig config = CodecConfig.DEFAULT.withMaxMessageBytes(4096);
    SipStreamDecoder decoder = SipStreamDecoder.create(config);
    String head = HEAD + "Content-Length: 5000\r\n\r\n";
    SipParseException e = failure(decoder, head + "x".repeat(10), new ArrayList<>());
    assertThat(e.status()).isEqualTo(413);
    assertThat(decoder.buffered()).isLessThan(head.length() + 10);
    // the same when the header arrives in pieces
    SipStreamDecoder pieces = SipStreamDecoder.create(config);
    byte[] b = head.getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> {
      for (int i = 0; i < b.length; i++) {
        pieces.feed(b, i, 1, listener(new ArrayList<>()));
      }
    }).isInstanceOfSatisfying(SipParseException.class, ex -> assertThat(ex.status()).isEqualTo(413));
    assertThat(new String(pieces.rejectedBytes(), StandardCharsets.US_ASCII)).isEqualTo(head);
  }

  @Test
  void hugeContentLengthIs413() {
    assertThat(failure(SipStreamDecoder.create(), HEAD + "Content-Length: 99999999999999999999\r\n\r\n", new ArrayList<>())
        .status()).isEqualTo(413);
  }

  @Test
  void endlessHeaderSectionIs413AndNeverBufferedBeyondTheLimit() {
    CodecConfig config = CodecConfig.DEFAULT;
    SipStreamDecoder decoder = SipStreamDecoder.create(config);
    byte[] line = "X-Filler: 0123456789012345678901234567890123456789\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] head = HEAD.getBytes(StandardCharsets.US_ASCII);
    SipStreamDecoder.Listener l = listener(new ArrayList<>());
    decoder.feed(head, 0, head.length, l);
    SipParseException failure = null;
    for (int i = 0; i < 10_000 && failure == null; i++) {
      try {
        decoder.feed(line, 0, line.length, l);
        assertThat(decoder.buffered()).isLessThanOrEqualTo(config.maxHeaderBytes());
      } catch (SipParseException e) {
        failure = e;
      }
    }
    assertThat(failure).isNotNull();
    assertThat(failure.status()).isEqualTo(413);
    assertThat(decoder.rejectedBytes()).hasSize(config.maxHeaderBytes());
  }

  @Test
  void endlessHeaderSectionInOneFeedIs413() {
    String text = HEAD + "X-Filler: abc\r\n".repeat(2000);
    assertThat(failure(SipStreamDecoder.create(), text, new ArrayList<>()).status()).isEqualTo(413);
  }

  @Test
  void longRequestLineIs414WithoutWaitingForItsEnd() {
    SipStreamDecoder decoder = SipStreamDecoder.create();
    String text = "INVITE sip:" + "a".repeat(5000);
    assertThat(failure(decoder, text, new ArrayList<>()).status()).isEqualTo(414);
  }

  @Test
  void parseErrorsCarryTheStatusAndAnOffsetIntoTheMessage() {
    List<SipMessage> got = new ArrayList<>();
    String good = HEAD + "Content-Length: 0\r\n\r\n";
    String badVersion = "OPTIONS sip:bob@example.com SIP/7.0\r\n" + HEAD.substring(HEAD.indexOf('\n') + 1)
        + "Content-Length: 0\r\n\r\n";
    SipParseException e = failure(SipStreamDecoder.create(), good + badVersion, got);
    assertThat(e.status()).isEqualTo(505);
    assertThat(e.offset()).isEqualTo("OPTIONS sip:bob@example.com ".length());
    assertThat(got).hasSize(1);
  }

  @Test
  void strictConfigRefusesBareLf() {
    SipStreamDecoder decoder = SipStreamDecoder.create(CodecConfig.STRICT);
    assertThat(failure(decoder, "OPTIONS sip:bob@example.com SIP/2.0\nVia: x\n\n", new ArrayList<>()).status())
        .isEqualTo(400);
    assertThat(failure(SipStreamDecoder.create(CodecConfig.STRICT), "\n\n", new ArrayList<>()).status())
        .isEqualTo(400);
  }

  @Test
  void bufferIsReleasedAfterALargeMessage() {
    String body = "x".repeat(20_000);
    byte[] m = (HEAD + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    SipStreamDecoder decoder = SipStreamDecoder.create();
    List<SipMessage> got = new ArrayList<>();
    decoder.feed(m, 0, 100, listener(got));
    decoder.feed(m, 100, m.length - 100, listener(got));
    assertThat(got).hasSize(1);
    assertThat(got.get(0).bodyLength()).isEqualTo(20_000);
    assertThat(decoder.buffered()).isZero();
    assertThat(Arrays.equals(got.get(0).body(), body.getBytes(StandardCharsets.US_ASCII))).isTrue();
  }
}
