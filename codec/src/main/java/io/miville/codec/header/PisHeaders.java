package io.miville.codec.header;

import io.miville.codec.HeaderName;
import io.miville.codec.internal.Cursor;
import java.util.List;

/**
 * Typed views of the headers draft-pis-00 defines. Values that the draft lists as alternatives
 * ({@code Info: Resources-low |+ No-Shield | Malodor}) are lists of items.
 */
public final class PisHeaders {
  private PisHeaders() {}

  /** Requires: attributes the proxy must have, separated by spaces, commas, {@code +} or {@code |}. */
  public static final HeaderType<List<String>> REQUIRES = items(HeaderName.REQUIRES, " ,+|");
  public static final HeaderType<List<String>> URGENCY = items(HeaderName.URGENCY, "|,");
  public static final HeaderType<List<String>> INFO = items(HeaderName.INFO, "|,");
  public static final HeaderType<List<String>> TYPE = items(HeaderName.TYPE, "|,");
  public static final HeaderType<List<String>> FORBIDDEN = items(HeaderName.FORBIDDEN, "|,");
  public static final HeaderType<List<String>> HOW = items(HeaderName.HOW, "|,");
  /** TID: the transaction number of the draft's short form ({@code PIS/1.0 FLUSH TID=1}). */
  public static final HeaderType<Long> TID =
      HeaderType.single(HeaderName.TID, (c, v) -> c.digits(18, "TID"), (v, b) -> b.append(v));
  public static final HeaderType<String> INFO_TEXT = text(HeaderName.INFO_TEXT);
  public static final HeaderType<List<String>> WATER_STATE = items(HeaderName.WATER_STATE, "|,");
  public static final HeaderType<List<String>> WATER_STATUS = items(HeaderName.WATER_STATUS, "|,");
  public static final HeaderType<List<String>> HANDLE_METHOD = items(HeaderName.HANDLE_METHOD, "|,");
  public static final HeaderType<List<String>> SOAP = items(HeaderName.SOAP, "|,");
  public static final HeaderType<List<String>> DRYER_TYPE = items(HeaderName.DRYER_TYPE, "|,");
  public static final HeaderType<List<String>> DRYER_STATE = items(HeaderName.DRYER_STATE, "|,");
  public static final HeaderType<List<String>> RECOMMEND = items(HeaderName.RECOMMEND, "|,");
  public static final HeaderType<List<String>> PLANET = items(HeaderName.PLANET, "|,");
  public static final HeaderType<List<String>> GEO_SPATIAL_POSITION = items(HeaderName.GEO_SPATIAL_POSITION, ",");
  public static final HeaderType<List<String>> IMPLEMENTATION_SPECIFIC_POSITION =
      items(HeaderName.IMPLEMENTATION_SPECIFIC_POSITION, ",");
  public static final HeaderType<String> CURRENTLY_NEAR_TO = text(HeaderName.CURRENTLY_NEAR_TO);
  public static final HeaderType<List<String>> VELOCITY = items(HeaderName.VELOCITY, ",");
  public static final HeaderType<List<String>> PREFERENCES = items(HeaderName.PREFERENCES, " ,+|");

  static List<HeaderType<?>> all() {
    return List.of(REQUIRES, URGENCY, INFO, TYPE, FORBIDDEN, HOW, TID, INFO_TEXT, WATER_STATE, WATER_STATUS,
        HANDLE_METHOD, SOAP, DRYER_TYPE, DRYER_STATE, RECOMMEND, PLANET, GEO_SPATIAL_POSITION,
        IMPLEMENTATION_SPECIFIC_POSITION, CURRENTLY_NEAR_TO, VELOCITY, PREFERENCES);
  }

  private static HeaderType<List<String>> items(HeaderName name, String separators) {
    String joiner = separators.startsWith(" ") ? " " : separators.startsWith("|") ? " | " : ", ";
    return HeaderType.single(name, (c, v) -> PisLists.split(c, separators), (v, b) -> b.append(String.join(joiner, v)));
  }

  private static HeaderType<String> text(HeaderName name) {
    return HeaderType.single(name, PisHeaders::restOfLine, (v, b) -> b.append(v));
  }

  private static String restOfLine(Cursor c, io.miville.codec.SipVersion v) {
    String rest = c.rest().strip();
    for (int i = 0; i < rest.length(); i++) {
      char ch = rest.charAt(i);
      if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
        throw c.fail("control character in value");
      }
    }
    c.pos(c.end());
    return rest;
  }
}
