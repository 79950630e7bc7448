package io.miville.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miville.agent.Contact;
import io.miville.agent.Profile;
import io.miville.agent.api.AgentEvent;
import io.miville.agent.api.AgentException;
import io.miville.agent.api.AgentInfo;
import io.miville.agent.api.SessionView;
import io.miville.agent.api.StreamView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of the control API: explicit mappings between the contract's values and JSON,
 * written by hand so that the format documented in {@code docs/control-api.md} does not change
 * when a record gains a component, and so that absent values are left out rather than sent as
 * {@code null}.
 */
final class ControlJson {
  private ControlJson() {}

  /** Strict reading: duplicate keys and text after the value are malformed, not silently taken. */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }

  static ObjectNode error(String message) {
    return object().put("error", message);
  }

  static ObjectNode info(AgentInfo info) {
    return object().put("name", info.name()).put("sipAddress", info.sipAddress()).put("autoAnswer", info.autoAnswer());
  }

  static ObjectNode contact(Contact c) {
    ObjectNode n = object()
        .put("name", c.name())
        .put("address", c.address().toString())
        .put("autoAnswer", c.autoAnswer());
    c.defaultProfile().ifPresent(p -> n.put("defaultProfile", p));
    return n.put("auto", c.auto());
  }

  static ObjectNode contacts(List<Contact> contacts) {
    ObjectNode root = object();
    ArrayNode list = root.putArray("contacts");
    contacts.forEach(c -> list.add(contact(c)));
    return root;
  }

  static ObjectNode profile(Profile p) {
    ObjectNode n = object().put("name", p.name()).put("builtIn", p.builtIn());
    ObjectNode settings = n.putObject("settings");
    p.settings().forEach(settings::put);
    return n;
  }

  static ObjectNode profiles(List<Profile> profiles) {
    ObjectNode root = object();
    ArrayNode list = root.putArray("profiles");
    profiles.forEach(p -> list.add(profile(p)));
    return root;
  }

  static ObjectNode session(SessionView s) {
    ObjectNode n = object()
        .put("id", s.id())
        .put("peer", s.peer())
        .put("role", s.role())
        .put("state", s.state())
        .put("profile", s.profile())
        .put("started", s.started().toString());
    ArrayNode streams = n.putArray("streams");
    s.streams().forEach(st -> streams.add(stream(st)));
    s.ending().ifPresent(e -> n.put("ending", e));
    return n;
  }

  static ObjectNode sessions(List<SessionView> sessions) {
    ObjectNode root = object();
    ArrayNode list = root.putArray("sessions");
    sessions.forEach(s -> list.add(session(s)));
    return root;
  }

  static ObjectNode stream(StreamView s) {
    return object()
        .put("name", s.name())
        .put("media", s.media())
        .put("end", s.end())
        .put("format", s.format())
        .put("localPort", s.localPort())
        .put("remote", s.remote())
        .put("stateCode", s.stateCode())
        .put("stateMessage", s.stateMessage())
        .put("peerStateCode", s.peerStateCode())
        .put("peerStateMessage", s.peerStateMessage())
        .put("packets", s.packets())
        .put("lost", s.lost())
        .put("jitterMs", s.jitterMs());
  }

  /** An event's data: its type and session first, then its own fields. */
  static ObjectNode event(AgentEvent event) {
    ObjectNode n = object().put("type", event.type()).put("sessionId", event.sessionId());
    switch (event) {
      case AgentEvent.Incoming e -> n.put("from", e.from()).put("profile", e.profile()).put("autoAnswered", e.autoAnswered());
      case AgentEvent.SessionChanged e -> n.put("state", e.state());
      case AgentEvent.StreamChanged e -> n.put("stream", e.stream()).put("end", e.end()).put("local", e.local())
          .put("code", e.code()).put("message", e.message());
      case AgentEvent.Ended e -> n.put("reason", e.reason());
    }
    return n;
  }

  // ---- reading request bodies: each accessor names the field in its 400 ----

  /** A required string field. */
  static String text(JsonNode body, String field) {
    return optionalText(body, field).orElseThrow(() -> AgentException.badRequest("'" + field + "' is required"));
  }

  /** An optional string field; JSON {@code null} counts as absent. */
  static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw AgentException.badRequest("'" + field + "' must be a string");
    }
    return Optional.of(v.textValue());
  }

  static boolean bool(JsonNode body, String field, boolean absent) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw AgentException.badRequest("'" + field + "' must be true or false");
    }
    return v.booleanValue();
  }

  static int integer(JsonNode body, String field, int absent) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw AgentException.badRequest("'" + field + "' must be an integer");
    }
    return v.intValue();
  }

  /**
   * An object of OSC path to value; values may be strings, numbers or booleans (kept as their
   * text, as profiles store them), in the order given.
   */
  static Map<String, String> settings(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw AgentException.badRequest("'" + field + "' is required");
    }
    if (!v.isObject()) {
      throw AgentException.badRequest("'" + field + "' must be an object of OSC path to value");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode value = e.getValue();
      if (!value.isValueNode() || value.isNull()) {
        throw AgentException.badRequest("setting '" + e.getKey() + "' must be a string, number or boolean");
      }
      out.put(e.getKey(), value.asText());
    }
    return out;
  }
}
