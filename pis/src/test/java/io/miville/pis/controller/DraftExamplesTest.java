package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderField;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipResponse;
import io.miville.codec.SipWriter;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every example of draft-pis-00 (codec/src/test/resources/pis-draft/) sent to a controller over
 * the test site gets an answer of the kind the draft shows: the same status code and the headers
 * the draft's answer carries.
 */
class DraftExamplesTest {
  private static final Path DRAFT = Path.of("..", "codec", "src", "test", "resources", "pis-draft");
  private final Harness h = new Harness();

  private static String file(String name) throws IOException {
    return Files.readString(DRAFT.resolve(name), StandardCharsets.UTF_8);
  }

  private static SipResponse example(String name) throws IOException {
    return (SipResponse) SipParser.create().parse(file(name));
  }

  private static Set<HeaderName> names(SipMessage m) {
    return m.headerFields().stream().map(HeaderField::name).collect(Collectors.toSet());
  }

  private static String shortLine(SipResponse r) {
    String text = new String(SipWriter.encode(r, SipWriter.Form.SHORT, false), StandardCharsets.UTF_8);
    return text.substring(0, text.indexOf("\r\n"));
  }

  @Test
  void seekWithRequiresGetsTheDraftsProxyAvailable() throws IOException {
    // a sensor makes stall2 look like the draft's example: low on resources, in turbulence
    assertThat(h.send("PUBLISH", "stall2@latrine1.loo.com", "sensor@latrine1.loo.com",
        "Info: Resources-low", "Warning: Turbulence").status()).isEqualTo(200);
    Harness.Answers a = h.send(file("s2.1-seek-requires.sip"));
    SipResponse ok = a.last();
    SipResponse draft = example("s2.1-seek-200-proxy-available.sip");
    assertThat(ok.status()).isEqualTo(draft.status());
    assertThat(ok.reason()).isEqualTo("Proxy Available");
    assertThat(ok.isShortForm()).isTrue();
    assertThat(ok.header(HeaderName.FROM)).hasValue("stall2@latrine1.loo.com");
    assertThat(names(ok)).containsAll(names(draft));
    assertThat(ok.header(PisHeaders.REQUIRES)).isEqualTo(draft.header(PisHeaders.REQUIRES));
    assertThat(ok.header(PisHeaders.FORBIDDEN)).isEqualTo(draft.header(PisHeaders.FORBIDDEN));
    assertThat(draft.header(PisHeaders.TYPE).orElseThrow()).containsAll(ok.header(PisHeaders.TYPE).orElseThrow());
    assertThat(draft.header(PisHeaders.INFO).orElseThrow()).containsAll(ok.header(PisHeaders.INFO).orElseThrow());
    assertThat(ok.headers(SipHeaders.CONTACT)).isNotEmpty();
  }

  @Test
  void seekWithUrgencyIsServed() throws IOException {
    Harness.Answers a = h.send(file("s2.1-seek-urgency.sip"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.last().header(HeaderName.FROM)).hasValue("commode1@banos.com");
  }

  @Test
  void tipsyAimGets575WithTheDraftsInfoText() throws IOException {
    Harness.Answers a = h.send(file("s2.2-aim.sip"));
    SipResponse draft = example("s2.2-aim-575.sip");
    assertThat(a.codes()).containsExactly(575);
    assertThat(a.last().reason()).isEqualTo(draft.reason());
    assertThat(a.last().header(PisHeaders.INFO_TEXT)).isEqualTo(draft.header(PisHeaders.INFO_TEXT));
    assertThat(shortLine(a.last())).isEqualTo(draft.startLine());
  }

  @Test
  void shortFormFlushIsAnsweredExactlyAsWritten() throws IOException {
    Harness.Answers a = h.send(file("s2.3-flush-tid.sip"));
    SipResponse info = example("s2.3-flush-100-info.sip");
    assertThat(a.codes()).containsExactly(100);
    assertThat(shortLine(a.last())).isEqualTo("100 INFO TID=1");
    assertThat(a.last().header(PisHeaders.HOW)).isEqualTo(info.header(PisHeaders.HOW));
    h.advance(Duration.ofSeconds(10));
    assertThat(a.codes()).containsExactly(100, 200);
    assertThat(shortLine(a.last())).isEqualTo(shortLine(example("s2.3-flush-200-ok.sip")));
  }

  @Test
  void flushWithoutWaterIs404AndWithWaterSwirls() throws IOException {
    h.send("PUBLISH", "head@ships-a-hoy.com", "sensor@ships-a-hoy.com", "Condition: No-Water");
    Harness.Answers dry = h.send(file("s2.3-flush-tid.sip"));
    assertThat(dry.status()).isEqualTo(example("s2.3-flush-404-no-water.sip").status());
    h.controller.operate("head@ships-a-hoy.com", ProxyCondition.AVAILABLE);
    Harness.Answers wet = h.send("FLUSH", "head@ships-a-hoy.com", "user@ships-a-hoy.com");
    h.advance(Duration.ofSeconds(10));
    assertThat(wet.codes()).contains(example("s2.3-flush-160-swirling.sip").status());
    assertThat(wet.status()).isEqualTo(200);
  }

  @Test
  void washGetsInfoAndASinkOrWaitsInTheQueue() throws IOException {
    Harness.Answers first = h.send(file("s2.4-wash.sip"));
    SipResponse info = example("s2.4-wash-101-info.sip");
    assertThat(first.codes()).containsExactly(101, 200);
    assertThat(first.responses.get(0).reason()).isEqualTo(info.reason());
    assertThat(names(first.responses.get(0))).containsAll(names(info).stream()
        .filter(n -> !n.equals(HeaderName.of("Recommend"))).toList());
    assertThat(first.responses.get(0).header(PisHeaders.WATER_STATE)).isEqualTo(info.header(PisHeaders.WATER_STATE));
    assertThat(first.last().reason()).isEqualTo(example("s2.4-wash-200-sink-available.sip").reason());
    h.send(file("s2.4-wash.sip"));
    Harness.Answers third = h.send(file("s2.4-wash.sip"));
    assertThat(third.codes()).containsExactly(example("s2.4-wash-110-queued.sip").status());
    h.advance(Duration.ofSeconds(21));
    assertThat(third.codes()).containsExactly(110, 101, 200);
  }

  @Test
  void strikingAMatchInAHotReekingPortOLetFails() throws IOException {
    h.send("PUBLISH", "airs@current.port-o-let.com", "sensor@current.port-o-let.com",
        "Info: Reeking-Stench, Ventilation-Not-Adequate", "Temperature: 110F", "Methane: 200");
    Harness.Answers a = h.send(file("s2.5-freshen.sip"));
    SipResponse draft = example("s2.5-freshen-300-fail.sip");
    assertThat(a.codes()).containsExactly(300);
    assertThat(a.last().startLine()).isEqualTo(draft.startLine());
    assertThat(a.last().header(PisHeaders.INFO)).isEqualTo(draft.header(PisHeaders.INFO));
  }

  @Test
  void locationSeekNamesRankedClusterControllers() throws IOException {
    Harness.Answers a = h.send(file("appendix1-seek-location.sip"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.last().header(HeaderName.FROM)).hasValue("family1@latrine1.loo.com");
    List<String> contacts = a.last().headers(HeaderName.CONTACT);
    assertThat(contacts).isNotEmpty();
    assertThat(contacts.get(0)).startsWith("<sip:resourcecontroller@latrine1.loo.com>").contains(";wait=");
    assertThat(a.last().headers(DefaultPisController.PIS_LOAD)).isNotEmpty();
  }
}
