package io.miville.codec.pis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipVersion;
import io.miville.codec.SipWriter;
import io.miville.codec.SipWriter.Form;
import io.miville.codec.StatusCodes;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Warning;
import io.miville.codec.uri.SipUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message example of draft-pis-00 (test resources pis-draft/) parses, reads as the draft
 * means, and round-trips through the short, standard and canonical forms.
 */
class PisDraftExamplesTest {
  private static final SipParser PARSER = SipParser.create();

  static Path folder() {
    try {
      return Path.of(PisDraftExamplesTest.class.getResource("/pis-draft").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(folder())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sip")).sorted().toList().stream();
    }
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(folder().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SipMessage parse(String name) {
    return PARSER.parse(bytes(name));
  }

  // ---- every file ----

  @Test
  void theFolderHoldsEveryExampleAndItsReadmeNamesEachFile() throws IOException {
    String readme = Files.readString(folder().resolve("README.md"));
    List<String> files = examples().toList();
    assertThat(files).hasSize(17);
    for (String f : files) {
      assertThat(readme).as("README line for %s", f).contains("`" + f + "`");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void linesEndWithCrlfAndTheHeaderSectionEnds(String name) {
    String text = new String(bytes(name), StandardCharsets.US_ASCII);
    assertThat(text).endsWith("\r\n\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void parsesAsShortFormPis(String name) {
    SipMessage m = parse(name);
    assertThat(m.version()).isEqualTo(SipVersion.PIS_1_0);
    assertThat(m.bodyLength()).isZero();
    if (m instanceof SipRequest r) {
      assertThat(r.isShortForm()).isTrue();
      assertThat(r.method().isPis()).isTrue();
      // the target of the short form is the To address, which gets an implied sip: scheme
      assertThat(r.uri()).isEqualTo(r.to().orElseThrow().uri());
      assertThat(r.uri()).isInstanceOf(SipUri.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void roundTripsThroughTheShortForm(String name) {
    SipMessage m = parse(name);
    SipMessage again = PARSER.parse(SipWriter.encode(m, Form.SHORT, false));
    assertThat(again).isEqualTo(m);
    assertThat(again.headerFields()).containsExactlyElementsOf(m.headerFields());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void roundTripsThroughTheStandardForm(String name) {
    SipMessage m = parse(name);
    byte[] standard = SipWriter.encode(m, Form.STANDARD, false);
    String firstLine = new String(standard, StandardCharsets.US_ASCII).lines().findFirst().orElseThrow();
    if (m instanceof SipRequest r) {
      assertThat(firstLine).isEqualTo(r.method().name() + " " + r.uri() + " PIS/1.0");
    } else {
      assertThat(firstLine).startsWith("PIS/1.0 ");
    }
    SipMessage again = PARSER.parse(standard);
    assertThat(again).isEqualTo(m);
    assertThat(again.headerFields()).containsExactlyElementsOf(m.headerFields());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void canonicalFormIsAFixedPoint(String name) {
    SipMessage m = parse(name);
    for (Form form : Form.values()) {
      byte[] once = SipWriter.encode(m, form, true);
      SipMessage reread = PARSER.parse(once);
      assertThat(reread).isEqualTo(m);
      assertThat(SipWriter.encode(reread, form, true)).as("%s canonical", form).isEqualTo(once);
    }
  }

  // ---- §2.1 SEEK ----

  @Test
  void seekRequiresFiveAttributes() {
    SipRequest seek = (SipRequest) parse("s2.1-seek-requires.sip");
    assertThat(seek.method()).isEqualTo(SipMethod.SEEK);
    assertThat(seek.uri().toString()).isEqualTo("sip:resourcecontroller@latrine1.loo.com");
    assertThat(seek.from().orElseThrow().uri().toString()).isEqualTo("sip:anonymous@latrine1.loo.com");
    assertThat(seek.header(PisHeaders.REQUIRES)).contains(List.of(ProxyAttribute.CLEAN_PROXY,
        ProxyAttribute.FLUSHED_PROXY, ProxyAttribute.STALL_PROXY, ProxyAttribute.PAPER, ProxyAttribute.SANI_SHIELD));
    assertThat(seek.header(PisHeaders.REQUIRES).orElseThrow()).allMatch(PisTerm::isKnown);
  }

  @Test
  void proxyAvailableReportsItsConditionsTypesAndRules() {
    SipResponse ok = (SipResponse) parse("s2.1-seek-200-proxy-available.sip");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.reason()).isEqualTo(StatusCodes.reasonPhrase(200, SipMethod.SEEK)).isEqualTo("Proxy Available");
    assertThat(ok.from().orElseThrow().uri().toString()).isEqualTo("sip:stall2@latrine1.loo.com");
    // "Info :" with a space before the colon is still the Info header; |+ and | both separate
    assertThat(ok.header(PisHeaders.INFO)).contains(List.of(InfoItem.RESOURCES_LOW, InfoItem.NO_SHIELD,
        InfoItem.NO_PAPER, InfoItem.MALODOR, InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED,
        InfoItem.PREVIOUS_TRANSACTION_CLEARING, InfoItem.OVERFLOWED, InfoItem.PLUGGED,
        InfoItem.LOCK_NOT_FUNCTIONAL, InfoItem.BLUE_WATER, InfoItem.CLEAR_WATER, InfoItem.GREEN_WATER));
    assertThat(ok.header(PisHeaders.TYPE)).contains(List.of(ProxyType.STALL, ProxyType.URINAL, ProxyType.HOLE,
        ProxyType.LINE_URINAL, ProxyType.TIRE, ProxyType.SIDE_OF_BUILDING, ProxyType.PARIS_SUBWAY,
        ProxyType.FRENCH_QUARTER_NOLA, ProxyType.BIDET, ProxyType.COMMODE));
    assertThat(ok.header(PisHeaders.REQUIRES)).contains(List.of(ProxyAttribute.PAYMENT_TOKEN));
    assertThat(ok.header(PisHeaders.FORBIDDEN)).contains(List.of(Activity.USE_OF_CELLPHONE, Activity.EATING));
    Warning w = ok.header(SipHeaders.WARNING).orElseThrow();
    assertThat(w.isPisConditions()).isTrue();
    assertThat(w.conditions()).containsExactly("Turbulence", "Rough-Seas", "Swells", "Uneven-pavement", "Grade");
  }

  @Test
  void urgencySeekListsTheFourUrgenciesInOrder() {
    SipRequest seek = (SipRequest) parse("s2.1-seek-urgency.sip");
    assertThat(seek.uri().toString()).isEqualTo("sip:resourcecontroller@banos.com");
    assertThat(seek.from().orElseThrow().uri().toString()).isEqualTo("sip:beergut@banos.com");
    List<Urgency> urgencies = seek.header(PisHeaders.URGENCY).orElseThrow();
    assertThat(urgencies).containsExactly(Urgency.NORMAL, Urgency.URGENT, Urgency.BURSTING, Urgency.TOO_LATE);
    assertThat(urgencies).isSorted();
    assertThat(Urgency.mostUrgent(urgencies)).contains(Urgency.TOO_LATE);
  }

  // ---- §2.2 AIM ----

  @Test
  void aimIsAimedAtTheCrapper() {
    SipRequest aim = (SipRequest) parse("s2.2-aim.sip");
    assertThat(aim.method()).isEqualTo(SipMethod.AIM);
    assertThat(aim.uri().toString()).isEqualTo("sip:crapper2@proxy1.wc.com");
    assertThat(aim.from().orElseThrow().uri().toString()).isEqualTo("sip:tipsy@proxy1.wc.com");
  }

  @Test
  void aimFailureCarriesInfoText() {
    SipResponse r = (SipResponse) parse("s2.2-aim-575.sip");
    assertThat(r.status()).isEqualTo(575);
    assertThat(r.reason()).isEqualTo(StatusCodes.reasonPhrase(575, SipMethod.AIM))
        .isEqualTo("Temporary Failure - inebriated. 3 point stance required");
    assertThat(r.header(PisHeaders.INFO_TEXT)).contains("Don't be a lush.");
  }

  // ---- §2.3 FLUSH ----

  @Test
  void flushCarriesItsTransactionNumber() {
    SipRequest flush = (SipRequest) parse("s2.3-flush-tid.sip");
    assertThat(flush.method()).isEqualTo(SipMethod.FLUSH);
    assertThat(flush.header(PisHeaders.TID)).contains(1L);
    assertThat(flush.uri().toString()).isEqualTo("sip:head@ships-a-hoy.com");
    assertThat(flush.from().orElseThrow().uri().toString()).isEqualTo("sip:user@ships-a-hoy.com");
    assertThat(new String(SipWriter.encode(flush, Form.SHORT, false), StandardCharsets.US_ASCII))
        .startsWith("PIS/1.0 FLUSH TID=1\r\n").doesNotContain("TID: ");
    assertThat(new String(SipWriter.encode(flush, Form.STANDARD, false), StandardCharsets.US_ASCII))
        .startsWith("FLUSH sip:head@ships-a-hoy.com PIS/1.0\r\nTID: 1\r\n");
  }

  @Test
  void flushInfoNamesTheMarinePlungerPumpInAnyCase() {
    SipResponse info = (SipResponse) parse("s2.3-flush-100-info.sip");
    assertThat(info.status()).isEqualTo(100);
    assertThat(info.reason()).isEqualTo(StatusCodes.reasonPhrase(100, SipMethod.FLUSH)).isEqualTo("INFO");
    assertThat(info.header(PisHeaders.TID)).contains(1L);
    Technique how = info.header(PisHeaders.HOW).orElseThrow().get(0);
    assertThat(how).isSameAs(Technique.MARINE_PLUNGER_PUMP);
    assertThat(how.method()).contains(SipMethod.FLUSH);
    // read as written, written canonically with the draft's spelling of the list
    assertThat(info.header(HeaderName.HOW)).contains("Marine-plunger-pump");
    assertThat(new String(SipWriter.encode(info, Form.SHORT, true), StandardCharsets.US_ASCII))
        .isEqualTo("100 INFO TID=1\r\nHow: Marine-Plunger-Pump\r\n\r\n");
  }

  @Test
  void flushCompletesWithOkAndNothingElse() {
    SipResponse ok = (SipResponse) parse("s2.3-flush-200-ok.sip");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.reason()).isEqualTo("OK");
    assertThat(ok.header(PisHeaders.TID)).contains(1L);
    assertThat(ok.headerFields()).hasSize(1);
    assertThat(SipWriter.encode(ok, Form.SHORT, false)).isEqualTo(bytes("s2.3-flush-200-ok.sip"));
  }

  @Test
  void flushMayFindNoWaterOrSwirl() {
    SipResponse noWater = (SipResponse) parse("s2.3-flush-404-no-water.sip");
    assertThat(noWater.status()).isEqualTo(404);
    assertThat(noWater.reason()).isEqualToIgnoringCase(StatusCodes.reasonPhrase(404, SipMethod.FLUSH));
    assertThat(noWater.isShortForm()).isTrue();
    SipResponse swirling = (SipResponse) parse("s2.3-flush-160-swirling.sip");
    assertThat(swirling.status()).isEqualTo(160);
    assertThat(swirling.isProvisional()).isTrue();
    assertThat(swirling.reason()).isEqualTo(StatusCodes.reasonPhrase(160, SipMethod.FLUSH));
  }

  // ---- §2.4 WASH ----

  @Test
  void washGoesToThePizwahLavatory() {
    SipRequest wash = (SipRequest) parse("s2.4-wash.sip");
    assertThat(wash.method()).isEqualTo(SipMethod.WASH);
    assertThat(wash.uri().toString()).isEqualTo("sip:resourcecontroller@lavatory1.pizwah.com");
    assertThat(wash.from().orElseThrow().uri().toString()).isEqualTo("sip:relieved@lavatory1.pizwah.com");
  }

  @Test
  void washIsQueuedThenInformedThenServed() {
    SipResponse queued = (SipResponse) parse("s2.4-wash-110-queued.sip");
    assertThat(queued.status()).isEqualTo(110);
    assertThat(queued.reason()).isEqualTo(StatusCodes.reasonPhrase(110, SipMethod.WASH));
    SipResponse available = (SipResponse) parse("s2.4-wash-200-sink-available.sip");
    assertThat(available.reason()).isEqualTo(StatusCodes.reasonPhrase(200, SipMethod.WASH)).isEqualTo("SINK-Available");

    SipResponse info = (SipResponse) parse("s2.4-wash-101-info.sip");
    assertThat(info.status()).isEqualTo(101);
    assertThat(info.reason()).isEqualTo(StatusCodes.reasonPhrase(101, SipMethod.WASH));
    assertThat(info.header(PisHeaders.WATER_STATE)).contains(List.of(WaterState.HOT, WaterState.COLD, WaterState.TEPID));
    assertThat(info.header(PisHeaders.WATER_STATUS))
        .contains(List.of(WaterStatus.COLD_AVAILABLE, WaterStatus.HOT_AVAILABLE));
    assertThat(info.header(PisHeaders.HANDLE_METHOD))
        .contains(List.of(HandleMethod.TWO_HANDLE, HandleMethod.ONE_HANDLE, HandleMethod.AUTOMATIC));
    assertThat(info.header(PisHeaders.SOAP)).contains(List.of(Soap.YES, Soap.NO));
    assertThat(info.header(PisHeaders.DRYER_TYPE))
        .contains(List.of(DryerType.PULL_TOWEL, DryerType.PAPER_TOWEL, DryerType.DRYER));
    assertThat(info.header(PisHeaders.DRYER_STATE)).contains(List.of(DryerState.OK, DryerState.NOT_OK));
    assertThat(info.header(PisHeaders.RECOMMEND)).contains(List.of(Recommendation.HAND_WRING));
  }

  // ---- §2.5 FRESHEN ----

  @Test
  void freshenStrikesAMatch() {
    SipRequest freshen = (SipRequest) parse("s2.5-freshen.sip");
    assertThat(freshen.method()).isEqualTo(SipMethod.FRESHEN);
    assertThat(freshen.uri().toString()).isEqualTo("sip:airs@current.port-o-let.com");
    Technique how = freshen.header(PisHeaders.HOW).orElseThrow().get(0);
    assertThat(how).isEqualTo(Technique.STRIKE_MATCH);
    assertThat(how.method()).contains(SipMethod.FRESHEN);
    assertThat(how.isOpenFlame()).isTrue();
  }

  @Test
  void freshenFailsWithConditionsAndATemperature() {
    SipResponse fail = (SipResponse) parse("s2.5-freshen-300-fail.sip");
    assertThat(fail.status()).isEqualTo(300);
    assertThat(fail.reason()).isEqualTo(StatusCodes.reasonPhrase(300, SipMethod.FRESHEN)).isEqualTo("Fail");
    List<InfoItem> info = fail.header(PisHeaders.INFO).orElseThrow();
    assertThat(info).hasSize(3);
    assertThat(info.subList(0, 2)).containsExactly(InfoItem.REEKING_STENCH, InfoItem.VENTILATION_NOT_ADEQUATE);
    InfoItem temperature = info.get(2);
    assertThat(temperature.isKnown()).isFalse();
    assertThat(temperature.name()).isEqualTo("Temperature 110F");
    assertThat(temperature.label()).isEqualTo("Temperature");
    assertThat(temperature.detail()).contains("110F");
    assertThat(info.get(0).callsForFreshen()).isTrue();
  }

  // ---- Appendix 1 ----

  @Test
  void locationEnhancedSeekReadsEveryParameter() {
    SipRequest seek = (SipRequest) parse("appendix1-seek-location.sip");
    assertThat(seek.method()).isEqualTo(SipMethod.SEEK);
    assertThat(seek.header(PisHeaders.PLANET)).contains(List.of(Planet.EARTH));
    GeoPosition where = seek.header(PisHeaders.GEO_SPATIAL_POSITION).orElseThrow();
    assertThat(where.latitude()).isEqualTo(29.9574);
    assertThat(where.longitude()).isEqualTo(-90.0629);
    assertThat(where.elevation()).hasValue(3);
    assertThat(seek.header(PisHeaders.IMPLEMENTATION_SPECIFIC_POSITION))
        .contains(BuildingPosition.of("Jax Brewery", "2", "C-12", "214"));
    assertThat(seek.header(PisHeaders.CURRENTLY_NEAR_TO)).contains("Jackson Square, French Quarter, New Orleans");
    Velocity v = seek.header(PisHeaders.VELOCITY).orElseThrow();
    assertThat(v.speed()).isEqualTo(1.4);
    assertThat(v.unit()).isEqualTo(SpeedUnit.METERS_PER_SECOND);
    assertThat(v.heading()).hasValue(90);
    assertThat(v.eastMetersPerSecond().orElseThrow()).isCloseTo(1.4, within(1e-9));
    assertThat(v.northMetersPerSecond().orElseThrow()).isCloseTo(0, within(1e-9));
    assertThat(seek.header(PisHeaders.PREFERENCES))
        .contains(List.of(Preference.PUBLIC_TYPE, Preference.PRIVATE_TYPE, Preference.CLEAN));
    assertThat(seek.header(PisHeaders.REQUIRES)).contains(List.of(ProxyAttribute.MALE, ProxyAttribute.FEMALE,
        ProxyAttribute.BANO_FAMILIAR, ProxyAttribute.HANDICAPABLE));
    assertThat(seek.header(PisHeaders.URGENCY)).isEqualTo(Optional.empty());
  }
}
