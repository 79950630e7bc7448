package io.miville.description;

import java.util.Optional;

/**
 * Which way a Miville stream flows. RFC 1 streams are one-way: each has a source on one agent
 * and a sink on the other. This is a closed pair, not a wire registry, so an enum fits.
 */
public enum StreamDirection {
  /** Alice sends, Bob receives. */
  OFFERER_TO_ANSWERER("offerer-to-answerer", Role.OFFERER),
  /** Bob sends, Alice receives. */
  ANSWERER_TO_OFFERER("answerer-to-offerer", Role.ANSWERER);

  private final String wireName;
  private final Role source;

  StreamDirection(String wireName, Role source) {
    this.wireName = wireName;
    this.source = source;
  }

  /** The direction in which {@code source} sends. */
  public static StreamDirection from(Role source) {
    return source == Role.OFFERER ? OFFERER_TO_ANSWERER : ANSWERER_TO_OFFERER;
  }

  /** The agent that sends (holds the source). */
  public Role source() {
    return source;
  }

  /** The agent that receives (holds the sink). */
  public Role sink() {
    return source.peer();
  }

  /** The name in the JSON and SDP forms. */
  public String wireName() {
    return wireName;
  }

  /** The direction with this wire name. */
  public static Optional<StreamDirection> fromWireName(String name) {
    for (StreamDirection d : values()) {
      if (d.wireName.equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
