package io.miville.codec.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5), immutable: the session-level lines and the media
 * descriptions, in the order RFC 8866 §5 fixes:
 *
 * <pre>
 * v=  o=  s=  [i=]  [u=]  *e=  *p=  [c=]  *b=  1*(t= *r= [z=])  *a=  *(m= [i=] *c= *b= *a=)
 * </pre>
 *
 * <p>Read one with {@link #parse(String)} or {@link #parse(byte[])} ({@link SdpParser}), write
 * it with {@link #toString()} or {@link #encode()} ({@link SdpWriter}), or build one with
 * {@link #builder()}. The obsolete {@code k=} line (RFC 8866 §5.12) is accepted where the
 * grammar puts it and dropped, as RFC 8866 asks; it is never written.
 *
 * <p>Every media description has a connection address: its own {@code c=} lines or the session
 * {@code c=} line (RFC 8866 §5.7); a description without is refused.
 *
 * @param version protocol version, {@code v=}; RFC 8866 defines 0 only
 * @param origin {@code o=}
 * @param sessionName {@code s=}; RFC 8866 wants at least one character ({@code "-"} or
 *     {@code " "} for none) but an empty name is accepted as read, see {@link SdpParser}
 * @param information {@code i=}
 * @param uri {@code u=}
 * @param emails the {@code e=} lines
 * @param phones the {@code p=} lines
 * @param connection the session-level {@code c=} line
 * @param bandwidths the session-level {@code b=} lines
 * @param times one or more time descriptions ({@code t=}, {@code r=}, {@code z=})
 * @param attributes the session-level {@code a=} lines
 * @param media the media descriptions
 */
public record Sdp(
    int version, Origin origin, String sessionName, Optional<String> information,
    Optional<String> uri, List<String> emails, List<String> phones,
    Optional<Connection> connection, List<Bandwidth> bandwidths, List<TimeDescription> times,
    List<Attribute> attributes, List<MediaDescription> media) {

  public Sdp {
    if (version != 0) {
      throw new IllegalArgumentException("unsupported SDP version");
    }
    Objects.requireNonNull(origin, "origin");
    if (sessionName == null || !SdpSyntax.isText(sessionName)) {
      throw new IllegalArgumentException("bad s= line");
    }
    Objects.requireNonNull(information, "information");
    information.ifPresent(i -> SdpSyntax.requireByteString(i, "bad i= line"));
    Objects.requireNonNull(uri, "uri");
    uri.ifPresent(u -> SdpSyntax.requireNonWs(u, "bad u= line"));
    emails = List.copyOf(emails);
    emails.forEach(e -> SdpSyntax.requireByteString(e, "bad e= line"));
    phones = List.copyOf(phones);
    phones.forEach(p -> SdpSyntax.requireByteString(p, "bad p= line"));
    Objects.requireNonNull(connection, "connection");
    bandwidths = List.copyOf(bandwidths);
    times = List.copyOf(times);
    if (times.isEmpty()) {
      throw new IllegalArgumentException("missing t= line");
    }
    attributes = List.copyOf(attributes);
    media = List.copyOf(media);
    if (connection.isEmpty()) {
      for (MediaDescription m : media) {
        if (m.connections().isEmpty()) {
          throw new IllegalArgumentException("media without a c= line");
        }
      }
    }
  }

  /**
   * Parses a description, lines ending in CRLF or LF.
   *
   * @throws SdpParseException with the line number if malformed
   */
  public static Sdp parse(String text) {
    return SdpParser.parse(text);
  }

  /**
   * Parses a description from UTF-8 bytes (a SIP body).
   *
   * @throws SdpParseException with the line number if malformed
   */
  public static Sdp parse(byte[] body) {
    return SdpParser.parse(body);
  }

  /** A builder: version 0, session name {@code -}, and {@code t=0 0} unless times are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this description's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.origin = origin;
    b.sessionName = sessionName;
    b.information = information;
    b.uri = uri;
    b.emails.addAll(emails);
    b.phones.addAll(phones);
    b.connection = connection;
    b.bandwidths.addAll(bandwidths);
    b.times.addAll(times);
    b.attributes.addAll(attributes);
    b.media.addAll(media);
    return b;
  }

  /** The first session-level attribute with this name. */
  public Optional<Attribute> attribute(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** All session-level attributes with this name, in order. */
  public List<Attribute> attributes(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).toList();
  }

  /** The first value of a session-level attribute with this name. */
  public Optional<String> attributeValue(String name) {
    return attribute(name).flatMap(Attribute::value);
  }

  /** The session-level direction attribute, if any. */
  public Optional<Direction> direction() {
    return Direction.find(attributes);
  }

  /**
   * The direction in force for a media description: its own attribute, else the session's,
   * else {@code sendrecv} (RFC 8866 §6.7, RFC 3264 §5.1).
   */
  public Direction direction(MediaDescription m) {
    return m.direction().or(this::direction).orElse(Direction.DEFAULT);
  }

  /** The connection in force for a media description: its first {@code c=}, else the session's. */
  public Connection connection(MediaDescription m) {
    if (!m.connections().isEmpty()) {
      return m.connections().get(0);
    }
    return connection.orElseThrow();
  }

  /** The description as text, lines ending in CRLF (RFC 8866 §5). */
  @Override
  public String toString() {
    return SdpWriter.write(this);
  }

  /** The description as UTF-8 bytes, for a SIP body. */
  public byte[] encode() {
    return toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Builds an {@link Sdp}. */
  public static final class Builder {
    private Origin origin;
    private String sessionName = "-";
    private Optional<String> information = Optional.empty();
    private Optional<String> uri = Optional.empty();
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private Optional<Connection> connection = Optional.empty();
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<TimeDescription> times = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();

    private Builder() {}

    /** Sets {@code o=} (required). */
    public Builder origin(Origin origin) {
      this.origin = Objects.requireNonNull(origin);
      return this;
    }

    /** Sets {@code s=}. */
    public Builder sessionName(String name) {
      this.sessionName = Objects.requireNonNull(name);
      return this;
    }

    /** Sets {@code i=}. */
    public Builder information(String text) {
      this.information = Optional.of(text);
      return this;
    }

    /** Sets {@code u=}. */
    public Builder uri(String uri) {
      this.uri = Optional.of(uri);
      return this;
    }

    /** Adds an {@code e=} line. */
    public Builder email(String email) {
      emails.add(Objects.requireNonNull(email));
      return this;
    }

    /** Adds a {@code p=} line. */
    public Builder phone(String phone) {
      phones.add(Objects.requireNonNull(phone));
      return this;
    }

    /** Sets the session-level {@code c=} line. */
    public Builder connection(Connection connection) {
      this.connection = Optional.of(connection);
      return this;
    }

    /** Adds a session-level {@code b=} line. */
    public Builder bandwidth(Bandwidth bandwidth) {
      bandwidths.add(Objects.requireNonNull(bandwidth));
      return this;
    }

    /** Adds a time description. */
    public Builder time(TimeDescription time) {
      times.add(Objects.requireNonNull(time));
      return this;
    }

    /** Adds a session-level {@code a=} line. */
    public Builder attribute(Attribute attribute) {
      attributes.add(Objects.requireNonNull(attribute));
      return this;
    }

    /** Removes every session-level attribute with this name. */
    public Builder removeAttributes(String name) {
      attributes.removeIf(a -> a.name().equals(name));
      return this;
    }

    /** Adds a media description. */
    public Builder media(MediaDescription m) {
      media.add(Objects.requireNonNull(m));
      return this;
    }

    /** Replaces the media descriptions. */
    public Builder media(List<MediaDescription> list) {
      media.clear();
      media.addAll(list);
      return this;
    }

    /**
     * The description.
     *
     * @throws IllegalArgumentException if {@code o=} is missing or a media description has no
     *     connection address
     */
    public Sdp build() {
      if (origin == null) {
        throw new IllegalArgumentException("missing o= line");
      }
      List<TimeDescription> t = times.isEmpty() ? List.of(TimeDescription.UNBOUNDED) : times;
      return new Sdp(0, origin, sessionName, information, uri, emails, phones, connection,
          bandwidths, t, attributes, media);
    }
  }
}
