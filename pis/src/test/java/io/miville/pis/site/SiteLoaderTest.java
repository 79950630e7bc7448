package io.miville.pis.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.SpeedUnit;
import io.miville.codec.pis.Velocity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteLoaderTest {
  private static final String MINIMAL = """
      name: Test site
      paperEquivalents: [Leaves, $1-USD]
      localTypeNames:
        Dunny: Outhouse
      clusters:
        - id: loo
          controller: resourcecontroller@latrine1.loo.com
          name: Jax Brewery restrooms
          aliases: [loo, baños]
          position:
            geo: {latitude: 29.9574, longitude: -90.0629, elevation: 3}
            building: {building: Jax Brewery, floor: 2, column: C-12, office: 214}
          wash: {sinks: 2, water: [Hot, Cold], handle: 2-handle, soap: yes, dryer: [Dryer]}
          proxies:
            - address: stall2
              type: Stall
              attributes: [Clean-proxy, Paper-Soft, Sani-Shield]
              requires: Payment-token
              forbidden: [Use-of-cellphone, eating]
            - address: trough@latrine1.loo.com
              type: Line-urinal
              capacity: 5
              flush: continuous
            - {address: boat, type: Head, access: private, motion: "6 kn;heading=120", flushHow: [Marine-plunger-pump]}
            - {address: odd, type: Golden-Throne}
        - id: moon
          controller: rc@tranquility.moon.example
          name: Tranquility Base
          position: {planet: Moon, geo: "0.6741, 23.473"}
      """;

  private static String withReplaced(String from, String to) {
    assertThat(MINIMAL).contains(from);
    return MINIMAL.replace(from, to);
  }

  private static SiteException failure(String yaml) {
    try {
      SiteLoader.parse(yaml, SiteLoader.Format.YAML);
    } catch (SiteException e) {
      return e;
    }
    throw new AssertionError("expected a SiteException");
  }

  @Test
  void readsEveryFieldOfTheFormat() {
    Site s = SiteLoader.parse(MINIMAL, SiteLoader.Format.YAML);
    assertThat(s.name()).isEqualTo("Test site");
    assertThat(s.paperEquivalents()).containsExactlyInAnyOrder(ProxyAttribute.of("Leaves"), ProxyAttribute.of("$1-USD"));
    assertThat(s.localTypeNames()).containsEntry("dunny", "Outhouse");
    Cluster c = s.clusters().get(0);
    assertThat(c.host()).isEqualTo("latrine1.loo.com");
    assertThat(c.aliases()).containsExactly("loo", "baños");
    assertThat(c.position().geo()).contains(GeoPosition.of(29.9574, -90.0629, 3));
    assertThat(c.position().building().orElseThrow().toString()).isEqualTo("Jax Brewery, 2, C-12, 214");
    assertThat(c.wash().sinks()).isEqualTo(2);
    assertThat(c.wash().soap()).isTrue();
    ProxySpec stall2 = c.proxies().get(0);
    assertThat(stall2.address()).isEqualTo("stall2@latrine1.loo.com");
    assertThat(stall2.capacity()).isEqualTo(1);
    assertThat(stall2.access()).isEqualTo(Access.PUBLIC);
    assertThat(stall2.flushKind()).isEqualTo(FlushKind.MANUAL);
    assertThat(stall2.requires()).containsExactly(ProxyAttribute.PAYMENT_TOKEN);
    assertThat(stall2.attributes()).anyMatch(a -> a.satisfies(ProxyAttribute.PAPER));
    assertThat(c.proxies().get(1).capacity()).isEqualTo(5);
    assertThat(c.proxies().get(1).flushKind()).isEqualTo(FlushKind.CONTINUOUS);
    assertThat(c.proxies().get(2).motion()).contains(Velocity.of(6, SpeedUnit.KNOTS, 120));
    assertThat(c.proxies().get(2).access()).isEqualTo(Access.PRIVATE);
    // the Type registry is open: an unknown type is kept as written
    assertThat(c.proxies().get(3).type()).isEqualTo(ProxyType.of("Golden-Throne"));
    assertThat(c.proxies().get(3).type().isKnown()).isFalse();
    assertThat(s.clusters().get(1).position().planet()).isEqualTo(Planet.MOON);
    assertThat(s.clusters().get(1).wash()).isEqualTo(WashFacility.none());
  }

  @Test
  void theDemoSiteRoundTripsThroughYamlAndJson() {
    Site demo = DemoSite.create();
    assertThat(SiteLoader.parse(SiteLoader.toYaml(demo), SiteLoader.Format.YAML)).isEqualTo(demo);
    assertThat(SiteLoader.parse(SiteLoader.toJson(demo), SiteLoader.Format.JSON)).isEqualTo(demo);
  }

  @Test
  void theShippedDemoSiteFileIsTheBuiltInDemoSite() {
    Path file = Path.of("..", "config", "pis-demo-site.yaml");
    assertThat(file).exists();
    assertThat(SiteLoader.load(file)).isEqualTo(DemoSite.create());
  }

  @Test
  void theFullExampleOfTheDocumentationLoads() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "pis-site.md"));
    int start = doc.indexOf("## Full example");
    int open = doc.indexOf("```yaml\n", start) + "```yaml\n".length();
    String yaml = doc.substring(open, doc.indexOf("```", open));
    Site s = SiteLoader.parse(yaml, SiteLoader.Format.YAML);
    assertThat(s.clusters()).extracting(Cluster::controller).containsExactly("resourcecontroller@latrine1.loo.com",
        "resourcecontroller@ships-a-hoy.com", "rc@tranquility.moon.example");
    assertThat(s.paperEquivalents()).hasSize(4);
    assertThat(s.clusters().get(0).proxies().get(1).requires()).containsExactly(ProxyAttribute.PAYMENT_TOKEN);
    assertThat(s.clusters().get(1).proxies().get(0).motion()).isPresent();
    assertThat(SiteLoader.parse(SiteLoader.toJson(s), SiteLoader.Format.JSON)).isEqualTo(s);
  }

  @Test
  void picksTheFormatByExtensionOrContent(@TempDir Path dir) throws Exception {
    Site demo = DemoSite.create();
    Path json = dir.resolve("site.json");
    Files.writeString(json, SiteLoader.toJson(demo));
    assertThat(SiteLoader.load(json)).isEqualTo(demo);
    Path noExtension = dir.resolve("site");
    Files.writeString(noExtension, SiteLoader.toJson(demo));
    assertThat(SiteLoader.formatOf("site", SiteLoader.toJson(demo))).isEqualTo(SiteLoader.Format.JSON);
    assertThat(SiteLoader.load(noExtension)).isEqualTo(demo);
    assertThat(SiteLoader.formatOf("x.yml", "{")).isEqualTo(SiteLoader.Format.YAML);
    assertThat(SiteLoader.formatOf("x", "name: a")).isEqualTo(SiteLoader.Format.YAML);
  }

  @Test
  void errorsNameTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, withReplaced("capacity: 5", "capacity: 0"));
    assertThatThrownBy(() -> SiteLoader.load(bad)).isInstanceOf(SiteException.class)
        .hasMessage(bad + ": clusters[0].proxies[1].capacity: must be at least 1, was 0")
        .satisfies(e -> assertThat(((SiteException) e).path()).isEqualTo("clusters[0].proxies[1].capacity"));
    assertThatThrownBy(() -> SiteLoader.load(dir.resolve("missing.yaml"))).isInstanceOf(SiteException.class)
        .hasMessageContaining("missing.yaml").hasMessageContaining("cannot read");
  }

  @Test
  void refusesDuplicates() {
    assertThat(failure(withReplaced("address: trough@latrine1.loo.com", "address: stall2")).getMessage())
        .isEqualTo("clusters[0].proxies[1].address: duplicate address \"stall2@latrine1.loo.com\" (also at clusters[0].proxies[0].address)");
    assertThat(failure(withReplaced("id: moon", "id: loo")).path()).isEqualTo("clusters[1].id");
    assertThat(failure(withReplaced("rc@tranquility.moon.example", "rc@LATRINE1.loo.com")).getMessage())
        .contains("clusters[1].controller", "duplicate controller host");
    assertThat(failure(withReplaced("address: boat", "address: resourcecontroller")).path())
        .isEqualTo("clusters[0].proxies[2].address");
    assertThat(failure(withReplaced("  Dunny: Outhouse", "  Dunny: Outhouse\n  dunny: Ditch")).path())
        .isEqualTo("localTypeNames.dunny");
  }

  @Test
  void refusesWrongValuesWithTheirPath() {
    assertThat(failure(withReplaced("capacity: 5", "capacity: lots")).getMessage())
        .isEqualTo("clusters[0].proxies[1].capacity: expected a number, found \"lots\"");
    assertThat(failure(withReplaced("capacity: 5", "capacity: 2.5")).path()).isEqualTo("clusters[0].proxies[1].capacity");
    assertThat(failure(withReplaced("latitude: 29.9574", "latitude: 91")).getMessage())
        .startsWith("clusters[0].position.geo.latitude: must be between");
    assertThat(failure(withReplaced("flush: continuous", "flush: sometimes")).getMessage())
        .isEqualTo("clusters[0].proxies[1].flush: expected one of [manual, advanced, continuous], found \"sometimes\"");
    assertThat(failure(withReplaced("access: private", "access: secret")).path()).isEqualTo("clusters[0].proxies[2].access");
    assertThat(failure(withReplaced("6 kn;heading=120", "6 furlongs")).path()).isEqualTo("clusters[0].proxies[2].motion");
    assertThat(failure(withReplaced("sinks: 2", "sinks: -1")).path()).isEqualTo("clusters[0].wash.sinks");
    assertThat(failure(withReplaced("soap: yes", "soap: perhaps")).path()).isEqualTo("clusters[0].wash.soap");
    assertThat(failure(withReplaced("geo: \"0.6741, 23.473\"", "geo: \"north pole\"")).path())
        .isEqualTo("clusters[1].position.geo");
    assertThat(failure(withReplaced("attributes: [Clean-proxy, Paper-Soft, Sani-Shield]", "attributes: [\"Paper|Soft\"]")).path())
        .isEqualTo("clusters[0].proxies[0].attributes[0]");
    assertThat(failure(withReplaced("controller: resourcecontroller@latrine1.loo.com", "controller: sip:rc@x")).path())
        .isEqualTo("clusters[0].controller");
  }

  @Test
  void refusesUnknownAndMissingFields() {
    assertThat(failure(withReplaced("capacity: 5", "capcity: 5")).getMessage())
        .startsWith("clusters[0].proxies[1].capcity: unknown field");
    assertThat(failure(withReplaced("\n        type: Stall\n", "\n")).getMessage())
        .isEqualTo("clusters[0].proxies[0].type: missing");
    assertThat(failure(withReplaced("\n    name: Tranquility Base\n", "\n")).path()).isEqualTo("clusters[1].name");
    assertThat(failure("name: x\n").path()).isEqualTo("clusters");
    assertThat(failure("name: x\nclusters: []\n").getMessage()).contains("at least one cluster");
    assertThat(failure("").getMessage()).isEqualTo("empty document");
    assertThat(failure("name: [unclosed").getMessage()).startsWith("not valid YAML");
    assertThat(failure(withReplaced("address: trough@latrine1.loo.com", "address: trough@elsewhere.com")).getMessage())
        .contains("clusters[0].proxies[1].address", "not at its cluster's host");
  }

  @Test
  void jsonErrorsToo() {
    assertThatThrownBy(() -> SiteLoader.parse("{\"name\": \"x\", \"clusters\": [{\"id\": 3}]}", SiteLoader.Format.JSON))
        .isInstanceOf(SiteException.class).hasMessage("clusters[0].controller: missing");
    assertThatThrownBy(() -> SiteLoader.parse("{\"name\": ", SiteLoader.Format.JSON))
        .isInstanceOf(SiteException.class).hasMessageStartingWith("not valid JSON");
  }
}
