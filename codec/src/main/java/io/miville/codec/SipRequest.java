package io.miville.codec;

import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import java.util.Objects;

/** A request (RFC 3261 §7.1): method, Request-URI, version, headers and body. */
public final class SipRequest extends SipMessage {
  private final SipMethod method;
  private final Uri uri;

  SipRequest(SipMethod method, Uri uri, SipVersion version, HeaderField[] headers, byte[] body, boolean shortForm) {
    super(version, headers, body, shortForm);
    this.method = Objects.requireNonNull(method);
    this.uri = Objects.requireNonNull(uri);
  }

  /** For the parser: see {@link SipMessage#SipMessage(SipVersion, HeaderField[], byte[], int, int, boolean, Source)}. */
  SipRequest(SipMethod method, Uri uri, SipVersion version, HeaderField[] headers, byte[] bodyBytes, int bodyOffset,
      int bodyLength, boolean shortForm, Source source) {
    super(version, headers, bodyBytes, bodyOffset, bodyLength, shortForm, source);
    this.method = Objects.requireNonNull(method);
    this.uri = Objects.requireNonNull(uri);
  }

  /**
   * A builder for a request of {@code method} to {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} carries headers (RFC 3261 §19.1.1)
   */
  public static Builder builder(SipMethod method, Uri uri) {
    return new Builder(method, uri);
  }

  public SipMethod method() {
    return method;
  }

  /** The Request-URI. */
  public Uri uri() {
    return uri;
  }

  @Override
  public String startLine() {
    return method.name() + ' ' + uri + ' ' + version().text();
  }

  /** A builder holding a copy of this request, to derive a changed one. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds requests; see {@link MessageBuilder}. */
  public static final class Builder extends MessageBuilder<Builder> {
    private SipMethod method;
    private Uri uri;

    Builder(SipMethod method, Uri uri) {
      this.method = Objects.requireNonNull(method, "method");
      this.uri = requestUri(uri);
    }

    Builder(SipRequest from) {
      super(from);
      this.method = from.method;
      this.uri = from.uri;
    }

    public Builder method(SipMethod m) {
      this.method = Objects.requireNonNull(m);
      return this;
    }

    /**
     * Sets the Request-URI.
     *
     * @throws IllegalArgumentException if it is a SIP URI with headers, which a Request-URI
     *     must not carry (RFC 3261 §19.1.1); use {@link SipUri#withoutHeaders()}
     */
    public Builder uri(Uri u) {
      this.uri = requestUri(u);
      return this;
    }

    private static Uri requestUri(Uri u) {
      Objects.requireNonNull(u, "uri");
      if (u instanceof SipUri s && s.headers().isPresent()) {
        throw new IllegalArgumentException("headers are not allowed in a Request-URI");
      }
      return u;
    }

    @Override
    public SipRequest build() {
      return new SipRequest(method, uri, version, finishedHeaders(), body, shortForm);
    }
  }
}
