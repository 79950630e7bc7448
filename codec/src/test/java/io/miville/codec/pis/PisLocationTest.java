package io.miville.codec.pis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.miville.codec.SipParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The structured headers of draft-pis-00 Appendix 1: Geo-spatial-position, Implementation-Specific-Position, Velocity. */
class PisLocationTest {

  private static void failsAt(Runnable parse, int offset) {
    assertThatThrownBy(parse::run).isInstanceOfSatisfying(SipParseException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.offset()).isEqualTo(offset);
    });
  }

  // ---- Geo-spatial-position ----

  @Test
  void aPositionHasLatitudeLongitudeAndMaybeElevation() {
    GeoPosition p = GeoPosition.parse("29.9574, -90.0629, 3");
    assertThat(p).isEqualTo(GeoPosition.of(29.9574, -90.0629, 3));
    assertThat(p.toString()).isEqualTo("29.9574, -90.0629, 3");
    GeoPosition flat = GeoPosition.parse("+48.8584,2.2945");
    assertThat(flat.elevation()).isEmpty();
    assertThat(flat.toString()).isEqualTo("48.8584, 2.2945");
    assertThat(GeoPosition.parse("90, 180, -20000")).isEqualTo(GeoPosition.of(90, 180, GeoPosition.MIN_ELEVATION));
    assertThat(GeoPosition.parse("-90.000, -180.0, 1000000.00").toString()).isEqualTo("-90, -180, 1000000");
  }

  @Test
  void minusZeroIsZero() {
    assertThat(GeoPosition.parse("-0, -0.0")).isEqualTo(GeoPosition.of(0, 0));
    assertThat(GeoPosition.of(-0.0, -0.0).toString()).isEqualTo("0, 0");
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '#', textBlock = """
      90.0001, 0          # 0
      0, 180.5            # 3
      0, -180.00001       # 3
      0, 0, 1000000.1     # 6
      0, 0, -20001        # 6
      29.9                # 4
      29.9, -90.06, 3, 4  # 15
      1e5, 0              # 1
      NaN, 0              # 0
      .5, 0               # 0
      5., 0               # 2
      29.9; -90.06        # 4
      0.0000000000000000000000000000001, 0 # 0
      """)
  void aBadPositionFailsWhereItGoesWrong(String text, int offset) {
    failsAt(() -> GeoPosition.parse(text), offset);
  }

  @Test
  void outOfRangeValuesCannotBeBuilt() {
    assertThatIllegalArgumentException().isThrownBy(() -> GeoPosition.of(91, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> GeoPosition.of(0, -181));
    assertThatIllegalArgumentException().isThrownBy(() -> GeoPosition.of(Double.NaN, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> GeoPosition.of(0, Double.POSITIVE_INFINITY));
    assertThatIllegalArgumentException().isThrownBy(() -> GeoPosition.of(0, 0, 1_000_001));
  }

  @Property
  void everyPositionWritesAndReadsBackExactly(
      @ForAll @DoubleRange(min = -90, max = 90) @Scale(12) double lat,
      @ForAll @DoubleRange(min = -180, max = 180) @Scale(12) double lon,
      @ForAll @DoubleRange(min = -20_000, max = 1_000_000) @Scale(6) double elevation) {
    GeoPosition p = GeoPosition.of(lat, lon, elevation);
    GeoPosition again = GeoPosition.parse(p.toString());
    assertThat(again).isEqualTo(p);
    assertThat(again.toString()).isEqualTo(p.toString());
  }

  // ---- Implementation-Specific-Position ----

  @Test
  void aBuildingPositionHasUpToFourFields() {
    assertThat(BuildingPosition.parse("Jax Brewery, 2, C-12, 214"))
        .isEqualTo(new BuildingPosition("Jax Brewery", Optional.of("2"), Optional.of("C-12"), Optional.of("214")));
    assertThat(BuildingPosition.parse("  Superdome  ")).isEqualTo(BuildingPosition.of("Superdome"));
    BuildingPosition gaps = BuildingPosition.parse("HQ,,C4");
    assertThat(gaps.floor()).isEmpty();
    assertThat(gaps.column()).contains("C4");
    assertThat(gaps.office()).isEmpty();
    assertThat(gaps.toString()).isEqualTo("HQ, , C4");
    assertThat(BuildingPosition.parse("HQ, B2, , ").toString()).isEqualTo("HQ, B2");
  }

  @Test
  void fieldsWithCommasOrQuotesAreQuoted() {
    BuildingPosition p = BuildingPosition.parse("\"Building 7, East Wing\", Mezzanine, \"Col \\\"A\\\"\"");
    assertThat(p.building()).isEqualTo("Building 7, East Wing");
    assertThat(p.floor()).contains("Mezzanine");
    assertThat(p.column()).contains("Col \"A\"");
    assertThat(p.toString()).isEqualTo("\"Building 7, East Wing\", Mezzanine, \"Col \\\"A\\\"\"");
    assertThat(BuildingPosition.parse(p.toString())).isEqualTo(p);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '#', textBlock = """
      ', 2'              # 0
      'A, 1, 2, 3, 4'    # 12
      'A"B'              # 1
      '"unterminated'    # 0
      '""'               # 0
      '" padded "'       # 0
      """)
  void aBadBuildingPositionFails(String text, int offset) {
    failsAt(() -> BuildingPosition.parse(text), offset);
  }

  @Property
  void everyBuildingPositionWritesAndReadsBack(@ForAll("field") String building, @ForAll("optionalField") Optional<String> floor,
      @ForAll("optionalField") Optional<String> column, @ForAll("optionalField") Optional<String> office) {
    BuildingPosition p = new BuildingPosition(building, floor, column, office);
    BuildingPosition again = BuildingPosition.parse(p.toString());
    assertThat(again).isEqualTo(p);
  }

  @Provide
  Arbitrary<String> field() {
    return Arbitraries.strings().withChars("ab 1,\"\\-é").ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.isBlank() && s.strip().equals(s));
  }

  @Provide
  Arbitrary<Optional<String>> optionalField() {
    return field().optional();
  }

  // ---- Velocity ----

  @Test
  void aVelocityIsASpeedWithAHeading() {
    Velocity walk = Velocity.parse("1.4 m/s;heading=90");
    assertThat(walk).isEqualTo(Velocity.of(1.4, SpeedUnit.METERS_PER_SECOND, 90));
    assertThat(walk.toString()).isEqualTo("1.4 m/s;heading=90");
    assertThat(walk.climb()).isEmpty();

    Velocity descent = Velocity.parse("250 KN ; heading = 270.5 ; climb=-5");
    assertThat(descent.unit()).isEqualTo(SpeedUnit.KNOTS);
    assertThat(descent.metersPerSecond()).isCloseTo(128.611, within(1e-3));
    assertThat(descent.climbMetersPerSecond().orElseThrow()).isCloseTo(-2.572, within(1e-3));
    assertThat(descent.eastMetersPerSecond().orElseThrow()).isCloseTo(-128.6, within(0.1));
    assertThat(descent.toString()).isEqualTo("250 kn;heading=270.5;climb=-5");

    Velocity car = Velocity.parse("50km/h;climb=0;heading=180");
    assertThat(car.metersPerSecond()).isCloseTo(13.889, within(1e-3));
    assertThat(car.northMetersPerSecond().orElseThrow()).isCloseTo(-13.889, within(1e-3));
    assertThat(car.toString()).isEqualTo("50 km/h;heading=180;climb=0");
  }

  @Test
  void withoutHeadingOnlyTheSpeedIsKnown() {
    Velocity v = Velocity.parse("3 mph");
    assertThat(v.heading()).isEmpty();
    assertThat(v.northMetersPerSecond()).isEmpty();
    assertThat(v.eastMetersPerSecond()).isEmpty();
    assertThat(v.metersPerSecond()).isCloseTo(1.341, within(1e-3));
  }

  @Test
  void unknownParametersAreKeptAndWrittenBack() {
    Velocity v = Velocity.parse("1 m/s;source=gps;Heading=0;smooth;note=\"by foot\"");
    assertThat(v.heading()).hasValue(0);
    assertThat(v.extensions()).containsExactly("source=gps", "smooth", "note=\"by foot\"");
    assertThat(v.toString()).isEqualTo("1 m/s;heading=0;source=gps;smooth;note=\"by foot\"");
    assertThat(Velocity.parse(v.toString())).isEqualTo(v);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '#', textBlock = """
      -1 m/s                       # 0
      1                            # 1
      1 furlongs/fortnight         # 2
      1 m/s;heading=360            # 14
      1 m/s;heading=-1             # 14
      1 m/s;heading=10;heading=20  # 17
      1 m/s;heading                # 13
      1 m/s;climb=299792459        # 12
      299792459 m/s                # 0
      1079252849 km/h              # 0
      3e8 m/s                      # 1
      1 m/s heading=90             # 6
      1 m/s;                       # 6
      """)
  void aBadVelocityFailsWhereItGoesWrong(String text, int offset) {
    failsAt(() -> Velocity.parse(text), offset);
  }

  @Test
  void aVelocityCannotBeBuiltOutOfRange() {
    assertThatIllegalArgumentException().isThrownBy(() -> Velocity.of(-1, SpeedUnit.METERS_PER_SECOND));
    assertThatIllegalArgumentException().isThrownBy(() -> Velocity.of(1, SpeedUnit.METERS_PER_SECOND, 360));
    assertThatIllegalArgumentException().isThrownBy(() -> Velocity.of(Velocity.MAX_METERS_PER_SECOND + 1, SpeedUnit.METERS_PER_SECOND));
    assertThatIllegalArgumentException().isThrownBy(() -> Velocity.of(1_080_000_000, SpeedUnit.KILOMETERS_PER_HOUR));
    assertThat(Velocity.of(1_079_000_000, SpeedUnit.KILOMETERS_PER_HOUR).metersPerSecond()).isLessThan(Velocity.MAX_METERS_PER_SECOND);
    assertThatIllegalArgumentException().isThrownBy(() -> new Velocity(1, SpeedUnit.METERS_PER_SECOND,
        OptionalDouble.empty(), OptionalDouble.empty(), List.of("heading=5")));
    assertThatIllegalArgumentException().isThrownBy(() -> new Velocity(1, SpeedUnit.METERS_PER_SECOND,
        OptionalDouble.empty(), OptionalDouble.empty(), List.of("a b")));
    assertThatIllegalArgumentException().isThrownBy(() -> SpeedUnit.of("c"));
    assertThat(SpeedUnit.of("MPH")).isSameAs(SpeedUnit.MILES_PER_HOUR);
  }

  @Property
  void everyVelocityWritesAndReadsBackExactly(@ForAll @DoubleRange(min = 0, max = 1e6) @Scale(9) double speed,
      @ForAll @DoubleRange(min = 0, max = 359.999) @Scale(9) double heading,
      @ForAll @DoubleRange(min = -1e3, max = 1e3) @Scale(9) double climb,
      @ForAll @IntRange(min = 0, max = 3) int unit) {
    Velocity v = new Velocity(speed, SpeedUnit.knownValues().get(unit), OptionalDouble.of(heading), OptionalDouble.of(climb),
        List.of());
    Velocity again = Velocity.parse(v.toString());
    assertThat(again).isEqualTo(v);
    assertThat(again.toString()).isEqualTo(v.toString());
  }
}
