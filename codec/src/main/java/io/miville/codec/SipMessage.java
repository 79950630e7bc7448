package io.miville.codec;

import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.HeaderType;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable SIP/2.0 or PIS/1.0 message (RFC 3261 §7): a {@link SipRequest} or a
 * {@link SipResponse}, with its header lines in order and its body.
 *
 * <p>Headers are read as text ({@link #header(HeaderName)}) or as typed values
 * ({@link #header(HeaderType)}, {@link #headers(HeaderType)}); the accessors for the headers
 * every message has ({@link #callId()}, {@link #cseq()}, {@link #vias()}, ...) are shortcuts for
 * the typed ones. Use {@link SipParser} to read messages and {@link SipWriter} (or
 * {@link #encode()}) to write them.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
  private static final byte[] NO_BODY = new byte[0];

  private final SipVersion version;
  private final List<HeaderField> headers;
  private final byte[] body;
  private final boolean shortForm;

  SipMessage(SipVersion version, List<HeaderField> headers, byte[] body, boolean shortForm) {
    this.version = version;
    this.headers = headers;
    this.body = body == null || body.length == 0 ? NO_BODY : body;
    this.shortForm = shortForm;
  }

  public SipVersion version() {
    return version;
  }

  /** True if the message was read in draft-pis-00's short form ({@code PIS/1.0 SEEK}, {@code 100 INFO TID=1}). */
  public boolean isShortForm() {
    return shortForm;
  }

  /** All header lines, in order. */
  public List<HeaderField> headerFields() {
    return headers;
  }

  /** The text of the first line of header {@code name}. */
  public Optional<String> header(HeaderName name) {
    for (HeaderField f : headers) {
      if (f.name().equals(name)) {
        return Optional.of(f.value());
      }
    }
    return Optional.empty();
  }

  /** The text of every line of header {@code name}. */
  public List<String> headers(HeaderName name) {
    List<String> out = new ArrayList<>(2);
    for (HeaderField f : headers) {
      if (f.name().equals(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** Number of lines of header {@code name}. */
  public int count(HeaderName name) {
    int n = 0;
    for (HeaderField f : headers) {
      if (f.name().equals(name)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The first typed value of header {@code type}.
   *
   * @throws SipParseException if the header is present but malformed (never for parsed messages,
   *     whose standard headers were validated)
   */
  public <T> Optional<T> header(HeaderType<T> type) {
    for (HeaderField f : headers) {
      if (f.name().equals(type.name())) {
        List<T> v = f.values(type, version);
        if (!v.isEmpty()) {
          return Optional.of(v.get(0));
        }
      }
    }
    return Optional.empty();
  }

  /** Every typed value of header {@code type}, across all its lines, in order. */
  public <T> List<T> headers(HeaderType<T> type) {
    List<T> out = null;
    for (HeaderField f : headers) {
      if (f.name().equals(type.name())) {
        List<T> v = f.values(type, version);
        if (out == null) {
          out = v;
        } else {
          if (!(out instanceof ArrayList)) {
            out = new ArrayList<>(out);
          }
          out.addAll(v);
        }
      }
    }
    return out == null ? List.of() : out instanceof ArrayList ? List.copyOf(out) : out;
  }

  public Optional<String> callId() {
    return header(SipHeaders.CALL_ID);
  }

  public Optional<CSeq> cseq() {
    return header(SipHeaders.CSEQ);
  }

  public Optional<Address> from() {
    return header(SipHeaders.FROM);
  }

  public Optional<Address> to() {
    return header(SipHeaders.TO);
  }

  public List<Via> vias() {
    return headers(SipHeaders.VIA);
  }

  public Optional<Via> topVia() {
    return header(SipHeaders.VIA);
  }

  public List<Address> contacts() {
    return headers(SipHeaders.CONTACT);
  }

  public OptionalInt maxForwards() {
    return header(SipHeaders.MAX_FORWARDS).map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  public Optional<MediaType> contentType() {
    return header(SipHeaders.CONTENT_TYPE);
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.length == 0 ? NO_BODY : body.clone();
  }

  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body without a copy, for the writer. */
  byte[] bodyUnsafe() {
    return body;
  }

  /** The message in standard form, as bytes ready to send. */
  public byte[] encode() {
    return SipWriter.encode(this);
  }

  /** The start line, for example {@code INVITE sip:bob@example.com SIP/2.0}. */
  public abstract String startLine();

  /** The message as text in standard form (the body decoded as UTF-8). */
  @Override
  public String toString() {
    return new String(encode(), StandardCharsets.UTF_8);
  }

  /**
   * Equal when start line, header names and canonical values (in order) and body are equal;
   * folding, white space and compact names do not matter.
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SipMessage m) || m.getClass() != getClass() || m.version != version
        || !m.startLine().equals(startLine()) || m.headers.size() != headers.size()
        || !Arrays.equals(m.body, body)) {
      return false;
    }
    for (int i = 0; i < headers.size(); i++) {
      HeaderField a = headers.get(i);
      HeaderField b = m.headers.get(i);
      if (!a.name().equals(b.name()) || !a.canonicalValue().equals(b.canonicalValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return startLine().hashCode() * 31 + headers.size();
  }
}
