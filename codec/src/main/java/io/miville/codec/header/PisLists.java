package io.miville.codec.header;

import io.miville.codec.internal.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The list syntax of draft-pis-00 header values. The draft separates items with {@code |},
 * {@code |+} or {@code ,} ({@code Info : Resources-low |+ No-Shield | Malodor},
 * {@code Water-State: Hot, Cold, Tepid}), and in the Requires and Preferences headers also with
 * white space or a lone {@code +} ({@code Requires: Clean-proxy Paper},
 * {@code Requires: Male, Female, Bano-Familiar + Handicapable}). We found no difference of
 * meaning between the separators, so they all just separate items.
 *
 * <pre>
 * pis-list   = item *( separator item )
 * separator  = SWS ( "|+" / "|" / "," ) SWS
 *            / 1*WSP [ "+" 1*WSP ]          ; WORDS lists only
 * item       = 1*item-char *( 1*WSP 1*item-char )   ; PHRASES: inner white space is part of the item
 *            / 1*item-char                           ; WORDS
 * item-char  = any visible character but "|" and "," (UTF-8 allowed)
 * </pre>
 */
public final class PisLists {
  private PisLists() {}

  /** Whether white space separates items too. */
  public enum Style {
    /** Items are single words; white space and a lone {@code +} separate them (Requires, Preferences). */
    WORDS,
    /** Items may hold inner white space ({@code Temperature 110F}); only {@code |}, {@code |+} and {@code ,} separate. */
    PHRASES
  }

  /**
   * Splits the rest of the value as {@link Style#WORDS} if {@code separators} holds a space,
   * else as {@link Style#PHRASES}. Kept for callers written before {@link Style} existed.
   */
  public static List<String> split(Cursor c, String separators) {
    return split(c, separators.indexOf(' ') >= 0 ? Style.WORDS : Style.PHRASES);
  }

  /**
   * Splits the rest of the value into trimmed items; the cursor ends at the end. Empty items,
   * an empty list and a trailing separator are errors.
   */
  public static List<String> split(Cursor c, Style style) {
    return split(c, style, item -> item);
  }

  /**
   * Splits the rest of the value and makes a value of each item with {@code factory}; an
   * {@link IllegalArgumentException} from it fails the parse at that item.
   */
  public static <T> List<T> split(Cursor c, Style style, Function<String, T> factory) {
    List<T> items = new ArrayList<>(4);
    boolean afterSeparator = false;
    while (true) {
      c.skipWs();
      if (c.atEnd()) {
        break;
      }
      if (separatorHere(c, style)) {
        if (items.isEmpty() || afterSeparator) {
          throw c.fail("empty item in list");
        }
        skipSeparator(c);
        afterSeparator = true;
        continue;
      }
      int start = c.pos();
      int end = itemEnd(c, style);
      String text = c.substring(start, end);
      try {
        items.add(factory.apply(text));
      } catch (IllegalArgumentException e) {
        c.pos(start);
        throw c.fail("bad list item");
      }
      afterSeparator = false;
    }
    if (items.isEmpty()) {
      throw c.fail("empty list");
    }
    if (afterSeparator) {
      throw c.fail("list ends with a separator");
    }
    return List.copyOf(items);
  }

  private static boolean separatorHere(Cursor c, Style style) {
    char ch = c.peek();
    if (ch == '|' || ch == ',') {
      return true;
    }
    // a lone "+" between words: "Bano-Familiar + Handicapable"
    return style == Style.WORDS && ch == '+' && isBlankOrEnd(c.peek(1));
  }

  private static void skipSeparator(Cursor c) {
    char ch = c.next();
    if (ch == '|') {
      c.tryChar('+'); // "|+" is one separator
    }
  }

  /** Moves past one item and returns where its text ends (before trailing white space). */
  private static int itemEnd(Cursor c, Style style) {
    int end = c.pos();
    while (!c.atEnd()) {
      char ch = c.peek();
      if (ch == '|' || ch == ',') {
        break;
      }
      boolean blank = ch == ' ' || ch == '\t';
      if (blank && style == Style.WORDS) {
        break;
      }
      if (!blank && (ch < 0x20 || ch == 0x7f)) {
        throw c.fail("control character in value");
      }
      c.next();
      if (!blank) {
        end = c.pos();
      }
    }
    return end;
  }

  private static boolean isBlankOrEnd(char ch) {
    return ch == ' ' || ch == '\t' || ch == 0;
  }
}
