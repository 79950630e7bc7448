package io.miville.codec.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipVersion;
import io.miville.codec.header.HeaderType;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.internal.Cursor;
import io.miville.codec.uri.UriParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The parser's shortcuts agree with the plain way on every input, valid or not: hosts scanned
 * eight bytes at a time with the two-pass scan of hostname then IPv4, byte searches eight at a
 * time with a plain loop, and header lines only checked while reading with the same lines
 * parsed (same values, or the same failure at the same offset).
 */
class ShortcutEquivalenceTest {
  private static final SipParser PARSER = SipParser.create();

  @Provide
  Arbitrary<String> hostish() {
    // the chars a host scan cares about, and some that end or spoil a host
    return Arbitraries.strings().withChars("aZ09.-.-.:;>_ \u00e9[]").ofMinLength(0).ofMaxLength(40)
        .edgeCases(c -> c.add("a.b.c").add("a..b").add("-a.b").add("a-.b").add("a.").add(".").add("1.2.3.4")
            .add("192.0.2.1.").add("a.1").add("ab-cd.example.com").add("x123456789.example.com."));
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
  void hostScanAgreesWithTheTwoPassScan(@ForAll("hostish") String text, @ForAll @IntRange(max = 9) int prefix) {
    String padded = "<".repeat(prefix) + text + ";x";
    int start = prefix;
    int end = prefix + text.length() + (text.length() % 3 == 0 ? 2 : 0); // sometimes past the host
    Object expected = outcome(() -> referenceScanHost(padded, start, end));
    Object actual = outcome(() -> UriParser.scanHost(padded, start, end));
    assertThat(actual).as("scanHost(\"%s\", %d, %d)", padded, start, end).isEqualTo(expected);
    // over bytes, as the message parser reads values
    byte[] bytes = padded.getBytes(StandardCharsets.ISO_8859_1);
    Object fromBytes = outcome(() -> UriParser.scanHost(Cursor.ofLatin1(bytes, 0, bytes.length), start, end));
    assertThat(fromBytes).isEqualTo(expected);
  }

  @Property(tries = 1000)
  void byteSearchAgreesWithALoop(@ForAll("hostish") String text, @ForAll @IntRange(max = 5) int from) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    Cursor c = Cursor.ofLatin1(bytes, 0, bytes.length);
    for (char ch : new char[] {'.', '-', ':', '>', ']', 'a'}) {
      int expected = -1;
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == ch) {
          expected = i;
          break;
        }
      }
      assertThat(c.indexOf(ch, Math.min(from, bytes.length))).as("%s in %s", ch, text).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<String> damagedValues() {
    List<String> seeds = List.of(
        "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport",
        "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds10;received=192.0.2.1;rport=5060;ttl=16;maddr=x.example",
        "SIP/2.0/TCP [2001:db8::9:1];branch=z9hG4bK1;received=[2001:db8::9:255] , SIP/2.0/UDP a.b;branch=\"q\"",
        "Alice <sip:alice@atlanta.example.com>;tag=1928301774",
        "\"Bob \\\"B\\\"\" <sips:bob:pw@biloxi.example.com:5061;transport=tls?subject=x&a=b>;q=0.5;expires=300",
        "<sip:server10.biloxi.example.com;lr>, <sip:bigbox3.site3.atlanta.example.com;lr>",
        "sip:carol@chicago.example.com;tag=8;expires=60, tel:+1-555-0100;phone-context=x, <urn:service:sos>",
        "*",
        "INVITE, ACK, CANCEL, OPTIONS, BYE, REFER",
        "replaces, timer , 100rel",
        "Clean-proxy Flushed-proxy Stall-proxy Paper Sani-Shield",
        "Male, Female, Bano-Familiar + Handicapable",
        "Resources-low |+ No-Shield | Malodor, Temperature 110F",
        "Normal | Urgent | Bursting | Too-Late");
    return Arbitraries.of(seeds).flatMap(seed -> Arbitraries.integers().between(0, 3).flatMap(n -> damage(seed, n)));
  }

  private static Arbitrary<String> damage(String seed, int edits) {
    Arbitrary<String> out = Arbitraries.just(seed);
    for (int i = 0; i < edits; i++) {
      out = out.flatMap(s -> Arbitraries.integers().between(0, s.length()).flatMap(at -> Arbitraries.of(
          " ", "\t", ",", ";", "=", "<", ">", "\"", "\\", "@", ":", "[", "]", ".", "-", "*", "?", "x", "Z", "9", "",
          "\u00e9").flatMap(ch -> Arbitraries.of(0, 1).map(kind -> kind == 0 || at == s.length()
              ? s.substring(0, at) + ch + s.substring(at)
              : s.substring(0, at) + ch + s.substring(at + 1)))));
    }
    return out;
  }

  @Property(tries = 3000)
  void checkingALineFailsAsParsingItDoes(@ForAll("damagedValues") String value) {
    for (HeaderType<?> type : List.of(SipHeaders.VIA, SipHeaders.CONTACT, SipHeaders.ROUTE, SipHeaders.RECORD_ROUTE,
        SipHeaders.ALLOW, SipHeaders.SUPPORTED, SipHeaders.REQUIRE)) {
      assertThat(type.checksWithoutBuilding()).isTrue();
      Object parsed = outcome(() -> {
        type.parseLine(value, SipVersion.SIP_2_0);
        return "ok";
      });
      Object checked = outcome(() -> {
        type.checkLine(new Cursor(value), SipVersion.SIP_2_0);
        return "ok";
      });
      assertThat(checked).as("%s: %s", type, value).isEqualTo(parsed);
    }
  }

  @Property(tries = 2000)
  void checkingAPisLineFailsAsParsingItDoes(@ForAll("damagedValues") String value) {
    for (HeaderType<?> type : List.of(PisHeaders.REQUIRES, PisHeaders.PREFERENCES, PisHeaders.URGENCY,
        PisHeaders.INFO, PisHeaders.TYPE, PisHeaders.FORBIDDEN, PisHeaders.WATER_STATE)) {
      assertThat(type.checksWithoutBuilding()).isTrue();
      Object parsed = outcome(() -> {
        type.parseLine(value, SipVersion.PIS_1_0);
        return "ok";
      });
      Object checked = outcome(() -> {
        type.checkLine(new Cursor(value), SipVersion.PIS_1_0);
        return "ok";
      });
      assertThat(checked).as("%s: %s", type, value).isEqualTo(parsed);
    }
  }

  @Property(tries = 1500)
  void valuesOfCheckedLinesAreThoseOfParsedLines(@ForAll("damagedValues") String value) {
    String message = "OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP top.example.com;branch=z9hG4bKa\r\n"
        + "Via: " + value + "\r\nContact: " + value + "\r\nRoute: " + value + "\r\nRecord-Route: " + value
        + "\r\nAllow: " + value + "\r\nSupported: " + value + "\r\n\r\n";
    SipMessage m;
    try {
      m = PARSER.parse(message);
    } catch (SipParseException e) {
      return; // some header refused it: the check above compares failures
    }
    assertThat(m.vias()).hasSize(1 + SipHeaders.VIA.parseLine(value, SipVersion.SIP_2_0).size());
    assertThat(m.vias().subList(1, m.vias().size())).isEqualTo(SipHeaders.VIA.parseLine(value, SipVersion.SIP_2_0));
    assertThat(m.contacts()).isEqualTo(SipHeaders.CONTACT.parseLine(value, SipVersion.SIP_2_0));
    assertThat(m.headers(SipHeaders.ROUTE)).isEqualTo(SipHeaders.ROUTE.parseLine(value, SipVersion.SIP_2_0));
    assertThat(m.headers(SipHeaders.RECORD_ROUTE)).isEqualTo(SipHeaders.RECORD_ROUTE.parseLine(value, SipVersion.SIP_2_0));
    assertThat(m.headers(SipHeaders.ALLOW)).isEqualTo(SipHeaders.ALLOW.parseLine(value, SipVersion.SIP_2_0));
    assertThat(m.headers(SipHeaders.SUPPORTED)).isEqualTo(SipHeaders.SUPPORTED.parseLine(value, SipVersion.SIP_2_0));
  }

  /** The value, or the failure as offset, status and reason (any other exception as itself). */
  private static Object outcome(java.util.concurrent.Callable<Object> run) {
    try {
      return run.call();
    } catch (SipParseException e) {
      return "fail@" + e.offset() + "/" + e.status() + "/" + e.reason();
    } catch (Exception e) {
      return e;
    }
  }

  // ---- the plain host scan: the run of host chars, then hostname, else IPv4 ----

  private static int referenceScanHost(String s, int start, int end) {
    if (start < end && s.charAt(start) == '[') {
      return UriParser.scanHost(s, start, end); // IPv6 references take the same path either way
    }
    int pos = start;
    while (pos < end) {
      char c = s.charAt(pos);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
        pos++;
      } else {
        break;
      }
    }
    if (!isHostname(s, start, pos) && !isIpv4(s, start, pos)) {
      throw SipParseException.badRequest(start, "bad host");
    }
    return pos;
  }

  /** hostname = *( domainlabel "." ) toplabel [ "." ], RFC 3261 §25.1. */
  private static boolean isHostname(String s, int start, int end) {
    if (start >= end) {
      return false;
    }
    String host = s.substring(start, end);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
    }
    return Character.isLetter(labels[labels.length - 1].charAt(0));
  }

  private static boolean isIpv4(String s, int start, int end) {
    String[] parts = s.substring(start, end).split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
