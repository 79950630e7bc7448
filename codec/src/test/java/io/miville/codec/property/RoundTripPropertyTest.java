package io.miville.codec.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.conformance.CodecContract;
import io.miville.codec.header.SipHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Messages built from valid values write, read back equal, and canonical writing is a fixed point. */
class RoundTripPropertyTest {
  private static final SipParser DEFAULT = SipParser.create(CodecConfig.DEFAULT);
  private static final SipParser STRICT = SipParser.create(CodecConfig.STRICT);

  @Provide
  Arbitrary<SipRequest> requests() {
    return SipArbitraries.requests();
  }

  @Provide
  Arbitrary<SipResponse> responses() {
    return SipArbitraries.responses();
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void requestsRoundTrip(@ForAll("requests") SipRequest built) {
    CodecContract.assertRoundTrips(DEFAULT, built);
    CodecContract.assertRoundTrips(STRICT, built);
    SipRequest read = (SipRequest) DEFAULT.parse(built.encode());
    assertThat(read.method()).isEqualTo(built.method());
    assertThat(read.uri()).isEqualTo(built.uri());
    assertSameTypedViews(read, built);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void responsesRoundTrip(@ForAll("responses") SipResponse built) {
    CodecContract.assertRoundTrips(DEFAULT, built);
    CodecContract.assertRoundTrips(STRICT, built);
    SipResponse read = (SipResponse) DEFAULT.parse(built.encode());
    assertThat(read.status()).isEqualTo(built.status());
    assertThat(read.reason()).isEqualTo(built.reason());
    assertSameTypedViews(read, built);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void bareLfIsReadByDefaultAndRefusedByStrict(@ForAll("requests") SipRequest request, @ForAll("responses") SipResponse response) {
    for (SipMessage built : new SipMessage[] {request, response}) {
      byte[] crlf = built.encode();
      int bodyStart = indexOf(crlf, "\r\n\r\n") + 4;
      String head = new String(crlf, 0, bodyStart, StandardCharsets.UTF_8).replace("\r\n", "\n");
      byte[] lf = concat(head.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(crlf, bodyStart, crlf.length));
      assertThat(DEFAULT.parse(lf)).isEqualTo(built);
      assertThatThrownBy(() -> STRICT.parse(lf)).isInstanceOfSatisfying(SipParseException.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.offset()).isEqualTo(built.startLine().getBytes(StandardCharsets.UTF_8).length);
      });
    }
  }

  private static int indexOf(byte[] b, String s) {
    return new String(b, StandardCharsets.ISO_8859_1).indexOf(s);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void assertSameTypedViews(SipMessage read, SipMessage built) {
    assertThat(read.version()).isEqualTo(built.version());
    assertThat(read.vias()).isEqualTo(built.vias());
    assertThat(read.from()).isEqualTo(built.from());
    assertThat(read.to()).isEqualTo(built.to());
    assertThat(read.callId()).isEqualTo(built.callId());
    assertThat(read.cseq()).isEqualTo(built.cseq());
    assertThat(read.maxForwards()).isEqualTo(built.maxForwards());
    assertThat(read.contacts()).isEqualTo(built.contacts());
    assertThat(read.headers(SipHeaders.ROUTE)).isEqualTo(built.headers(SipHeaders.ROUTE));
    assertThat(read.headers(SipHeaders.WARNING)).isEqualTo(built.headers(SipHeaders.WARNING));
    assertThat(read.contentType()).isEqualTo(built.contentType());
    assertThat(read.body()).isEqualTo(built.body());
    assertThat(read.headerFields()).hasSameSizeAs(built.headerFields());
    for (int i = 0; i < read.headerFields().size(); i++) {
      assertThat(read.headerFields().get(i).name()).isEqualTo(built.headerFields().get(i).name());
      assertThat(read.headerFields().get(i).value()).isEqualTo(built.headerFields().get(i).value());
    }
  }
}
