package io.miville.codec.header;

import io.miville.codec.HeaderName;
import io.miville.codec.SipParseException;
import io.miville.codec.SipVersion;
import io.miville.codec.header.PisLists.Style;
import io.miville.codec.internal.Cursor;
import io.miville.codec.pis.Activity;
import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.DryerState;
import io.miville.codec.pis.DryerType;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.HandleMethod;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.Preference;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Recommendation;
import io.miville.codec.pis.Soap;
import io.miville.codec.pis.Technique;
import io.miville.codec.pis.Urgency;
import io.miville.codec.pis.Velocity;
import io.miville.codec.pis.WaterState;
import io.miville.codec.pis.WaterStatus;
import java.util.List;
import java.util.function.Function;

/**
 * Typed views of the headers draft-pis-00 defines; docs/pis-headers.md gives the syntax of each.
 * Read them like any header: {@code message.header(PisHeaders.URGENCY)}.
 *
 * <p>Most PIS headers hold a list of words of an open vocabulary (package
 * {@code io.miville.codec.pis}), separated as {@link PisLists} describes; one line is one list,
 * so their type is {@code HeaderType<List<T>>}. Where a header means one value (Urgency, Soap,
 * Dryer-State, Planet), a list of several is the draft's way of showing the choices
 * ({@code Urgency: Normal | Urgent | Bursting | Too-Late}) and reads as such. The location
 * headers of Appendix 1 have structured values ({@link GeoPosition}, {@link BuildingPosition},
 * {@link Velocity}).
 *
 * <p>Canonical form writes each list with one separator: the one the draft uses in its first
 * example of the header. Known words are written as the draft spells them.
 */
public final class PisHeaders {
  private PisHeaders() {}

  /** Requires (§2.1, Appendix 1): attributes wanted of the proxy, or of its user. */
  public static final HeaderType<List<ProxyAttribute>> REQUIRES =
      items(HeaderName.REQUIRES, Style.WORDS, " ", ProxyAttribute::of);
  /** Urgency (§2.1): how urgent the SEEK is; {@link Urgency#mostUrgent} picks from several. */
  public static final HeaderType<List<Urgency>> URGENCY = items(HeaderName.URGENCY, Style.PHRASES, " | ", Urgency::of);
  /** Info (§2.1, §2.5): conditions of a proxy, flags or free items such as {@code Temperature 110F}. */
  public static final HeaderType<List<InfoItem>> INFO = items(HeaderName.INFO, Style.PHRASES, " | ", InfoItem::of);
  /** Type (§2.1): the proxy's type, or the types on offer. */
  public static final HeaderType<List<ProxyType>> TYPE = items(HeaderName.TYPE, Style.PHRASES, " | ", ProxyType::of);
  /** Forbidden (§2.1): activities not allowed on the proxy. */
  public static final HeaderType<List<Activity>> FORBIDDEN = items(HeaderName.FORBIDDEN, Style.PHRASES, ", ", Activity::of);
  /** How (§2.3, §2.5): the FLUSH or FRESHEN technique. */
  public static final HeaderType<List<Technique>> HOW = items(HeaderName.HOW, Style.PHRASES, " | ", Technique::of);
  /** TID (§2.3): the transaction number of the short form ({@code PIS/1.0 FLUSH TID=1}), up to 18 digits. */
  public static final HeaderType<Long> TID =
      HeaderType.single(HeaderName.TID, (c, v) -> c.digits(18, "TID"), (v, b) -> b.append(v));
  /** Info-text (§2.2): free text for the user ({@code Don't be a lush.}). */
  public static final HeaderType<String> INFO_TEXT = text(HeaderName.INFO_TEXT);
  /** Water-State (§2.4): the sink's water temperatures. */
  public static final HeaderType<List<WaterState>> WATER_STATE =
      items(HeaderName.WATER_STATE, Style.PHRASES, ", ", WaterState::of);
  /** Water-Status (§2.4): which water is available. */
  public static final HeaderType<List<WaterStatus>> WATER_STATUS =
      items(HeaderName.WATER_STATUS, Style.PHRASES, ", ", WaterStatus::of);
  /** Handle-Method (§2.4): how the taps work. */
  public static final HeaderType<List<HandleMethod>> HANDLE_METHOD =
      items(HeaderName.HANDLE_METHOD, Style.PHRASES, ", ", HandleMethod::of);
  /** Soap (§2.4): Yes or No. */
  public static final HeaderType<List<Soap>> SOAP = items(HeaderName.SOAP, Style.PHRASES, " | ", Soap::of);
  /** Dryer-Type (§2.4): how hands are dried. */
  public static final HeaderType<List<DryerType>> DRYER_TYPE =
      items(HeaderName.DRYER_TYPE, Style.PHRASES, " | ", DryerType::of);
  /** Dryer-State (§2.4): OK or Not-OK. */
  public static final HeaderType<List<DryerState>> DRYER_STATE =
      items(HeaderName.DRYER_STATE, Style.PHRASES, " | ", DryerState::of);
  /** Recommend (§2.4): what the sink advises. */
  public static final HeaderType<List<Recommendation>> RECOMMEND =
      items(HeaderName.RECOMMEND, Style.PHRASES, ", ", Recommendation::of);
  /** Planet (Appendix 1): the body the position is on. */
  public static final HeaderType<List<Planet>> PLANET = items(HeaderName.PLANET, Style.PHRASES, ", ", Planet::of);
  /** Geo-spatial-position (Appendix 1): latitude, longitude and elevation. */
  public static final HeaderType<GeoPosition> GEO_SPATIAL_POSITION =
      structured(HeaderName.GEO_SPATIAL_POSITION, GeoPosition::parse);
  /** Implementation-Specific-Position (Appendix 1): building, floor, column and office. */
  public static final HeaderType<BuildingPosition> IMPLEMENTATION_SPECIFIC_POSITION =
      structured(HeaderName.IMPLEMENTATION_SPECIFIC_POSITION, BuildingPosition::parse);
  /** Currently-Near-to (Appendix 1): a landmark, in free text. */
  public static final HeaderType<String> CURRENTLY_NEAR_TO = text(HeaderName.CURRENTLY_NEAR_TO);
  /** Velocity (Appendix 1): speed, unit and heading, as {@link Velocity} defines. */
  public static final HeaderType<Velocity> VELOCITY = structured(HeaderName.VELOCITY, Velocity::parse);
  /** Preferences (Appendix 1): what the user agent prefers in a proxy. */
  public static final HeaderType<List<Preference>> PREFERENCES =
      items(HeaderName.PREFERENCES, Style.WORDS, ", ", Preference::of);

  static List<HeaderType<?>> all() {
    return List.of(REQUIRES, URGENCY, INFO, TYPE, FORBIDDEN, HOW, TID, INFO_TEXT, WATER_STATE, WATER_STATUS,
        HANDLE_METHOD, SOAP, DRYER_TYPE, DRYER_STATE, RECOMMEND, PLANET, GEO_SPATIAL_POSITION,
        IMPLEMENTATION_SPECIFIC_POSITION, CURRENTLY_NEAR_TO, VELOCITY, PREFERENCES);
  }

  private static <T> HeaderType<List<T>> items(HeaderName name, Style style, String joiner, Function<String, T> factory) {
    return HeaderType.single(name, (c, v) -> PisLists.split(c, style, factory), (list, b) -> {
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : joiner).append(list.get(i));
      }
    });
  }

  /** A value whose class reads the whole rest of the line ({@code GeoPosition.parse}). */
  private static <T> HeaderType<T> structured(HeaderName name, Function<String, T> parse) {
    return HeaderType.single(name, (c, v) -> {
      int at = c.pos();
      String rest = c.rest();
      try {
        T value = parse.apply(rest);
        c.pos(c.end());
        return value;
      } catch (SipParseException e) {
        throw e.shifted(at);
      }
    }, (v, b) -> b.append(v));
  }

  private static HeaderType<String> text(HeaderName name) {
    return HeaderType.single(name, PisHeaders::restOfLine, (v, b) -> b.append(v));
  }

  /** TEXT-UTF8 to the end of the line (RFC 3261 §25.1), without white space at its ends. */
  private static String restOfLine(Cursor c, SipVersion v) {
    int start = c.pos();
    while (!c.atEnd()) {
      char ch = c.peek();
      if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
        throw c.fail("control character in value");
      }
      c.next();
    }
    return c.substring(start, c.end()).strip();
  }
}
