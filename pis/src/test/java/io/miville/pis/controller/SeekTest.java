package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.ProxyType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SEEK: every answer of draft-pis-00 §2.1 and Appendix 1, with the queue, holds and redirects. */
class SeekTest {
  private final Harness h = new Harness();

  private String from(Harness.Answers a) {
    return a.last().header(HeaderName.FROM).orElseThrow();
  }

  @Test
  void proxyAvailableNamesTheProxyInFromAndHoldsItForTheSeeker() {
    Harness.Answers a = h.send("SEEK", "resourcecontroller@banos.com", "alice@home.org");
    assertThat(a.codes()).containsExactly(200);
    assertThat(a.last().reason()).isEqualTo("Proxy Available");
    assertThat(from(a)).startsWith("<sip:commode1@banos.com>");
    assertThat(a.last().header(PisHeaders.TYPE).orElseThrow()).containsExactly(ProxyType.COMMODE);
    assertThat(a.last().header(SipHeaders.EXPIRES)).hasValue(60L);
    assertThat(a.last().headers(HeaderName.CONTACT)).singleElement().asString()
        .startsWith("<sip:resourcecontroller@banos.com>;wait=");
    assertThat(a.last().header(DefaultPisController.PIS_LOAD)).hasValueSatisfying(v ->
        assertThat(v).startsWith("type=Commode;occupancy=120.0;").contains(";utilisation=").contains(";wait="));
    // held: the next seeker waits
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "bob@home.org").codes()).containsExactly(110);
  }

  @Test
  void queuedSeekIsAnsweredWhenTheHoldRunsOut() {
    h.send("SEEK", "resourcecontroller@banos.com", "alice@home.org");
    Harness.Answers bob = h.send("SEEK", "resourcecontroller@banos.com", "bob@home.org");
    assertThat(bob.codes()).containsExactly(110);
    assertThat(bob.last().header(DefaultPisController.PIS_QUEUE)).hasValueSatisfying(v -> assertThat(v)
        .startsWith("position=1;wait="));
    assertThat(h.controller.snapshot("banos").orElseThrow().queueLength()).isEqualTo(1);
    h.advance(Duration.ofSeconds(29));
    assertThat(bob.codes()).containsExactly(110);
    assertThat(h.send("VOMET", "commode1@banos.com", "alice@home.org").status()).isEqualTo(200);
    assertThat(bob.codes()).containsExactly(110, 200);
    assertThat(from(bob)).contains("commode1@banos.com");
  }

  @Test
  void queuedSeekIsRedirectedToOtherClustersWhenTheWaitTimesOut() {
    h.send("SEEK", "resourcecontroller@banos.com", "alice@home.org");
    Harness.Answers bob = h.send("SEEK", "resourcecontroller@banos.com", "bob@home.org");
    h.advance(Duration.ofSeconds(30));
    assertThat(bob.codes()).containsExactly(110, 300);
    assertThat(bob.last().reason()).isEqualTo("No suitable proxy available");
    assertThat(bob.last().headers(HeaderName.CONTACT)).isNotEmpty()
        .noneMatch(c -> c.contains("banos.com"));
    assertThat(bob.last().header(SipHeaders.RETRY_AFTER)).isPresent();
    assertThat(h.controller.snapshot("banos").orElseThrow().queueLength()).isZero();
  }

  @Test
  void noSuitableProxyRedirectsToClustersThatHaveOne() {
    Harness.Answers a = h.send("SEEK", "resourcecontroller@banos.com", "carol@home.org", "Requires: Handicapable");
    assertThat(a.codes()).containsExactly(300);
    assertThat(a.last().headers(HeaderName.CONTACT)).singleElement().asString()
        .startsWith("<sip:resourcecontroller@latrine1.loo.com>");
  }

  @Test
  void urgentSeekersMayForgoRequires() {
    Harness.Answers a = h.send("SEEK", "resourcecontroller@banos.com", "carol@home.org", "Requires: Handicapable",
        "Urgency: Urgent");
    assertThat(a.codes()).containsExactly(200);
    assertThat(from(a)).contains("commode1@banos.com");
    assertThat(a.last().header(HeaderName.WARNING)).hasValueSatisfying(w -> assertThat(w).contains("forgone"));
  }

  @Test
  void closedForCleaningIs301WithRetryAfter() {
    assertThat(h.send("COMET", "resourcecontroller@banos.com", "janitor@banos.com").status()).isEqualTo(200);
    Harness.Answers a = h.send("SEEK", "resourcecontroller@banos.com", "alice@home.org");
    assertThat(a.codes()).containsExactly(301);
    assertThat(a.last().reason()).isEqualTo("Closed for cleaning");
    assertThat(a.last().header(SipHeaders.RETRY_AFTER).orElseThrow().seconds()).isEqualTo(600);
    h.advance(Duration.ofMinutes(10));
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "alice@home.org").status()).isEqualTo(200);
  }

  @Test
  void requiresAreMatchedOnAttributesAndLiveState() {
    // Paper-Soft refines Paper; Sani-Shield's local synonym Horse-Collar
    Harness.Answers a = h.send("SEEK", "resourcecontroller@latrine1.loo.com", "a@x.org", "Requires: Paper Horse-Collar");
    assertThat(from(a)).contains("stall2@");
    // Leaves satisfy Paper where the site says so (§5)
    Harness.Answers b = h.send("SEEK", "resourcecontroller@latrine1.loo.com", "b@x.org", "Type: Outhouse",
        "Requires: Paper");
    assertThat(from(b)).contains("leafy@");
    // no paper left: Paper cannot be met now, but may be later
    h.send("PUBLISH", "commode1@banos.com", "sensor@banos.com", "Info: No-Paper");
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "c@x.org", "Requires: Paper").codes()).containsExactly(110);
  }

  @Test
  void cleanAndFlushedAreJudgedFromLiveState() {
    h.send("PUBLISH", "commode1@banos.com", "sensor@banos.com", "Info: Malodor");
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "a@x.org", "Requires: Clean-proxy").codes())
        .containsExactly(110);
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "b@x.org").status()).isEqualTo(200);
  }

  @Test
  void aProxyThatNeedsAFlushIsOfferedWithItsInfoUnlessFlushedIsRequired() {
    h.sendIn("s1", "INVITE", "commode1@banos.com", "a@x.org");
    h.advance(Duration.ofMinutes(1));
    h.sendIn("s1", "BYE", "commode1@banos.com", "a@x.org");
    assertThat(h.proxy("commode1@banos.com").condition()).isEqualTo(ProxyCondition.NEEDS_FLUSH);
    assertThat(h.send("SEEK", "resourcecontroller@banos.com", "c@x.org", "Requires: Flushed-proxy").codes())
        .containsExactly(110);
    Harness.Answers b = h.send("SEEK", "resourcecontroller@banos.com", "b@x.org");
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.last().header(PisHeaders.INFO).orElseThrow()).contains(InfoItem.PREVIOUS_TRANSACTION_NOT_CLEARED);
  }

  @Test
  void localNamesResolveToTypes() {
    Harness.Answers a = h.send("SEEK", "resourcecontroller@proxy1.wc.com", "a@x.org", "Type: restroom");
    assertThat(from(a)).contains("crapper2@proxy1.wc.com");
  }

  @Test
  void aSeekToAForeignDomainIsRedirectedToTheSite() {
    Harness.Answers a = h.send("SEEK", "rc@elsewhere.example", "roamer@abroad.example", "Requires: Handicapable");
    assertThat(a.codes()).containsExactly(300);
    assertThat(a.last().headers(HeaderName.CONTACT)).singleElement().asString().contains("latrine1.loo.com");
  }

  @Test
  void aRoamingUserAgentIsServedLikeAHomeOne() {
    Harness.Answers home = h.send("SEEK", "resourcecontroller@proxy1.wc.com", "local@proxy1.wc.com");
    h.send("VOMET", "crapper2@proxy1.wc.com", "local@proxy1.wc.com");
    Harness.Answers roamer = h.send("SEEK", "resourcecontroller@proxy1.wc.com", "visitor@f-cscf.example");
    assertThat(roamer.codes()).isEqualTo(home.codes());
    assertThat(from(roamer)).isEqualTo(from(home)); // the same proxy, the same From tag echo
  }

  @Test
  void locationSeekRanksClustersBestFirst() {
    // near Jackson Square: the loo cluster first, then the nearby ones, each with its wait
    Harness.Answers a = h.send("SEEK", "resourcecontroller@banos.com", "w@x.org",
        "Geo-spatial-position: 29.9574, -90.0629, 3");
    assertThat(a.last().headers(HeaderName.CONTACT)).hasSizeGreaterThan(1);
    assertThat(a.last().headers(HeaderName.CONTACT).get(0)).contains("latrine1.loo.com");
    Harness.Answers b = h.send("SEEK", "resourcecontroller@banos.com", "v@x.org", "Currently-Near-to: French Quarter");
    assertThat(b.last().headers(HeaderName.CONTACT).get(0)).contains("latrine1.loo.com");
  }
}
