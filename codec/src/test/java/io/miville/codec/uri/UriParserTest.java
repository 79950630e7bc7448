package io.miville.codec.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipParseException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URIs by the RFC 3261 §19.1 / §25.1 grammar, RFC 5118 IPv6 references and RFC 3966 tel URIs. */
class UriParserTest {

  private static SipUri sip(String text) {
    return (SipUri) Uri.parse(text);
  }

  private static void assertRejected(String text) {
    assertThatThrownBy(() -> Uri.parse(text))
        .as(text)
        .isInstanceOfSatisfying(SipParseException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.offset()).isBetween(0, text.length());
        });
  }

  @Nested
  class SipUris {
    @ParameterizedTest
    @ValueSource(strings = {
        // RFC 3261 §19.1.3 examples
        "sip:alice@atlanta.com",
        "sip:alice:secretword@atlanta.com;transport=tcp",
        "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
        "sip:+1-212-555-1212:1234@gateway.com;user=phone",
        "sips:1212@gateway.com",
        "sip:alice@192.0.2.4",
        "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
        "sip:alice;day=tuesday@atlanta.com",
        "sip:biloxi.com:5060;maddr=239.255.255.1;ttl=15",
        "sip:[2001:db8::10]:5070;lr",
        "sip:example.com.",
        "sip:a@b?x=",
    })
    void examplesWriteBackAsWritten(String text) {
      assertThat(Uri.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void partsAreSplitAsTheGrammarSays() {
      SipUri u = sip("sips:alice:secret@atlanta.com:5061;transport=TCP;lr?h=1&i=");
      assertThat(u.isSecure()).isTrue();
      assertThat(u.scheme()).isEqualTo("sips");
      assertThat(u.user()).contains("alice");
      assertThat(u.password()).contains("secret");
      assertThat(u.host()).isEqualTo("atlanta.com");
      assertThat(u.port()).isEqualTo(OptionalInt.of(5061));
      assertThat(u.transport()).contains("tcp");
      assertThat(u.isLooseRouting()).isTrue();
      assertThat(u.headers()).contains("h=1&i=");
      assertThat(u.withoutHeaders().toString()).isEqualTo("sips:alice:secret@atlanta.com:5061;transport=TCP;lr");
    }

    @Test
    void schemeIsCaseInsensitiveAndWrittenInLowerCase() {
      assertThat(Uri.parse("SIP:alice@Atlanta.COM").toString()).isEqualTo("sip:alice@Atlanta.COM");
      assertThat(Uri.parse("SIP:alice@Atlanta.COM")).isEqualTo(Uri.parse("sip:alice@atlanta.com"));
      assertThat(Uri.parse("sip:Alice@atlanta.com")).isNotEqualTo(Uri.parse("sip:alice@atlanta.com"));
    }

    @Test
    void escapesAreKeptAsWrittenAndDecodedOnRequest() {
      SipUri u = sip("sip:%61lice%20smith@atlanta.com");
      assertThat(u.user()).contains("%61lice%20smith");
      assertThat(u.decodedUser()).contains("alice smith");
      assertThat(sip("sip:%E2%82%AC@a.com").decodedUser()).contains("\u20ac");
      assertThat(sip("sip:a.com;x=%41%3b").params().get("x")).contains("%41%3b");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:a%2@b.com", "sip:a%zz@b.com", "sip:a%@b.com", "sip:b.com;x=%4", "sip:b.com;x=%", "sip:b.com?x=%4g",
        "sip:a b@c.com", "sip:a\"@c.com", "sip:a<@c.com",
    })
    void badEscapesAndCharactersAreRefused(String text) {
      assertRejected(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "sip", "sip:", ":a", "1sip:a", "s p:a", "sip:@b.com", "sip:b.com:", "sip:b.com:65536", "sip:b.com:5x",
        "sip:b.com;", "sip:b.com;=1", "sip:b.com;x=", "sip:b.com?", "sip:b.com?x", "sip:b.com?x=1&", "sip:b.com?=1",
        "sip:-b.com", "sip:b-.com", "sip:a..com", "sip:.com", "sip:a.123", "sip:1.2.3.256", "sip:1.2.3.4.5",
        "sip:a_b.com", "sip:a@", "sip:a@b.com>",
    })
    void malformedSipUrisAreRefused(String text) {
      assertRejected(text);
    }

    @Test
    void portBoundsAreRfc3261Ports() {
      assertThat(sip("sip:b.com:0").port()).isEqualTo(OptionalInt.of(0));
      assertThat(sip("sip:b.com:65535").port()).isEqualTo(OptionalInt.of(65535));
      assertThat(sip("sip:b.com").port()).isEmpty();
      assertThat(sip("sip:b.com").portOr(5060)).isEqualTo(5060);
    }

    @Test
    void createValidatesEveryPart() {
      assertThat(SipUri.create(true, "bob", "[::1]", 5061).toString()).isEqualTo("sips:bob@[::1]:5061");
      assertThat(SipUri.of("example.com").toString()).isEqualTo("sip:example.com");
      assertThatThrownBy(() -> SipUri.create(false, "b b", "example.com", -1)).isInstanceOf(SipParseException.class);
      assertThatThrownBy(() -> SipUri.create(false, null, "::1", -1)).isInstanceOf(SipParseException.class);
      assertThatThrownBy(() -> SipUri.of("example.com").withPort(65536)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Ipv6References {
    @ParameterizedTest
    @ValueSource(strings = {
        "::", "::1", "1::", "2001:db8::10", "2001:DB8:0:0:8:800:200C:417A", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8", "::ffff:192.0.2.1", "::192.0.2.1", "1:2:3:4:5:6:192.0.2.1", "fe80::1:2",
    })
    void validAddressesInBrackets(String address) {
      SipUri u = sip("sip:user@[" + address + "]:5060");
      assertThat(u.host()).isEqualTo("[" + address + "]");
      assertThat(u.port()).isEqualTo(OptionalInt.of(5060));
      assertThat(UriParser.isIpv6(address, 0, address.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4::5:6:7:8", "12345::", "g::1", "1:2",
        ":1::", "1::2:", "1:2:3:4:5:6:7:192.0.2.1", "::192.0.2.256", "::192.0.2", "192.0.2.1::", "::1.2.3.4:5",
        "2001:db8:::192.0.2", ":::::192.0.2.1",
    })
    void invalidAddressesAreRefused(String address) {
      assertThat(UriParser.isIpv6(address, 0, address.length())).as(address).isFalse();
      assertRejected("sip:[" + address + "]");
    }

    @Test
    void unbracketedOrUnterminatedReferencesAreRefused() {
      assertRejected("sip:2001:db8::10"); // RFC 5118 §4.2
      assertRejected("sip:[2001:db8::10");
      assertRejected("sip:[2001:db8::10]x");
      assertRejected("sip:2001:db8::10]");
    }

    @Test
    void aPortInsideTheBracketsIsPartOfTheAddress() {
      // RFC 5118 §4.3: well-formed, but 5070 is the last group, not a port
      SipUri u = sip("sip:[2001:db8::10:5070]");
      assertThat(u.host()).isEqualTo("[2001:db8::10:5070]");
      assertThat(u.port()).isEmpty();
      // §4.4: the port outside the brackets
      SipUri v = sip("sip:[2001:db8::10]:5070");
      assertThat(v.host()).isEqualTo("[2001:db8::10]");
      assertThat(v.port()).isEqualTo(OptionalInt.of(5070));
    }

    @Test
    void rfc3261ThreeColonFormBeforeAnIpv4AddressIsTolerated() {
      // RFC 5118 §4.10: RFC 3261's ABNF allows hexpart "::" followed by ":" IPv4address; tolerate it
      SipUri u = sip("sip:user@[2001:db8:::192.0.2.1]");
      assertThat(u.host()).isEqualTo("[2001:db8:::192.0.2.1]");
      assertThat(sip("sip:[:::192.0.2.1]").host()).isEqualTo("[:::192.0.2.1]");
      assertThat(sip("sip:[2001:db8::192.0.2.1]").host()).isEqualTo("[2001:db8::192.0.2.1]");
      // the extra colon only before an IPv4 address, and never with a full set of groups
      assertRejected("sip:[2001:db8:::10]");
      assertRejected("sip:[1:2:3:4:5:6:::192.0.2.1]");
    }
  }

  @Nested
  class TelUris {
    @ParameterizedTest
    @ValueSource(strings = {
        "tel:+1-201-555-0123", "tel:+12015550123;ext=42", "tel:7042;phone-context=example.com",
        "tel:863-1234;phone-context=+1-914-555", "tel:*21#;phone-context=example.com", "tel:+(33).1.23",
    })
    void validNumbersWriteBack(String text) {
      Uri u = Uri.parse(text);
      assertThat(u).isInstanceOf(TelUri.class);
      assertThat(u.toString()).isEqualTo(text);
    }

    @Test
    void globalAndLocalNumbers() {
      TelUri global = TelUri.of("+1-201-555-0123");
      assertThat(global.isGlobal()).isTrue();
      assertThat(global.number()).isEqualTo("+1-201-555-0123");
      TelUri local = (TelUri) Uri.parse("TEL:7042;phone-context=example.com");
      assertThat(local.isGlobal()).isFalse();
      assertThat(local.scheme()).isEqualTo("tel");
      assertThat(local.params().get("phone-context")).contains("example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:", "tel:+", "tel:+--", "tel:+(.)", "tel:--", "tel:12 3", "tel:123;", "tel:123;=4",
        "tel:123;x=", "tel:+12a"})
    void malformedNumbersAreRefused(String text) {
      // RFC 3966 §3: a number holds at least one digit (or, if local, a hex digit, "*" or "#")
      assertRejected(text);
    }
  }

  @Nested
  class AbsoluteUris {
    @ParameterizedTest
    @ValueSource(strings = {
        "http://www.example.com/a/b?c=d", "urn:service:sos", "mailto:alice@atlanta.com", "im:alice@atlanta.com",
        "soap.beep://x.example.com", "isbn:0-13-140638-1", "h323:a%40b",
    })
    void otherSchemesAreKeptAsWritten(String text) {
      Uri u = Uri.parse(text);
      assertThat(u).isInstanceOf(AbsoluteUri.class);
      assertThat(u.toString()).isEqualTo(text);
      assertThat(((AbsoluteUri) u).schemeSpecificPart()).isEqualTo(text.substring(text.indexOf(':') + 1));
    }

    @Test
    void schemeIsLowerCased() {
      assertThat(Uri.parse("HTTP://a.example").scheme()).isEqualTo("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:", "http:a b", "http:%G1", "http:%4", "http:a\"b", "http:a<b", "ht_tp:x", "+x:y"})
    void malformedAbsoluteUrisAreRefused(String text) {
      assertRejected(text);
    }
  }
}
