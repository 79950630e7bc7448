package io.miville.codec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A media description (RFC 8866 §5.14): an {@code m=} line and the {@code i=}, {@code c=},
 * {@code b=} and {@code a=} lines under it.
 *
 * <p>{@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}. Media types and protocols
 * are open: anything well-formed round-trips. For RTP protocols ({@code RTP/AVP},
 * {@code RTP/SAVP}, ... — any proto starting with {@code RTP/}) the formats are payload type
 * numbers 0..127 (RFC 8866 §5.14). Port 0 marks a stream refused or disabled in offer/answer
 * (RFC 3264 §6, §8.2).
 *
 * @param media the media type, a token ({@code audio}, {@code video}, {@code application}, ...)
 * @param port the transport port, 0..65535
 * @param portCount the number of ports for layered encodings, if written
 * @param proto the transport protocol, {@code token *("/" token)}
 * @param formats one or more media formats
 * @param information the {@code i=} line, the media title
 * @param connections the {@code c=} lines (zero or more; RFC 8866 §5.7)
 * @param bandwidths the {@code b=} lines
 * @param attributes the {@code a=} lines, in order
 */
public record MediaDescription(
    String media, int port, OptionalInt portCount, String proto, List<String> formats,
    Optional<String> information, List<Connection> connections, List<Bandwidth> bandwidths,
    List<Attribute> attributes) {

  /** The RTP audio/video profile (RFC 3551). */
  public static final String RTP_AVP = "RTP/AVP";

  public MediaDescription {
    SdpSyntax.requireToken(media, "bad media type");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    Objects.requireNonNull(portCount, "portCount");
    if (portCount.isPresent() && portCount.getAsInt() < 1) {
      throw new IllegalArgumentException("bad number of ports");
    }
    checkProto(proto);
    formats = List.copyOf(formats);
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("m= needs a format");
    }
    boolean rtp = proto.startsWith("RTP/");
    for (String f : formats) {
      SdpSyntax.requireToken(f, "bad media format");
      if (rtp) {
        RtpMap.parsePayloadType(f);
      }
    }
    Objects.requireNonNull(information, "information");
    information.ifPresent(i -> SdpSyntax.requireByteString(i, "bad i= line"));
    connections = List.copyOf(connections);
    bandwidths = List.copyOf(bandwidths);
    attributes = List.copyOf(attributes);
  }

  private static void checkProto(String proto) {
    if (proto == null) {
      throw new IllegalArgumentException("bad media protocol");
    }
    for (String part : proto.split("/", -1)) {
      SdpSyntax.requireToken(part, "bad media protocol");
    }
  }

  /** A builder for {@code m=<media> <port> <proto> ...}; add at least one format. */
  public static Builder builder(String media, int port, String proto) {
    return new Builder(media, port, proto);
  }

  /** A builder holding this description's values. */
  public Builder toBuilder() {
    Builder b = new Builder(media, port, proto);
    b.portCount = portCount;
    b.formats.addAll(formats);
    b.information = information;
    b.connections.addAll(connections);
    b.bandwidths.addAll(bandwidths);
    b.attributes.addAll(attributes);
    return b;
  }

  /** True if the port is 0: a refused or disabled stream (RFC 3264 §6). */
  public boolean isRejected() {
    return port == 0;
  }

  /** True if the protocol is RTP based, so that the formats are payload types. */
  public boolean isRtp() {
    return proto.startsWith("RTP/");
  }

  /** The first attribute with this name. */
  public Optional<Attribute> attribute(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** All attributes with this name, in order. */
  public List<Attribute> attributes(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).toList();
  }

  /** The first value of an attribute with this name (property attributes have none). */
  public Optional<String> attributeValue(String name) {
    return attribute(name).flatMap(Attribute::value);
  }

  /**
   * The well-formed {@code a=rtpmap} attributes, in order. A malformed one is skipped, as an
   * attribute the reader does not understand (RFC 8866 §5.13).
   */
  public List<RtpMap> rtpMaps() {
    List<RtpMap> maps = new ArrayList<>();
    for (Attribute a : attributes(RtpMap.NAME)) {
      a.value().flatMap(RtpMap::tryParse).ifPresent(maps::add);
    }
    return List.copyOf(maps);
  }

  /**
   * What a payload type stands for: its well-formed {@code a=rtpmap}, else its static meaning
   * (RFC 3551 §6), else empty.
   */
  public Optional<RtpMap> rtpMap(int payloadType) {
    for (RtpMap m : rtpMaps()) {
      if (m.payloadType() == payloadType) {
        return Optional.of(m);
      }
    }
    return RtpMap.forStaticPayloadType(payloadType);
  }

  /** The well-formed {@code a=fmtp} for a format, if any. */
  public Optional<Fmtp> fmtp(String format) {
    for (Attribute a : attributes(Fmtp.NAME)) {
      Optional<Fmtp> f = a.value().flatMap(Fmtp::tryParse);
      if (f.isPresent() && f.get().format().equals(format)) {
        return f;
      }
    }
    return Optional.empty();
  }

  /** The media-level direction attribute, if any (see {@link Sdp#direction(MediaDescription)}). */
  public Optional<Direction> direction() {
    return Direction.find(attributes);
  }

  /** The well-formed {@code a=rtcp} attribute (RFC 3605), if any. */
  public Optional<Rtcp> rtcp() {
    return attributeValue(Rtcp.NAME).flatMap(Rtcp::tryParse);
  }

  /** The well-formed {@code a=ptime} attribute, if any. */
  public Optional<Ptime> ptime() {
    return attributeValue(Ptime.NAME).flatMap(Ptime::tryParse);
  }

  /** The value of the first {@code b=} line of this type. */
  public Optional<Long> bandwidth(String type) {
    return bandwidths.stream().filter(b -> b.type().equals(type)).map(Bandwidth::value)
        .findFirst();
  }

  /** The same description on another port. */
  public MediaDescription withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  /** Builds a {@link MediaDescription}. */
  public static final class Builder {
    private final String media;
    private int port;
    private final String proto;
    private OptionalInt portCount = OptionalInt.empty();
    private final List<String> formats = new ArrayList<>();
    private Optional<String> information = Optional.empty();
    private final List<Connection> connections = new ArrayList<>();
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();

    private Builder(String media, int port, String proto) {
      this.media = media;
      this.port = port;
      this.proto = proto;
    }

    /** Sets the port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets the number of ports ({@code m=video 49170/2 ...}). */
    public Builder portCount(int count) {
      this.portCount = OptionalInt.of(count);
      return this;
    }

    /** Adds a format. */
    public Builder format(String format) {
      formats.add(format);
      return this;
    }

    /** Adds formats. */
    public Builder formats(List<String> list) {
      formats.addAll(list);
      return this;
    }

    /** Adds the payload type to the formats (if not there yet) and its {@code a=rtpmap}. */
    public Builder rtpMap(RtpMap map) {
      String pt = Integer.toString(map.payloadType());
      if (!formats.contains(pt)) {
        formats.add(pt);
      }
      attributes.add(map.toAttribute());
      return this;
    }

    /** Sets the {@code i=} line. */
    public Builder information(String text) {
      this.information = Optional.of(text);
      return this;
    }

    /** Adds a {@code c=} line. */
    public Builder connection(Connection connection) {
      connections.add(Objects.requireNonNull(connection));
      return this;
    }

    /** Adds a {@code b=} line. */
    public Builder bandwidth(Bandwidth bandwidth) {
      bandwidths.add(Objects.requireNonNull(bandwidth));
      return this;
    }

    /** Adds an {@code a=} line. */
    public Builder attribute(Attribute attribute) {
      attributes.add(Objects.requireNonNull(attribute));
      return this;
    }

    /** Removes every direction attribute and adds this one. */
    public Builder direction(Direction direction) {
      attributes.removeIf(a -> Direction.fromAttribute(a).isPresent());
      attributes.add(direction.toAttribute());
      return this;
    }

    /** Removes every attribute with this name. */
    public Builder removeAttributes(String name) {
      attributes.removeIf(a -> a.name().equals(name));
      return this;
    }

    /** The description. */
    public MediaDescription build() {
      return new MediaDescription(media, port, portCount, proto, formats, information,
          connections, bandwidths, attributes);
    }
  }
}
