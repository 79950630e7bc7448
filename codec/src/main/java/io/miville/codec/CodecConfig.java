package io.miville.codec;

/**
 * Every limit and leniency of the codec in one place. A message over a limit is refused with
 * the status in the table, never buffered without bound.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>default</th><th>answer when exceeded</th></tr>
 *   <tr><td>{@code maxMessageBytes}: start line, headers and body</td><td>65,535</td><td>413</td></tr>
 *   <tr><td>{@code maxHeaderBytes}: start line and headers</td><td>16,384</td><td>413</td></tr>
 *   <tr><td>{@code maxLineBytes}: one header line, folding included</td><td>8,192</td><td>413</td></tr>
 *   <tr><td>{@code maxStartLineBytes}</td><td>4,096</td><td>414 for a request, else 400</td></tr>
 *   <tr><td>{@code maxHeaderCount}: header lines</td><td>128</td><td>413</td></tr>
 * </table>
 *
 * <p>Leniencies, each a deviation from a named rule:
 * <ul>
 *   <li>{@code allowBareLf}: accept LF alone as a line end, where RFC 3261 §7 requires CRLF
 *       (common in hand-written messages and tools; the Jetty parser has the same option).</li>
 *   <li>{@code allowPisShortForm}: accept draft-pis-00's short form ({@code PIS/1.0 SEEK} with
 *       the target in {@code To}; {@code 100 INFO TID=1}) and scheme-less addresses in PIS
 *       messages.</li>
 * </ul>
 *
 * @param maxMessageBytes start line, headers and body
 * @param maxHeaderBytes start line and header section
 * @param maxLineBytes one header line including its folded continuations
 * @param maxStartLineBytes the start line
 * @param maxHeaderCount number of header lines
 * @param allowBareLf accept LF without CR as a line end
 * @param allowPisShortForm accept the short form of draft-pis-00
 */
public record CodecConfig(
    int maxMessageBytes,
    int maxHeaderBytes,
    int maxLineBytes,
    int maxStartLineBytes,
    int maxHeaderCount,
    boolean allowBareLf,
    boolean allowPisShortForm) {

  /** The defaults of the table above, with both leniencies on. */
  public static final CodecConfig DEFAULT = new CodecConfig(65_535, 16_384, 8_192, 4_096, 128, true, true);

  /** The defaults with every leniency off: CRLF only, standard form only. */
  public static final CodecConfig STRICT = DEFAULT.withAllowBareLf(false).withAllowPisShortForm(false);

  public CodecConfig {
    if (maxMessageBytes < 64 || maxHeaderBytes < 64 || maxLineBytes < 16 || maxStartLineBytes < 16 || maxHeaderCount < 1) {
      throw new IllegalArgumentException("limits too small to hold a message");
    }
  }

  public CodecConfig withMaxMessageBytes(int v) {
    return new CodecConfig(v, Math.min(maxHeaderBytes, v), maxLineBytes, maxStartLineBytes, maxHeaderCount, allowBareLf, allowPisShortForm);
  }

  public CodecConfig withMaxHeaderCount(int v) {
    return new CodecConfig(maxMessageBytes, maxHeaderBytes, maxLineBytes, maxStartLineBytes, v, allowBareLf, allowPisShortForm);
  }

  public CodecConfig withMaxLineBytes(int v) {
    return new CodecConfig(maxMessageBytes, maxHeaderBytes, v, maxStartLineBytes, maxHeaderCount, allowBareLf, allowPisShortForm);
  }

  public CodecConfig withAllowBareLf(boolean v) {
    return new CodecConfig(maxMessageBytes, maxHeaderBytes, maxLineBytes, maxStartLineBytes, maxHeaderCount, v, allowPisShortForm);
  }

  public CodecConfig withAllowPisShortForm(boolean v) {
    return new CodecConfig(maxMessageBytes, maxHeaderBytes, maxLineBytes, maxStartLineBytes, maxHeaderCount, allowBareLf, v);
  }
}
