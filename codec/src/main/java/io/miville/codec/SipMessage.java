package io.miville.codec;

import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.HeaderType;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.RandomAccess;

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
  private final HeaderField[] fields;
  private final List<HeaderField> headers; // a read-only view of fields
  private final byte[] bodyBytes; // the body is bodyBytes[bodyOffset, bodyOffset + bodyLength)
  private final int bodyOffset;
  private final int bodyLength;
  private final boolean shortForm;
  private final Source source;

  /**
   * Where a parsed message came from: the bytes from its start line to the end of its body.
   * {@code startLineLength} is the length of the start line without CRLF if the writer writes
   * it the same way, else -1; {@code verbatim} is true if the writer's standard form of the
   * whole message is {@code bytes[0, end)}, so that writing it is a copy.
   */
  record Source(byte[] bytes, int startLineLength, int end, boolean verbatim) {}

  SipMessage(SipVersion version, HeaderField[] fields, byte[] body, boolean shortForm) {
    this(version, fields, body, 0, body == null ? 0 : body.length, shortForm, null);
  }

  /** {@code fields} and the body bytes are the message's own from now on: no copy is made. */
  SipMessage(SipVersion version, HeaderField[] fields, byte[] bodyBytes, int bodyOffset, int bodyLength,
      boolean shortForm, Source source) {
    this.version = version;
    this.fields = fields;
    this.headers = new FieldList(fields);
    this.bodyBytes = bodyLength == 0 ? NO_BODY : bodyBytes;
    this.bodyOffset = bodyLength == 0 ? 0 : bodyOffset;
    this.bodyLength = bodyLength;
    this.shortForm = shortForm;
    this.source = source;
  }

  /** A read-only list over the message's array of header lines. */
  private static final class FieldList extends AbstractList<HeaderField> implements RandomAccess {
    private final HeaderField[] a;

    FieldList(HeaderField[] a) {
      this.a = a;
    }

    @Override
    public HeaderField get(int index) {
      return a[index];
    }

    @Override
    public int size() {
      return a.length;
    }

    @Override
    public Object[] toArray() {
      return a.clone();
    }
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
    for (HeaderField f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f.value());
      }
    }
    return Optional.empty();
  }

  /** The text of every line of header {@code name}. */
  public List<String> headers(HeaderName name) {
    List<String> out = new ArrayList<>(2);
    for (HeaderField f : fields) {
      if (f.name().equals(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** Number of lines of header {@code name}. */
  public int count(HeaderName name) {
    int n = 0;
    for (HeaderField f : fields) {
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
    return Optional.ofNullable(first(type));
  }

  /** The first typed value of header {@code type}, or null; the accessors' allocation-free core. */
  private <T> T first(HeaderType<T> type) {
    HeaderName name = type.name();
    for (HeaderField f : fields) {
      if (f.name().equals(name)) {
        List<T> v = f.values(type, version);
        if (!v.isEmpty()) {
          return v.get(0);
        }
      }
    }
    return null;
  }

  /** Every typed value of header {@code type}, across all its lines, in order. */
  public <T> List<T> headers(HeaderType<T> type) {
    List<T> out = null;
    for (HeaderField f : fields) {
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
    Integer v = first(SipHeaders.MAX_FORWARDS);
    return v == null ? OptionalInt.empty() : OptionalInt.of(v);
  }

  public Optional<MediaType> contentType() {
    return header(SipHeaders.CONTENT_TYPE);
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return bodyLength == 0 ? NO_BODY : Arrays.copyOfRange(bodyBytes, bodyOffset, bodyOffset + bodyLength);
  }

  public int bodyLength() {
    return bodyLength;
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(bodyBytes, bodyOffset, bodyLength, StandardCharsets.UTF_8);
  }

  /** The body in an array of its own that nobody changes, for builders: without a copy when the message has one. */
  byte[] bodyShared() {
    return bodyOffset == 0 && bodyLength == bodyBytes.length ? bodyBytes : body();
  }

  /** Copies the body to {@code out[at]}; returns the end. For the writer. */
  int writeBody(byte[] out, int at) {
    System.arraycopy(bodyBytes, bodyOffset, out, at, bodyLength);
    return at + bodyLength;
  }

  /** The header lines, not to be changed; for the writer. */
  HeaderField[] fieldArray() {
    return fields;
  }

  /** Where a parsed message came from, or null for a built one. */
  Source source() {
    return source;
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
        || !m.startLine().equals(startLine()) || m.fields.length != fields.length
        || !Arrays.equals(m.bodyBytes, m.bodyOffset, m.bodyOffset + m.bodyLength, bodyBytes, bodyOffset,
            bodyOffset + bodyLength)) {
      return false;
    }
    for (int i = 0; i < fields.length; i++) {
      HeaderField a = fields[i];
      HeaderField b = m.fields[i];
      if (!a.name().equals(b.name()) || !a.canonicalValue().equals(b.canonicalValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return startLine().hashCode() * 31 + fields.length;
  }
}
