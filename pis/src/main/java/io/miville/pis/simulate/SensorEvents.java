package io.miville.pis.simulate;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.uri.Uri;
import io.miville.pis.client.PisClient;
import io.miville.pis.site.ProxySpec;

/**
 * The PUBLISH a proxy's sensor sends when something happens to it (RFC 3903 §4): paper runs out,
 * the bowl clogs. It goes to the proxy's own address, so the controller of its cluster gets it,
 * and says what happened in the headers the controller reads (docs/pis.md, "PUBLISH from
 * sensors"): {@code Info: No-Paper} or {@code Condition: Plugged}.
 */
final class SensorEvents {
  /** The event package of PIS sensors. */
  static final String EVENT = "pis-sensor";

  private SensorEvents() {}

  /** What a sensor can report. */
  enum Report {
    /** The paper ran out: the proxy stays usable, but not for {@code Requires: Paper}. */
    NO_PAPER,
    /** The bowl clogged: the proxy is {@code Plugged} until a Plunger FLUSH or an operator fixes it. */
    CLOGGED,
    /** Maintenance came by: paper restocked, clog cleared (the flags cleared, the proxy available). */
    SERVICED
  }

  /** A PUBLISH of {@code report} for {@code proxy}. */
  static SipRequest publish(PisClient.Agent sensor, ProxySpec proxy, Report report) {
    var b = sensor.request(SipMethod.PUBLISH, Uri.parse("sip:" + proxy.address()))
        .header(HeaderName.EVENT, EVENT)
        .header(HeaderName.EXPIRES, "3600");
    return switch (report) {
      case NO_PAPER -> b.header(HeaderName.INFO, "No-Paper").build();
      case CLOGGED -> b.header(HeaderName.of("Condition"), "Plugged").build();
      case SERVICED -> b.header(HeaderName.INFO, "none").header(HeaderName.of("Condition"), "Available").build();
    };
  }
}
