package io.miville.codec.uri;

import io.miville.codec.header.Parameters;
import java.util.Objects;

/** A {@code tel:} URI (RFC 3966): a global ({@code +...}) or local number with parameters. */
public final class TelUri implements Uri {
  private final String number;
  private final Parameters params;

  TelUri(String number, Parameters params) {
    this.number = number;
    this.params = params;
  }

  /** Creates a tel URI; the number may hold visual separators ({@code -}, {@code .}, {@code (}, {@code )}). */
  public static TelUri of(String number) {
    return (TelUri) Uri.parse("tel:" + number);
  }

  @Override
  public String scheme() {
    return "tel";
  }

  /** The number as written, with its visual separators. */
  public String number() {
    return number;
  }

  public boolean isGlobal() {
    return number.startsWith("+");
  }

  public Parameters params() {
    return params;
  }

  @Override
  public String toString() {
    return "tel:" + number + params;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TelUri t && t.number.equals(number) && t.params.equals(params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, params);
  }
}
