package io.miville.codec.sdp;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The media direction attributes {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly}
 * and {@code a=inactive} (RFC 8866 §6.7), always from the point of view of the description's
 * writer. Without one, a stream is {@link #SENDRECV} (RFC 8866 §6.7, RFC 3264 §5.1).
 *
 * <p>This is a closed set: RFC 8866 defines exactly four, so an enum fits.
 */
public enum Direction {
  /** Send and receive. */
  SENDRECV("sendrecv", true, true),
  /** Send only. */
  SENDONLY("sendonly", true, false),
  /** Receive only. */
  RECVONLY("recvonly", false, true),
  /** Neither send nor receive (RTCP still flows, RFC 8866 §6.7.4). */
  INACTIVE("inactive", false, false);

  /** The direction of a media description without a direction attribute. */
  public static final Direction DEFAULT = SENDRECV;

  private final String attributeName;
  private final boolean sends;
  private final boolean receives;

  Direction(String attributeName, boolean sends, boolean receives) {
    this.attributeName = attributeName;
    this.sends = sends;
    this.receives = receives;
  }

  /** The direction with these capabilities. */
  public static Direction of(boolean sends, boolean receives) {
    return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
  }

  /** The direction named by an attribute name ({@code sendonly} ...). */
  public static Optional<Direction> fromName(String name) {
    for (Direction d : values()) {
      if (d.attributeName.equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The direction an attribute states, if it is one of the four property attributes. A
   * direction name with a value ({@code a=sendonly:x}) is not a direction attribute.
   */
  public static Optional<Direction> fromAttribute(Attribute attribute) {
    return attribute.isProperty() ? fromName(attribute.name()) : Optional.empty();
  }

  /** The first direction attribute among {@code attributes}, if any. */
  public static Optional<Direction> find(List<Attribute> attributes) {
    for (Attribute a : attributes) {
      Optional<Direction> d = fromAttribute(a);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** The attribute name: {@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}. */
  public String attributeName() {
    return attributeName;
  }

  /** The property attribute {@code a=<name>}. */
  public Attribute toAttribute() {
    return Attribute.of(attributeName);
  }

  /** True if the writer sends media. */
  public boolean sends() {
    return sends;
  }

  /** True if the writer receives media. */
  public boolean receives() {
    return receives;
  }

  /**
   * The same stream seen from the other end: sendonly becomes recvonly and the other way
   * round; sendrecv and inactive stay. This is also the fullest answer to an offer with this
   * direction.
   */
  public Direction reverse() {
    return of(receives, sends);
  }

  /**
   * The answers RFC 3264 §6.1 allows to an offer with this direction: sendonly may be answered
   * recvonly or inactive, recvonly with sendonly or inactive, sendrecv with any of the four,
   * inactive only with inactive.
   */
  public Set<Direction> allowedAnswers() {
    Set<Direction> allowed = EnumSet.noneOf(Direction.class);
    for (Direction d : values()) {
      if ((!d.sends || receives) && (!d.receives || sends)) {
        allowed.add(d);
      }
    }
    return allowed;
  }

  /**
   * The direction of the answer to an offer with this direction (RFC 3264 §6.1), given what the
   * answerer is willing to do: it sends only if the offerer receives and it wants to send; it
   * receives only if the offerer sends and it wants to receive. The result is always one of
   * {@link #allowedAnswers()}.
   *
   * @param answererSends the answerer is willing to send on this stream
   * @param answererReceives the answerer is willing to receive on this stream
   */
  public Direction answer(boolean answererSends, boolean answererReceives) {
    return of(answererSends && receives, answererReceives && sends);
  }
}
