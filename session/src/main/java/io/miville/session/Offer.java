package io.miville.session;

import io.miville.codec.header.MediaType;
import java.util.Objects;

/**
 * A session description sent or received as an offer (RFC 3264 §4, §5): in an INVITE or a
 * re-INVITE here, or in the 2xx to an INVITE that carried none.
 *
 * @param body the description, opaque to this layer
 */
public record Offer(Body body) {
  public Offer {
    Objects.requireNonNull(body, "body");
  }

  public static Offer of(MediaType type, String text) {
    return new Offer(Body.of(type, text));
  }

  public static Offer of(MediaType type, byte[] bytes) {
    return new Offer(Body.of(type, bytes));
  }
}
