package io.miville.codec.pis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.miville.codec.SipMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The PIS vocabularies: known words, open sets, ordering and traits. */
class PisTermsTest {

  record Vocabulary(String name, Supplier<List<? extends PisTerm<?>>> known, Function<String, PisTerm<?>> of) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> vocabularies() {
    return Stream.of(
        new Vocabulary("ProxyAttribute", ProxyAttribute::knownValues, ProxyAttribute::of),
        new Vocabulary("Urgency", Urgency::knownValues, Urgency::of),
        new Vocabulary("InfoItem", InfoItem::knownValues, InfoItem::of),
        new Vocabulary("ProxyType", ProxyType::knownValues, ProxyType::of),
        new Vocabulary("Activity", Activity::knownValues, Activity::of),
        new Vocabulary("Technique", Technique::knownValues, Technique::of),
        new Vocabulary("WaterState", WaterState::knownValues, WaterState::of),
        new Vocabulary("WaterStatus", WaterStatus::knownValues, WaterStatus::of),
        new Vocabulary("HandleMethod", HandleMethod::knownValues, HandleMethod::of),
        new Vocabulary("Soap", Soap::knownValues, Soap::of),
        new Vocabulary("DryerType", DryerType::knownValues, DryerType::of),
        new Vocabulary("DryerState", DryerState::knownValues, DryerState::of),
        new Vocabulary("Recommendation", Recommendation::knownValues, Recommendation::of),
        new Vocabulary("Planet", Planet::knownValues, Planet::of),
        new Vocabulary("Preference", Preference::knownValues, Preference::of)).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vocabularies")
  void knownWordsAreFoundInAnyCaseAndUnknownOnesKeptAsWritten(Vocabulary v) {
    assertThat(v.known().get()).isNotEmpty();
    for (PisTerm<?> k : v.known().get()) {
      assertThat(k.isKnown()).isTrue();
      assertThat(v.of().apply(k.name())).isSameAs(k);
      assertThat(v.of().apply(k.name().toUpperCase(Locale.ROOT))).isSameAs(k);
      assertThat(v.of().apply(k.name().toLowerCase(Locale.ROOT))).isSameAs(k);
    }
    PisTerm<?> unknown = v.of().apply("Xyzzy-Word");
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown.name()).isEqualTo("Xyzzy-Word");
    assertThat(unknown.toString()).isEqualTo("Xyzzy-Word");
    assertThat(unknown).isEqualTo(v.of().apply("xyzzy-word")).hasSameHashCodeAs(v.of().apply("XYZZY-WORD"));
    assertThat(unknown.canonical()).isSameAs(unknown);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vocabularies")
  void textThatCannotBeAWordIsRefused(Vocabulary v) {
    for (String bad : List.of("", " Stall", "Stall ", "a|b", "a,b", "+Stall", "St\u0001all", "St\u007fall")) {
      assertThatIllegalArgumentException().as("[%s]", bad).isThrownBy(() -> v.of().apply(bad));
    }
  }

  @Test
  void wordsOfDifferentVocabulariesNeverMeetEvenWhenSpelledAlike() {
    assertThat(Technique.AUTOMATIC.name()).isEqualToIgnoringCase(HandleMethod.AUTOMATIC.name());
    assertThat((Object) Technique.AUTOMATIC).isNotEqualTo(HandleMethod.AUTOMATIC);
  }

  // ---- Urgency ----

  @Test
  void urgenciesAreOrdered() {
    List<Urgency> shuffled = new ArrayList<>(List.of(Urgency.TOO_LATE, Urgency.NORMAL, Urgency.BURSTING, Urgency.URGENT));
    Collections.sort(shuffled);
    assertThat(shuffled).containsExactly(Urgency.NORMAL, Urgency.URGENT, Urgency.BURSTING, Urgency.TOO_LATE);
    assertThat(Urgency.knownValues()).isEqualTo(shuffled);
    assertThat(shuffled).extracting(Urgency::level).containsExactly(0, 1, 2, 3);
    assertThat(Urgency.BURSTING.isMoreUrgentThan(Urgency.URGENT)).isTrue();
    assertThat(Urgency.URGENT.isMoreUrgentThan(Urgency.BURSTING)).isFalse();
    assertThat(Urgency.of("too-late").compareTo(Urgency.TOO_LATE)).isZero();
    assertThat(Urgency.mostUrgent(List.of(Urgency.URGENT, Urgency.TOO_LATE, Urgency.NORMAL))).contains(Urgency.TOO_LATE);
    assertThat(Urgency.mostUrgent(List.of())).isEmpty();
  }

  @Test
  void anUnknownUrgencyRanksAsNormalYetStaysDistinct() {
    Urgency dire = Urgency.of("Dire");
    assertThat(dire.level()).isEqualTo(Urgency.NORMAL.level());
    assertThat(dire.isMoreUrgentThan(Urgency.NORMAL)).isFalse();
    assertThat(Urgency.URGENT.isMoreUrgentThan(dire)).isTrue();
    // consistent with equals: only equal urgencies compare as 0
    assertThat(dire.compareTo(Urgency.NORMAL)).isPositive();
    assertThat(Urgency.NORMAL.compareTo(dire)).isNegative();
    assertThat(dire.compareTo(Urgency.of("DIRE"))).isZero();
    assertThat(Urgency.mostUrgent(List.of(dire, Urgency.URGENT))).contains(Urgency.URGENT);
  }

  // ---- ProxyType ----

  @Test
  void everyProxyTypeTheDraftNamesIsKnown() {
    for (String name : List.of("Stall", "Urinal", "Hole", "Line-urinal", "Wall-urinal", "Tire", "Side-of-Building",
        "Paris-subway", "French-quarter-NOLA", "Bidet", "Commode", "Pizwah", "Airplane-stall",
        "Vacuum-Flusher-Airplane", "Marine-Toilet", "Head", "Chemical-Toilet", "Port-O-Let", "Chamber-Pot", "Bucket",
        "Bedpan", "User-Instantiated-Proxy", "Line-Urinal", "airplane-lavatory", "Outhouse", "Latrine", "Loo")) {
      assertThat(ProxyType.of(name).isKnown()).as(name).isTrue();
    }
  }

  @Test
  void onlyLineUrinalAndPizwahServeSeveralUsers() {
    assertThat(ProxyType.knownValues().stream().filter(ProxyType::isMultiUser))
        .containsExactly(ProxyType.LINE_URINAL, ProxyType.PIZWAH);
    assertThat(ProxyType.knownValues().stream().filter(ProxyType::mayFlushContinuously))
        .containsExactly(ProxyType.LINE_URINAL, ProxyType.WALL_URINAL, ProxyType.PIZWAH);
    assertThat(ProxyType.knownValues().stream().filter(ProxyType::isPortable))
        .containsExactly(ProxyType.CHEMICAL_TOILET, ProxyType.PORT_O_LET, ProxyType.CHAMBER_POT, ProxyType.BUCKET,
            ProxyType.BEDPAN, ProxyType.USER_INSTANTIATED_PROXY);
  }

  @Test
  void theHeadIsAMarineToiletAndMoves() {
    assertThat(ProxyType.HEAD.canonical()).isSameAs(ProxyType.MARINE_TOILET);
    assertThat(ProxyType.HEAD.isInMotion()).isTrue();
    assertThat(ProxyType.AIRPLANE_LAVATORY.means(ProxyType.AIRPLANE_STALL)).isTrue();
    assertThat(ProxyType.STALL.isInMotion()).isFalse();
  }

  // ---- Technique ----

  @Test
  void techniquesBelongToFlushOrFreshen() {
    assertThat(Technique.knownValues().stream().filter(t -> t.method().orElseThrow() == SipMethod.FLUSH))
        .extracting(PisTerm::name)
        .startsWith("Tilt-Lever-handle", "Injection-Tilt-Valve", "Press-Button", "Automatic", "Plunger",
            "Marine-Plunger-Pump", "Return-knob", "Pail-o-water", "Overhead-pull-chain");
    assertThat(Technique.knownValues().stream().filter(t -> t.method().orElseThrow() == SipMethod.FRESHEN))
        .extracting(PisTerm::name)
        .containsExactly("Ozium", "Potpourri", "Carboline-based-propellant-spray", "LYESOL", "Aromatic-candle",
            "Strike-Match", "Light-Cigarette");
    assertThat(Technique.of("Dig").method()).isEmpty();
  }

  @Test
  void openFlamesAreMarkedAndLyesolIsTheSpray() {
    assertThat(Technique.knownValues().stream().filter(Technique::isOpenFlame))
        .containsExactly(Technique.STRIKE_MATCH, Technique.LIGHT_CIGARETTE);
    assertThat(Technique.LYESOL.canonical()).isSameAs(Technique.CARBOLINE_BASED_PROPELLANT_SPRAY);
    assertThat(Technique.VACUUM_FLUSH.freshens()).isTrue();
    assertThat(Technique.OZIUM.freshens()).isTrue();
    assertThat(Technique.PLUNGER.freshens()).isFalse();
  }

  // ---- the small WASH vocabularies ----

  @Test
  void yesNoAndOkNotOk() {
    assertThat(Soap.of("yes").isYes()).isTrue();
    assertThat(Soap.NO.isNo()).isTrue();
    assertThat(Soap.of("Foam").isYes()).isFalse();
    assertThat(Soap.of("Foam").isNo()).isFalse();
    assertThat(DryerState.of("ok").isOk()).isTrue();
    assertThat(DryerState.NOT_OK.isOk()).isFalse();
    assertThat(HandleMethod.TWO_HANDLE.name()).isEqualTo("2-handle");
  }

  @Test
  void infoFlagsHaveNoDetailAndFreeItemsDo() {
    assertThat(InfoItem.MALODOR.label()).isEqualTo("Malodor");
    assertThat(InfoItem.MALODOR.detail()).isEmpty();
    assertThat(InfoItem.of("Queue 12 deep").detail()).contains("12 deep");
    assertThat(InfoItem.knownValues().stream().filter(InfoItem::callsForFreshen))
        .containsExactly(InfoItem.MALODOR, InfoItem.REEKING_STENCH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"in-resturant", "IN-RESTURANT"})
  void theDraftsSpellingOfRestaurantMeansRestaurant(String spelling) {
    Preference p = Preference.of(spelling);
    assertThat(p).isSameAs(Preference.IN_RESTURANT);
    assertThat(p.means(Preference.IN_RESTAURANT)).isTrue();
  }
}
