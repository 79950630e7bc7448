package io.miville.session;

import io.miville.codec.header.MediaType;
import java.util.Objects;

/**
 * A session description sent or received as the answer to an {@link Offer} (RFC 3264 §6): in the
 * 2xx to the INVITE that carried the offer, or in the ACK when the offer was in the 2xx.
 *
 * @param body the description, opaque to this layer
 */
public record Answer(Body body) {
  public Answer {
    Objects.requireNonNull(body, "body");
  }

  public static Answer of(MediaType type, String text) {
    return new Answer(Body.of(type, text));
  }

  public static Answer of(MediaType type, byte[] bytes) {
    return new Answer(Body.of(type, bytes));
  }
}
