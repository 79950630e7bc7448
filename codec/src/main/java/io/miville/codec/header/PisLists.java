package io.miville.codec.header;

import io.miville.codec.internal.Cursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The list syntax of draft-pis-00 header values, which separates items with {@code |},
 * {@code |+}, {@code ,}, {@code +} or plain spaces depending on the header
 * ({@code Info: Resources-low |+ No-Shield}, {@code Requires: Clean-proxy Paper},
 * {@code Requires: Male, Female, Bano-Familiar + Handicapable}).
 */
public final class PisLists {
  private PisLists() {}

  /**
   * Splits the rest of the value at any of {@code separators} (a space in the set also splits at
   * runs of white space). Items are trimmed; empty items are errors. The cursor ends at the end.
   */
  public static List<String> split(Cursor c, String separators) {
    boolean spaceSplits = separators.indexOf(' ') >= 0;
    String s = c.text();
    List<String> items = new ArrayList<>();
    int itemStart = -1;
    int itemEnd = -1;
    boolean separatorSeen = true;
    while (!c.atEnd()) {
      char ch = c.peek();
      boolean ws = ch == ' ' || ch == '\t';
      if (separators.indexOf(ch) >= 0 && !(ws && !spaceSplits)) {
        if (itemStart >= 0) {
          items.add(s.substring(itemStart, itemEnd));
          itemStart = -1;
        } else if (!ws && separatorSeen && !(ch == '+' && !items.isEmpty() && lastWasPipe(s, c.pos()))) {
          throw c.fail("empty item in list");
        }
        if (!ws) {
          separatorSeen = true;
        }
        c.next();
        continue;
      }
      if (ws) {
        c.next();
        continue;
      }
      if (ch < 0x20 || ch == 0x7f) {
        throw c.fail("control character in value");
      }
      if (itemStart < 0) {
        itemStart = c.pos();
        separatorSeen = false;
      }
      c.next();
      itemEnd = c.pos();
    }
    if (itemStart >= 0) {
      items.add(s.substring(itemStart, itemEnd));
    } else if (separatorSeen) {
      throw c.fail(items.isEmpty() ? "empty list" : "list ends with a separator");
    }
    return List.copyOf(items);
  }

  /** True if the previous non-blank char before {@code pos} is {@code |} (the {@code |+} separator). */
  private static boolean lastWasPipe(String s, int pos) {
    for (int i = pos - 1; i >= 0; i--) {
      char ch = s.charAt(i);
      if (ch != ' ' && ch != '\t') {
        return ch == '|';
      }
    }
    return false;
  }
}
