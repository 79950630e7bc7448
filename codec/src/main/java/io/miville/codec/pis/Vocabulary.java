package io.miville.codec.pis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The known words of one PIS vocabulary, looked up case-insensitively, and the rule for what
 * text may be a word of it. Filled once while its class initializes, read-only afterwards.
 */
final class Vocabulary<T extends PisTerm<T>> {
  private final Map<String, T> known = new HashMap<>();
  private final List<T> inOrder = new ArrayList<>();
  private final boolean phrases;

  private Vocabulary(boolean phrases) {
    this.phrases = phrases;
  }

  /** Words that may hold inner spaces ({@code Temperature 110F}): for lists split at {@code |} and {@code ,}. */
  static <T extends PisTerm<T>> Vocabulary<T> phrases() {
    return new Vocabulary<>(true);
  }

  /** Single words, for lists that white space also splits ({@code Requires: Clean-proxy Paper}). */
  static <T extends PisTerm<T>> Vocabulary<T> words() {
    return new Vocabulary<>(false);
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  T add(T term) {
    if (known.putIfAbsent(key(term.name()), term) != null) {
      throw new IllegalStateException("duplicate word " + term.name());
    }
    inOrder.add(term);
    return term;
  }

  /** The known word spelled {@code text} in any case, else {@code unknown.apply(text)}. */
  T of(String text, Function<String, T> unknown) {
    check(text);
    T k = known.get(key(text));
    return k != null ? k : unknown.apply(text);
  }

  List<T> knownValues() {
    return List.copyOf(inOrder);
  }

  /**
   * A word is printable text (UTF-8 allowed) without the list separators {@code |} and
   * {@code ,}, not starting with {@code +} (which separates items too) and without white space
   * at its ends; inner white space only in phrase vocabularies.
   */
  private void check(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty word");
    }
    if (text.charAt(0) == '+') {
      throw new IllegalArgumentException("a word must not start with +");
    }
    if (isBlank(text.charAt(0)) || isBlank(text.charAt(text.length() - 1))) {
      throw new IllegalArgumentException("a word must not start or end with white space");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '|' || c == ',') {
        throw new IllegalArgumentException("a word must not contain | or ,");
      }
      if (isBlank(c) && !phrases) {
        throw new IllegalArgumentException("a word of this list must not contain white space");
      }
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException("control character in word");
      }
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
