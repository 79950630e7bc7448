package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.CodecConfig;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.header.Address;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.Via;
import io.miville.codec.uri.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The twelve IPv6 torture messages of RFC 5118 §4 (test resources {@code rfc5118/}), classified
 * as {@code rfc5118/EXPECTED.tsv} says, with the typed views each section is about.
 */
class Rfc5118TortureTest {
  private static final SipParser DEFAULT = SipParser.create();
  private static final SipParser STRICT = SipParser.create(CodecConfig.STRICT);

  static Stream<Arguments> messages() {
    return TestResources.tsv("rfc5118/EXPECTED.tsv").stream().map(c -> Arguments.of(c[0], c[1], c[2]));
  }

  private static byte[] data(String name) {
    return TestResources.bytes("rfc5118/" + name + ".dat");
  }

  private static SipRequest request(String name) {
    return (SipRequest) DEFAULT.parse(data(name));
  }

  @Test
  void corpusHoldsEveryMessageOfTheRfc() {
    assertThat(messages()).hasSize(12);
    assertThat(TestResources.files("rfc5118").stream().filter(p -> p.toString().endsWith(".dat"))).hasSize(12);
  }

  @ParameterizedTest(name = "§{1} {0} must {2}")
  @MethodSource("messages")
  void classifiedAsTheRfcSays(String name, String section, String expected) {
    byte[] data = data(name);
    for (SipParser parser : List.of(DEFAULT, STRICT)) {
      if (expected.equals("parse")) {
        SipMessage m = parser.parse(data);
        CodecContract.assertRoundTrips(parser, m);
        // the Content-Length of the corpus is exact, so stream framing agrees with datagram framing
        assertThat(parser.parseFramed(data, 0, data.length)).isEqualTo(m);
      } else {
        assertThatThrownBy(() -> parser.parse(data))
            .isInstanceOfSatisfying(SipParseException.class, e -> {
              CodecContract.assertWellFormedRejection(e, data.length);
              assertThat(e.status()).isEqualTo(400);
            });
      }
    }
  }

  @Test
  void validMessageWithIpv6References() { // §4.1
    SipRequest r = request("ipv6-good");
    assertThat(r.method()).isEqualTo(SipMethod.REGISTER);
    SipUri ruri = (SipUri) r.uri();
    assertThat(ruri.host()).isEqualTo("[2001:db8::10]");
    assertThat(ruri.port()).isEmpty();
    Via via = r.topVia().orElseThrow();
    assertThat(via.host()).isEqualTo("[2001:db8::9:1]");
    assertThat(via.port()).isEmpty();
    assertThat(via.transport()).isEqualTo("UDP");
    assertThat(via.branch()).contains("z9hG4bKas3-111");
    Address contact = r.contacts().get(0);
    assertThat(contact.displayName()).contains("Caller");
    assertThat(((SipUri) contact.uri()).host()).isEqualTo("[2001:db8::1]");
    assertThat(((SipUri) contact.uri()).user()).contains("caller");
  }

  @Test
  void requestUriWithoutBracketsIsABadRequest() { // §4.2
    byte[] data = data("ipv6-bad");
    int requestLineEnd = new String(data, StandardCharsets.US_ASCII).indexOf("\r\n");
    assertThatThrownBy(() -> DEFAULT.parse(data))
        .isInstanceOfSatisfying(SipParseException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.offset()).isBetween("REGISTER ".length(), requestLineEnd);
          assertThat(e.reason()).doesNotContain("2001");
        });
  }

  @Test
  void portInsideTheBracketsIsPartOfTheAddress() { // §4.3
    SipUri ruri = (SipUri) request("port-ambiguous").uri();
    assertThat(ruri.host()).isEqualTo("[2001:db8::10:5070]");
    assertThat(ruri.port()).isEmpty();
  }

  @Test
  void portOutsideTheBracketsIsThePort() { // §4.4
    SipUri ruri = (SipUri) request("port-unambiguous").uri();
    assertThat(ruri.host()).isEqualTo("[2001:db8::10]");
    assertThat(ruri.port()).isEqualTo(OptionalInt.of(5070));
    assertThat(ruri.toString()).isEqualTo("sip:[2001:db8::10]:5070");
  }

  @Test
  void receivedWithAndWithoutDelimiters() { // §4.5
    Via with = request("via-received-param-with-delim").topVia().orElseThrow();
    assertThat(with.host()).isEqualTo("[2001:db8::9:1]");
    assertThat(with.received()).contains("[2001:db8::9:255]");
    assertThat(with.branch()).contains("z9hG4bKas3-111");
    Via without = request("via-received-param-no-delim").topVia().orElseThrow();
    assertThat(without.received()).contains("2001:db8::9:255");
    assertThat(without.branch()).contains("z9hG4bKas3");
  }

  @Test
  void sdpBodyWithUnbracketedIpv6IsKeptByteForByte() { // §4.6
    SipRequest r = request("ipv6-in-sdp");
    assertThat(r.contentType()).contains(MediaType.APPLICATION_SDP);
    assertThat(r.bodyLength()).isEqualTo(251);
    assertThat(r.bodyText()).startsWith("v=0\r\n").contains("c=IN IP6 2001:db8::20\r\n")
        .endsWith("a=rtpmap:107 H263-1998/90000\r\n");
    assertThat(((SipUri) r.to().orElseThrow().uri()).host()).isEqualTo("[2001:db8::10]");
    assertThat(r.topVia().orElseThrow().host()).isEqualTo("[2001:db8::20]");
  }

  @Test
  void viaListMixesIpv4AndIpv6() { // §4.7
    SipRequest r = request("mult-ip-in-header");
    List<Via> vias = r.vias();
    assertThat(vias).hasSize(3);
    assertThat(vias.get(0).host()).isEqualTo("[2001:db8::9:1]");
    assertThat(vias.get(0).port()).isEqualTo(OptionalInt.of(6050));
    assertThat(vias.get(1).host()).isEqualTo("192.0.2.1");
    assertThat(vias.get(1).port()).isEmpty();
    assertThat(vias.get(1).branch()).contains("z9hG4bKjhja8781hjuaij65144");
    assertThat(vias.get(2).transport()).isEqualTo("TCP");
    assertThat(vias.get(2).host()).isEqualTo("[2001:db8::9:255]");
    assertThat(vias.get(2).received()).contains("192.0.2.200");
    assertThat(((SipUri) r.uri()).host()).isEqualTo("host.example.net");
    assertThat(r.to().orElseThrow().tag()).contains("9817--94");
  }

  @Test
  void sdpWithIpv4AndIpv6ConnectionLines() { // §4.8
    SipRequest r = request("mult-ip-in-sdp");
    assertThat(r.bodyLength()).isEqualTo(189);
    assertThat(r.bodyText()).contains("c=IN IP4 192.0.2.1\r\n").contains("c=IN IP6 2001:db8::1\r\n");
  }

  @Test
  void ipv4MappedAddresses() { // §4.9
    SipRequest r = request("ipv4-mapped-ipv6");
    List<Via> vias = r.vias();
    assertThat(vias.get(0).host()).isEqualTo("[::ffff:192.0.2.10]");
    assertThat(vias.get(0).port()).isEqualTo(OptionalInt.of(19823));
    assertThat(vias.get(1).host()).isEqualTo("[::ffff:192.0.2.2]");
    assertThat(vias.get(1).port()).isEmpty();
    Address contact = r.contacts().get(0);
    assertThat(contact.displayName()).contains("T. desk phone");
    assertThat(((SipUri) contact.uri()).host()).isEqualTo("[::ffff:192.0.2.2]");
    assertThat(r.bodyText()).contains("c=IN IP6 ::ffff:192.0.2.2\r\n");
  }

  @Test
  void threeColonReferenceIsToleratedAndKeptAsWritten() { // §4.10
    SipRequest bug = request("ipv6-bug-abnf-3-colons");
    assertThat(((SipUri) bug.uri()).host()).isEqualTo("[2001:db8:::192.0.2.1]");
    assertThat(((SipUri) bug.to().orElseThrow().uri()).host()).isEqualTo("[2001:db8:::192.0.2.1]");
    SipRequest correct = request("ipv6-correct-abnf-2-colons");
    assertThat(((SipUri) correct.uri()).host()).isEqualTo("[2001:db8::192.0.2.1]");
    assertThat(correct.header(HeaderName.CSEQ)).contains("689 OPTIONS");
  }

  @Test
  void printedContentLengthsFollowRfc3261Framing() {
    // RFC 5118 prints Content-Length 268 for §4.6 (body is 251 bytes): a datagram that ends
    // before its declared body is a 400 (RFC 3261 §18.3) ...
    byte[] longer = replace(data("ipv6-in-sdp"), "Content-Length: 251", "Content-Length: 268");
    assertThatThrownBy(() -> DEFAULT.parse(longer))
        .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.status()).isEqualTo(400));
    // ... and with 181 for §4.8 (body is 189 bytes) the extra bytes are discarded
    byte[] shorter = replace(data("mult-ip-in-sdp"), "Content-Length: 189", "Content-Length: 181");
    SipMessage m = DEFAULT.parse(shorter);
    assertThat(m.bodyLength()).isEqualTo(181);
    assertThatThrownBy(() -> DEFAULT.parseFramed(shorter, 0, shorter.length))
        .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  private static byte[] replace(byte[] data, String from, String to) {
    String s = new String(data, StandardCharsets.UTF_8);
    assertThat(s).contains(from);
    return s.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }
}
