package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.header.PisHeaders;
import io.miville.codec.pis.Technique;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** FLUSH (draft-pis-00 §2.3): progress, success, and every failure. */
class FlushTest {
  private final Harness h = new Harness();

  private void session(String proxy, String ua, Duration length) {
    String call = "s-" + ua.replaceAll("[^A-Za-z0-9]", "");
    h.sendIn(call, "INVITE", proxy, ua);
    h.advance(length);
    h.sendIn(call, "BYE", proxy, ua);
  }

  @Test
  void aFlushReportsProgressThenWooosh() {
    session("commode1@banos.com", "a@x.org", Duration.ofMinutes(1));
    Harness.Answers a = h.send("FLUSH", "commode1@banos.com", "a@x.org", "How: Tilt-Lever-handle");
    assertThat(a.codes()).containsExactly(100, 155);
    assertThat(a.responses.get(0).reason()).isEqualTo("INFO");
    assertThat(a.responses.get(0).header(PisHeaders.HOW).orElseThrow()).containsExactly(Technique.TILT_LEVER_HANDLE);
    assertThat(a.responses.get(1).reason()).isEqualTo("Tank Filling");
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.FLUSHING);
    h.advance(Duration.ofSeconds(2));
    assertThat(a.codes()).containsExactly(100, 155, 160);
    h.advance(Duration.ofSeconds(2));
    assertThat(a.codes()).containsExactly(100, 155, 160, 161);
    assertThat(a.last().reason()).isEqualTo("Drain circleage");
    h.advance(Duration.ofSeconds(2));
    assertThat(a.codes()).containsExactly(100, 155, 160, 161, 200);
    assertThat(a.last().reason()).isEqualTo("WOOOSH");
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
  }

  @Test
  void aHeavySessionTakesTwoFlushes() {
    session("commode1@banos.com", "a@x.org", Duration.ofMinutes(5));
    Harness.Answers first = h.send("FLUSH", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofSeconds(6));
    assertThat(first.status()).isEqualTo(300);
    assertThat(first.last().reason()).isEqualTo("Partial Flush");
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.NEEDS_FLUSH);
    Harness.Answers second = h.send("FLUSH", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofSeconds(6));
    assertThat(second.status()).isEqualTo(200);
  }

  @Test
  void noWaterIs404ButAPailOfWaterWorks() {
    h.controller.operate("head@ships-a-hoy.com", ProxyCondition.NO_WATER);
    Harness.Answers dry = h.send("FLUSH", "head@ships-a-hoy.com", "a@x.org");
    assertThat(dry.codes()).containsExactly(404);
    Harness.Answers pail = h.send("FLUSH", "head@ships-a-hoy.com", "a@x.org", "How: Pail-o-water");
    h.advance(Duration.ofSeconds(6));
    assertThat(pail.status()).isEqualTo(200);
  }

  @Test
  void pluggedThenOverflowedUnlessPlunged() {
    h.controller.operate("commode1@banos.com", ProxyCondition.PLUGGED);
    Harness.Answers plugged = h.send("FLUSH", "commode1@banos.com", "a@x.org");
    assertThat(plugged.codes()).containsExactly(470);
    assertThat(plugged.last().reason()).isEqualTo("Plugged");
    Harness.Answers again = h.send("FLUSH", "commode1@banos.com", "a@x.org");
    assertThat(again.codes()).containsExactly(602);
    assertThat(again.last().reason()).isEqualTo("Overflowed");
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.OVERFLOWED);
    assertThat(h.maintenance).extracting(MaintenanceEvent::status).containsExactly(470, 602);
    h.controller.operate("commode1@banos.com", ProxyCondition.PLUGGED);
    Harness.Answers plunged = h.send("FLUSH", "commode1@banos.com", "a@x.org", "How: Plunger");
    h.advance(Duration.ofSeconds(6));
    assertThat(plunged.status()).isEqualTo(200);
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
  }

  @Test
  void backupAndSepticRefluxTellMaintenance() {
    h.send("PUBLISH", "commode1@banos.com", "sensor@banos.com", "Condition: Backup");
    Harness.Answers backup = h.send("FLUSH", "commode1@banos.com", "a@x.org");
    assertThat(backup.codes()).containsExactly(666);
    assertThat(backup.last().reason()).isEqualTo("Backup");
    h.send("PUBLISH", "crapper2@proxy1.wc.com", "sensor@proxy1.wc.com", "Condition: Septic-Reflux");
    Harness.Answers reflux = h.send("FLUSH", "crapper2@proxy1.wc.com", "a@x.org");
    assertThat(reflux.codes()).containsExactly(667);
    assertThat(reflux.last().reason()).isEqualTo("Septic Reflux");
    assertThat(h.maintenance).extracting(MaintenanceEvent::status).containsExactly(666, 667);
    assertThat(h.maintenance.get(1).condition()).isEqualTo(ProxyCondition.SEPTIC_REFLUX);
  }

  @Test
  void aSeededChanceOfCloggingGives470() {
    Harness unlucky = new Harness(PisConfig.builder().cloggingProbability(1.0).build());
    assertThat(unlucky.send("FLUSH", "commode1@banos.com", "a@x.org").codes()).containsExactly(470);
    assertThat(unlucky.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.PLUGGED);
  }

  @Test
  void someoneElsesSessionIsNotFlushedAndUnknownHowIsRefused() {
    h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    assertThat(h.send("FLUSH", "commode1@banos.com", "b@x.org").codes()).containsExactly(403);
    Harness.Answers own = h.send("FLUSH", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofSeconds(6));
    assertThat(own.status()).isEqualTo(200); // a flush within the session
    Harness.Answers button = h.send("FLUSH", "head@ships-a-hoy.com", "a@x.org", "How: Press-Button");
    assertThat(button.codes()).containsExactly(488);
    assertThat(button.last().header(PisHeaders.HOW).orElseThrow()).contains(Technique.MARINE_PLUNGER_PUMP);
  }

  @Test
  void everyTechniqueOfTheDraftFlushes() {
    for (String how : new String[] {"Tilt-Lever-handle", "Injection-Tilt-Valve", "Press-Button", "Automatic", "Plunger",
        "Marine-Plunger-Pump", "Return-knob", "Pail-o-water", "Overhead-pull-chain"}) {
      Harness.Answers a = h.send("FLUSH", "commode1@banos.com", "a@x.org", "How: " + how);
      h.advance(Duration.ofSeconds(6));
      assertThat(a.status()).as(how).isEqualTo(200);
      assertThat(a.responses.get(0).header(PisHeaders.HOW).orElseThrow()).containsExactly(Technique.of(how));
    }
  }
}
