package io.miville.pis.location;

import io.miville.pis.site.Cluster;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Approximate matching of a {@code Currently-Near-to} value against cluster names and aliases
 * (draft-pis-00 Appendix 1: "the user agent may not have precise information and fuzzy or
 * approximate searches may be appropriate").
 *
 * <p>Text is compared as tokens: Unicode-decomposed, accents dropped, lower case, split at
 * anything that is not a letter or digit, a few filler words ("near", "the", "de", "près") left
 * out. Two tokens are alike when equal; when one is a prefix of the other (4 letters or more);
 * or when their Levenshtein distance is small (similarity {@code 1 - d/max(len)} at least 0.7).
 * Tokens with digits ({@code B7}, {@code 214}) must be equal, since gate B5 is not gate B7. A
 * cluster's score is {@code 0.6 × } how much of its best-matching phrase (name or one alias) the
 * query holds {@code + 0.4 × } how much of the query its phrases hold together, in {@code [0, 1]}.
 */
public final class NearToMatcher {
  private static final Set<String> FILLER = Set.of("near", "the", "by", "at", "of", "to", "in", "next", "close",
      "currently", "de", "la", "le", "les", "el", "los", "las", "del", "du", "des", "der", "die", "das", "am", "bei",
      "pres", "cerca", "vicino", "a", "an", "and");

  private final List<Cluster> clusters;
  private final List<List<List<String>>> phrases;
  private final List<List<String>> vocab;

  private NearToMatcher(List<Cluster> clusters) {
    this.clusters = List.copyOf(clusters);
    this.phrases = new ArrayList<>(clusters.size());
    this.vocab = new ArrayList<>(clusters.size());
    for (Cluster c : clusters) {
      List<List<String>> ps = new ArrayList<>();
      Set<String> all = new LinkedHashSet<>();
      List<String> texts = new ArrayList<>(c.aliases());
      texts.add(0, c.name());
      for (String t : texts) {
        List<String> tk = tokens(t);
        if (!tk.isEmpty()) {
          ps.add(tk);
          all.addAll(tk);
        }
      }
      phrases.add(ps);
      vocab.add(List.copyOf(all));
    }
  }

  /** A matcher over {@code clusters}. */
  public static NearToMatcher of(List<Cluster> clusters) {
    return new NearToMatcher(clusters);
  }

  /** A cluster with its match score. */
  public record Match(Cluster cluster, double score) {
  }

  /** The clusters scoring at least {@code threshold} against {@code query}, best first (ties in site order). */
  public List<Match> matches(String query, double threshold) {
    List<String> q = tokens(query);
    List<Match> out = new ArrayList<>();
    if (q.isEmpty()) {
      return out;
    }
    for (int i = 0; i < clusters.size(); i++) {
      double s = score(q, i);
      if (s >= threshold) {
        out.add(new Match(clusters.get(i), s));
      }
    }
    out.sort(Comparator.comparingDouble(Match::score).reversed());
    return out;
  }

  /** The score of cluster {@code index} (in the list given to {@link #of}) against {@code query}. */
  public double score(String query, int index) {
    return score(tokens(query), index);
  }

  private double score(List<String> q, int index) {
    double bestPhrase = 0;
    for (List<String> p : phrases.get(index)) {
      bestPhrase = Math.max(bestPhrase, coverage(p, q));
      if (bestPhrase == 1) {
        break;
      }
    }
    if (bestPhrase == 0) {
      return 0;
    }
    return 0.6 * bestPhrase + 0.4 * coverage(q, vocab.get(index));
  }

  /** How much of {@code of} is found in {@code in}: the mean over {@code of} of the best token similarity. */
  private static double coverage(List<String> of, List<String> in) {
    double sum = 0;
    for (String a : of) {
      double best = 0;
      for (String b : in) {
        best = Math.max(best, similarity(a, b));
        if (best == 1) {
          break;
        }
      }
      sum += best;
    }
    return sum / of.size();
  }

  /** Similarity of two normalised tokens in {@code [0, 1]} (see the class comment). */
  static double similarity(String a, String b) {
    if (a.equals(b)) {
      return 1;
    }
    if (hasDigit(a) || hasDigit(b)) {
      return 0;
    }
    int min = Math.min(a.length(), b.length());
    if (min >= 4 && (a.startsWith(b) || b.startsWith(a))) {
      return 0.9;
    }
    int max = Math.max(a.length(), b.length());
    if (min < 3 || max - min > max * 0.3) {
      return 0;
    }
    double s = 1 - (double) levenshtein(a, b) / max;
    return s >= 0.7 ? s : 0;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The normalised tokens of {@code text}, filler words left out. */
  public static List<String> tokens(String text) {
    String d = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    StringBuilder t = new StringBuilder();
    for (int i = 0; i <= d.length(); i++) {
      char c = i < d.length() ? d.charAt(i) : ' ';
      if (Character.getType(c) == Character.NON_SPACING_MARK || c == '\'' || c == '\u2019') {
        continue; // accents; apostrophes inside words (wc's, o'clock)
      }
      if (Character.isLetterOrDigit(c)) {
        t.append(c);
      } else if (!t.isEmpty()) {
        String tok = t.toString();
        if (!FILLER.contains(tok)) {
          out.add(tok);
        }
        t.setLength(0);
      }
    }
    return out;
  }
}
