package io.miville.description;

import java.util.Locale;
import java.util.Optional;

/** The two agents of RFC 1: Alice the offerer and Bob the answerer. */
public enum Role {
  /** Alice, who sends the offer (INVITE). */
  OFFERER,
  /** Bob, who answers (OK) or refuses. */
  ANSWERER;

  /** The other agent. */
  public Role peer() {
    return this == OFFERER ? ANSWERER : OFFERER;
  }

  /** The name in the JSON and SDP forms: {@code offerer} or {@code answerer}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role with this wire name. */
  public static Optional<Role> fromWireName(String name) {
    for (Role r : values()) {
      if (r.wireName().equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
