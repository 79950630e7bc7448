package io.miville.codec.pis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipVersion;
import io.miville.codec.SipWriter;
import io.miville.codec.SipWriter.Form;
import io.miville.codec.header.HeaderRegistry;
import io.miville.codec.header.HeaderType;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.uri.Uri;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The typed PIS headers: list syntax, open vocabularies, canonical form, errors. */
class PisHeadersTest {
  private static final SipParser PARSER = SipParser.create();

  private static SipMessage seekWith(String headerLine) {
    return PARSER.parse("PIS/1.0 SEEK\r\nTo: rc@latrine1.loo.com\r\nFrom: ua@latrine1.loo.com\r\n" + headerLine + "\r\n\r\n");
  }

  // ---- §2.1 header examples that are not whole messages ----

  @Test
  void paperRefinementsMeetAPaperRequirementButNotTheOtherWayRound() {
    List<ProxyAttribute> refined = PisHeaders.REQUIRES.parse("Paper-Soft Paper-WholeRoll Paper-Charman");
    assertThat(refined).containsExactly(ProxyAttribute.PAPER_SOFT, ProxyAttribute.PAPER_WHOLEROLL,
        ProxyAttribute.PAPER_CHARMAN);
    for (ProxyAttribute a : refined) {
      assertThat(a.refines()).contains(ProxyAttribute.PAPER);
      assertThat(a.satisfies(ProxyAttribute.PAPER)).isTrue();
      assertThat(ProxyAttribute.PAPER.satisfies(a)).isFalse();
    }
    assertThat(ProxyAttribute.PAPER_SOFT.satisfies(ProxyAttribute.PAPER_CHARMAN)).isFalse();
    assertThat(ProxyAttribute.allSatisfied(List.of(ProxyAttribute.PAPER, ProxyAttribute.CLEAN_PROXY),
        List.of(ProxyAttribute.CLEAN_PROXY, ProxyAttribute.PAPER_SOFT))).isTrue();
    assertThat(ProxyAttribute.allSatisfied(List.of(ProxyAttribute.PAPER_SOFT), List.of(ProxyAttribute.PAPER))).isFalse();
  }

  @Test
  void localTermsForTheSaniShieldMeanTheSaniShield() {
    List<ProxyAttribute> local = PisHeaders.REQUIRES.parse("Wax-gasket But-gasket Rump-protector Horse-Collar");
    assertThat(local).hasSize(4).allMatch(PisTerm::isKnown);
    for (ProxyAttribute a : local) {
      assertThat(a).isNotEqualTo(ProxyAttribute.SANI_SHIELD);
      assertThat(a.canonical()).isSameAs(ProxyAttribute.SANI_SHIELD);
      assertThat(a.means(ProxyAttribute.SANI_SHIELD)).isTrue();
      // a proxy with a wax gasket meets a Sani-Shield requirement, and the other way round
      assertThat(a.satisfies(ProxyAttribute.SANI_SHIELD)).isTrue();
      assertThat(ProxyAttribute.SANI_SHIELD.satisfies(a)).isTrue();
    }
    assertThat(ProxyAttribute.WAX_GASKET.satisfies(ProxyAttribute.PAPER)).isFalse();
  }

  @Test
  void digYourOwnProxyRequiresASpade() {
    assertThat(seekWith("Requires: Spade").header(PisHeaders.REQUIRES)).contains(List.of(ProxyAttribute.SPADE));
  }

  // ---- list syntax ----

  @Test
  void requiresIsSplitAtWhiteSpaceCommasAndALonePlus() {
    assertThat(PisHeaders.REQUIRES.parse("Male, Female, Bano-Familiar + Handicapable"))
        .containsExactly(ProxyAttribute.MALE, ProxyAttribute.FEMALE, ProxyAttribute.BANO_FAMILIAR,
            ProxyAttribute.HANDICAPABLE);
    assertThat(PisHeaders.REQUIRES.parse("Paper\t Spade|Male,Female"))
        .containsExactly(ProxyAttribute.PAPER, ProxyAttribute.SPADE, ProxyAttribute.MALE, ProxyAttribute.FEMALE);
    // a + inside a word is part of it
    assertThat(PisHeaders.REQUIRES.parse("Paper+Spade")).containsExactly(ProxyAttribute.of("Paper+Spade"));
  }

  @Test
  void phraseListsKeepInnerSpacesAndTreatPipePlusAsOneSeparator() {
    assertThat(PisHeaders.INFO.parse("Resources-low |+ No-Shield|+No-Paper , Temperature  110F|Malodor"))
        .extracting(InfoItem::name)
        .containsExactly("Resources-low", "No-Shield", "No-Paper", "Temperature  110F", "Malodor");
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '#', textBlock = """
      Stall || Urinal        # 7
      | Stall                # 0
      Stall |                # 7
      Stall , , Urinal       # 8
      Stall |+ |+ Urinal     # 9
      """)
  void emptyItemsAreRefusedWhereTheyAre(String value, int offset) {
    assertThatThrownBy(() -> PisHeaders.TYPE.parse(value))
        .isInstanceOfSatisfying(SipParseException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.offset()).isEqualTo(offset);
        });
  }

  @Test
  void anEmptyListIsRefused() {
    assertThatThrownBy(() -> PisHeaders.URGENCY.parse("   ")).isInstanceOf(SipParseException.class);
    assertThatThrownBy(() -> seekWith("Urgency:")).isInstanceOf(SipParseException.class);
  }

  @Test
  void aWordStartingWithPlusIsRefusedAtTheWord() {
    assertThatThrownBy(() -> PisHeaders.INFO.parse("Malodor | +Plugged"))
        .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.offset()).isEqualTo(10));
  }

  // ---- open vocabularies ----

  @Test
  void knownWordsMatchInAnyCaseAndAreWrittenAsTheDraftSpellsThem() {
    List<ProxyType> types = PisHeaders.TYPE.parse("line-URINAL | pizwah|HEAD");
    assertThat(types).containsExactly(ProxyType.LINE_URINAL, ProxyType.PIZWAH, ProxyType.HEAD);
    assertThat(types.get(0)).isSameAs(ProxyType.LINE_URINAL);
    assertThat(PisHeaders.TYPE.format(types)).isEqualTo("Line-urinal | Pizwah | Head");
  }

  @Test
  void unknownWordsParseAndRoundTripAsWritten() {
    SipMessage m = seekWith("Type: Space-Station-Toilet | stall | Orbital Loo");
    List<ProxyType> types = m.header(PisHeaders.TYPE).orElseThrow();
    assertThat(types).extracting(PisTerm::name).containsExactly("Space-Station-Toilet", "Stall", "Orbital Loo");
    assertThat(types).extracting(PisTerm::isKnown).containsExactly(false, true, false);
    assertThat(types.get(0)).isEqualTo(ProxyType.of("SPACE-STATION-TOILET"));
    assertThat(types.get(0).isMultiUser()).isFalse();
    SipMessage again = PARSER.parse(SipWriter.encode(m, Form.SHORT, true));
    assertThat(again.header(PisHeaders.TYPE)).contains(types);
    assertThat(again.header(io.miville.codec.HeaderName.TYPE)).contains("Space-Station-Toilet | Stall | Orbital Loo");
  }

  @Test
  void everyHeaderHasItsCanonicalSeparator() {
    assertThat(PisHeaders.REQUIRES.format(PisHeaders.REQUIRES.parse("Male, Female + Spade"))).isEqualTo("Male Female Spade");
    assertThat(PisHeaders.PREFERENCES.format(PisHeaders.PREFERENCES.parse("clean no-graffiti"))).isEqualTo("clean, no-graffiti");
    assertThat(PisHeaders.INFO.format(PisHeaders.INFO.parse("Malodor, Plugged"))).isEqualTo("Malodor | Plugged");
    assertThat(PisHeaders.WATER_STATE.format(PisHeaders.WATER_STATE.parse("hot|cold"))).isEqualTo("Hot, Cold");
    assertThat(PisHeaders.FORBIDDEN.format(List.of(Activity.EATING, Activity.of("Singing loudly"))))
        .isEqualTo("eating, Singing loudly");
  }

  @Test
  void wordsOfAWordListMayNotHoldWhiteSpace() {
    HeaderType<List<ProxyAttribute>> requires = PisHeaders.REQUIRES;
    assertThat(requires.parse("Soft Paper")).hasSize(2);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> ProxyAttribute.of("Soft Paper"));
    assertThat(InfoItem.of("Soft Paper").name()).isEqualTo("Soft Paper");
  }

  @Test
  void planetIsAListOfBodiesOpenToTheWholeSystem() {
    assertThat(PisHeaders.PLANET.parse("Earth, Moon, Mars"))
        .containsExactly(Planet.EARTH, Planet.MOON, Planet.MARS);
    Planet europa = PisHeaders.PLANET.parse("Europa").get(0);
    assertThat(europa.isKnown()).isFalse();
    assertThat(europa.name()).isEqualTo("Europa");
  }

  // ---- single-valued headers ----

  @Test
  void tidIsANumberOfUpToEighteenDigits() {
    assertThat(PisHeaders.TID.parse("123456789012345678")).isEqualTo(123456789012345678L);
    assertThatThrownBy(() -> PisHeaders.TID.parse("1234567890123456789")).isInstanceOf(SipParseException.class);
    assertThatThrownBy(() -> PisHeaders.TID.parse("one")).isInstanceOf(SipParseException.class);
  }

  @Test
  void textHeadersKeepTheWholeLine() {
    assertThat(PisHeaders.INFO_TEXT.parse("  Don't be a lush.  ")).isEqualTo("Don't be a lush.");
    assertThat(PisHeaders.CURRENTLY_NEAR_TO.parse("Café du Monde, 800 Decatur St")).isEqualTo("Café du Monde, 800 Decatur St");
  }

  // ---- the parser validates PIS headers while reading ----

  @Test
  void theParserRefusesABadLocationAtItsOffset() {
    // no space after the colon: SipParser counts value offsets from the colon, not from the trimmed value
    String head = "PIS/1.0 SEEK\r\nTo: rc@latrine1.loo.com\r\nGeo-spatial-position:29.9, ";
    String text = head + "-190.5\r\n\r\n";
    assertThatThrownBy(() -> PARSER.parse(text)).isInstanceOfSatisfying(SipParseException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.offset()).isEqualTo(head.length());
      assertThat(e.reason()).doesNotContain("190");
    });
  }

  @Test
  void everyPisHeaderIsRegisteredForTheParser() {
    for (HeaderType<?> t : List.of(PisHeaders.REQUIRES, PisHeaders.URGENCY, PisHeaders.INFO, PisHeaders.TYPE,
        PisHeaders.FORBIDDEN, PisHeaders.HOW, PisHeaders.TID, PisHeaders.INFO_TEXT, PisHeaders.WATER_STATE,
        PisHeaders.WATER_STATUS, PisHeaders.HANDLE_METHOD, PisHeaders.SOAP, PisHeaders.DRYER_TYPE,
        PisHeaders.DRYER_STATE, PisHeaders.RECOMMEND, PisHeaders.PLANET, PisHeaders.GEO_SPATIAL_POSITION,
        PisHeaders.IMPLEMENTATION_SPECIFIC_POSITION, PisHeaders.CURRENTLY_NEAR_TO, PisHeaders.VELOCITY,
        PisHeaders.PREFERENCES)) {
      assertThat(HeaderRegistry.standard(t.name())).contains(t);
    }
  }

  // ---- building messages with typed values ----

  @Test
  void aBuiltLocationSeekReadsBackTheSameValues() {
    SipRequest seek = SipRequest.builder(SipMethod.SEEK, Uri.parse("sip:rc@latrine1.loo.com"))
        .version(SipVersion.PIS_1_0)
        .header("To", "<sip:rc@latrine1.loo.com>")
        .header(PisHeaders.URGENCY, List.of(Urgency.BURSTING))
        .header(PisHeaders.PLANET, List.of(Planet.MARS))
        .header(PisHeaders.GEO_SPATIAL_POSITION, GeoPosition.of(-4.5895, 137.4417, -4500))
        .header(PisHeaders.IMPLEMENTATION_SPECIFIC_POSITION, BuildingPosition.of("Hab 1, Gale Crater"))
        .header(PisHeaders.VELOCITY, Velocity.of(0.04, SpeedUnit.METERS_PER_SECOND, 315))
        .header(PisHeaders.REQUIRES, List.of(ProxyAttribute.SANI_SHIELD, ProxyAttribute.of("Oxygen")))
        .header(PisHeaders.TYPE, List.of(ProxyType.of("Zero-G-Commode")))
        .build();
    for (Form form : Form.values()) {
      SipMessage m = PARSER.parse(SipWriter.encode(seek, form, false));
      assertThat(m).isEqualTo(seek);
      assertThat(m.header(PisHeaders.URGENCY)).contains(List.of(Urgency.BURSTING));
      assertThat(m.header(PisHeaders.PLANET)).contains(List.of(Planet.MARS));
      assertThat(m.header(PisHeaders.GEO_SPATIAL_POSITION)).contains(GeoPosition.of(-4.5895, 137.4417, -4500));
      assertThat(m.header(PisHeaders.IMPLEMENTATION_SPECIFIC_POSITION)).contains(BuildingPosition.of("Hab 1, Gale Crater"));
      assertThat(m.header(PisHeaders.VELOCITY)).contains(Velocity.of(0.04, SpeedUnit.METERS_PER_SECOND, 315));
      assertThat(m.header(PisHeaders.REQUIRES)).contains(List.of(ProxyAttribute.SANI_SHIELD, ProxyAttribute.of("oxygen")));
      assertThat(m.header(PisHeaders.TYPE).orElseThrow().get(0).name()).isEqualTo("Zero-G-Commode");
    }
    assertThat(seek.toString()).contains("Implementation-Specific-Position: \"Hab 1, Gale Crater\"\r\n");
  }
}
