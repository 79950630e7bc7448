package io.miville.codec.header;

import io.miville.codec.HeaderName;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which typed view the codec uses for each known header name: the parser validates every
 * header that has one while it reads a message.
 */
public final class HeaderRegistry {
  private static final Map<HeaderName, HeaderType<?>> STANDARD = new HashMap<>();

  static {
    for (HeaderType<?> t : SipHeaders.all()) {
      STANDARD.put(t.name(), t);
    }
    for (HeaderType<?> t : PisHeaders.all()) {
      STANDARD.put(t.name(), t);
    }
  }

  private HeaderRegistry() {}

  /** The standard typed view for {@code name}, if the codec has one. */
  public static Optional<HeaderType<?>> standard(HeaderName name) {
    return Optional.ofNullable(STANDARD.get(name));
  }

  /** Same as {@link #standard} without the Optional, for the parser's hot path. */
  public static HeaderType<?> standardOrNull(HeaderName name) {
    return STANDARD.get(name);
  }
}
