package io.miville.pis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.pis.ProxyAttribute;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequirementsTest {
  private static final ProxyAttribute LEAVES = ProxyAttribute.of("Leaves");
  private final Requirements demo = Requirements.of(DemoSite.create());

  @Test
  void paperEquivalentsMeetPaperWhereTheSiteSaysSo() {
    assertThat(demo.meets(ProxyAttribute.PAPER, Set.of(LEAVES))).isTrue();
    assertThat(demo.meets(ProxyAttribute.PAPER, Set.of(ProxyAttribute.of("$1-usd")))).isTrue();
    assertThat(Requirements.none().meets(ProxyAttribute.PAPER, Set.of(LEAVES))).isFalse();
    // a refinement is not met by an equivalent: a Lira is not soft
    assertThat(demo.meets(ProxyAttribute.PAPER_SOFT, Set.of(ProxyAttribute.of("Lira")))).isFalse();
  }

  @Test
  void theCodecsRulesStillHold() {
    assertThat(demo.meets(ProxyAttribute.PAPER, Set.of(ProxyAttribute.PAPER_SOFT))).isTrue();
    assertThat(demo.meets(ProxyAttribute.PAPER_SOFT, Set.of(ProxyAttribute.PAPER))).isFalse();
    assertThat(demo.meets(ProxyAttribute.WAX_GASKET, Set.of(ProxyAttribute.SANI_SHIELD))).isTrue();
    assertThat(demo.allMet(List.of(ProxyAttribute.PAPER, ProxyAttribute.MALE), Set.of(LEAVES, ProxyAttribute.MALE))).isTrue();
    assertThat(demo.allMet(List.of(ProxyAttribute.PAPER, ProxyAttribute.FEMALE), Set.of(LEAVES, ProxyAttribute.MALE)))
        .isFalse();
  }

  @Test
  void theDemoSitesBayouOuthouseHasLeavesForPaper() {
    Site site = DemoSite.create();
    ProxySpec outhouse = site.clusters().stream().flatMap(c -> c.proxies().stream())
        .filter(p -> p.address().equals("outhouse@bayou-sauvage.nola.example")).findFirst().orElseThrow();
    assertThat(demo.allMet(List.of(ProxyAttribute.PAPER), outhouse)).isTrue();
    assertThat(ProxyAttribute.allSatisfied(List.of(ProxyAttribute.PAPER), outhouse.attributes())).isFalse();
  }
}
