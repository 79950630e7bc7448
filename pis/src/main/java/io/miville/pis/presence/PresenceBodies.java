package io.miville.pis.presence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.miville.codec.pis.InfoItem;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.LoadFigures;
import io.miville.pis.controller.MaintenanceEvent;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.controller.ProxySnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The NOTIFY bodies of the two event packages, written with Jackson's streaming generator (one
 * body per cluster version, shared by every subscriber). The formats are documented in
 * docs/pis-presence.md.
 */
public final class PresenceBodies {
  private static final JsonFactory JSON = new JsonFactory();

  private PresenceBodies() {}

  /** A maintenance event numbered by the presence service, in the order it heard of them. */
  public record NumberedEvent(long sequence, MaintenanceEvent event) {}

  /** The token for a condition in bodies: its name in lower case with hyphens, {@code closed-for-cleaning}. */
  public static String conditionToken(ProxyCondition condition) {
    return condition.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The {@code application/pis-cluster+json} body: the full state of the cluster (RFC 6665
   * §4.2.2, draft-pis-00 Appendix 1).
   */
  public static byte[] cluster(ClusterSnapshot s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 160 * s.proxies().size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("cluster", s.clusterId());
      g.writeStringField("controller", s.controller());
      g.writeStringField("name", s.name());
      g.writeNumberField("version", s.version());
      int available = 0;
      for (ProxySnapshot p : s.proxies()) {
        if (p.condition().acceptsSessions() && p.occupants() < p.capacity()) {
          available++;
        }
      }
      g.writeNumberField("available", available);
      g.writeNumberField("queueLength", s.queueLength());
      g.writeNumberField("expectedWaitSeconds", round(s.expectedWaitSeconds()));
      g.writeArrayFieldStart("proxies");
      for (ProxySnapshot p : s.proxies()) {
        g.writeStartObject();
        g.writeStringField("address", p.address());
        g.writeStringField("type", p.type().name());
        g.writeStringField("condition", conditionToken(p.condition()));
        g.writeNumberField("occupants", p.occupants());
        g.writeNumberField("capacity", p.capacity());
        g.writeArrayFieldStart("info");
        for (InfoItem i : p.info()) {
          g.writeString(i.name());
        }
        g.writeEndArray();
        g.writeNumberField("methanePpm", round(p.methanePpm()));
        g.writeArrayFieldStart("indicators");
        for (String i : new TreeSet<>(p.indicators())) { // sorted: equal states give equal bodies
          g.writeString(i);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("load");
      for (LoadFigures l : s.load()) {
        g.writeStartObject();
        g.writeStringField("type", l.type().name());
        g.writeNumberField("meanOccupancySeconds", round(l.meanOccupancySeconds()));
        g.writeNumberField("arrivalsPerMinute", round(l.arrivalsPerMinute()));
        g.writeNumberField("utilisation", round(l.utilisation()));
        g.writeNumberField("queueLength", l.queueLength());
        g.writeNumberField("expectedWaitSeconds", round(l.expectedWaitSeconds()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The {@code application/pis-maintenance+json} body: the latest maintenance events of the
   * subscription's scope (the whole site, or one cluster), oldest first.
   *
   * @param clusterId the cluster, or empty for the whole site
   * @param latest    the sequence number of the newest event of the scope (0 if none yet)
   * @param events    the events carried
   */
  public static byte[] maintenance(Optional<String> clusterId, long latest, List<NumberedEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 200 * events.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("scope", clusterId.isPresent() ? "cluster" : "site");
      if (clusterId.isPresent()) {
        g.writeStringField("cluster", clusterId.get());
      }
      g.writeNumberField("latest", latest);
      g.writeArrayFieldStart("events");
      for (NumberedEvent n : events) {
        MaintenanceEvent e = n.event();
        g.writeStartObject();
        g.writeNumberField("sequence", n.sequence());
        g.writeStringField("cluster", e.clusterId());
        g.writeStringField("proxy", e.proxy());
        g.writeStringField("condition", conditionToken(e.condition()));
        g.writeNumberField("status", e.status());
        g.writeStringField("reason", e.reason());
        g.writeStringField("at", e.at().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Three decimals are plenty for seconds, rates and ppm, and keep bodies short. */
  private static double round(double v) {
    if (!Double.isFinite(v)) {
      return 0;
    }
    return Math.round(v * 1000.0) / 1000.0;
  }
}
