package io.miville.codec.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.codec.header.Warning;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A builder never writes what the parser would refuse or read differently: no header
 * injection through CR/LF in any value, control characters only where a quoted-pair may carry
 * them, and no Request-URI headers.
 */
class BuilderValidationTest {
  private static final SipParser PARSER = SipParser.create();
  private static final Uri BOB = Uri.parse("sip:bob@example.com");

  private static SipRequest.Builder request() {
    return SipRequest.builder(SipMethod.OPTIONS, BOB);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x\r\nVia: SIP/2.0/UDP evil", "x\nEvil: 1", "x\rEvil: 1"})
  void lineBreaksInTypedValuesAreRefused(String hostile) {
    assertThatThrownBy(() -> request().header(SipHeaders.FROM, Address.of(hostile, BOB)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request().header(SipHeaders.TO, Address.of(BOB).withParam("x", hostile)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request().header(SipHeaders.VIA,
        Via.create("UDP", "h.example.com", -1, "z9hG4bK1").withParam("x", hostile)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request().set(SipHeaders.CONTENT_TYPE, MediaType.TEXT_PLAIN.withParam("x", hostile)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request().header(SipHeaders.TO, Address.of((SipUri) BOB).withParams(
        io.miville.codec.header.Parameters.of("tag", "1", "y", hostile))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SipResponse.builder(499).header(SipHeaders.WARNING, Warning.of(399, "h", hostile)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0001b", "a\u0000b", "a\u007fb", "a\u001bb", "a\rb", "a\nb", "a\ud800b", "a\udc00"})
  void controlCharactersAndBrokenUnicodeInRawValuesAreRefused(String value) {
    assertThatThrownBy(() -> request().header("Subject", value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request().set(HeaderName.SUBJECT, value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SipResponse.builder(200).reason(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tabsAndUnicodeTextAreKept() {
    SipRequest r = request().header("Subject", "caf\u00e9\tau lait \ud83d\ude00").build();
    assertThat(PARSER.parse(r.encode()).header(HeaderName.SUBJECT)).contains("caf\u00e9\tau lait \ud83d\ude00");
    SipResponse s = SipResponse.builder(200).reason("D\u00e9j\u00e0\tvu").build();
    assertThat(((SipResponse) PARSER.parse(s.encode())).reason()).isEqualTo("D\u00e9j\u00e0\tvu");
  }

  @Test
  void controlCharactersInQuotedStringsTravelAsQuotedPairs() {
    // RFC 3261 §25.1: quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
    String name = "bell\u0007 del\u007f nul\u0000 \"quoted\" back\\slash";
    SipRequest r = request().header(SipHeaders.FROM, Address.of(name, BOB).withTag("1"))
        .header(SipHeaders.WARNING, Warning.of(399, "example.com", name)).build();
    SipRequest back = (SipRequest) PARSER.parse(r.encode());
    assertThat(back).isEqualTo(r);
    assertThat(back.from().orElseThrow().displayName()).contains(name);
    assertThat(back.header(SipHeaders.WARNING).orElseThrow().text()).isEqualTo(name);
    assertThatThrownBy(() -> Address.of("a\r\nb", BOB)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestUriHeadersAreRefused() {
    // RFC 3261 §19.1.1: headers are not allowed in a Request-URI
    Uri withHeaders = Uri.parse("sip:bob@example.com?Subject=hi");
    assertThatThrownBy(() -> SipRequest.builder(SipMethod.INVITE, withHeaders))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> request().uri(withHeaders)).isInstanceOf(IllegalArgumentException.class);
    SipRequest ok = SipRequest.builder(SipMethod.INVITE, ((SipUri) withHeaders).withoutHeaders()).build();
    assertThat(PARSER.parse(ok.encode())).isEqualTo(ok);
  }
}
