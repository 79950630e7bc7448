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
  private static final java.util.Set<HeaderName> PIS = new java.util.HashSet<>();

  static {
    for (HeaderType<?> t : SipHeaders.all()) {
      STANDARD.put(t.name(), t);
    }
    for (HeaderType<?> t : PisHeaders.all()) {
      STANDARD.put(t.name(), t);
      PIS.add(t.name());
    }
  }

  private HeaderRegistry() {}

  /** The standard typed view for {@code name}, if the codec has one. */
  public static Optional<HeaderType<?>> standard(HeaderName name) {
    return Optional.ofNullable(STANDARD.get(name));
  }

  /** True for the headers draft-pis-00 defines, which the parser validates in PIS/1.0 messages only. */
  public static boolean isPisHeader(HeaderName name) {
    return PIS.contains(name);
  }

  /** Same as {@link #standard} without the Optional, for the parser's hot path. */
  public static HeaderType<?> standardOrNull(HeaderName name) {
    return STANDARD.get(name);
  }
}
