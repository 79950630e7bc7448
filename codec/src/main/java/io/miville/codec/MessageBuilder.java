package io.miville.codec;

import io.miville.codec.header.HeaderType;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What request and response builders share: header lines in order, a body, a version.
 * {@link #build()} sets {@code Content-Length} to the body's length.
 *
 * @param <B> the concrete builder, for chaining
 */
public abstract sealed class MessageBuilder<B extends MessageBuilder<B>>
    permits SipRequest.Builder, SipResponse.Builder {
  SipVersion version = SipVersion.SIP_2_0;
  final List<HeaderField> headers = new ArrayList<>();
  byte[] body = new byte[0];
  boolean shortForm;

  MessageBuilder() {}

  MessageBuilder(SipMessage from) {
    this.version = from.version();
    this.headers.addAll(from.headerFields());
    this.body = from.bodyShared();
    this.shortForm = from.isShortForm();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  public B version(SipVersion v) {
    this.version = Objects.requireNonNull(v);
    return self();
  }

  /** Appends a header line with a raw value. */
  public B header(HeaderName name, String value) {
    headers.add(HeaderField.of(name, value));
    return self();
  }

  /** Appends a header line with a raw value. */
  public B header(String name, String value) {
    return header(HeaderName.of(name), value);
  }

  /** Appends a header line with one typed value. */
  public <T> B header(HeaderType<T> type, T value) {
    headers.add(HeaderField.of(type, List.of(value)));
    return self();
  }

  /** Appends one header line per value, in order. */
  public <T> B headers(HeaderType<T> type, List<T> values) {
    for (T v : values) {
      header(type, v);
    }
    return self();
  }

  /** Appends one header line holding all {@code values}, comma-separated (RFC 3261 §7.3.1). */
  public <T> B headerList(HeaderType<T> type, List<T> values) {
    if (!type.isList()) {
      throw new IllegalArgumentException(type.name() + " takes one value per line");
    }
    headers.add(HeaderField.of(type, values));
    return self();
  }

  /** Replaces every line of the header with one line holding {@code value}, where the first was. */
  public <T> B set(HeaderType<T> type, T value) {
    return replace(type.name(), HeaderField.of(type, List.of(value)));
  }

  /** Replaces every line of the header with one raw line, where the first was. */
  public B set(HeaderName name, String value) {
    return replace(name, HeaderField.of(name, value));
  }

  private B replace(HeaderName name, HeaderField field) {
    int at = -1;
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).name().equals(name)) {
        headers.remove(i);
        at = i;
      }
    }
    if (at < 0) {
      headers.add(field);
    } else {
      headers.add(at, field);
    }
    return self();
  }

  /** Removes every line of the header. */
  public B remove(HeaderName name) {
    headers.removeIf(f -> f.name().equals(name));
    return self();
  }

  /** Sets the body and its Content-Type. */
  public B body(MediaType type, byte[] content) {
    this.body = content.clone();
    return set(SipHeaders.CONTENT_TYPE, type);
  }

  /** Sets a UTF-8 text body and its Content-Type. */
  public B body(MediaType type, String content) {
    this.body = content.getBytes(StandardCharsets.UTF_8);
    return set(SipHeaders.CONTENT_TYPE, type);
  }

  /** Marks the message to be written in draft-pis-00 short form by default. */
  public B shortForm(boolean yes) {
    this.shortForm = yes;
    return self();
  }

  /** Fixes Content-Length to the body's length; called by build(). */
  final HeaderField[] finishedHeaders() {
    set(SipHeaders.CONTENT_LENGTH, body.length);
    return headers.toArray(new HeaderField[0]);
  }

  public abstract SipMessage build();
}
