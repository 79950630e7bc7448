package io.miville.pis.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.miville.codec.pis.Activity;
import io.miville.codec.pis.BuildingPosition;
import io.miville.codec.pis.DryerType;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.HandleMethod;
import io.miville.codec.pis.Planet;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Technique;
import io.miville.codec.pis.Velocity;
import io.miville.codec.pis.WaterState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a {@link Site} from a YAML or JSON file, and writes one back (the format is described,
 * with a full example, in {@code docs/pis-site.md}). The vocabulary words (Type, Requires,
 * Forbidden, How, Planet, ...) are those of draft-pis-00 and its open registries: a word the
 * draft does not name is kept as written, not refused.
 *
 * <p>Every problem is a {@link SiteException} naming the file and the path of the field:
 * unknown or missing fields, wrong kinds of values, capacities below 1, malformed addresses,
 * duplicate cluster ids, controller hosts or proxy addresses, a proxy whose host is not its
 * cluster's, coordinates out of range, unparsable Velocity.
 */
public final class SiteLoader {
  /** The two formats a site file may have. */
  public enum Format {
    YAML,
    JSON
  }

  private static final ObjectMapper YAML_MAPPER = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.SPLIT_LINES));
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SiteLoader() {
  }

  /**
   * Loads the site file at {@code file}: YAML if its name ends in {@code .yaml} or {@code .yml},
   * JSON if in {@code .json}, otherwise judged from its content.
   *
   * @throws SiteException naming the file and the field if it cannot be read or is wrong
   */
  public static Site load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SiteException("", "cannot read: " + e.getMessage(), e).in(file.toString());
    }
    try {
      return parse(text, formatOf(file.getFileName().toString(), text));
    } catch (SiteException e) {
      throw e.in(file.toString());
    }
  }

  /** Loads a site file from the class path, such as {@code /pis-demo-site.yaml}. */
  public static Site loadResource(String resource) {
    try (InputStream in = SiteLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new SiteException("", "no such resource").in(resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(text, formatOf(resource, text));
    } catch (IOException e) {
      throw new SiteException("", "cannot read: " + e.getMessage(), e).in(resource);
    } catch (SiteException e) {
      throw e.source().isPresent() ? e : e.in(resource);
    }
  }

  /** The format of a file named {@code name} holding {@code text}: by extension, else by its first character. */
  public static Format formatOf(String name, String text) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return Format.JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return Format.YAML;
    }
    String start = text.stripLeading();
    return start.startsWith("{") ? Format.JSON : Format.YAML;
  }

  /**
   * Reads a site from {@code text} in {@code format}.
   *
   * @throws SiteException naming the field if the document is wrong
   */
  public static Site parse(String text, Format format) {
    JsonNode root;
    try {
      root = (format == Format.JSON ? JSON_MAPPER : YAML_MAPPER).readTree(text);
    } catch (JsonProcessingException e) {
      throw new SiteException("", "not valid " + format + ": " + e.getOriginalMessage().replaceAll("\\s+", " ")
          + Optional.ofNullable(e.getLocation()).map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
              .orElse(""), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new SiteException("", "empty document");
    }
    return new Reader().site(new Node("", root));
  }

  /** The site as a YAML document that {@link #parse} reads back to an equal site. */
  public static String toYaml(Site site) {
    try {
      return YAML_MAPPER.writeValueAsString(Writer.site(site));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The site as a JSON document that {@link #parse} reads back to an equal site. */
  public static String toJson(Site site) {
    try {
      return JSON_MAPPER.writeValueAsString(Writer.site(site));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON node with its path in the document, for error messages. */
  private record Node(String path, JsonNode json) {
    Node field(String name) {
      return new Node(path.isEmpty() ? name : path + "." + name, json.path(name));
    }

    boolean present() {
      return !json.isMissingNode() && !json.isNull();
    }

    SiteException error(String detail) {
      return new SiteException(path, detail);
    }

    ObjectNode object(Set<String> allowed) {
      if (!json.isObject()) {
        throw error("expected a mapping of fields, found " + kind());
      }
      Iterator<String> names = json.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (!allowed.contains(n)) {
          throw new SiteException(path.isEmpty() ? n : path + "." + n, "unknown field (expected one of " + allowed + ")");
        }
      }
      return (ObjectNode) json;
    }

    List<Node> list() {
      if (!present()) {
        return List.of();
      }
      if (!json.isArray()) {
        throw error("expected a list, found " + kind());
      }
      List<Node> out = new ArrayList<>(json.size());
      for (int i = 0; i < json.size(); i++) {
        out.add(new Node(path + "[" + i + "]", json.get(i)));
      }
      return out;
    }

    String text() {
      if (!present()) {
        throw error("missing");
      }
      if (!json.isValueNode()) {
        throw error("expected a text value, found " + kind());
      }
      String s = json.asText().strip();
      if (s.isEmpty()) {
        throw error("must not be empty");
      }
      return s;
    }

    Optional<String> optionalText() {
      return present() ? Optional.of(text()) : Optional.empty();
    }

    double number() {
      if (!present()) {
        throw error("missing");
      }
      if (json.isNumber()) {
        return json.asDouble();
      }
      if (json.isTextual()) {
        try {
          return Double.parseDouble(json.asText().strip());
        } catch (NumberFormatException e) {
          throw error("expected a number, found \"" + json.asText() + "\"");
        }
      }
      throw error("expected a number, found " + kind());
    }

    int integer(int dflt) {
      if (!present()) {
        return dflt;
      }
      double d = number();
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw error("expected a whole number, found " + json.asText());
      }
      return (int) d;
    }

    boolean bool(boolean dflt) {
      if (!present()) {
        return dflt;
      }
      if (json.isBoolean()) {
        return json.asBoolean();
      }
      String s = text().toLowerCase(Locale.ROOT);
      return switch (s) {
        case "true", "yes" -> true;
        case "false", "no" -> false;
        default -> throw error("expected true or false, found \"" + s + "\"");
      };
    }

    <T> T word(Function<String, T> factory) {
      String s = text();
      try {
        return factory.apply(s);
      } catch (IllegalArgumentException e) {
        throw error("not a valid word \"" + s + "\": " + e.getMessage());
      }
    }

    <T> List<T> words(Function<String, T> factory) {
      if (present() && json.isValueNode()) {
        // "Clean-proxy, Paper-Soft": words of a vocabulary never hold a comma
        List<T> out = new ArrayList<>();
        String[] parts = text().split(",");
        for (int i = 0; i < parts.length; i++) {
          Node part = new Node(parts.length == 1 ? path : path + "[" + i + "]",
              JsonNodeFactory.instance.textNode(parts[i].strip()));
          out.add(part.word(factory));
        }
        return out;
      }
      List<T> out = new ArrayList<>();
      for (Node n : list()) {
        out.add(n.word(factory));
      }
      return out;
    }

    private String kind() {
      if (json.isObject()) {
        return "a mapping";
      }
      if (json.isArray()) {
        return "a list";
      }
      if (json.isNull() || json.isMissingNode()) {
        return "nothing";
      }
      return "\"" + json.asText() + "\"";
    }
  }

  private static final Set<String> SITE_FIELDS = Set.of("name", "clusters", "paperEquivalents", "localTypeNames");
  private static final Set<String> CLUSTER_FIELDS =
      Set.of("id", "controller", "name", "aliases", "position", "proxies", "wash");
  private static final Set<String> POSITION_FIELDS = Set.of("planet", "geo", "building");
  private static final Set<String> GEO_FIELDS = Set.of("latitude", "longitude", "elevation");
  private static final Set<String> BUILDING_FIELDS = Set.of("building", "floor", "column", "office");
  private static final Set<String> WASH_FIELDS = Set.of("sinks", "water", "handle", "soap", "dryer");
  private static final Set<String> PROXY_FIELDS = Set.of("address", "type", "capacity", "attributes", "forbidden",
      "requires", "access", "flush", "flushHow", "motion");

  /** Reads the tree, checking each field; remembers what must be unique. */
  private static final class Reader {
    private final Map<String, String> clusterIds = new HashMap<>();
    private final Map<String, String> hosts = new HashMap<>();
    private final Map<String, String> addresses = new HashMap<>();

    Site site(Node root) {
      root.object(SITE_FIELDS);
      String name = root.field("name").text();
      List<Cluster> clusters = new ArrayList<>();
      Node cs = root.field("clusters");
      if (!cs.present()) {
        throw cs.error("missing: a site has at least one cluster");
      }
      for (Node c : cs.list()) {
        clusters.add(cluster(c));
      }
      if (clusters.isEmpty()) {
        throw cs.error("a site has at least one cluster");
      }
      Set<ProxyAttribute> paper = new LinkedHashSet<>(root.field("paperEquivalents").words(ProxyAttribute::of));
      Map<String, String> local = new TreeMap<>();
      Node ln = root.field("localTypeNames");
      if (ln.present()) {
        if (!ln.json().isObject()) {
          throw ln.error("expected a mapping of local name to Type");
        }
        for (Iterator<String> it = ln.json().fieldNames(); it.hasNext(); ) {
          String key = it.next();
          Node v = ln.field(key);
          String type = v.word(ProxyType::of).name();
          String lower = key.strip().toLowerCase(Locale.ROOT);
          if (lower.isEmpty()) {
            throw v.error("a local name must not be empty");
          }
          if (local.put(lower, type) != null) {
            throw v.error("local name given twice (names are compared in lower case)");
          }
        }
      }
      return new Site(name, clusters, paper, local);
    }

    Cluster cluster(Node n) {
      n.object(CLUSTER_FIELDS);
      Node idNode = n.field("id");
      String id = idNode.text();
      String previous = clusterIds.putIfAbsent(id, n.path());
      if (previous != null) {
        throw idNode.error("duplicate cluster id \"" + id + "\" (also at " + previous + ")");
      }
      Node ctl = n.field("controller");
      String controller = address(ctl);
      String host = hostOf(controller);
      previous = hosts.putIfAbsent(host, ctl.path());
      if (previous != null) {
        throw ctl.error("duplicate controller host \"" + host + "\" (also at " + previous + "): every address at a host belongs to one cluster");
      }
      previous = addresses.putIfAbsent(controller.toLowerCase(Locale.ROOT), ctl.path());
      if (previous != null) {
        throw ctl.error("duplicate address \"" + controller + "\" (also at " + previous + ")");
      }
      String name = n.field("name").text();
      List<String> aliases = n.field("aliases").words(s -> s);
      Position position = position(n.field("position"));
      List<ProxySpec> proxies = new ArrayList<>();
      for (Node p : n.field("proxies").list()) {
        proxies.add(proxy(p, host));
      }
      Node w = n.field("wash");
      WashFacility wash = w.present() ? wash(w) : WashFacility.none();
      return new Cluster(id, controller, name, aliases, position, proxies, wash);
    }

    Position position(Node n) {
      if (!n.present()) {
        throw n.error("missing: give at least a planet, a geo position or a building");
      }
      n.object(POSITION_FIELDS);
      Node p = n.field("planet");
      Planet planet = p.present() ? p.word(Planet::of) : Planet.EARTH;
      Node g = n.field("geo");
      Optional<GeoPosition> geo = g.present() ? Optional.of(geo(g)) : Optional.empty();
      Node b = n.field("building");
      Optional<BuildingPosition> building = b.present() ? Optional.of(building(b)) : Optional.empty();
      return new Position(planet, geo, building);
    }

    GeoPosition geo(Node n) {
      if (n.json().isTextual()) {
        try {
          return GeoPosition.parse(n.json().asText());
        } catch (RuntimeException e) {
          throw n.error("not a Geo-spatial-position (latitude, longitude[, elevation]): " + e.getMessage());
        }
      }
      n.object(GEO_FIELDS);
      double lat = range(n.field("latitude"), -GeoPosition.MAX_LATITUDE, GeoPosition.MAX_LATITUDE);
      double lon = range(n.field("longitude"), -GeoPosition.MAX_LONGITUDE, GeoPosition.MAX_LONGITUDE);
      Node e = n.field("elevation");
      OptionalDouble elevation = e.present()
          ? OptionalDouble.of(range(e, GeoPosition.MIN_ELEVATION, GeoPosition.MAX_ELEVATION)) : OptionalDouble.empty();
      return new GeoPosition(lat, lon, elevation);
    }

    private static double range(Node n, double min, double max) {
      double d = n.number();
      if (!(d >= min && d <= max)) {
        throw n.error("must be between " + min + " and " + max + ", was " + d);
      }
      return d;
    }

    BuildingPosition building(Node n) {
      if (n.json().isTextual()) {
        try {
          return BuildingPosition.parse(n.json().asText());
        } catch (RuntimeException e) {
          throw n.error("not an Implementation-Specific-Position (building, floor, column, office): " + e.getMessage());
        }
      }
      n.object(BUILDING_FIELDS);
      try {
        return new BuildingPosition(n.field("building").text(), n.field("floor").optionalText(),
            n.field("column").optionalText(), n.field("office").optionalText());
      } catch (IllegalArgumentException e) {
        throw n.error(e.getMessage());
      }
    }

    WashFacility wash(Node n) {
      n.object(WASH_FIELDS);
      Node s = n.field("sinks");
      int sinks = s.integer(0);
      if (sinks < 0) {
        throw s.error("must not be negative, was " + sinks);
      }
      Node h = n.field("handle");
      HandleMethod handle = h.present() ? h.word(HandleMethod::of) : HandleMethod.AUTOMATIC;
      return new WashFacility(sinks, n.field("water").words(WaterState::of), handle, n.field("soap").bool(false),
          n.field("dryer").words(DryerType::of));
    }

    ProxySpec proxy(Node n, String clusterHost) {
      n.object(PROXY_FIELDS);
      Node a = n.field("address");
      String written = a.text();
      String address = written.indexOf('@') < 0 ? written + "@" + clusterHost : written;
      address = address(new Node(a.path(), JsonNodeFactory.instance.textNode(address)));
      if (!hostOf(address).equalsIgnoreCase(clusterHost)) {
        throw a.error("proxy \"" + address + "\" is not at its cluster's host \"" + clusterHost + "\"");
      }
      String previous = addresses.putIfAbsent(address.toLowerCase(Locale.ROOT), a.path());
      if (previous != null) {
        throw a.error("duplicate address \"" + address + "\" (also at " + previous + ")");
      }
      ProxyType type = n.field("type").word(ProxyType::of);
      Node c = n.field("capacity");
      int capacity = c.integer(1);
      if (capacity < 1) {
        throw c.error("must be at least 1, was " + capacity);
      }
      Set<ProxyAttribute> attributes = new LinkedHashSet<>(n.field("attributes").words(ProxyAttribute::of));
      List<Activity> forbidden = n.field("forbidden").words(Activity::of);
      List<ProxyAttribute> requires = n.field("requires").words(ProxyAttribute::of);
      Node ac = n.field("access");
      Access access = ac.present() ? enumValue(ac, Access.class) : Access.PUBLIC;
      Node fk = n.field("flush");
      FlushKind flush = fk.present() ? enumValue(fk, FlushKind.class) : FlushKind.MANUAL;
      List<Technique> how = n.field("flushHow").words(Technique::of);
      Node m = n.field("motion");
      Optional<Velocity> motion = Optional.empty();
      if (m.present()) {
        String v = m.text();
        try {
          motion = Optional.of(Velocity.parse(v));
        } catch (RuntimeException e) {
          throw m.error("not a Velocity (e.g. \"12 m/s;heading=90\"): " + e.getMessage());
        }
      }
      return new ProxySpec(address, type, capacity, attributes, forbidden, requires, access, flush, how, motion);
    }

    private static <E extends Enum<E>> E enumValue(Node n, Class<E> type) {
      String s = n.text();
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
      List<String> names = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        names.add(e.name().toLowerCase(Locale.ROOT));
      }
      throw n.error("expected one of " + names + ", found \"" + s + "\"");
    }

    /** Checks {@code user@host}: both parts present, no white space, no scheme. */
    private static String address(Node n) {
      String s = n.text();
      int at = s.indexOf('@');
      boolean ok = at > 0 && at == s.lastIndexOf('@') && at < s.length() - 1;
      for (int i = 0; ok && i < s.length(); i++) {
        char ch = s.charAt(i);
        ok = ch > ' ' && ch < 0x7f && ch != ';' && ch != '<' && ch != '>' && ch != '"';
      }
      if (!ok || s.regionMatches(true, 0, "sip:", 0, 4) || s.regionMatches(true, 0, "sips:", 0, 5)) {
        throw n.error("expected an address user@host without scheme, found \"" + s + "\"");
      }
      return s;
    }

    private static String hostOf(String address) {
      return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
  }

  /** Builds the document tree of a site: the inverse of {@link Reader}. */
  private static final class Writer {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static ObjectNode site(Site site) {
      ObjectNode o = F.objectNode();
      o.put("name", site.name());
      if (!site.paperEquivalents().isEmpty()) {
        words(o, "paperEquivalents", site.paperEquivalents().stream().map(ProxyAttribute::name).sorted().toList());
      }
      if (!site.localTypeNames().isEmpty()) {
        ObjectNode l = o.putObject("localTypeNames");
        new TreeMap<>(site.localTypeNames()).forEach(l::put);
      }
      ArrayNode cs = o.putArray("clusters");
      for (Cluster c : site.clusters()) {
        cs.add(cluster(c));
      }
      return o;
    }

    static ObjectNode cluster(Cluster c) {
      ObjectNode o = F.objectNode();
      o.put("id", c.id());
      o.put("controller", c.controller());
      o.put("name", c.name());
      if (!c.aliases().isEmpty()) {
        ArrayNode a = o.putArray("aliases");
        c.aliases().forEach(a::add);
      }
      ObjectNode p = o.putObject("position");
      if (!c.position().planet().equals(Planet.EARTH)) {
        p.put("planet", c.position().planet().name());
      }
      // header syntax (Geo-spatial-position, Implementation-Specific-Position): one line each
      c.position().geo().ifPresent(g -> p.put("geo", g.toString()));
      c.position().building().ifPresent(b -> p.put("building", b.toString()));
      if (c.wash().sinks() > 0 || !c.wash().equals(WashFacility.none())) {
        ObjectNode w = o.putObject("wash");
        WashFacility wf = c.wash();
        w.put("sinks", wf.sinks());
        words(w, "water", wf.water().stream().map(WaterState::name).toList());
        w.put("handle", wf.handle().name());
        w.put("soap", wf.soap());
        words(w, "dryer", wf.dryer().stream().map(DryerType::name).toList());
      }
      ArrayNode ps = o.putArray("proxies");
      for (ProxySpec s : c.proxies()) {
        ps.add(proxy(s, c.host()));
      }
      return o;
    }

    static ObjectNode proxy(ProxySpec s, String host) {
      ObjectNode o = F.objectNode();
      o.put("address", s.host().equalsIgnoreCase(host) ? s.user() : s.address());
      o.put("type", s.type().name());
      if (s.capacity() != 1) {
        o.put("capacity", s.capacity());
      }
      words(o, "attributes", s.attributes().stream().map(ProxyAttribute::name).sorted().toList());
      words(o, "forbidden", s.forbidden().stream().map(Activity::name).toList());
      words(o, "requires", s.requires().stream().map(ProxyAttribute::name).toList());
      if (s.access() != Access.PUBLIC) {
        o.put("access", s.access().name().toLowerCase(Locale.ROOT));
      }
      if (s.flushKind() != FlushKind.MANUAL) {
        o.put("flush", s.flushKind().name().toLowerCase(Locale.ROOT));
      }
      words(o, "flushHow", s.flushHow().stream().map(Technique::name).toList());
      s.motion().ifPresent(v -> o.put("motion", v.toString()));
      return o;
    }

    /** A vocabulary list as one line, {@code Clean-proxy, Paper-Soft}: the file stays short. */
    private static void words(ObjectNode o, String field, List<String> words) {
      if (!words.isEmpty()) {
        o.put(field, String.join(", ", words));
      }
    }
  }
}
