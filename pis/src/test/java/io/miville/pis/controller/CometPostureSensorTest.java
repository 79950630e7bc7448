package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** COMET/VOMET (draft-pis-00 §2.6), posture methods and LOOK-AT-THE-WALL, DIG, sensors and operators. */
class CometPostureSensorTest {
  private final Harness h = new Harness();

  @Test
  void cometReservesAndVometCancels() {
    Harness.Answers c = h.send("COMET", "commode1@banos.com", "a@x.org");
    assertThat(c.codes()).containsExactly(200);
    assertThat(c.last().header(SipHeaders.EXPIRES)).hasValue(60L);
    assertThat(h.send("COMET", "commode1@banos.com", "b@x.org").codes()).containsExactly(486);
    Harness.Answers seek = h.send("SEEK", "resourcecontroller@banos.com", "b@x.org");
    assertThat(seek.codes()).containsExactly(110);
    assertThat(h.send("VOMET", "commode1@banos.com", "a@x.org").codes()).containsExactly(200);
    assertThat(seek.codes()).containsExactly(110, 200);
    assertThat(h.send("VOMET", "crapper2@proxy1.wc.com", "a@x.org").codes()).containsExactly(481);
  }

  @Test
  void cometCleaningClosesAndCleansAndVometReopens() {
    h.send("PUBLISH", "crapper2@proxy1.wc.com", "sensor@x.org", "Info: Malodor | No-Paper");
    Harness.Answers c = h.send("COMET", "crapper2@proxy1.wc.com", "janitor@x.org", "Comet-Purpose: Cleaning");
    assertThat(c.codes()).containsExactly(200);
    assertThat(h.proxy("crapper2@proxy1.wc.com").condition()).isEqualTo(ProxyCondition.CLOSED_FOR_CLEANING);
    assertThat(h.send("SEEK", "resourcecontroller@proxy1.wc.com", "a@x.org").codes()).containsExactly(301);
    h.advance(Duration.ofMinutes(10));
    assertThat(h.proxy("crapper2@proxy1.wc.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
    assertThat(h.proxy("crapper2@proxy1.wc.com").info()).isEmpty();
    h.send("COMET", "crapper2@proxy1.wc.com", "janitor@x.org", "Comet-Purpose: Cleaning");
    assertThat(h.send("VOMET", "crapper2@proxy1.wc.com", "janitor@x.org").codes()).containsExactly(200);
    assertThat(h.proxy("crapper2@proxy1.wc.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
  }

  @Test
  void posturesBelongToTheHolderAndSittingUnshieldedIsWarned() {
    assertThat(h.send("STAND", "stall1@latrine1.loo.com", "a@x.org").codes()).containsExactly(403);
    h.sendIn("s1", "INVITE", "stall1@latrine1.loo.com", "a@x.org");
    assertThat(h.sendIn("s1", "HOVER", "stall1@latrine1.loo.com", "a@x.org").codes()).containsExactly(200);
    Harness.Answers sit = h.sendIn("s1", "SIT", "stall1@latrine1.loo.com", "a@x.org");
    assertThat(sit.codes()).containsExactly(200);
    assertThat(sit.last().header(SipHeaders.WARNING).orElseThrow().code()).isEqualTo(399);
    h.sendIn("s2", "INVITE", "stall2@latrine1.loo.com", "b@x.org");
    assertThat(h.sendIn("s2", "SIT", "stall2@latrine1.loo.com", "b@x.org").last().header(HeaderName.WARNING)).isEmpty();
    h.sendIn("s3", "INVITE", "urinal1@latrine1.loo.com", "c@x.org", "Supported: look-at-the-wall");
    assertThat(h.sendIn("s3", "SIT", "urinal1@latrine1.loo.com", "c@x.org").codes()).containsExactly(488);
    assertThat(h.sendIn("s3", "STAND", "urinal1@latrine1.loo.com", "c@x.org").codes()).containsExactly(200);
  }

  @Test
  void digWithASpadeMakesAProxyWhereTheUserAgentStands() {
    Harness.Answers no = h.send("DIG", "resourcecontroller@banos.com", "a@x.org", "Geo-spatial-position: 19.4, -99.1");
    assertThat(no.codes()).containsExactly(421);
    assertThat(no.last().header(PisHeaders.REQUIRES).orElseThrow()).containsExactly(ProxyAttribute.SPADE);
    Harness.Answers dug = h.send("DIG", "resourcecontroller@banos.com", "a@x.org", "Requires: Spade",
        "Geo-spatial-position: 19.4, -99.1");
    assertThat(dug.codes()).containsExactly(200);
    assertThat(dug.last().header(PisHeaders.TYPE).orElseThrow()).containsExactly(ProxyType.USER_INSTANTIATED_PROXY);
    assertThat(dug.last().header(HeaderName.FROM).orElseThrow()).contains("dug1@banos.com");
    assertThat(h.controller.snapshot("banos").orElseThrow().proxies()).extracting(ProxySnapshot::address)
        .contains("dug1@banos.com");
    assertThat(h.sendIn("d1", "INVITE", "dug1@banos.com", "a@x.org").status()).isEqualTo(200);
  }

  @Test
  void sensorsAndOperatorsChangeStateAndEveryChangeIsHeard() {
    long v0 = h.controller.snapshot("air").orElseThrow().version();
    h.send("PUBLISH", "lav1@flight.air.com", "sensor@x.org", "Indicators: Return-to-Seat, Attendant-Call",
        "Methane: 300 ppm", "Info: Blue-water");
    ClusterSnapshot s = h.controller.snapshot("air").orElseThrow();
    assertThat(s.version()).isGreaterThan(v0);
    assertThat(h.changes).last().isEqualTo(s);
    ProxySnapshot lav = s.proxies().get(0);
    assertThat(lav.indicators()).containsExactlyInAnyOrder("Return-to-Seat", "Attendant-Call");
    assertThat(lav.methanePpm()).isEqualTo(300);
    assertThat(lav.info()).containsExactly(InfoItem.BLUE_WATER);
    assertThat(h.send("PUBLISH", "lav1@flight.air.com", "sensor@x.org", "Indicators: Disco-Ball").status()).isEqualTo(400);
    assertThat(h.send("PUBLISH", "lav1@flight.air.com", "sensor@x.org", "Methane: lots").status()).isEqualTo(400);
    assertThat(h.send("PUBLISH", "lav1@flight.air.com", "sensor@x.org", "Condition: Haunted").status()).isEqualTo(400);
    assertThat(h.controller.operate("lav1@flight.air.com", ProxyCondition.OUT_OF_SERVICE)).isTrue();
    assertThat(h.changes).last().satisfies(c -> assertThat(c.proxies().get(0).condition())
        .isEqualTo(ProxyCondition.OUT_OF_SERVICE));
    assertThat(h.controller.operate("nobody@nowhere", ProxyCondition.AVAILABLE)).isFalse();
    assertThat(h.send("PUBLISH", "nobody@nowhere.example", "sensor@x.org", "Methane: 1").status()).isEqualTo(404);
  }

  @Test
  void unknownMethodsAre405AndUnknownProxies404() {
    Harness.Answers a = h.send("MESSAGE", "commode1@banos.com", "a@x.org");
    assertThat(a.codes()).containsExactly(405);
    assertThat(a.last().headers(SipHeaders.ALLOW)).contains(PisMethods.DIG, PisMethods.LOOK_AT_THE_WALL);
    assertThat(h.send("AIM", "stall9@banos.com", "a@x.org").codes()).containsExactly(404);
  }

  @Test
  void loadFollowsSessionsAndArrivals() {
    for (int i = 0; i < 5; i++) {
      h.send("SEEK", "resourcecontroller@proxy1.wc.com", "a@x.org");
      h.send("VOMET", "crapper2@proxy1.wc.com", "a@x.org");
      h.sendIn("c" + i, "INVITE", "crapper2@proxy1.wc.com", "a@x.org");
      h.advance(Duration.ofSeconds(30));
      h.sendIn("c" + i, "BYE", "crapper2@proxy1.wc.com", "a@x.org");
      h.controller.operate("crapper2@proxy1.wc.com", ProxyCondition.AVAILABLE);
    }
    LoadFigures load = h.controller.snapshot("wc").orElseThrow().load().get(0);
    assertThat(load.meanOccupancySeconds()).isBetween(30.0, 120.0 * 0.8 * 0.8 * 0.8 * 0.8 * 0.8 + 30);
    assertThat(load.arrivalsPerMinute()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(load.utilisation()).isBetween(0.0, 1.0);
  }
}
