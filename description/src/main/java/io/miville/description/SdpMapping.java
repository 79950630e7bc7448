package io.miville.description;

import io.miville.codec.sdp.Attribute;
import io.miville.codec.sdp.Bandwidth;
import io.miville.codec.sdp.Connection;
import io.miville.codec.sdp.Direction;
import io.miville.codec.sdp.MediaDescription;
import io.miville.codec.sdp.Origin;
import io.miville.codec.sdp.Sdp;
import io.miville.codec.sdp.SdpTime;
import io.miville.codec.sdp.TimeDescription;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Maps a {@link SessionDescription} to {@code application/sdp} and back, so that plain SIP user
 * agents can take part (RFC 8866, offer/answer RFC 3264). The table of the mapping is in
 * {@code docs/session-description.md}.
 *
 * <p>{@link #toSdp} writes one {@code m=} line per stream, in order: the stream's media, its
 * RTP port, {@code RTP/AVP}, an {@code a=rtpmap} for its format, a media-level {@code c=} with
 * its address, {@code b=AS} for its bitrate, and a direction attribute as seen by the writer.
 * What SDP has no place for (id, start time, port list, profile, contacts, service, exact
 * format, enable flags, states, extra OSC settings) goes into {@code a=x-miville-...}
 * attributes, which plain agents ignore (RFC 8866 §5.13) and which make Miville to SDP to
 * Miville exact.
 *
 * <p>{@link #fromSdp} reads a description with those attributes exactly, and a plain SDP with
 * the defaults of a {@link PlainSdpContext}.
 */
public final class SdpMapping {
  private SdpMapping() {}

  /** Prefix of every Miville attribute. */
  public static final String PREFIX = "x-miville-";
  /** Session: the session id. Its presence marks a Miville SDP. */
  public static final String ID = PREFIX + "id";
  /** Session: the start time, ISO-8601 UTC. */
  public static final String START = PREFIX + "start";
  /** Session: the port bases, separated by spaces (absent when there are none). */
  public static final String PORTS = PREFIX + "ports";
  /** Session: the profile name. */
  public static final String PROFILE = PREFIX + "profile";
  /** Session: one profile setting name, in order. */
  public static final String SETTING = PREFIX + "setting";
  /** Session: {@code <role> <kind> <address> <sip port>[ <peer name>]}, once per agent. */
  public static final String CONTACT = PREFIX + "contact";
  /** Media: {@code <direction> send=on|off receive=on|off}. */
  public static final String STREAM = PREFIX + "stream";
  /** Media: the service name. */
  public static final String SERVICE = PREFIX + "service";
  /** Media: the Miville format. */
  public static final String FORMAT = PREFIX + "format";
  /** Media: the source state, {@code <code>[ <message>]}. */
  public static final String SOURCE = PREFIX + "source";
  /** Media: the sink state, {@code <code>[ <message>]}. */
  public static final String SINK = PREFIX + "sink";
  /** Media: one extra OSC setting, {@code <path> <JSON value>}. */
  public static final String OSC = PREFIX + "osc";

  /** {@link #toSdp(SessionDescription, Role, long)} with origin version 0. */
  public static Sdp toSdp(SessionDescription description, Role writer) {
    return toSdp(description, writer, 0);
  }

  /**
   * The SDP that {@code writer} sends for this description.
   *
   * @param description the description
   * @param writer the agent writing it: directions and the {@code o=} address are its own
   * @param originVersion the {@code o=} session version; RFC 3264 §8 wants it one higher in
   *     each changed description of a session, which the session layer keeps track of
   */
  public static Sdp toSdp(SessionDescription description, Role writer, long originVersion) {
    SessionDescription d = description;
    Sdp.Builder b = Sdp.builder()
        .origin(new Origin("-", sessionIdFor(d.id()), Long.toUnsignedString(originVersion),
            Connection.IN, Connection.IP4, d.contact(writer).address()))
        .sessionName(d.name())
        .time(TimeDescription.UNBOUNDED);
    if (!d.purpose().isEmpty()) {
      b.information(d.purpose());
    }
    b.attribute(Attribute.of(ID, d.id()));
    b.attribute(Attribute.of(START, d.start().toString()));
    if (!d.ports().isEmpty()) {
      b.attribute(Attribute.of(PORTS, String.join(" ",
          d.ports().stream().map(String::valueOf).toList())));
    }
    b.attribute(Attribute.of(PROFILE, d.profile().name()));
    d.profile().settings().forEach(s -> b.attribute(Attribute.of(SETTING, s)));
    for (Role role : Role.values()) {
      AgentContact c = d.contact(role);
      b.attribute(Attribute.of(CONTACT, role.wireName() + " " + c.kind().wireName() + " "
          + c.address() + " " + c.sipPort() + c.peerName().map(n -> " " + n).orElse("")));
    }
    for (MediaStream s : d.streams()) {
      b.media(media(s, writer));
    }
    return b.build();
  }

  private static MediaDescription media(MediaStream s, Role writer) {
    StreamConfig c = s.config();
    MediaDescription.Builder m = MediaDescription.builder(c.media(), c.port(),
        MediaDescription.RTP_AVP);
    m.connection(Connection.ip4(c.address()));
    c.bitrate().ifPresent(kbps -> m.bandwidth(Bandwidth.of(Bandwidth.AS, kbps)));
    m.rtpMap(RtpFormats.rtpMapFor(c.media(), c.format()));
    m.direction(sdpDirection(c, writer));
    m.attribute(Attribute.of(STREAM, c.direction().wireName()
        + " send=" + onOff(c.sendEnabled()) + " receive=" + onOff(c.receiveEnabled())));
    m.attribute(Attribute.of(SERVICE, c.service()));
    m.attribute(Attribute.of(FORMAT, c.format()));
    m.attribute(Attribute.of(SOURCE, stateValue(s.source())));
    m.attribute(Attribute.of(SINK, stateValue(s.sink())));
    c.extras().forEach((path, json) -> m.attribute(Attribute.of(OSC, path + " " + json)));
    return m.build();
  }

  /**
   * The SDP direction of a stream as its writer sees it: the source writes {@code sendonly}
   * when its end is enabled, the sink {@code recvonly}; a disabled end writes {@code inactive}.
   */
  static Direction sdpDirection(StreamConfig c, Role writer) {
    if (c.direction().source() == writer) {
      return c.sendEnabled() ? Direction.SENDONLY : Direction.INACTIVE;
    }
    return c.receiveEnabled() ? Direction.RECVONLY : Direction.INACTIVE;
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  private static String stateValue(StreamState s) {
    return s.message().isEmpty() ? Integer.toString(s.code()) : s.code() + " " + s.message();
  }

  /**
   * The {@code o=} session id for a Miville id: the id itself if it is all digits, else a
   * number derived from it (64-bit FNV-1a of its UTF-8 bytes), so that one session keeps one
   * origin (RFC 3264 §8).
   */
  static String sessionIdFor(String id) {
    if (id.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return id;
    }
    long h = 0xcbf29ce484222325L;
    for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    return Long.toUnsignedString(h);
  }

  /** True if the SDP carries Miville attributes ({@code a=x-miville-id}). */
  public static boolean isMiville(Sdp sdp) {
    return sdp.attribute(ID).isPresent();
  }

  /**
   * Reads a description from SDP: exactly from the Miville attributes if it has them, else from
   * a plain SDP with the defaults of {@code context}.
   *
   * @param sdp the SDP
   * @param writer the role of the agent that wrote it (the offerer for an offer)
   * @param context what a plain SDP does not carry; not used for a Miville SDP
   * @throws DescriptionException naming the SDP line or attribute at fault
   */
  public static SessionDescription fromSdp(Sdp sdp, Role writer, PlainSdpContext context) {
    return isMiville(sdp) ? fromMiville(sdp) : fromPlain(sdp, writer, context);
  }

  // ---------------------------------------------------------------- Miville SDP

  private static SessionDescription fromMiville(Sdp sdp) {
    String id = required(sdp.attributeValue(ID), "sdp.a=" + ID);
    Instant start = instant(required(sdp.attributeValue(START), "sdp.a=" + START),
        "sdp.a=" + START);
    List<Integer> ports = new ArrayList<>();
    sdp.attributeValue(PORTS).ifPresent(v -> {
      for (String p : v.split(" ", -1)) {
        ports.add(number(p, "sdp.a=" + PORTS));
      }
    });
    String profileName = required(sdp.attributeValue(PROFILE), "sdp.a=" + PROFILE);
    List<String> settings = new ArrayList<>();
    for (Attribute a : sdp.attributes(SETTING)) {
      settings.add(required(a.value(), "sdp.a=" + SETTING));
    }
    Profile profile = build("sdp.a=" + PROFILE, () -> new Profile(profileName, settings));
    Map<Role, AgentContact> contacts = contacts(sdp);
    List<MediaStream> streams = new ArrayList<>();
    for (int i = 0; i < sdp.media().size(); i++) {
      streams.add(mivilleStream(sdp, sdp.media().get(i), "sdp.m[" + i + "]"));
    }
    return new SessionDescription(sdp.sessionName().isEmpty()
        ? SessionDescription.DEFAULT_NAME : sdp.sessionName(), id,
        sdp.information().orElse(""), start, ports, profile, contacts.get(Role.OFFERER),
        contacts.get(Role.ANSWERER), streams);
  }

  private static Map<Role, AgentContact> contacts(Sdp sdp) {
    String field = "sdp.a=" + CONTACT;
    Map<Role, AgentContact> contacts = new EnumMap<>(Role.class);
    for (Attribute a : sdp.attributes(CONTACT)) {
      String[] f = required(a.value(), field).split(" ", 5);
      if (f.length < 4) {
        throw new DescriptionException(field, "needs role, kind, address and port");
      }
      Role role = Role.fromWireName(f[0]).orElseThrow(
          () -> new DescriptionException(field, "role must be offerer or answerer"));
      AgentKind kind = AgentKind.fromWireName(f[1]).orElseThrow(
          () -> new DescriptionException(field, "kind must be miville or sip"));
      int port = number(f[3], field);
      Optional<String> peerName = f.length == 5 ? Optional.of(f[4]) : Optional.empty();
      AgentContact c = build(field, () -> new AgentContact(kind, f[2], port, peerName));
      if (contacts.put(role, c) != null) {
        throw new DescriptionException(field, "two contacts for one role");
      }
    }
    for (Role r : Role.values()) {
      if (!contacts.containsKey(r)) {
        throw new DescriptionException(field, "missing the " + r.wireName());
      }
    }
    return contacts;
  }

  private static MediaStream mivilleStream(Sdp sdp, MediaDescription m, String field) {
    String[] flow = required(m.attributeValue(STREAM), field + ".a=" + STREAM).split(" ", -1);
    if (flow.length != 3 || !flow[1].startsWith("send=") || !flow[2].startsWith("receive=")) {
      throw new DescriptionException(field + ".a=" + STREAM,
          "must be <direction> send=on|off receive=on|off");
    }
    StreamDirection direction = StreamDirection.fromWireName(flow[0]).orElseThrow(
        () -> new DescriptionException(field + ".a=" + STREAM,
            "direction must be offerer-to-answerer or answerer-to-offerer"));
    boolean send = onOff(flow[1].substring(5), field + ".a=" + STREAM);
    boolean receive = onOff(flow[2].substring(8), field + ".a=" + STREAM);
    Map<String, String> extras = new TreeMap<>();
    for (Attribute a : m.attributes(OSC)) {
      String v = required(a.value(), field + ".a=" + OSC);
      int sp = v.indexOf(' ');
      if (sp < 0) {
        throw new DescriptionException(field + ".a=" + OSC, "must be <path> <JSON value>");
      }
      extras.put(v.substring(0, sp), v.substring(sp + 1));
    }
    String address = ipv4Connection(sdp, m, field);
    String service = required(m.attributeValue(SERVICE), field + ".a=" + SERVICE);
    String format = required(m.attributeValue(FORMAT), field + ".a=" + FORMAT);
    OptionalInt bitrate = bitrate(m, field);
    StreamConfig config = build(field, () -> new StreamConfig(service, m.media(), address,
        m.port(), format, bitrate, direction, send, receive, extras));
    StreamState source = state(m.attributeValue(SOURCE), field + ".a=" + SOURCE);
    StreamState sink = state(m.attributeValue(SINK), field + ".a=" + SINK);
    return new MediaStream(config, source, sink);
  }

  private static StreamState state(Optional<String> value, String field) {
    String v = required(value, field);
    int sp = v.indexOf(' ');
    int code = number(sp < 0 ? v : v.substring(0, sp), field);
    String message = sp < 0 ? "" : v.substring(sp + 1);
    return build(field, () -> new StreamState(code, message));
  }

  private static boolean onOff(String v, String field) {
    return switch (v) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new DescriptionException(field, "flag must be on or off");
    };
  }

  // ---------------------------------------------------------------- plain SDP

  private static SessionDescription fromPlain(Sdp sdp, Role writer, PlainSdpContext ctx) {
    Role reader = writer.peer();
    AgentContact peer = new AgentContact(AgentKind.SIP, peerAddress(sdp), ctx.peerSipPort(),
        Optional.empty());
    long t = sdp.times().get(0).start();
    Instant start = t == 0 ? ctx.now() : SdpTime.toInstant(t);
    List<Integer> freeBases = new ArrayList<>(ctx.localPortBases());
    List<MediaStream> streams = new ArrayList<>();
    for (int i = 0; i < sdp.media().size(); i++) {
      MediaDescription m = sdp.media().get(i);
      String field = "sdp.m[" + i + "]";
      Direction dir = sdp.direction(m);
      StreamConfig.Builder c;
      if (dir == Direction.SENDONLY && !m.isRejected()) {
        // the peer sends: the sink is the reader, on a port base of its own
        if (freeBases.isEmpty()) {
          throw new DescriptionException(field, "no free local port base for a stream the peer"
              + " sends");
        }
        c = StreamConfig.builder(StreamDirection.from(writer), m.media(), plainFormat(m),
            ctx.local().address(), freeBases.remove(0));
      } else {
        // the m= address and port are where the peer receives: the sink is the peer
        c = StreamConfig.builder(StreamDirection.from(reader), m.media(), plainFormat(m),
            ipv4Connection(sdp, m, field), m.port())
            .receiveEnabled(!m.isRejected() && dir != Direction.INACTIVE);
      }
      c.service(ctx.service());
      bitrate(m, field).ifPresent(c::bitrate);
      StreamConfig config = build(field, c::build);
      streams.add(MediaStream.of(config));
    }
    String name = sdp.sessionName().strip();
    return new SessionDescription(
        name.isEmpty() || name.equals("-") || !isText(name)
            ? SessionDescription.DEFAULT_NAME : sdp.sessionName(),
        sdp.origin().sessionId(),
        sdp.information().filter(SdpMapping::isText).orElse(""),
        start, List.of(), Profile.of(ctx.profileName()),
        writer == Role.OFFERER ? peer : ctx.local(),
        writer == Role.OFFERER ? ctx.local() : peer,
        streams);
  }

  /** The format of a plain m= line: its first format, named by its rtpmap or static type. */
  private static String plainFormat(MediaDescription m) {
    String first = m.formats().get(0);
    if (!m.isRtp()) {
      return first;
    }
    return m.rtpMap(Integer.parseInt(first)).map(RtpFormats::formatFor).orElse(first);
  }

  private static String peerAddress(Sdp sdp) {
    Origin o = sdp.origin();
    if (Connection.IN.equals(o.networkType()) && Connection.IP4.equals(o.addressType())
        && isUnicastIpv4(o.address())) {
      return o.address();
    }
    List<Connection> candidates = new ArrayList<>();
    sdp.connection().ifPresent(candidates::add);
    sdp.media().forEach(m -> candidates.addAll(m.connections()));
    for (Connection c : candidates) {
      if (Connection.IN.equals(c.networkType()) && Connection.IP4.equals(c.addressType())
          && isUnicastIpv4(c.address())) {
        return c.address();
      }
    }
    throw new DescriptionException("sdp.o", "no IPv4 address for the peer");
  }

  private static boolean isUnicastIpv4(String s) {
    try {
      Checks.ipv4(s, "address");
      return true;
    } catch (DescriptionException e) {
      return false;
    }
  }

  private static boolean isText(String s) {
    try {
      Checks.text(s, "text");
      return true;
    } catch (DescriptionException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- shared

  private static String ipv4Connection(Sdp sdp, MediaDescription m, String field) {
    Connection c = sdp.connection(m);
    if (!Connection.IN.equals(c.networkType()) || !Connection.IP4.equals(c.addressType())
        || !isUnicastIpv4(c.address())) {
      throw new DescriptionException(field + ".c",
          "stream addresses must be unicast IPv4 addresses (RFC 1)");
    }
    return c.address();
  }

  private static OptionalInt bitrate(MediaDescription m, String field) {
    Optional<Long> as = m.bandwidth(Bandwidth.AS);
    if (as.isEmpty() || as.get() == 0) {
      return OptionalInt.empty();
    }
    if (as.get() > Integer.MAX_VALUE) {
      throw new DescriptionException(field + ".b=AS", "bitrate too large");
    }
    return OptionalInt.of(as.get().intValue());
  }

  private static String required(Optional<String> value, String field) {
    return value.orElseThrow(() -> new DescriptionException(field, "missing"));
  }

  private static int number(String text, String field) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new DescriptionException(field, "must be a number");
    }
    return Integer.parseInt(text);
  }

  private static Instant instant(String text, String field) {
    try {
      if (text.endsWith("Z")) {
        return Instant.parse(text);
      }
    } catch (DateTimeParseException e) {
      // fall through
    }
    throw new DescriptionException(field, "must be a UTC time like 2024-05-01T12:00:00Z");
  }

  private static <T> T build(String field, java.util.function.Supplier<T> factory) {
    try {
      return factory.get();
    } catch (DescriptionException e) {
      throw e.within(field);
    }
  }
}
