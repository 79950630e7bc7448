package io.miville.codec.sdp;

/**
 * Writes a {@link Sdp} in the line order of RFC 8866 §5, each line ending in CRLF. What
 * {@link SdpParser} reads, this writes back line for line (except the obsolete {@code k=}
 * lines, which are dropped), so parse and write are a fixed point.
 */
public final class SdpWriter {
  private SdpWriter() {}

  /** The description as text. */
  public static String write(Sdp sdp) {
    StringBuilder b = new StringBuilder(256);
    line(b, 'v', Integer.toString(sdp.version()));
    line(b, 'o', sdp.origin().toString());
    line(b, 's', sdp.sessionName());
    sdp.information().ifPresent(i -> line(b, 'i', i));
    sdp.uri().ifPresent(u -> line(b, 'u', u));
    sdp.emails().forEach(e -> line(b, 'e', e));
    sdp.phones().forEach(p -> line(b, 'p', p));
    sdp.connection().ifPresent(c -> line(b, 'c', c.toString()));
    sdp.bandwidths().forEach(bw -> line(b, 'b', bw.toString()));
    for (TimeDescription t : sdp.times()) {
      line(b, 't', t.timeField());
      t.repeats().forEach(r -> line(b, 'r', r.toString()));
      if (!t.zoneAdjustments().isEmpty()) {
        StringBuilder z = new StringBuilder();
        for (ZoneAdjustment adj : t.zoneAdjustments()) {
          if (!z.isEmpty()) {
            z.append(' ');
          }
          z.append(adj);
        }
        line(b, 'z', z.toString());
      }
    }
    sdp.attributes().forEach(a -> line(b, 'a', a.toString()));
    for (MediaDescription m : sdp.media()) {
      StringBuilder mline = new StringBuilder().append(m.media()).append(' ').append(m.port());
      m.portCount().ifPresent(n -> mline.append('/').append(n));
      mline.append(' ').append(m.proto());
      m.formats().forEach(f -> mline.append(' ').append(f));
      line(b, 'm', mline.toString());
      m.information().ifPresent(i -> line(b, 'i', i));
      m.connections().forEach(c -> line(b, 'c', c.toString()));
      m.bandwidths().forEach(bw -> line(b, 'b', bw.toString()));
      m.attributes().forEach(a -> line(b, 'a', a.toString()));
    }
    return b.toString();
  }

  private static void line(StringBuilder b, char type, String value) {
    b.append(type).append('=').append(value).append("\r\n");
  }
}
