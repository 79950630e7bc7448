package io.miville.codec.property;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipWriter;
import io.miville.codec.conformance.CodecContract;
import io.miville.codec.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.constraints.IntRange;

/**
 * Valid messages, damaged: whatever the damage, a parse either succeeds (and the result
 * round-trips) or throws a {@link SipParseException} with an offset inside the input and a
 * status of 400, 413, 414 or 505, never another exception.
 */
class MutationPropertyTest {
  private static final List<SipParser> PARSERS = List.of(SipParser.create(CodecConfig.DEFAULT),
      SipParser.create(CodecConfig.STRICT), SipParser.create(new CodecConfig(2048, 1024, 256, 128, 12, true, true)));

  /** Bytes that matter to the grammar, to make damage that reaches deep into the parsers. */
  private static final byte[] INTERESTING = " \t\r\n:;,<>\"\\[]@=?%&*/.0123456789abfSIP#+-~'()|{}\u0000\u007f"
      .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

  /** One edit: its kind, where (as a fraction of the length), a byte, and a length. */
  record Mutation(int kind, double at, byte value, int length) {
    byte[] apply(byte[] in) {
      int pos = (int) (at * in.length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + length);
      switch (kind) {
        case 0 -> { // overwrite with an interesting byte
          byte[] b = in.clone();
          if (pos < b.length) {
            b[pos] = INTERESTING[Math.floorMod(value, INTERESTING.length)];
          }
          return b;
        }
        case 1 -> { // overwrite with any byte
          byte[] b = in.clone();
          if (pos < b.length) {
            b[pos] = value;
          }
          return b;
        }
        case 2 -> { // insert a run of one interesting byte
          out.write(in, 0, pos);
          for (int i = 0; i < length; i++) {
            out.write(INTERESTING[Math.floorMod(value + i, INTERESTING.length)]);
          }
          out.write(in, pos, in.length - pos);
          return out.toByteArray();
        }
        case 3 -> { // delete a run
          int end = Math.min(in.length, pos + length);
          out.write(in, 0, pos);
          out.write(in, end, in.length - end);
          return out.toByteArray();
        }
        case 4 -> { // duplicate a run (repeats a header line, a parameter, a separator)
          int end = Math.min(in.length, pos + length);
          out.write(in, 0, end);
          out.write(in, pos, end - pos);
          out.write(in, end, in.length - end);
          return out.toByteArray();
        }
        default -> { // truncate
          return Arrays.copyOf(in, pos);
        }
      }
    }
  }

  /**
   * What gets damaged: built messages (generated once, from a fixed seed, because building is
   * the slow part) and every message of the RFC 4475 and RFC 5118 torture corpora.
   */
  private static final List<byte[]> VALID = validMessages();

  private static List<byte[]> validMessages() {
    List<byte[]> out = new ArrayList<>();
    RandomGenerator<SipMessage> generator = SipArbitraries.messages().generator(1000);
    Random random = new Random(4475_5118L);
    for (int i = 0; i < 80; i++) {
      out.add(switchForm(generator.next(random).value()));
    }
    try (Stream<Path> files = Files.list(TestData.shared().resolve("testdata/rfc4475"))) {
      files.filter(f -> f.toString().endsWith(".dat")).sorted().forEach(f -> out.add(TestData.read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String name : List.of("ipv6-good", "port-ambiguous", "via-received-param-with-delim", "ipv6-in-sdp",
        "mult-ip-in-header", "ipv4-mapped-ipv6", "ipv6-bug-abnf-3-colons")) {
      out.add(TestData.read(rfc5118(name)));
    }
    return List.copyOf(out);
  }

  private static Path rfc5118(String name) {
    try {
      return Path.of(MutationPropertyTest.class.getResource("/rfc5118/" + name + ".dat").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<byte[]> encoded() {
    return Arbitraries.of(VALID);
  }

  private static byte[] switchForm(SipMessage m) {
    return m.bodyLength() % 2 == 0 ? m.encode() : SipWriter.encode(m, SipWriter.Form.STANDARD, true);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.doubles().between(0, 1), Arbitraries.bytes(), Arbitraries.integers().between(1, 40)).as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 8000, edgeCases = EdgeCasesMode.MIXIN)
  void damagedMessagesParseOrAreRejectedCleanly(@ForAll("encoded") byte[] valid, @ForAll("mutations") List<Mutation> edits) {
    byte[] data = valid;
    for (Mutation m : edits) {
      data = m.apply(data);
    }
    for (SipParser parser : PARSERS) {
      CodecContract.parseOrReject(parser, data);
      framedParseKeepsTheContract(parser, data);
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void everyPrefixParsesOrIsRejectedCleanly(@ForAll("encoded") byte[] valid, @ForAll @IntRange(min = 2, max = 9) int step) {
    SipParser parser = PARSERS.get(0);
    for (int cut = 0; cut <= valid.length; cut += step) {
      CodecContract.parseOrReject(parser, Arrays.copyOf(valid, cut));
    }
  }

  private static void framedParseKeepsTheContract(SipParser parser, byte[] data) {
    try {
      SipMessage m = parser.parseFramed(data, 0, data.length);
      CodecContract.assertRoundTrips(parser, m);
    } catch (SipParseException e) {
      CodecContract.assertWellFormedRejection(e, data.length);
    }
  }
}
