package io.miville.codec.header;

import io.miville.codec.SipVersion;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import java.util.Objects;

/**
 * A media type (RFC 3261 §20.15, §25.1 media-type): {@code type/subtype;param=value}. Type and
 * subtype compare without case. In Accept, {@code *} stands for any type or subtype.
 */
public final class MediaType {
  public static final MediaType APPLICATION_SDP = of("application", "sdp");
  /** The Miville session description as JSON (docs/session-description.md). */
  public static final MediaType APPLICATION_MIVILLE_JSON = of("application", "miville+json");
  public static final MediaType TEXT_PLAIN = of("text", "plain");

  private final String type;
  private final String subtype;
  private final Parameters params;

  private MediaType(String type, String subtype, Parameters params) {
    this.type = type;
    this.subtype = subtype;
    this.params = params;
  }

  public static MediaType of(String type, String subtype) {
    if (!Chars.isToken(type) || !Chars.isToken(subtype)) {
      throw new IllegalArgumentException("type and subtype must be tokens");
    }
    return new MediaType(type, subtype, Parameters.empty());
  }

  /** Parses {@code type/subtype;params}. */
  public static MediaType parse(String text) {
    return SipHeaders.CONTENT_TYPE.parse(text);
  }

  public String type() {
    return type;
  }

  public String subtype() {
    return subtype;
  }

  public Parameters params() {
    return params;
  }

  public MediaType withParam(String name, String value) {
    return new MediaType(type, subtype, params.with(name, value));
  }

  /** True if type and subtype match, ignoring case and parameters; {@code *} matches anything. */
  public boolean matches(MediaType other) {
    return (type.equals("*") || other.type.equals("*") || type.equalsIgnoreCase(other.type))
        && (subtype.equals("*") || other.subtype.equals("*") || subtype.equalsIgnoreCase(other.subtype));
  }

  static MediaType parse(Cursor c, SipVersion version) {
    String type = c.token("expected media type");
    c.expectSeparator('/', "expected / in media type");
    String subtype = c.token("expected media subtype");
    Parameters params = Grammar.genericParams(c);
    for (int i = 0; i < params.size(); i++) {
      if (params.value(i).isEmpty()) {
        throw c.fail("media type parameter without value");
      }
    }
    return new MediaType(type, subtype, params);
  }

  @Override
  public String toString() {
    return type + "/" + subtype + params;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaType m && m.type.equalsIgnoreCase(type) && m.subtype.equalsIgnoreCase(subtype)
        && m.params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Chars.lower(type), Chars.lower(subtype), params);
  }
}
