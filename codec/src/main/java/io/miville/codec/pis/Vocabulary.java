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
  /** The known words with an ASCII key, by ASCII case-blind hash (open addressing): found without a lower-case copy. */
  private Object[] table = new Object[32]; // key at 2i, term at 2i + 1
  private int inTable;

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
    String key = key(term.name());
    if (asciiHash(key) != NOT_ASCII) {
      if (4 * (inTable + 1) > table.length) {
        Object[] old = table;
        table = new Object[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
          if (old[i] != null) {
            insert((String) old[i], old[i + 1]);
          }
        }
      }
      insert(key, term);
      inTable++;
    }
    return term;
  }

  /** Puts the term in the table: its key at an even index, the term after it. */
  private void insert(String key, Object term) {
    int slots = table.length / 2;
    int i = asciiHash(key) & (slots - 1);
    while (table[2 * i] != null) {
      i = (i + 1) & (slots - 1);
    }
    table[2 * i] = key;
    table[2 * i + 1] = term;
  }

  private static final int NOT_ASCII = 0x8000_0000;

  /** A hash of {@code text} in ASCII lower case, or NOT_ASCII if a char is not ASCII. */
  private static int asciiHash(String text) {
    int h = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return NOT_ASCII;
      }
      h = 31 * h + lowerAscii(c);
    }
    return h & 0x7FFF_FFFF;
  }

  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  /** The known word spelled {@code text} in any case, else {@code unknown.apply(text)}. */
  T of(String text, Function<String, T> unknown) {
    check(text);
    int hash = asciiHash(text);
    if (hash == NOT_ASCII) {
      // toLowerCase may fold a non-ASCII char into ASCII (KELVIN SIGN to k): the general path
      T k = known.get(key(text));
      return k != null ? k : unknown.apply(text);
    }
    Object[] t = table;
    int slots = t.length / 2;
    for (int i = hash & (slots - 1); t[2 * i] != null; i = (i + 1) & (slots - 1)) {
      if (isLowerCaseOf((String) t[2 * i], text)) {
        @SuppressWarnings("unchecked")
        T term = (T) t[2 * i + 1];
        return term;
      }
    }
    return unknown.apply(text);
  }

  /** True if {@code key} is the ASCII text {@code text} in lower case. */
  private static boolean isLowerCaseOf(String key, String text) {
    if (key.length() != text.length()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) != lowerAscii(text.charAt(i))) {
        return false;
      }
    }
    return true;
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
