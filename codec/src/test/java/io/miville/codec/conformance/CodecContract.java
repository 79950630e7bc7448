package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipWriter;
import java.util.Optional;
import java.util.Set;

/**
 * The contract every parse must keep, shared by the conformance, property and fuzz tests: a
 * message parses and writes back to an equal message (and canonical writing is a fixed point),
 * or the parser throws a {@link SipParseException} with an offset inside the input and one of
 * the statuses the codec answers with, never any other exception.
 */
public final class CodecContract {
  /** The statuses a parse failure may carry (RFC 3261 §21.4: 400, 413, 414, 505). */
  public static final Set<Integer> PARSE_STATUSES = Set.of(400, 413, 414, 505);

  private CodecContract() {}

  /**
   * Writes {@code m} in standard and canonical form and checks both read back to an equal
   * message, with {@code parser}'s leniencies. Not with its limits: writing may lengthen a
   * message (compact names and draft-pis-00 short forms are written in full), so a message
   * at a limit may not fit once written.
   */
  public static void assertRoundTrips(SipParser given, SipMessage m) {
    SipParser parser = roomy(given);
    byte[] standard = m.encode();
    SipMessage again = parser.parse(standard);
    assertThat(again).as("standard form reads back equal").isEqualTo(m);
    assertThat(again.encode()).as("standard form of a reparsed message").isEqualTo(standard);

    byte[] canonical = SipWriter.encode(m, SipWriter.Form.STANDARD, true);
    SipMessage fromCanonical = parser.parse(canonical);
    assertThat(fromCanonical).as("canonical form reads back equal").isEqualTo(m);
    assertThat(SipWriter.encode(fromCanonical, SipWriter.Form.STANDARD, true))
        .as("canonical writing is a fixed point").isEqualTo(canonical);
  }

  /** A parser with the leniencies of {@code parser} and no practical limits. */
  public static SipParser roomy(SipParser parser) {
    CodecConfig c = parser.config();
    int max = Integer.MAX_VALUE;
    return SipParser.create(new CodecConfig(max, max, max, max, max, c.allowBareLf(), c.allowPisShortForm()));
  }

  /**
   * Parses {@code data} as a datagram: either it parses (and then round-trips) or it fails with
   * a well-formed {@link SipParseException}. Any other throwable propagates and fails the caller.
   *
   * @return the message, or empty if it was rejected
   */
  public static Optional<SipMessage> parseOrReject(SipParser parser, byte[] data) {
    SipMessage m;
    try {
      m = parser.parse(data);
    } catch (SipParseException e) {
      assertWellFormedRejection(e, data.length);
      return Optional.empty();
    }
    // typed views of a parsed message never fail: the parser validated every standard header
    m.vias();
    m.from();
    m.to();
    m.contacts();
    m.cseq();
    m.callId();
    m.maxForwards();
    m.contentType();
    assertRoundTrips(parser, m);
    return Optional.of(m);
  }

  /** The rejection names a position inside the input, a known status and a short reason. */
  public static void assertWellFormedRejection(SipParseException e, int inputLength) {
    assertThat(e.offset()).as("offset of %s", e.reason()).isBetween(0, inputLength);
    assertThat(e.status()).as("status of %s", e.reason()).isIn(PARSE_STATUSES);
    assertThat(e.reason()).isNotBlank().hasSizeLessThan(80);
  }
}
