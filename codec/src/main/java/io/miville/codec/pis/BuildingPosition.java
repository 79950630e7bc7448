package io.miville.codec.pis;

import io.miville.codec.SipParseException;
import io.miville.codec.header.Parameters;
import io.miville.codec.internal.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a user agent is inside a building: the {@code Implementation-Specific-Position} header
 * of a location-enhanced SEEK (draft-pis-00 Appendix 1: "Building-Name, Floor, Column-Number,
 * Office-Number").
 *
 * <pre>
 * Implementation-Specific-Position = building [ COMMA [ floor ] [ COMMA [ column ] [ COMMA [ office ] ] ] ]
 * building / floor / column / office = field-text / quoted-string
 * field-text = any printable text without "," or DQUOTE, trimmed
 * </pre>
 *
 * <p>Fields are free text, since floors ({@code B2}, {@code Mezzanine}), columns and offices
 * ({@code 214B}) are named as the building names them. Only the building is required; a field
 * left empty between commas ({@code Jax Brewery, , C-12}) is absent. A field holding a comma or
 * a double quote is written as a quoted-string.
 *
 * @param building the building's name
 * @param floor the floor, as the building names it
 * @param column the column number
 * @param office the office number
 */
public record BuildingPosition(String building, Optional<String> floor, Optional<String> column, Optional<String> office) {

  /** @throws IllegalArgumentException if a field is empty, has white space at its ends or holds control characters */
  public BuildingPosition {
    check(building);
    floor.ifPresent(BuildingPosition::check);
    column.ifPresent(BuildingPosition::check);
    office.ifPresent(BuildingPosition::check);
  }

  /** A position naming the building only. */
  public static BuildingPosition of(String building) {
    return new BuildingPosition(building, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A position with every field. */
  public static BuildingPosition of(String building, String floor, String column, String office) {
    return new BuildingPosition(building, Optional.of(floor), Optional.of(column), Optional.of(office));
  }

  /**
   * Reads a header value such as {@code Jax Brewery, 2, C-12, 214}.
   *
   * @throws SipParseException (400) with the offset in {@code text} where it stopped making sense
   */
  public static BuildingPosition parse(String text) {
    return PisSyntax.parseAll(text, BuildingPosition::read, "Implementation-Specific-Position");
  }

  private static BuildingPosition read(Cursor c) {
    int start = c.pos();
    List<Optional<String>> fields = new ArrayList<>(4);
    fields.add(field(c));
    if (fields.get(0).isEmpty()) {
      c.pos(start);
      throw c.fail("expected building name");
    }
    while (c.trySeparator(',')) {
      if (fields.size() == 4) {
        throw c.fail("more than four position fields");
      }
      fields.add(field(c));
    }
    while (fields.size() < 4) {
      fields.add(Optional.empty());
    }
    return new BuildingPosition(fields.get(0).get(), fields.get(1), fields.get(2), fields.get(3));
  }

  /** One field: a quoted-string, or text up to the next comma; empty text is an absent field. */
  private static Optional<String> field(Cursor c) {
    c.skipWs();
    if (c.peek() == '"') {
      int start = c.pos();
      String raw = c.quotedRaw();
      String value = Parameters.unquote('"' + raw + '"');
      if (value.isEmpty() || value.strip().length() != value.length()) {
        c.pos(start);
        throw c.fail("bad quoted position field");
      }
      return Optional.of(value);
    }
    int start = c.pos();
    while (!c.atEnd() && c.peek() != ',') {
      char ch = c.peek();
      if (ch == '"' || (ch < 0x20 && ch != '\t') || ch == 0x7f) {
        throw c.fail("bad character in position field");
      }
      c.next();
    }
    String value = c.substring(start, c.pos()).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static void check(String field) {
    if (field.isEmpty() || field.strip().length() != field.length()) {
      throw new IllegalArgumentException("a position field must be non-empty text without white space at its ends");
    }
    for (int i = 0; i < field.length(); i++) {
      char ch = field.charAt(i);
      if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
        throw new IllegalArgumentException("control character in position field");
      }
    }
  }

  /** The header value, for example {@code Jax Brewery, 2, C-12, 214}. */
  @Override
  public String toString() {
    List<Optional<String>> fields = List.of(Optional.of(building), floor, column, office);
    int last = 0;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).isPresent()) {
        last = i;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        b.append(", ");
      }
      fields.get(i).ifPresent(f -> b.append(needsQuotes(f) ? Parameters.quote(f) : f));
    }
    return b.toString();
  }

  private static boolean needsQuotes(String f) {
    return f.indexOf(',') >= 0 || f.indexOf('"') >= 0;
  }
}
