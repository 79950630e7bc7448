package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.SipWriter;
import io.miville.codec.header.PisHeaders;
import io.miville.pis.site.DemoSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The draft's example requests against the built-in demo site, as {@code pis serve} runs it. */
class DemoSiteDraftTest {
  private static final Path DRAFT = Path.of("..", "codec", "src", "test", "resources", "pis-draft");
  private final Harness h = new Harness(DemoSite.create(), PisConfig.DEFAULT);

  private Harness.Answers send(String file) throws IOException {
    return h.send(Files.readString(DRAFT.resolve(file), StandardCharsets.UTF_8));
  }

  private static String firstLine(io.miville.codec.SipResponse r) {
    String t = new String(SipWriter.encode(r, SipWriter.Form.SHORT, false), StandardCharsets.UTF_8);
    return t.substring(0, t.indexOf("\r\n"));
  }

  @Test
  void everyExampleRequestGetsTheAnswerTheDraftShows() throws IOException {
    // stall1 is taken, so the draft's seeker gets stall2 as in the §2.1 answer
    assertThat(h.sendIn("busy", "INVITE", "stall1@latrine1.loo.com", "someone@latrine1.loo.com").status()).isEqualTo(200);
    Harness.Answers seek = send("s2.1-seek-requires.sip");
    assertThat(seek.status()).isEqualTo(200);
    assertThat(seek.last().header(HeaderName.FROM)).hasValue("stall2@latrine1.loo.com");
    assertThat(seek.last().header(PisHeaders.REQUIRES)).isPresent();
    assertThat(seek.last().header(PisHeaders.FORBIDDEN)).isPresent();

    assertThat(send("s2.1-seek-urgency.sip").status()).isEqualTo(200);

    Harness.Answers aim = send("s2.2-aim.sip");
    assertThat(firstLine(aim.last())).isEqualTo("PIS/1.0 575 Temporary Failure - inebriated. 3 point stance required");
    assertThat(aim.last().header(PisHeaders.INFO_TEXT)).hasValue("Don't be a lush.");

    Harness.Answers flush = send("s2.3-flush-tid.sip");
    assertThat(firstLine(flush.last())).isEqualTo("100 INFO TID=1");
    assertThat(flush.last().header(HeaderName.HOW).orElseThrow()).isEqualToIgnoringCase("Marine-plunger-pump");
    h.advance(Duration.ofSeconds(10));
    assertThat(firstLine(flush.last())).isEqualTo("200 OK TID=1");

    assertThat(send("s2.4-wash.sip").codes()).containsExactly(101, 200);

    // the draft's port-o-let on a hot day, as its sensor reports it
    h.send("PUBLISH", "airs@current.port-o-let.com", "sensor@current.port-o-let.com",
        "Info: Reeking-Stench, Ventilation-Not-Adequate", "Temperature: 110F");
    Harness.Answers freshen = send("s2.5-freshen.sip");
    assertThat(firstLine(freshen.last())).isEqualTo("PIS/1.0 300 Fail");
    assertThat(freshen.last().header(HeaderName.INFO)).hasValue("Reeking-Stench, Ventilation-Not-Adequate, Temperature 110F");

    Harness.Answers located = send("appendix1-seek-location.sip");
    assertThat(located.status()).isEqualTo(200);
    assertThat(located.last().headers(HeaderName.CONTACT)).isNotEmpty();
  }
}
