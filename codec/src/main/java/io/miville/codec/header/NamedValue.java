package io.miville.codec.header;

import io.miville.codec.SipVersion;
import io.miville.codec.internal.Cursor;
import java.util.Objects;
import java.util.Optional;

/**
 * A token with parameters: the shape of Event (RFC 6665 §8.2.1), Subscription-State (§8.2.3),
 * Reason (RFC 3326), Content-Disposition and several PIS headers.
 *
 * @param value the leading token (event type, subscription state, protocol, ...)
 * @param params the parameters that follow it
 */
public record NamedValue(String value, Parameters params) {
  public NamedValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(params, "params");
  }

  public static NamedValue of(String value) {
    return new NamedValue(value, Parameters.empty());
  }

  public NamedValue withParam(String name, String paramValue) {
    return new NamedValue(value, params.with(name, paramValue));
  }

  public Optional<String> param(String name) {
    return params.get(name);
  }

  /** A parameter that must be decimal (expires, retry-after, cause), saturating at 2^32-1. */
  public Optional<Long> numericParam(String name) {
    return params.get(name).map(v -> Grammar.deltaSeconds(new Cursor(v), name));
  }

  static NamedValue parse(Cursor c, SipVersion version) {
    String v = c.token("expected value");
    return new NamedValue(v, Grammar.genericParams(c));
  }

  @Override
  public String toString() {
    return value + params;
  }
}
