package io.miville.session;

import java.util.Objects;
import java.util.Optional;

/**
 * The content of an in-dialog INFO request (RFC 6086): Miville agents use it for stream state
 * updates while a session runs.
 *
 * @param infoPackage the Info Package it belongs to (RFC 6086 §4.2, the {@code Info-Package}
 *     header), or empty for legacy INFO usage (RFC 6086 §2, as RFC 2976 had it)
 * @param body the content
 */
public record Info(Optional<String> infoPackage, Body body) {
  public Info {
    Objects.requireNonNull(infoPackage, "infoPackage");
    Objects.requireNonNull(body, "body");
    infoPackage.ifPresent(Info::requireToken);
  }

  /** Legacy INFO usage: no Info-Package header. */
  public static Info of(Body body) {
    return new Info(Optional.empty(), body);
  }

  /** An INFO of {@code infoPackage}, which the peer must have listed in its Recv-Info. */
  public static Info of(String infoPackage, Body body) {
    return new Info(Optional.of(infoPackage), body);
  }

  static void requireToken(String name) {
    if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0))) {
      throw new IllegalArgumentException("an Info Package name is a token: " + name);
    }
  }
}
