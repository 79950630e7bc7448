package io.miville.cli;

import java.util.ArrayList;
import java.util.List;

/** Text for the terminal: what the agent reports, printed safely and in aligned columns. */
final class Text {
  private Text() {}

  /**
   * The text with control characters shown as '?': names and reasons come from the agent and,
   * through it, from the network (a peer's refusal reason), and must not drive the terminal.
   */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }

  /** A table: a header row and rows, columns two spaces apart, numbers right-aligned. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;

    Table(String... header) {
      rows.add(header);
      right = new boolean[header.length];
    }

    /** Right-aligns the given columns (numbers). */
    Table right(int... columns) {
      for (int c : columns) {
        right[c] = true;
      }
      return this;
    }

    Table row(Object... cells) {
      String[] row = new String[right.length];
      for (int i = 0; i < row.length; i++) {
        row[i] = i < cells.length ? printable(String.valueOf(cells[i])) : "";
      }
      rows.add(row);
      return this;
    }

    /** The lines of the table, each starting with {@code indent}, without trailing spaces. */
    List<String> lines(String indent) {
      int[] width = new int[right.length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          width[i] = Math.max(width[i], row[i].codePointCount(0, row[i].length()));
        }
      }
      List<String> out = new ArrayList<>();
      for (String[] row : rows) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < row.length; i++) {
          String pad = " ".repeat(width[i] - row[i].codePointCount(0, row[i].length()));
          sb.append(right[i] ? pad + row[i] : row[i] + pad);
          if (i < row.length - 1) {
            sb.append("  ");
          }
        }
        out.add(sb.toString().stripTrailing());
      }
      return out;
    }

    @Override
    public String toString() {
      return String.join("\n", lines("")) + "\n";
    }

    int size() {
      return rows.size() - 1;
    }
  }
}
