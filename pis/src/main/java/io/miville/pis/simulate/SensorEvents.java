package io.miville.pis.simulate;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.header.MediaType;
import io.miville.codec.uri.Uri;
import io.miville.pis.client.PisClient;
import io.miville.pis.site.ProxySpec;

/**
 * The PUBLISH a proxy's sensor sends when something happens to it (RFC 3903 §4): paper runs out,
 * the bowl clogs. It goes to the proxy's own address, so the controller of its cluster gets it.
 */
final class SensorEvents {
  /** The event package of PIS sensors. */
  static final String EVENT = "pis-sensor";

  private SensorEvents() {}

  /** A PUBLISH of {@code condition} ({@code no-paper}, {@code clogged}) for {@code proxy}. */
  static SipRequest publish(PisClient.Agent sensor, ProxySpec proxy, String condition) {
    return sensor.request(SipMethod.PUBLISH, Uri.parse("sip:" + proxy.address()))
        .header(HeaderName.EVENT, EVENT)
        .header(HeaderName.EXPIRES, "3600")
        .body(MediaType.TEXT_PLAIN, condition + "\r\n")
        .build();
  }
}
