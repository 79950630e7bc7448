package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.pis.DryerState;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.Recommendation;
import org.junit.jupiter.api.Test;

/** WASH (draft-pis-00 §2.4) and FRESHEN (§2.5). */
class WashFreshenTest {
  private final Harness h = new Harness();

  @Test
  void noSinksIs400NoWater() {
    Harness.Answers a = h.send("WASH", "resourcecontroller@banos.com", "a@x.org");
    assertThat(a.codes()).containsExactly(400);
    assertThat(a.last().reason()).isEqualTo("No-Water");
  }

  @Test
  void waterOffIs500HereAnd600Everywhere() {
    h.send("PUBLISH", "resourcecontroller@lavatory1.pizwah.com", "sensor@x.org", "Water: Off");
    Harness.Answers here = h.send("WASH", "resourcecontroller@lavatory1.pizwah.com", "a@x.org");
    assertThat(here.codes()).containsExactly(500);
    assertThat(here.last().reason()).isEqualTo("No-Water");
    h.send("PUBLISH", "resourcecontroller@latrine1.loo.com", "sensor@x.org", "Water: Off");
    assertThat(h.send("WASH", "resourcecontroller@lavatory1.pizwah.com", "a@x.org").codes()).containsExactly(600);
  }

  @Test
  void dirtySinksAre500SinkNotClean() {
    h.send("PUBLISH", "resourcecontroller@lavatory1.pizwah.com", "sensor@x.org", "Sink: Dirty");
    Harness.Answers a = h.send("WASH", "resourcecontroller@lavatory1.pizwah.com", "a@x.org");
    assertThat(a.codes()).containsExactly(500);
    assertThat(a.last().reason()).isEqualTo("Sink-not-clean, handle-dirty");
  }

  @Test
  void aBrokenDryerRecommendsHandWringing() {
    h.send("PUBLISH", "resourcecontroller@lavatory1.pizwah.com", "sensor@x.org", "Dryer-State: Not-OK");
    Harness.Answers a = h.send("WASH", "resourcecontroller@lavatory1.pizwah.com", "a@x.org");
    assertThat(a.codes()).containsExactly(101, 200);
    assertThat(a.responses.get(0).header(PisHeaders.DRYER_STATE).orElseThrow()).containsExactly(DryerState.NOT_OK);
    assertThat(a.responses.get(0).header(PisHeaders.RECOMMEND).orElseThrow()).containsExactly(Recommendation.HAND_WRING);
  }

  @Test
  void freshenMasksMalodor() {
    h.send("PUBLISH", "commode1@banos.com", "sensor@banos.com", "Info: Malodor");
    for (String how : new String[] {"Ozium", "Potpourri", "Carboline-based-propellant-spray", "Aromatic-candle",
        "Strike-Match", "Light-Cigarette"}) {
      Harness.Answers a = h.send("FRESHEN", "commode1@banos.com", "a@x.org", "How: " + how);
      assertThat(a.codes()).as(how).containsExactly(200);
    }
    assertThat(h.proxy("commode1@banos.com").info()).doesNotContain(InfoItem.MALODOR);
  }

  @Test
  void aFlameWithMethaneExplodesForGood() {
    h.send("PUBLISH", "commode1@banos.com", "sensor@banos.com", "Methane: 12000");
    assertThat(h.proxy("commode1@banos.com").methanePpm()).isEqualTo(12000);
    assertThat(h.send("FRESHEN", "commode1@banos.com", "a@x.org", "How: Potpourri").status()).isEqualTo(200);
    Harness.Answers boom = h.send("FRESHEN", "commode1@banos.com", "a@x.org", "How: Light-Cigarette");
    assertThat(boom.codes()).containsExactly(699);
    assertThat(boom.last().reason()).isEqualTo("Explosion");
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.OUT_OF_SERVICE);
    assertThat(h.maintenance).extracting(MaintenanceEvent::status).containsExactly(699);
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "b@x.org").status()).isEqualTo(300);
  }

  @Test
  void noFlamesOnAnAirplane() {
    Harness.Answers a = h.send("FRESHEN", "lav1@flight.air.com", "a@x.org", "How: Strike-Match");
    assertThat(a.codes()).containsExactly(488);
    assertThat(a.last().header(PisHeaders.INFO_TEXT)).isPresent();
    assertThat(h.proxy("lav1@flight.air.com").indicators()).contains("No-Smoking");
    assertThat(h.send("FRESHEN", "lav1@flight.air.com", "a@x.org", "How: Ozium").status()).isEqualTo(200);
  }

  @Test
  void freshenAtTheControllerCoversTheCluster() {
    h.send("PUBLISH", "stall1@latrine1.loo.com", "sensor@x.org", "Info: Reeking-Stench", "Temperature: 40C");
    Harness.Answers a = h.send("FRESHEN", "resourcecontroller@latrine1.loo.com", "a@x.org", "How: Ozium");
    assertThat(a.codes()).containsExactly(300);
    assertThat(a.last().reason()).isEqualTo("Fail");
    assertThat(a.last().header(HeaderName.INFO)).hasValue("Reeking-Stench, Temperature 40C");
  }
}
