package io.miville.codec.uri;

import java.util.Objects;

/**
 * A URI of a scheme the stack does not interpret ({@code http:}, {@code urn:}, {@code isbn:},
 * {@code soap.beep:}, ...), checked against the RFC 3261 §25.1 absoluteURI grammar and kept as
 * written.
 */
public final class AbsoluteUri implements Uri {
  private final String scheme;
  private final String text;

  AbsoluteUri(String scheme, String text) {
    this.scheme = scheme;
    this.text = text;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  /** What follows {@code scheme:}. */
  public String schemeSpecificPart() {
    return text.substring(text.indexOf(':') + 1);
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AbsoluteUri u && u.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }
}
