package io.miville.codec.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipParseException;
import io.miville.codec.SipVersion;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** name-addr and addr-spec (RFC 3261 §20.10, §20.20, §20.39, §25.1) and the Contact wildcard. */
class AddressTest {

  private static Address to(String text) {
    return SipHeaders.TO.parse(text);
  }

  private static List<Address> contacts(String text) {
    return SipHeaders.CONTACT.parseLine(text, SipVersion.SIP_2_0);
  }

  @Test
  void parametersAfterAnAddrSpecBelongToTheHeader() {
    // RFC 3261 §20.10: without < >, parameters after the URI are header parameters
    Address a = contacts("sip:alice@atlanta.com;expires=60;q=0.5").get(0);
    assertThat(a.isBracketed()).isFalse();
    assertThat(((SipUri) a.uri()).params().isEmpty()).isTrue();
    assertThat(a.expires()).isEqualTo(OptionalLong.of(60));
    assertThat(a.q()).isEqualTo(OptionalDouble.of(0.5));
    assertThat(a.toString()).isEqualTo("<sip:alice@atlanta.com>;expires=60;q=0.5");
  }

  @Test
  void parametersInsideTheBracketsBelongToTheUri() {
    Address a = to("<sip:alice@atlanta.com;transport=tcp>;tag=88sja8x");
    assertThat(((SipUri) a.uri()).transport()).contains("tcp");
    assertThat(a.tag()).contains("88sja8x");
    assertThat(a.params().size()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sip:alice@atlanta.com?subject=x", "sip:a@b,sip:c@d", "<sip:a@b", "sip:a@b>", "<>", "\"a\"",
      "\"a\" sip:a@b", "a b", "<sip:a@b> x", "<sip:a@b>;tag", "<sip:a@b>;tag=a b", "<sip:a@b>;tag=\"x\"", "*",
      "\"unterminated <sip:a@b>", "<sip:a@b>;", "<sip:a@b>;=1", "<sip:a b@c>", "\u00e9 <sip:a@b>"})
  void malformedOrAmbiguousAddressesAreRefused(String text) {
    assertThatThrownBy(() -> to(text)).as(text).isInstanceOf(SipParseException.class);
  }

  @Test
  void displayNames() {
    assertThat(to("Bob <sip:bob@biloxi.com>").displayName()).contains("Bob");
    assertThat(to("Bob  Q.  Smith <sip:bob@biloxi.com>").rawDisplayName()).contains("Bob  Q.  Smith");
    assertThat(to("\"Bob \\\"the\\\" \\\\ Builder\" <sip:bob@biloxi.com>").displayName()).contains("Bob \"the\" \\ Builder");
    assertThat(to("\"\" <sip:bob@biloxi.com>").displayName()).contains("");
    assertThat(to("\"Caf\u00e9 \u2615\"<sip:bob@biloxi.com>").displayName()).contains("Caf\u00e9 \u2615");
    assertThat(to("<sip:bob@biloxi.com>").displayName()).isEmpty();
    Address built = Address.of("Bob \"the\" \\ Builder", Uri.parse("sip:bob@biloxi.com"));
    assertThat(built.toString()).isEqualTo("\"Bob \\\"the\\\" \\\\ Builder\" <sip:bob@biloxi.com>");
    assertThat(to(built.toString())).isEqualTo(built);
  }

  @Test
  void otherUriSchemesInAddresses() {
    assertThat(to("<tel:+1-201-555-0123>;tag=1").uri().scheme()).isEqualTo("tel");
    assertThat(to("tel:+1-201-555-0123;tag=1").tag()).contains("1");
    assertThat(to("<http://example.com/a;b?c>").uri().toString()).isEqualTo("http://example.com/a;b?c");
  }

  @Test
  void wildcardOnlyInContactAndOnlyAlone() {
    assertThat(contacts("*")).containsExactly(Address.wildcard());
    assertThat(contacts("  *  ").get(0).isWildcard()).isTrue();
    assertThat(Address.wildcard().toString()).isEqualTo("*");
    assertThatThrownBy(() -> Address.wildcard().uri()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Address.wildcard().withTag("x")).isInstanceOf(IllegalStateException.class);
    // RFC 3261 §20.10: Contact = ( STAR / (contact-param *(COMMA contact-param)) )
    for (String bad : new String[] {"*, <sip:a@b>", "<sip:a@b>, *", "*;expires=0", "* *", "*,*"}) {
      assertThatThrownBy(() -> contacts(bad)).as(bad).isInstanceOf(SipParseException.class);
    }
    assertThatThrownBy(() -> SipHeaders.ROUTE.parse("*")).isInstanceOf(SipParseException.class);
  }

  @Test
  void routeNeedsNameAddr() { // RFC 3261 §25.1 route-param = name-addr
    assertThat(SipHeaders.ROUTE.parseLine("<sip:p1.example.com;lr>, \"P2\" <sip:p2.example.com;lr>", SipVersion.SIP_2_0))
        .hasSize(2);
    assertThatThrownBy(() -> SipHeaders.ROUTE.parse("sip:p1.example.com;lr")).isInstanceOf(SipParseException.class);
    assertThatThrownBy(() -> SipHeaders.RECORD_ROUTE.parse("sip:p1.example.com")).isInstanceOf(SipParseException.class);
  }

  @Test
  void contactParameterValuesAreChecked() {
    assertThat(contacts("<sip:a@b>;q=1.000;expires=4294967296").get(0).expires()).isEqualTo(OptionalLong.of(4294967295L));
    for (String bad : new String[] {"<sip:a@b>;q=1.5", "<sip:a@b>;q=0.1234", "<sip:a@b>;q=2", "<sip:a@b>;q",
        "<sip:a@b>;expires=-1", "<sip:a@b>;expires=x", "<sip:a@b>;expires"}) {
      assertThatThrownBy(() -> contacts(bad)).as(bad).isInstanceOf(SipParseException.class);
    }
  }

  @Test
  void tagsAreTokens() {
    Address a = Address.of(Uri.parse("sip:a@b")).withTag("a-b.c!%*_+`'~");
    assertThat(to(a.toString()).tag()).contains("a-b.c!%*_+`'~");
    assertThatThrownBy(() -> a.withTag("a b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.withTag("")).isInstanceOf(IllegalArgumentException.class);
  }
}
