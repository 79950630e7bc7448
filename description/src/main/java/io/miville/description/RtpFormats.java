package io.miville.description;

import io.miville.codec.sdp.RtpMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a Miville format maps to an RTP payload (an {@code a=rtpmap}) and back. Static payload
 * types of RFC 3551 §6 are used where one is assigned; otherwise the dynamic type 96 (each
 * m= line carries one format, so one dynamic number is enough).
 */
final class RtpFormats {
  private RtpFormats() {}

  private record Entry(String encoding, int clockRate, int channels, int staticType) {}

  // keys are lower case Miville formats
  private static final Map<String, Entry> TABLE = Map.ofEntries(
      Map.entry("pcmu", new Entry("PCMU", 8000, 0, 0)),
      Map.entry("pcma", new Entry("PCMA", 8000, 0, 8)),
      Map.entry("gsm", new Entry("GSM", 8000, 0, 3)),
      Map.entry("g722", new Entry("G722", 8000, 0, 9)),
      Map.entry("g729", new Entry("G729", 8000, 0, 18)),
      Map.entry("l16", new Entry("L16", 44100, 2, 10)),
      Map.entry("h263", new Entry("H263", 90000, 0, 34)),
      Map.entry("h264", new Entry("H264", 90000, 0, -1)),
      Map.entry("mpeg4", new Entry("MP4V-ES", 90000, 0, -1)),
      Map.entry("theora", new Entry("theora", 90000, 0, -1)),
      Map.entry("opus", new Entry("opus", 48000, 2, -1)));

  /** The rtpmap for a stream's media and format. */
  static RtpMap rtpMapFor(String media, String format) {
    Entry e = TABLE.get(format.toLowerCase(Locale.ROOT));
    if (e == null) {
      // an unknown format keeps its name; video clocks at 90 kHz (RFC 3551 §5), others at 48 kHz
      return RtpMap.of(RtpMap.FIRST_DYNAMIC, format, "video".equals(media) ? 90000 : 48000);
    }
    int pt = e.staticType >= 0 ? e.staticType : RtpMap.FIRST_DYNAMIC;
    return e.channels > 0 ? RtpMap.of(pt, e.encoding, e.clockRate, e.channels)
        : RtpMap.of(pt, e.encoding, e.clockRate);
  }

  /** The Miville format of an RTP encoding: its name, except {@code MP4V-ES} is {@code mpeg4}. */
  static String formatFor(RtpMap map) {
    return map.hasEncoding("MP4V-ES") ? "mpeg4" : map.encodingName();
  }
}
