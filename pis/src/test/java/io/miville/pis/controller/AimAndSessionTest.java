package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** AIM (draft-pis-00 §2.2) and INVITE/ACK/BYE to proxies, with the second session of §3 and §4's wall. */
class AimAndSessionTest {
  private final Harness h = new Harness();

  @Test
  void aimOnAFreeProxyFlowsAndIsOnTarget() {
    Harness.Answers a = h.send("AIM", "commode1@banos.com", "a@x.org");
    assertThat(a.codes()).containsExactly(165, 180, 183, 200);
    assertThat(a.responses).extracting(r -> r.reason())
        .containsExactly("Flow pending", "Flowing", "Flow progress", "ON TARGET");
  }

  @Test
  void aimInMotionMissesSomePackets() {
    Harness.Answers a = h.send("AIM", "head@ships-a-hoy.com", "a@x.org");
    assertThat(a.status()).isEqualTo(201);
    assertThat(a.last().reason()).isEqualTo("Some packets not on target");
    assertThat(a.last().header(HeaderName.WARNING)).hasValue("Swells");
    h.send("PUBLISH", "head@ships-a-hoy.com", "sensor@ships-a-hoy.com", "Warning: Rough-Seas");
    assertThat(h.send("AIM", "head@ships-a-hoy.com", "a@x.org").last().header(HeaderName.WARNING)).hasValue("Rough-Seas");
  }

  @Test
  void aSip20AimGetsTheMotionAsRfc3261WarningsThatReadBack() {
    String text = Harness.request("AIM", "head@ships-a-hoy.com", "a@x.org", "call-sip").replace(" PIS/1.0\r\n", " SIP/2.0\r\n");
    Harness.Answers a = h.send(text);
    assertThat(a.status()).isEqualTo(201);
    byte[] wire = a.last().encode();
    var back = (io.miville.codec.SipResponse) io.miville.codec.SipParser.create().parse(wire);
    assertThat(back.headers(io.miville.codec.header.SipHeaders.WARNING))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.code()).isEqualTo(399);
          assertThat(w.text()).isEqualTo("Swells");
        });
  }

  @Test
  void aMaleUserAgentIsAskedToLiftTheSeatOnce() {
    Harness.Answers a = h.send("AIM", "family1@latrine1.loo.com", "bob@x.org", "Requires: Male");
    assertThat(a.codes()).containsExactly(300);
    assertThat(a.last().reason()).isEqualTo("Lift seat please");
    assertThat(h.send("AIM", "family1@latrine1.loo.com", "bob@x.org", "Requires: Male").status()).isEqualTo(200);
  }

  @Test
  void anOverflowedProxyRedirects() {
    h.controller.operate("stall1@latrine1.loo.com", ProxyCondition.OVERFLOWED);
    Harness.Answers a = h.send("AIM", "stall1@latrine1.loo.com", "a@x.org");
    assertThat(a.codes()).containsExactly(307);
    assertThat(a.last().headers(HeaderName.CONTACT)).first().asString().isEqualTo("<sip:stall2@latrine1.loo.com>");
  }

  @Test
  void anUnflushedProxyIs506AndAPluggedOne507() {
    h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofMinutes(1));
    h.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org");
    Harness.Answers a = h.send("AIM", "commode1@banos.com", "b@x.org");
    assertThat(a.codes()).containsExactly(506);
    assertThat(a.last().reason()).isEqualTo("Previous transaction not cleared. FLUSH recommended");
    h.controller.operate("commode1@banos.com", ProxyCondition.PLUGGED);
    assertThat(h.send("AIM", "commode1@banos.com", "b@x.org").last().reason()).isEqualTo("Clogged");
  }

  @Test
  void bloodAlcoholGives575() {
    Harness.Answers a = h.send("AIM", "commode1@banos.com", "sober@x.org", "Blood-Alcohol: 0.12");
    assertThat(a.codes()).containsExactly(575);
    assertThat(a.last().header(PisHeaders.INFO_TEXT)).hasValue("Don't be a lush.");
  }

  @Test
  void onlyTheHolderMayAimOrBye() {
    h.send("SEEK", "resourcecontroller@banos.com", "alice@x.org");
    assertThat(h.send("AIM", "commode1@banos.com", "mallory@x.org").codes()).containsExactly(403);
    assertThat(h.send("AIM", "commode1@banos.com", "alice@x.org").status()).isEqualTo(200);
    h.sendIn("s1", "INVITE", "commode1@banos.com", "alice@x.org");
    assertThat(h.sendIn("s1", "BYE", "commode1@banos.com", "mallory@x.org").codes()).containsExactly(403);
    assertThat(h.send("BYE", "commode1@banos.com", "mallory@x.org").codes()).containsExactly(403);
    assertThat(h.sendIn("s1", "BYE", "commode1@banos.com", "alice@x.org").codes()).containsExactly(200);
  }

  @Test
  void inviteOccupiesAndByeFreesAndLeavesAFlushToDo() {
    Harness.Answers ok = h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    assertThat(ok.codes()).containsExactly(200);
    assertThat(ok.last().toTag()).isPresent();
    assertThat(ok.last().headers(HeaderName.CONTACT)).containsExactly("<sip:commode1@banos.com>");
    h.controller.handleAck(ok.request);
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.OCCUPIED);
    assertThat(h.proxy("commode1@banos.com").occupants()).isEqualTo(1);
    assertThat(h.sendIn("s2", "INVITE", "commode1@banos.com", "b@x.org").codes()).containsExactly(486);
    h.advance(Duration.ofMinutes(2));
    assertThat(h.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org").status()).isEqualTo(200);
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.NEEDS_FLUSH);
    assertThat(h.proxy("commode1@banos.com").occupants()).isZero();
    // the session's length moved the occupancy EWMA from 120 s toward 120 s, arrivals untouched
    LoadFigures load = h.controller.snapshot("banos").orElseThrow().load().get(0);
    assertThat(load.meanOccupancySeconds()).isEqualTo(120.0);
  }

  @Test
  void aSessionWhoseOkIsNeverAcknowledgedFreesItsPlaceWithoutAFlush() {
    h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    assertThat(h.proxy("commode1@banos.com").occupants()).isEqualTo(1);
    h.controller.sessionUnconfirmed("s1");
    assertThat(h.proxy("commode1@banos.com").occupants()).isZero();
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
    assertThat(h.sendIn("s2", "INVITE", "commode1@banos.com", "b@x.org").status()).isEqualTo(200);
    // a BYE for the session that never began finds nothing to end
    assertThat(h.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org").status()).isEqualTo(403);
  }

  @Test
  void aHeavySessionShorterThanASecondStillCountsAsHeavy() {
    // a time-scaled site (as `pis serve --time-scale` makes): a heavy session is 240 ms here
    Harness scaled = new Harness(PisConfig.builder().heavySession(Duration.ofMillis(240)).build());
    scaled.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    scaled.advance(Duration.ofMillis(100));
    scaled.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org");
    Harness.Answers light = scaled.send("FLUSH", "commode1@banos.com", "a@x.org");
    scaled.advance(Duration.ofSeconds(6));
    assertThat(light.status()).isEqualTo(200);

    scaled.sendIn("s2", "INVITE", "commode1@banos.com", "a@x.org");
    scaled.advance(Duration.ofMillis(500));
    scaled.sendIn("s2", "BYE", "commode1@banos.com", "a@x.org");
    Harness.Answers heavy = scaled.send("FLUSH", "commode1@banos.com", "a@x.org");
    scaled.advance(Duration.ofSeconds(6));
    assertThat(heavy.status()).isEqualTo(300);
  }

  @Test
  void anAdvancedProxyFlushesByItselfAndSaysWoosh() {
    h.sendIn("s1", "INVITE", "family1@latrine1.loo.com", "a@x.org");
    h.advance(Duration.ofMinutes(1));
    h.sendIn("s1", "BYE", "family1@latrine1.loo.com", "a@x.org");
    assertThat(h.proxy("family1@latrine1.loo.com").condition()).isEqualTo(ProxyCondition.NEEDS_FLUSH);
    h.advance(Duration.ofSeconds(3));
    assertThat(h.proxy("family1@latrine1.loo.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
    assertThat(h.announcements).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.reason()).isEqualTo("WOOSH");
      assertThat(a.proxy()).isEqualTo("family1@latrine1.loo.com");
    });
  }

  @Test
  void urinalsWantLookAtTheWallAndFlushContinuously() {
    Harness.Answers refused = h.sendIn("u1", "INVITE", "urinal1@latrine1.loo.com", "a@x.org");
    assertThat(refused.codes()).containsExactly(421);
    assertThat(refused.last().headers(SipHeaders.REQUIRE)).containsExactly("look-at-the-wall");
    assertThat(h.sendIn("u1", "INVITE", "urinal1@latrine1.loo.com", "a@x.org", "Supported: look-at-the-wall").status())
        .isEqualTo(200);
    h.advance(Duration.ofMinutes(1));
    h.sendIn("u1", "BYE", "urinal1@latrine1.loo.com", "a@x.org");
    assertThat(h.proxy("urinal1@latrine1.loo.com").condition()).isEqualTo(ProxyCondition.AVAILABLE);
    // or by the method
    assertThat(h.send("LOOK-AT-THE-WALL", "urinal1@latrine1.loo.com", "b@x.org").status()).isEqualTo(200);
    assertThat(h.sendIn("u2", "INVITE", "urinal1@latrine1.loo.com", "b@x.org").status()).isEqualTo(200);
  }

  @Test
  void aPizwahTakesSeveralUserAgentsAtOnce() {
    for (int i = 1; i <= 3; i++) {
      assertThat(h.sendIn("p" + i, "INVITE", "pizwah1@lavatory1.pizwah.com", "u" + i + "@x.org",
          "Require: look-at-the-wall").status()).isEqualTo(200);
    }
    assertThat(h.proxy("pizwah1@lavatory1.pizwah.com").occupants()).isEqualTo(3);
    assertThat(h.sendIn("p4", "INVITE", "pizwah1@lavatory1.pizwah.com", "u4@x.org", "Require: look-at-the-wall")
        .codes()).containsExactly(486);
  }

  @Test
  void aSessionEndedTooSoonMayResumeWithinTheGracePeriodAheadOfTheQueue() {
    Harness h = new Harness(PisConfig.builder().queueTimeout(Duration.ofMinutes(10)).build());
    h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofSeconds(5));
    h.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org");
    // the proxy is kept for a@: a newcomer queues, another INVITE is refused
    Harness.Answers b = h.send("SEEK", "resourcecontroller@banos.com", "b@x.org");
    assertThat(b.codes()).containsExactly(110);
    assertThat(h.sendIn("s2", "INVITE", "commode1@banos.com", "c@x.org").status()).isEqualTo(480);
    h.advance(Duration.ofSeconds(20));
    assertThat(h.sendIn("s3", "INVITE", "commode1@banos.com", "a@x.org").status()).isEqualTo(200);
    h.advance(Duration.ofMinutes(2));
    h.sendIn("s3", "BYE", "commode1@banos.com", "a@x.org");
    // now the queue gets it, unflushed
    assertThat(b.codes()).containsExactly(110, 200);
  }

  @Test
  void theGracePeriodEndsAndTheQueueIsServed() {
    Harness h = new Harness(PisConfig.builder().queueTimeout(Duration.ofMinutes(10)).build());
    h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofSeconds(5));
    h.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org");
    Harness.Answers b = h.send("SEEK", "resourcecontroller@banos.com", "b@x.org");
    h.advance(Duration.ofSeconds(29));
    assertThat(b.codes()).containsExactly(110);
    h.send("FLUSH", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofSeconds(6));
    assertThat(b.codes()).containsExactly(110, 200);
    assertThat(h.sendIn("s9", "INVITE", "commode1@banos.com", "a@x.org").status()).isEqualTo(486);
  }
}
