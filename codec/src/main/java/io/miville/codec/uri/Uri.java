package io.miville.codec.uri;

import io.miville.codec.SipParseException;

/**
 * A URI as SIP carries it (RFC 3261 §19, §25.1): a {@link SipUri} ({@code sip:} or
 * {@code sips:}), a {@link TelUri} (RFC 3966), or any other {@link AbsoluteUri}, which is kept
 * as written and round-trips unchanged.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

  /** The scheme in lower case ({@code sip}, {@code sips}, {@code tel}, {@code http}, ...). */
  String scheme();

  /** The URI in its written form. */
  @Override
  String toString();

  /**
   * Parses a complete URI.
   *
   * @throws SipParseException with status 400 if the text is not a URI
   */
  static Uri parse(String text) {
    return UriParser.parse(text, 0, text.length());
  }
}
