package io.miville.pis.site;

import io.miville.codec.pis.ProxyType;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Local names of proxies to the Type they mean (draft-pis-00 §5: "Local names for proxies, such
 * as commodes, stalls, toilets, crappers, urinals, potties/poddy, loos, wc's (waterclosets),
 * pizwahs, ditches, holes, lavatories, latrines, heads, outhouses, buckets, etc."), in English
 * and a few other languages, plus whatever a site adds in {@link Site#localTypeNames()}.
 *
 * <p>Names are compared without case, accents, apostrophes or spaces, and a plural is tried as
 * its singular ({@code wc's}, {@code Toilettes}, {@code baños}, {@code lavatories}).
 */
public final class LocalNames {
  /** The draft's §5 list, each name as the draft writes it. */
  public static final Map<String, String> DRAFT = draft();
  /** Names in other languages and dialects, for roaming user agents (§5: "whether roaming, or at home"). */
  public static final Map<String, String> FOREIGN = foreign();

  private final Map<String, ProxyType> names;

  private LocalNames(Map<String, ProxyType> names) {
    this.names = names;
  }

  /** The draft's names and the foreign ones, without a site. */
  public static LocalNames defaults() {
    return of(Map.of());
  }

  /** The defaults, overridden by the site's own local names. */
  public static LocalNames of(Site site) {
    return of(site.localTypeNames());
  }

  /** The defaults, overridden by {@code local} (name to Type name). */
  public static LocalNames of(Map<String, String> local) {
    Map<String, ProxyType> m = new HashMap<>();
    DRAFT.forEach((k, v) -> m.put(key(k), ProxyType.of(v)));
    FOREIGN.forEach((k, v) -> m.put(key(k), ProxyType.of(v)));
    local.forEach((k, v) -> m.put(key(k), ProxyType.of(v)));
    return new LocalNames(Map.copyOf(m));
  }

  /** Both default lists in one map, name to Type name: what {@link DemoSite} ships. */
  public static Map<String, String> all() {
    Map<String, String> m = new LinkedHashMap<>(DRAFT);
    m.putAll(FOREIGN);
    return m;
  }

  /**
   * The Type {@code word} names: a local name, or a Type the draft names (any spelling the codec
   * knows), singular or plural.
   */
  public Optional<ProxyType> resolve(String word) {
    String k = key(word);
    if (k.isEmpty()) {
      return Optional.empty();
    }
    for (String candidate : forms(k)) {
      ProxyType t = names.get(candidate);
      if (t != null) {
        return Optional.of(t);
      }
      for (ProxyType known : ProxyType.knownValues()) {
        if (key(known.name()).equals(candidate)) {
          return Optional.of(known);
        }
      }
    }
    return Optional.empty();
  }

  /** The word itself, then its likely singulars. */
  private static String[] forms(String k) {
    if (k.endsWith("ies") && k.length() > 4) {
      return new String[] {k, k.substring(0, k.length() - 3) + "y", k.substring(0, k.length() - 1)};
    }
    if (k.endsWith("es") && k.length() > 3) {
      return new String[] {k, k.substring(0, k.length() - 2), k.substring(0, k.length() - 1)};
    }
    if (k.endsWith("s") && k.length() > 2) {
      return new String[] {k, k.substring(0, k.length() - 1)};
    }
    return new String[] {k};
  }

  /** Lower case, without accents, apostrophes, spaces, dots or hyphens: {@code WC's} is {@code wcs}. */
  static String key(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static Map<String, String> draft() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("commodes", "Commode");
    m.put("stalls", "Stall");
    m.put("toilets", "Toilet");
    m.put("crappers", "Crapper");
    m.put("urinals", "Urinal");
    m.put("potties", "Potty");
    m.put("poddy", "Poddy");
    m.put("loos", "Loo");
    m.put("wc's", "WC");
    m.put("waterclosets", "Water-closet");
    m.put("pizwahs", "Pizwah");
    m.put("ditches", "Ditch");
    m.put("holes", "Hole");
    m.put("lavatories", "Lavatory");
    m.put("latrines", "Latrine");
    m.put("heads", "Head");
    m.put("outhouses", "Outhouse");
    m.put("buckets", "Bucket");
    return Map.copyOf(m);
  }

  private static Map<String, String> foreign() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("restroom", "Toilet");
    m.put("bathroom", "Toilet");
    m.put("washroom", "Toilet");
    m.put("john", "Toilet");
    m.put("privy", "Outhouse");
    m.put("dunny", "Outhouse");
    m.put("thunderbox", "Chamber-Pot");
    m.put("baño", "Toilet");
    m.put("servicios", "Toilet");
    m.put("aseo", "Toilet");
    m.put("retrete", "Toilet");
    m.put("toilettes", "Toilet");
    m.put("cabinet", "WC");
    m.put("pissoir", "Urinal");
    m.put("vespasienne", "Urinal");
    m.put("toilette", "Toilet");
    m.put("klo", "Loo");
    m.put("abort", "Latrine");
    m.put("pinkelbecken", "Urinal");
    m.put("gabinetto", "WC");
    m.put("bagno", "Toilet");
    m.put("vespasiano", "Urinal");
    m.put("banheiro", "Toilet");
    m.put("sanitario", "Toilet");
    m.put("toaleta", "Toilet");
    m.put("туалет", "Toilet");
    m.put("トイレ", "Toilet");
    m.put("厕所", "Latrine");
    m.put("洗手间", "Toilet");
    return Map.copyOf(m);
  }
}
