package io.miville.session;

import io.miville.codec.header.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message body as the session layer carries it: a content type and bytes, opaque here. The
 * agent decides what they mean ({@code application/sdp}, {@code application/miville+json}, ...).
 * Immutable: the bytes are copied in and out.
 *
 * @param type the Content-Type
 * @param content the bytes (a copy)
 */
public record Body(MediaType type, byte[] content) {

  public Body {
    Objects.requireNonNull(type, "type");
    content = Objects.requireNonNull(content, "content").clone();
  }

  /** A body of {@code bytes}. */
  public static Body of(MediaType type, byte[] bytes) {
    return new Body(type, bytes);
  }

  /** A UTF-8 text body. */
  public static Body of(MediaType type, String text) {
    return new Body(type, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the bytes. */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The number of bytes. */
  public int length() {
    return content.length;
  }

  /** The bytes read as UTF-8. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Body b && b.type.equals(type) && Arrays.equals(b.content, content);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "Body[" + type + ", " + content.length + " bytes]";
  }
}
