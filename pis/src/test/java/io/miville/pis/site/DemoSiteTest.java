package io.miville.pis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.pis.Planet;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Technique;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoSiteTest {
  private final Site site = DemoSite.create();

  private Optional<Cluster> clusterAt(String host) {
    return site.clusters().stream().filter(c -> c.host().equals(host)).findFirst();
  }

  private Optional<ProxySpec> proxy(String address) {
    return site.clusters().stream().flatMap(c -> c.proxies().stream()).filter(p -> p.address().equals(address)).findFirst();
  }

  @Test
  void isAnAirportOfAboutFortyClustersAndFourHundredProxies() {
    assertThat(site.clusters()).hasSizeBetween(40, 60);
    assertThat(site.proxyCount()).isBetween(350, 500);
  }

  @Test
  void holdsEveryDraftDomainWithTheAddressesOfTheExamples() {
    assertThat(clusterAt("latrine1.loo.com")).get().extracting(Cluster::controller)
        .isEqualTo("resourcecontroller@latrine1.loo.com");
    assertThat(clusterAt("banos.com")).get().extracting(Cluster::controller).isEqualTo("resourcecontroller@banos.com");
    assertThat(clusterAt("lavatory1.pizwah.com")).get().extracting(Cluster::controller)
        .isEqualTo("resourcecontroller@lavatory1.pizwah.com");
    assertThat(clusterAt("lavatory1.pizwah.com").orElseThrow().wash().sinks()).isPositive();
    assertThat(clusterAt("proxy1.wc.com")).isPresent();
    assertThat(clusterAt("ships-a-hoy.com")).isPresent();
    assertThat(clusterAt("current.port-o-let.com")).isPresent();

    ProxySpec stall2 = proxy("stall2@latrine1.loo.com").orElseThrow();
    assertThat(stall2.requires()).containsExactly(ProxyAttribute.PAYMENT_TOKEN);
    assertThat(stall2.forbidden()).extracting(Object::toString).containsExactly("Use-of-cellphone", "eating");
    assertThat(proxy("crapper2@proxy1.wc.com")).get().extracting(ProxySpec::type).isEqualTo(ProxyType.CRAPPER);
    ProxySpec head = proxy("head@ships-a-hoy.com").orElseThrow();
    assertThat(head.type().means(ProxyType.MARINE_TOILET)).isTrue();
    assertThat(head.motion()).isPresent();
    assertThat(head.flushHow()).contains(Technique.of("Marine-plunger-pump"));
    assertThat(proxy("airs@current.port-o-let.com")).get().extracting(ProxySpec::type).isEqualTo(ProxyType.PORT_O_LET);
  }

  @Test
  void theDraftsSeekRequirementsCanBeMetAtLatrine1() {
    Cluster loo = clusterAt("latrine1.loo.com").orElseThrow();
    // §2.1: Requires: Clean-proxy Flushed-proxy Stall-proxy Paper Sani-Shield
    List<ProxyAttribute> s21 = List.of(ProxyAttribute.CLEAN_PROXY, ProxyAttribute.FLUSHED_PROXY, ProxyAttribute.STALL_PROXY,
        ProxyAttribute.PAPER, ProxyAttribute.SANI_SHIELD);
    assertThat(loo.proxies()).anyMatch(p -> ProxyAttribute.allSatisfied(s21, p.attributes()));
    // Appendix 1: Requires: Male, Female, Bano-Familiar + Handicapable
    List<ProxyAttribute> a1 = List.of(ProxyAttribute.MALE, ProxyAttribute.FEMALE, ProxyAttribute.BANO_FAMILIAR,
        ProxyAttribute.HANDICAPABLE);
    assertThat(loo.proxies()).anyMatch(p -> ProxyAttribute.allSatisfied(a1, p.attributes()));
    // Appendix 1's user is in the Jax Brewery on floor 2
    assertThat(loo.position().building()).get().extracting(b -> b.building()).isEqualTo("Jax Brewery");
  }

  @Test
  void everyTypeOfTheDraftIsHeldBySomeProxy() {
    Set<ProxyType> held = site.clusters().stream().flatMap(c -> c.proxies().stream()).map(ProxySpec::type)
        .collect(Collectors.toSet());
    assertThat(held).containsAll(ProxyType.knownValues());
  }

  @Test
  void holdsCapacitiesAttributesAccessFlushKindsAndMotion() {
    List<ProxySpec> all = site.clusters().stream().flatMap(c -> c.proxies().stream()).toList();
    assertThat(all).anyMatch(p -> p.type().equals(ProxyType.LINE_URINAL) && p.capacity() > 1);
    assertThat(all).anyMatch(p -> p.type().equals(ProxyType.PIZWAH) && p.capacity() > 1);
    assertThat(all).allMatch(p -> p.type().isMultiUser() || p.capacity() >= 1);
    Set<ProxyAttribute> attrs = new HashSet<>();
    all.forEach(p -> attrs.addAll(p.attributes()));
    assertThat(attrs).contains(ProxyAttribute.CLEAN_PROXY, ProxyAttribute.FLUSHED_PROXY, ProxyAttribute.STALL_PROXY,
        ProxyAttribute.PAPER, ProxyAttribute.PAPER_SOFT, ProxyAttribute.PAPER_WHOLEROLL, ProxyAttribute.PAPER_CHARMAN,
        ProxyAttribute.SANI_SHIELD, ProxyAttribute.MALE, ProxyAttribute.FEMALE, ProxyAttribute.BANO_FAMILIAR,
        ProxyAttribute.HANDICAPABLE);
    assertThat(all).anyMatch(p -> !p.forbidden().isEmpty());
    assertThat(all).anyMatch(p -> p.requires().contains(ProxyAttribute.PAYMENT_TOKEN));
    assertThat(all).extracting(ProxySpec::access).contains(Access.PUBLIC, Access.PRIVATE);
    assertThat(all).extracting(ProxySpec::flushKind).contains(FlushKind.values());
    assertThat(all).filteredOn(p -> p.motion().isPresent()).extracting(ProxySpec::type)
        .contains(ProxyType.CHEMICAL_TOILET, ProxyType.TOILET, ProxyType.AIRPLANE_STALL, ProxyType.HEAD,
            ProxyType.VACUUM_FLUSHER_AIRPLANE);
    assertThat(all).anyMatch(p -> p.motion().map(v -> v.metersPerSecond() > 100).orElse(false));
    assertThat(site.clusters()).anyMatch(c -> c.wash().sinks() > 0);
    assertThat(site.clusters()).anyMatch(c -> c.position().planet().equals(Planet.MOON));
  }

  @Test
  void namesAndAliasesAreInSeveralLanguages() {
    Set<String> words = site.clusters().stream().flatMap(c -> c.aliases().stream()).collect(Collectors.toSet());
    assertThat(words).contains("loo", "WC", "baños", "toilettes", "Toilette", "gabinetto");
  }

  @Test
  void paperEquivalentsAndLocalTypeNamesFollowSection5() {
    assertThat(site.paperEquivalents()).extracting(ProxyAttribute::name)
        .containsExactlyInAnyOrder("Leaves", "Lira", "$1-USD", "Low-Denomination-Paper-Currency");
    LocalNames names = LocalNames.of(site);
    for (String draftName : List.of("commodes", "stalls", "toilets", "crappers", "urinals", "potties", "poddy", "loos",
        "wc's", "waterclosets", "pizwahs", "ditches", "holes", "lavatories", "latrines", "heads", "outhouses", "buckets")) {
      assertThat(site.localTypeNames()).containsKey(draftName);
      assertThat(names.resolve(draftName)).as(draftName).isPresent();
    }
    assertThat(site.localTypeNames().values()).allMatch(t -> ProxyType.of(t).isKnown());
  }

  @Test
  void addressesAreUniqueAndAtTheirClustersHost() {
    Set<String> seen = new HashSet<>();
    for (Cluster c : site.clusters()) {
      assertThat(seen.add(c.controller())).as(c.controller()).isTrue();
      for (ProxySpec p : c.proxies()) {
        assertThat(seen.add(p.address())).as(p.address()).isTrue();
        assertThat(p.host()).isEqualTo(c.host());
      }
    }
    assertThat(site.clusters().stream().map(Cluster::id).distinct().count()).isEqualTo(site.clusters().size());
  }

  @Test
  void syntheticSitesHaveTheAskedSizeAndAreRepeatable() {
    Site s = DemoSite.synthetic(10_000, 7);
    assertThat(s.proxyCount()).isEqualTo(10_000);
    assertThat(s.clusters().size()).isBetween(700, 1400);
    assertThat(DemoSite.synthetic(10_000, 7)).isEqualTo(s);
    assertThat(s.clusters()).allSatisfy(c -> assertThat(c.position().geo()).get()
        .satisfies(g -> assertThat(g.latitude()).isBetween(DemoSite.SOUTH, DemoSite.NORTH)));
  }
}
