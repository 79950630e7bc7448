package io.miville.description;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Miville session description of RFC 1, immutable. One model, two encodings:
 * {@code application/miville+json} ({@link MivilleJson}) and {@code application/sdp}
 * ({@link SdpMapping}).
 *
 * <p>It holds what RFC 1 requires: the session name ({@code "default"} unless set), a session
 * id, a purpose ({@code ""} unless set), the UTC start time, the port bases the answerer may
 * choose from, the contact of each agent, the profile, and the streams, each with its OSC
 * configuration and the state of its source and sink.
 *
 * <p>The constructor checks the RFC 1 port rules ({@link PortRules}) for every stream whose sink
 * is a Miville agent: a base in [10000, 65526], and blocks of ten that do not overlap on one
 * address. A stream received by a plain SIP agent ({@link AgentKind#SIP}) only needs a valid port
 * (0..65535, 0 meaning refused as in RFC 3264 §6). Every failure is a
 * {@link DescriptionException} naming the field.
 *
 * <p>Streams are identified by their position in the list, as m= lines are in SDP (RFC 3264 §8):
 * a new offer keeps the existing streams in place and adds new ones at the end.
 *
 * @param name session name, one line of text, not empty
 * @param id session id, a word (no spaces), not empty
 * @param purpose an optional comment, one line, may be empty
 * @param start when the session started, UTC
 * @param ports port bases the answerer may choose from
 * @param profile the profile in use
 * @param offerer Alice's contact
 * @param answerer Bob's contact
 * @param streams the media streams
 */
public record SessionDescription(
    String name, String id, String purpose, Instant start, List<Integer> ports, Profile profile,
    AgentContact offerer, AgentContact answerer, List<MediaStream> streams) {

  /** The session name used when none is given. */
  public static final String DEFAULT_NAME = "default";

  public SessionDescription {
    Checks.nonEmptyText(name, "name");
    Checks.word(id, "id");
    Checks.text(purpose, "purpose");
    if (start == null) {
      throw new DescriptionException("start", "missing");
    }
    ports = List.copyOf(ports);
    checkPortList(ports);
    if (profile == null) {
      throw new DescriptionException("profile", "missing");
    }
    if (offerer == null) {
      throw new DescriptionException("contacts.offerer", "missing");
    }
    if (answerer == null) {
      throw new DescriptionException("contacts.answerer", "missing");
    }
    streams = List.copyOf(streams);
    checkStreamPorts(streams, offerer, answerer);
  }

  private static void checkPortList(List<Integer> ports) {
    for (int i = 0; i < ports.size(); i++) {
      int base = ports.get(i);
      if (!PortRules.isValidBase(base)) {
        throw new DescriptionException("ports[" + i + "]", "port base out of range "
            + PortRules.MIN_BASE + ".." + PortRules.MAX_BASE);
      }
      for (int j = 0; j < i; j++) {
        if (PortRules.overlap(base, ports.get(j))) {
          throw new DescriptionException("ports[" + i + "]",
              "port block overlaps the block of ports[" + j + "]");
        }
      }
    }
  }

  private static void checkStreamPorts(List<MediaStream> streams, AgentContact offerer,
      AgentContact answerer) {
    for (int i = 0; i < streams.size(); i++) {
      StreamConfig c = streams.get(i).config();
      String field = "streams[" + i + "].config" + StreamConfig.key(StreamConfig.PORT);
      if (!receivedByMiville(c, offerer, answerer)) {
        continue;
      }
      if (!PortRules.isValidBase(c.port())) {
        throw new DescriptionException(field, "port base out of range "
            + PortRules.MIN_BASE + ".." + PortRules.MAX_BASE);
      }
      for (int j = 0; j < i; j++) {
        StreamConfig other = streams.get(j).config();
        if (receivedByMiville(other, offerer, answerer) && other.address().equals(c.address())
            && PortRules.overlap(c.port(), other.port())) {
          throw new DescriptionException(field,
              "port block overlaps the block of streams[" + j + "]");
        }
      }
    }
  }

  private static boolean receivedByMiville(StreamConfig c, AgentContact offerer,
      AgentContact answerer) {
    AgentContact sink = c.direction().sink() == Role.OFFERER ? offerer : answerer;
    return sink.kind() == AgentKind.MIVILLE;
  }

  /**
   * A builder with the two values that have no default.
   *
   * @param id the session id
   * @param start when the session started
   */
  public static Builder builder(String id, Instant start) {
    return new Builder(id, start);
  }

  /** A builder holding this description's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id, start);
    b.name = name;
    b.purpose = purpose;
    b.ports.addAll(ports);
    b.profile = profile;
    b.offerer = offerer;
    b.answerer = answerer;
    b.streams.addAll(streams);
    return b;
  }

  /** The contact of one agent. */
  public AgentContact contact(Role agent) {
    return agent == Role.OFFERER ? offerer : answerer;
  }

  /** The same description with stream {@code index} replaced. */
  public SessionDescription withStream(int index, MediaStream stream) {
    List<MediaStream> list = new ArrayList<>(streams);
    list.set(index, stream);
    return toBuilder().streams(list).build();
  }

  /** The same description with the end of stream {@code index} on {@code agent} in {@code state}. */
  public SessionDescription withStateOn(int index, Role agent, StreamState state) {
    return withStream(index, streams.get(index).withStateOn(agent, state));
  }

  /** Builds a {@link SessionDescription}. */
  public static final class Builder {
    private String name = DEFAULT_NAME;
    private String id;
    private String purpose = "";
    private Instant start;
    private final List<Integer> ports = new ArrayList<>();
    private Profile profile = Profile.DEFAULT;
    private AgentContact offerer;
    private AgentContact answerer;
    private final List<MediaStream> streams = new ArrayList<>();

    private Builder(String id, Instant start) {
      this.id = id;
      this.start = start;
    }

    /** The session name (default {@code "default"}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The session id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The purpose (default {@code ""}). */
    public Builder purpose(String purpose) {
      this.purpose = purpose;
      return this;
    }

    /** The UTC start time. */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** Adds port bases the answerer may choose from. */
    public Builder ports(List<Integer> bases) {
      ports.addAll(bases);
      return this;
    }

    /** The profile (default {@link Profile#DEFAULT}). */
    public Builder profile(Profile profile) {
      this.profile = profile;
      return this;
    }

    /** Alice's contact (required). */
    public Builder offerer(AgentContact contact) {
      this.offerer = contact;
      return this;
    }

    /** Bob's contact (required). */
    public Builder answerer(AgentContact contact) {
      this.answerer = contact;
      return this;
    }

    /** Adds a stream. */
    public Builder stream(MediaStream stream) {
      streams.add(Objects.requireNonNull(stream));
      return this;
    }

    /** Adds a stream with both ends stopped. */
    public Builder stream(StreamConfig config) {
      return stream(MediaStream.of(config));
    }

    /** Replaces the streams. */
    public Builder streams(List<MediaStream> list) {
      streams.clear();
      streams.addAll(list);
      return this;
    }

    /**
     * The description.
     *
     * @throws DescriptionException naming the first field that breaks a rule
     */
    public SessionDescription build() {
      for (int i = 0; i < streams.size(); i++) {
        Objects.requireNonNull(streams.get(i), "streams[" + i + "]");
      }
      return new SessionDescription(name, id, purpose, start, ports, profile, offerer,
          answerer, streams);
    }
  }
}
