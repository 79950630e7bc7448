package io.miville.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipWriter;
import io.miville.codec.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Coverage-guided fuzz targets for the codec (see docs/fuzzing.md). Each checks the codec's
 * contract on every input: a parse either succeeds, and then what it read writes back to an
 * equal message with canonical writing a fixed point, or it throws a {@link SipParseException}
 * whose offset lies inside the input and whose status is 400, 413, 414 or 505. Any other
 * throwable is a finding.
 *
 * <p>Inputs are raw bytes, so a crash file can be copied as it is to the codec's
 * {@code src/test/resources/fuzz-regressions/} ({@code message-*} for {@link #parseDatagram},
 * {@code uri-*} for {@link #parseUri}), where the default build replays it.
 */
class CodecFuzzTest {
  private static final Set<Integer> STATUSES = Set.of(400, 413, 414, 505);
  /** The default parser, a strict one, and one with small limits so that every limit is reached. */
  private static final SipParser[] PARSERS = {
      SipParser.create(CodecConfig.DEFAULT),
      SipParser.create(CodecConfig.STRICT),
      SipParser.create(new CodecConfig(1024, 512, 128, 96, 8, true, true)),
  };
  /**
   * Parsers with the same leniencies and no practical limits, to read back what was written:
   * writing may lengthen a message (compact names and draft-pis-00 short forms are written in
   * full), so a message at a limit may not fit once written.
   */
  private static final SipParser[] ROOMY = {roomy(PARSERS[0]), roomy(PARSERS[1]), roomy(PARSERS[2])};
  /** Bytes around the slice, to catch reads outside {@code [off, off+len)}. */
  private static final byte[] GUARD = "\r\nX: \\\"".getBytes(StandardCharsets.ISO_8859_1);

  @FuzzTest(maxDuration = "2m")
  @DictionaryFile(resourcePath = "sip-message.dict")
  void parseDatagram(byte[] data) {
    for (int i = 0; i < PARSERS.length; i++) {
      SipParser parser = PARSERS[i];
      SipMessage m = parse(parser, data, 0, data.length, data.length);
      // the same bytes inside a larger array: only the slice may be read, offsets are absolute
      byte[] framed = new byte[data.length + 2 * GUARD.length];
      System.arraycopy(GUARD, 0, framed, 0, GUARD.length);
      System.arraycopy(data, 0, framed, GUARD.length, data.length);
      System.arraycopy(GUARD, 0, framed, GUARD.length + data.length, GUARD.length);
      SipMessage again = parse(parser, framed, GUARD.length, data.length, data.length);
      check((m == null) == (again == null), "a slice parsed differently from the same bytes alone");
      if (m == null) {
        continue;
      }
      check(m.equals(again), "a slice read as a different message");
      // typed views of a parsed message never fail
      m.vias();
      m.from();
      m.to();
      m.contacts();
      m.cseq();
      m.callId();
      m.maxForwards();
      m.contentType();
      byte[] standard = m.encode();
      SipMessage reread = ROOMY[i].parse(standard);
      check(reread.equals(m), "standard form did not read back equal");
      check(Arrays.equals(reread.encode(), standard), "standard form changed when written again");
      byte[] canonical = SipWriter.encode(m, SipWriter.Form.STANDARD, true);
      SipMessage fromCanonical = ROOMY[i].parse(canonical);
      check(fromCanonical.equals(m), "canonical form did not read back equal");
      check(Arrays.equals(SipWriter.encode(fromCanonical, SipWriter.Form.STANDARD, true), canonical),
          "canonical writing is not a fixed point");
    }
  }

  @FuzzTest(maxDuration = "2m")
  @DictionaryFile(resourcePath = "uri.dict")
  void parseUri(byte[] data) {
    // every byte is one character, so inputs round-trip through files unchanged
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Uri uri;
    try {
      uri = Uri.parse(text);
    } catch (SipParseException e) {
      check(e.offset() >= 0 && e.offset() <= text.length(), "URI error offset outside the input");
      check(e.status() == 400, "URI error status is not 400");
      return;
    }
    Uri again = Uri.parse(uri.toString());
    check(again.equals(uri), "URI did not read back equal");
    check(again.toString().equals(uri.toString()), "URI changed when written again");
  }

  private static SipParser roomy(SipParser parser) {
    CodecConfig c = parser.config();
    int max = Integer.MAX_VALUE;
    return SipParser.create(new CodecConfig(max, max, max, max, max, c.allowBareLf(), c.allowPisShortForm()));
  }

  /**
   * Parses {@code b[off, off+len)}; returns null if refused, after checking the refusal.
   *
   * @param inputLength length of the fuzz input, for the offset check
   */
  private static SipMessage parse(SipParser parser, byte[] b, int off, int len, int inputLength) {
    try {
      return parser.parseDatagram(b, off, len);
    } catch (SipParseException e) {
      int offset = e.offset() - off;
      check(offset >= 0 && offset <= inputLength, "error offset outside the input");
      check(STATUSES.contains(e.status()), "unexpected error status");
      check(!e.reason().isBlank() && e.reason().length() < 80, "reason must be a short phrase");
      return null;
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("codec contract broken: " + what);
    }
  }
}
