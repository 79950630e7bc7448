package io.miville.description;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miville.codec.header.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code application/miville+json} body: RFC 1's "Python basic types" dict as a JSON object
 * of objects, lists, strings, numbers and booleans. See {@code docs/session-description.md} for
 * the format field by field.
 *
 * <p>Writing always puts every field, in one fixed order, so equal descriptions give equal
 * bytes. Reading is strict: duplicate keys, unknown top-level fields, missing required fields,
 * wrong types, and breaks of the RFC 1 rules are each a {@link DescriptionException} naming the
 * field; the only fields that may be left out are those with a documented default
 * ({@code name}, {@code purpose}, {@code ports}, {@code profile.settings}, {@code kind},
 * {@code peer_name}, {@code /bitrate}, {@code /service}, {@code /send/enabled},
 * {@code /receive/enabled}). Unknown OSC paths in a stream's config are kept and written back.
 */
public final class MivilleJson {
  private MivilleJson() {}

  /** {@code application/miville+json}. */
  public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_MIVILLE_JSON;

  /** The description as compact JSON in UTF-8, for a SIP body. */
  public static byte[] encode(SessionDescription description) {
    return write(description, false);
  }

  /** The description as compact JSON text. */
  public static String toJson(SessionDescription description) {
    return new String(write(description, false), StandardCharsets.UTF_8);
  }

  /** The description as indented JSON text, for people and logs. */
  public static String toPrettyJson(SessionDescription description) {
    return new String(write(description, true), StandardCharsets.UTF_8);
  }

  /**
   * Reads a description from a UTF-8 body.
   *
   * @throws DescriptionException naming the field at fault
   */
  public static SessionDescription decode(byte[] body) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new DescriptionException("$", "not UTF-8 text");
    }
    return decode(text);
  }

  /**
   * Reads a description from JSON text.
   *
   * @throws DescriptionException naming the field at fault
   */
  public static SessionDescription decode(String json) {
    return read(JsonValues.read(json, "$"));
  }

  // ---------------------------------------------------------------- writing

  private static byte[] write(SessionDescription d, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JsonValues.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      g.writeStartObject();
      g.writeStringField("name", d.name());
      g.writeStringField("id", d.id());
      g.writeStringField("purpose", d.purpose());
      g.writeStringField("start", d.start().toString());
      g.writeArrayFieldStart("ports");
      for (int p : d.ports()) {
        g.writeNumber(p);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("profile");
      g.writeStringField("name", d.profile().name());
      g.writeArrayFieldStart("settings");
      for (String s : d.profile().settings()) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("contacts");
      writeContact(g, "offerer", d.offerer());
      writeContact(g, "answerer", d.answerer());
      g.writeEndObject();
      g.writeArrayFieldStart("streams");
      for (MediaStream s : d.streams()) {
        g.writeStartObject();
        writeConfig(g, s.config());
        writeState(g, "source", s.source());
        writeState(g, "sink", s.sink());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeContact(JsonGenerator g, String field, AgentContact c)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("kind", c.kind().wireName());
    g.writeStringField("address", c.address());
    g.writeNumberField("port", c.sipPort());
    if (c.peerName().isPresent()) {
      g.writeStringField("peer_name", c.peerName().get());
    }
    g.writeEndObject();
  }

  private static void writeConfig(JsonGenerator g, StreamConfig c) throws IOException {
    g.writeObjectFieldStart("config");
    g.writeStringField(StreamConfig.SERVICE, c.service());
    g.writeStringField(StreamConfig.MEDIA, c.media());
    g.writeStringField(StreamConfig.ADDRESS, c.address());
    g.writeNumberField(StreamConfig.PORT, c.port());
    g.writeStringField(StreamConfig.FORMAT, c.format());
    if (c.bitrate().isPresent()) {
      g.writeNumberField(StreamConfig.BITRATE, c.bitrate().getAsInt());
    }
    g.writeStringField(StreamConfig.DIRECTION, c.direction().wireName());
    g.writeBooleanField(StreamConfig.SEND_ENABLED, c.sendEnabled());
    g.writeBooleanField(StreamConfig.RECEIVE_ENABLED, c.receiveEnabled());
    for (Map.Entry<String, String> e : c.extras().entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeTree(JsonValues.read(e.getValue(), e.getKey()));
    }
    g.writeEndObject();
  }

  private static void writeState(JsonGenerator g, String field, StreamState s)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("code", s.code());
    g.writeStringField("message", s.message());
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- reading

  private static SessionDescription read(JsonNode root) {
    Obj o = Obj.of(root, "$", "");
    String name = o.optString("name").orElse(SessionDescription.DEFAULT_NAME);
    String id = o.string("id");
    String purpose = o.optString("purpose").orElse("");
    Instant start = instant(o.string("start"), "start");
    List<Integer> ports = new ArrayList<>();
    o.optArray("ports").ifPresent(a -> {
      for (int i = 0; i < a.size(); i++) {
        ports.add(integer(a.get(i), "ports[" + i + "]"));
      }
    });
    Profile profile = profile(o.object("profile"));
    Obj contacts = o.object("contacts");
    AgentContact offerer = contact(contacts.object("offerer"));
    AgentContact answerer = contact(contacts.object("answerer"));
    contacts.noOthers();
    List<MediaStream> streams = new ArrayList<>();
    JsonNode list = o.array("streams");
    for (int i = 0; i < list.size(); i++) {
      streams.add(stream(Obj.of(list.get(i), "streams[" + i + "]", "streams[" + i + "]")));
    }
    o.noOthers();
    return new SessionDescription(name, id, purpose, start, ports, profile, offerer, answerer,
        streams);
  }

  private static Instant instant(String text, String field) {
    // RFC 1 wants UTC: ISO-8601 with the Z designator, nothing else
    if (!text.endsWith("Z")) {
      throw new DescriptionException(field, "must be a UTC time like 2024-05-01T12:00:00Z");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new DescriptionException(field, "must be a UTC time like 2024-05-01T12:00:00Z");
    }
  }

  private static Profile profile(Obj o) {
    String name = o.string("name");
    List<String> settings = new ArrayList<>();
    o.optArray("settings").ifPresent(a -> {
      for (int i = 0; i < a.size(); i++) {
        settings.add(text(a.get(i), o.path + ".settings[" + i + "]"));
      }
    });
    o.noOthers();
    return o.build(() -> new Profile(name, settings));
  }

  private static AgentContact contact(Obj o) {
    AgentKind kind = o.optString("kind").map(k -> AgentKind.fromWireName(k).orElseThrow(
        () -> new DescriptionException(o.path + ".kind", "must be miville or sip")))
        .orElse(AgentKind.MIVILLE);
    String address = o.string("address");
    int port = o.integer("port");
    Optional<String> peerName = o.optString("peer_name");
    o.noOthers();
    return o.build(() -> new AgentContact(kind, address, port, peerName));
  }

  private static MediaStream stream(Obj o) {
    StreamConfig config = config(o.object("config"));
    StreamState source = state(o.object("source"));
    StreamState sink = state(o.object("sink"));
    o.noOthers();
    return new MediaStream(config, source, sink);
  }

  private static StreamState state(Obj o) {
    int code = o.integer("code");
    String message = o.string("message");
    o.noOthers();
    return o.build(() -> new StreamState(code, message));
  }

  private static StreamConfig config(Obj o) {
    String service = o.optString(StreamConfig.SERVICE).orElse("milhouse");
    String media = o.string(StreamConfig.MEDIA);
    String address = o.string(StreamConfig.ADDRESS);
    int port = o.integer(StreamConfig.PORT);
    String format = o.string(StreamConfig.FORMAT);
    OptionalInt bitrate = o.has(StreamConfig.BITRATE)
        ? OptionalInt.of(o.integer(StreamConfig.BITRATE)) : OptionalInt.empty();
    String dir = o.string(StreamConfig.DIRECTION);
    StreamDirection direction = StreamDirection.fromWireName(dir).orElseThrow(
        () -> new DescriptionException(o.field(StreamConfig.DIRECTION),
            "must be offerer-to-answerer or answerer-to-offerer"));
    boolean send = o.optBoolean(StreamConfig.SEND_ENABLED).orElse(true);
    boolean receive = o.optBoolean(StreamConfig.RECEIVE_ENABLED).orElse(true);
    Map<String, String> extras = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!StreamConfig.KNOWN_KEYS.contains(e.getKey())) {
        Checks.oscPath(e.getKey(), o.path + StreamConfig.key(e.getKey()));
        extras.put(e.getKey(), JsonValues.canonical(e.getValue()));
      }
    }
    return o.build(() -> new StreamConfig(service, media, address, port, format, bitrate,
        direction, send, receive, extras));
  }

  private static int integer(JsonNode n, String field) {
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new DescriptionException(field, "must be an integer");
    }
    return n.intValue();
  }

  private static String text(JsonNode n, String field) {
    if (!n.isTextual()) {
      throw new DescriptionException(field, "must be a string");
    }
    return n.textValue();
  }

  /** A JSON object being read: typed getters that name the field, and the keys seen. */
  private static final class Obj {
    final ObjectNode node;
    final String path;
    final String prefix;
    final Set<String> seen = new HashSet<>();

    private Obj(ObjectNode node, String path, String prefix) {
      this.node = node;
      this.path = path;
      this.prefix = prefix;
    }

    static Obj of(JsonNode n, String path, String prefix) {
      if (!(n instanceof ObjectNode object)) {
        throw new DescriptionException(path, "must be an object");
      }
      return new Obj(object, path, prefix);
    }

    /** The path of a key in this object. */
    String field(String key) {
      String k = key.startsWith("/") ? StreamConfig.key(key) : key;
      if (prefix.isEmpty()) {
        return k;
      }
      return k.startsWith("[") ? prefix + k : prefix + "." + k;
    }

    boolean has(String key) {
      return node.has(key);
    }

    private JsonNode required(String key) {
      seen.add(key);
      JsonNode n = node.get(key);
      if (n == null) {
        throw new DescriptionException(field(key), "missing");
      }
      return n;
    }

    private Optional<JsonNode> optional(String key) {
      seen.add(key);
      return Optional.ofNullable(node.get(key));
    }

    String string(String key) {
      return text(required(key), field(key));
    }

    Optional<String> optString(String key) {
      return optional(key).map(n -> text(n, field(key)));
    }

    int integer(String key) {
      return MivilleJson.integer(required(key), field(key));
    }

    Optional<Boolean> optBoolean(String key) {
      return optional(key).map(n -> {
        if (!n.isBoolean()) {
          throw new DescriptionException(field(key), "must be true or false");
        }
        return n.booleanValue();
      });
    }

    Obj object(String key) {
      return Obj.of(required(key), field(key), field(key));
    }

    JsonNode array(String key) {
      JsonNode n = required(key);
      if (!n.isArray()) {
        throw new DescriptionException(field(key), "must be a list");
      }
      return n;
    }

    Optional<JsonNode> optArray(String key) {
      return optional(key).map(n -> {
        if (!n.isArray()) {
          throw new DescriptionException(field(key), "must be a list");
        }
        return n;
      });
    }

    /** Fails on the first key not read (top level and fixed objects only). */
    void noOthers() {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!seen.contains(k)) {
          throw new DescriptionException(field(k), "unknown field");
        }
      }
    }

    /** Builds a record, moving its relative field names under this object's path. */
    <T> T build(java.util.function.Supplier<T> factory) {
      try {
        return factory.get();
      } catch (DescriptionException e) {
        throw prefix.isEmpty() ? e : e.within(prefix);
      }
    }
  }
}
