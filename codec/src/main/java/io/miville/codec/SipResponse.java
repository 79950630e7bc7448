package io.miville.codec;

import io.miville.codec.header.SipHeaders;
import java.util.Objects;

/** A response (RFC 3261 §7.2): version, status code, reason phrase, headers and body. */
public final class SipResponse extends SipMessage {
  private final int status;
  private final String reason;

  SipResponse(int status, String reason, SipVersion version, HeaderField[] headers, byte[] body, boolean shortForm) {
    super(version, headers, body, shortForm);
    this.status = status;
    this.reason = Objects.requireNonNull(reason);
  }

  /** For the parser: see {@link SipMessage#SipMessage(SipVersion, HeaderField[], byte[], int, int, boolean, Source)}. */
  SipResponse(int status, String reason, SipVersion version, HeaderField[] headers, byte[] bodyBytes, int bodyOffset,
      int bodyLength, boolean shortForm, Source source) {
    super(version, headers, bodyBytes, bodyOffset, bodyLength, shortForm, source);
    this.status = status;
    this.reason = Objects.requireNonNull(reason);
  }

  /** A builder for a response with {@code status} and its standard SIP reason phrase. */
  public static Builder builder(int status) {
    return new Builder(status, StatusCodes.reasonPhrase(status));
  }

  /**
   * A response to {@code request} as RFC 3261 §8.2.6.2 builds it: the same Via lines, From,
   * To, Call-ID and CSeq (and TID for PIS), with the reason phrase that suits the method.
   * Add the To tag and anything else before {@link Builder#build()}.
   */
  public static Builder forRequest(SipRequest request, int status) {
    Builder b = new Builder(status, StatusCodes.reasonPhrase(status, request.method()));
    b.version(request.version());
    for (HeaderField f : request.headerFields()) {
      HeaderName n = f.name();
      if (n.equals(HeaderName.VIA) || n.equals(HeaderName.FROM) || n.equals(HeaderName.TO)
          || n.equals(HeaderName.CALL_ID) || n.equals(HeaderName.CSEQ) || n.equals(HeaderName.TID)) {
        b.headers.add(f);
      }
    }
    if (request.isShortForm()) {
      b.shortForm(true);
    }
    return b;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** 1 for provisional (1xx), 2 for success, ... */
  public int statusClass() {
    return status / 100;
  }

  public boolean isProvisional() {
    return status < 200;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isFinal() {
    return status >= 200;
  }

  @Override
  public String startLine() {
    return version().text() + ' ' + status + ' ' + reason;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The To tag of this response, if any. */
  public java.util.Optional<String> toTag() {
    return header(SipHeaders.TO).flatMap(a -> a.tag());
  }

  /** Builds responses; see {@link MessageBuilder}. */
  public static final class Builder extends MessageBuilder<Builder> {
    private int status;
    private String reason;

    Builder(int status, String reason) {
      status(status);
      this.reason = reason;
    }

    Builder(SipResponse from) {
      super(from);
      this.status = from.status;
      this.reason = from.reason;
    }

    public Builder status(int s) {
      if (!StatusCodes.isValid(s)) {
        throw new IllegalArgumentException("status must be 100 to 699: " + s);
      }
      this.status = s;
      return this;
    }

    /**
     * Sets the reason phrase (RFC 3261 §25.1 Reason-Phrase: text, SP and HTAB; no control
     * characters, which the phrase cannot escape).
     *
     * @throws IllegalArgumentException if it holds CR, LF, another control character than HTAB
     *     or an unpaired surrogate
     */
    public Builder reason(String r) {
      for (int i = 0; i < r.length(); i++) {
        char c = r.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw new IllegalArgumentException("reason phrase must not contain control characters");
        }
      }
      HeaderField.checkValue(r);
      this.reason = r;
      return this;
    }

    @Override
    public SipResponse build() {
      return new SipResponse(status, reason, version, finishedHeaders(), body, shortForm);
    }
  }
}
