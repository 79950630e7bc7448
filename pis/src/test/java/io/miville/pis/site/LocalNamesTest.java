package io.miville.pis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.pis.ProxyType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalNamesTest {
  private final LocalNames names = LocalNames.defaults();

  @Test
  void resolvesTheDraftsListWithPluralsAndApostrophes() {
    assertThat(names.resolve("loos")).contains(ProxyType.LOO);
    assertThat(names.resolve("WC's")).contains(ProxyType.WC);
    assertThat(names.resolve("lavatories")).contains(ProxyType.LAVATORY);
    assertThat(names.resolve("heads").orElseThrow().means(ProxyType.MARINE_TOILET)).isTrue();
    assertThat(names.resolve("poddy").orElseThrow().means(ProxyType.POTTY)).isTrue();
    assertThat(names.resolve("Commode")).contains(ProxyType.COMMODE);
    assertThat(names.resolve("line urinals")).contains(ProxyType.LINE_URINAL);
  }

  @Test
  void resolvesForeignNamesWithoutAccents() {
    assertThat(names.resolve("Baños")).contains(ProxyType.TOILET);
    assertThat(names.resolve("banos")).contains(ProxyType.TOILET);
    assertThat(names.resolve("Toilettes")).contains(ProxyType.TOILET);
    assertThat(names.resolve("gabinetto")).contains(ProxyType.WC);
    assertThat(names.resolve("トイレ")).contains(ProxyType.TOILET);
  }

  @Test
  void aSitesOwnNamesWinAndUnknownNamesAreNotGuessed() {
    LocalNames site = LocalNames.of(Map.of("dunny", "Ditch", "jacks", "Urinal"));
    assertThat(site.resolve("dunny")).contains(ProxyType.DITCH);
    assertThat(site.resolve("Jacks")).contains(ProxyType.URINAL);
    assertThat(names.resolve("refrigerator")).isEmpty();
    assertThat(names.resolve("  ")).isEmpty();
  }
}
