package io.miville.description;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OSC-path configuration dict of one media stream (RFC 1 "For each media stream, a dict of
 * configuration entries in the OSC-path style").
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>field</th><th>value</th></tr>
 *   <tr><td>{@code /service}</td><td>{@link #service()}</td><td>the streaming service, e.g.
 *       {@code milhouse}</td></tr>
 *   <tr><td>{@code /media}</td><td>{@link #media()}</td><td>{@code audio}, {@code video},
 *       {@code midi}, ... (an SDP token)</td></tr>
 *   <tr><td>{@code /address}</td><td>{@link #address()}</td><td>IPv4 address of the sink</td></tr>
 *   <tr><td>{@code /port}</td><td>{@link #port()}</td><td>the sink's port base: RTP there, RTCP
 *       one above (see {@link PortRules})</td></tr>
 *   <tr><td>{@code /format}</td><td>{@link #format()}</td><td>{@code PCMU}, {@code L16},
 *       {@code mpeg4}, ... (an SDP token)</td></tr>
 *   <tr><td>{@code /bitrate}</td><td>{@link #bitrate()}</td><td>optional, kbit/s</td></tr>
 *   <tr><td>{@code /direction}</td><td>{@link #direction()}</td><td>{@code offerer-to-answerer}
 *       or {@code answerer-to-offerer}</td></tr>
 *   <tr><td>{@code /send/enabled}</td><td>{@link #sendEnabled()}</td><td>the source is switched
 *       on</td></tr>
 *   <tr><td>{@code /receive/enabled}</td><td>{@link #receiveEnabled()}</td><td>the sink is
 *       switched on</td></tr>
 * </table>
 *
 * <p>Any other OSC path is kept in {@link #extras()} with its JSON value, so that settings this
 * version does not know travel through it unchanged.
 *
 * @param service the service name
 * @param media the media type
 * @param address the sink's IPv4 address
 * @param port the sink's port base, 0..65535 here; {@link SessionDescription} applies the
 *     RFC 1 rules that depend on who the sink is
 * @param format the format
 * @param bitrate kbit/s, more than 0, if given
 * @param direction which agent sends
 * @param sendEnabled the source sends
 * @param receiveEnabled the sink receives
 * @param extras other OSC paths and their values as canonical compact JSON text, sorted by path
 */
public record StreamConfig(
    String service, String media, String address, int port, String format,
    OptionalInt bitrate, StreamDirection direction, boolean sendEnabled, boolean receiveEnabled,
    Map<String, String> extras) {

  /** Key of the streaming service, e.g. {@code milhouse}. */
  public static final String SERVICE = "/service";
  /** Key of the media type. */
  public static final String MEDIA = "/media";
  /** Key of the sink's IPv4 address. */
  public static final String ADDRESS = "/address";
  /** Key of the sink's port base. */
  public static final String PORT = "/port";
  /** Key of the format. */
  public static final String FORMAT = "/format";
  /** Key of the bitrate in kbit/s (optional). */
  public static final String BITRATE = "/bitrate";
  /** Key of the direction: which agent sends. */
  public static final String DIRECTION = "/direction";
  /** Key of the flag that switches the source on. */
  public static final String SEND_ENABLED = "/send/enabled";
  /** Key of the flag that switches the sink on. */
  public static final String RECEIVE_ENABLED = "/receive/enabled";

  /** The keys with a field of their own (not extras). */
  public static final Set<String> KNOWN_KEYS = Set.of(SERVICE, MEDIA, ADDRESS, PORT, FORMAT,
      BITRATE, DIRECTION, SEND_ENABLED, RECEIVE_ENABLED);

  public StreamConfig {
    Checks.word(service, key(SERVICE));
    Checks.token(media, key(MEDIA));
    Checks.ipv4(address, key(ADDRESS));
    Checks.port(port, 0, 65535, key(PORT));
    Checks.token(format, key(FORMAT));
    Objects.requireNonNull(bitrate, "bitrate");
    if (bitrate.isPresent() && bitrate.getAsInt() <= 0) {
      throw new DescriptionException(key(BITRATE), "bitrate must be more than 0 kbit/s");
    }
    if (direction == null) {
      throw new DescriptionException(key(DIRECTION), "missing");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : extras.entrySet()) {
      String path = Checks.oscPath(e.getKey(), "extras");
      if (KNOWN_KEYS.contains(path)) {
        throw new DescriptionException(key(path), "known key given as an extra");
      }
      sorted.put(path, JsonValues.canonical(e.getValue(), key(path)));
    }
    extras = Collections.unmodifiableMap(sorted);
  }

  /** The field name of a key, as in {@code ["/port"]}. */
  static String key(String path) {
    return "[\"" + path + "\"]";
  }

  /**
   * A builder with the required values; bitrate unset, both ends enabled, no extras.
   *
   * @param direction which agent sends
   * @param media the media type
   * @param format the format
   * @param address the sink's address
   * @param port the sink's port base
   */
  public static Builder builder(StreamDirection direction, String media, String format,
      String address, int port) {
    return new Builder(direction, media, format, address, port);
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder(direction, media, format, address, port);
    b.service = service;
    b.bitrate = bitrate;
    b.sendEnabled = sendEnabled;
    b.receiveEnabled = receiveEnabled;
    b.extras.putAll(extras);
    return b;
  }

  /** The same stream received at another address and port base. */
  public StreamConfig withSink(String newAddress, int newPort) {
    return toBuilder().address(newAddress).port(newPort).build();
  }

  /** Builds a {@link StreamConfig}. */
  public static final class Builder {
    private String service = "milhouse";
    private String media;
    private String address;
    private int port;
    private String format;
    private OptionalInt bitrate = OptionalInt.empty();
    private StreamDirection direction;
    private boolean sendEnabled = true;
    private boolean receiveEnabled = true;
    private final Map<String, String> extras = new TreeMap<>();

    private Builder(StreamDirection direction, String media, String format, String address,
        int port) {
      this.direction = direction;
      this.media = media;
      this.format = format;
      this.address = address;
      this.port = port;
    }

    /** The service name (default {@code milhouse}). */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** The media type. */
    public Builder media(String media) {
      this.media = media;
      return this;
    }

    /** The format. */
    public Builder format(String format) {
      this.format = format;
      return this;
    }

    /** The sink's IPv4 address. */
    public Builder address(String address) {
      this.address = address;
      return this;
    }

    /** The sink's port base. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Which agent sends. */
    public Builder direction(StreamDirection direction) {
      this.direction = direction;
      return this;
    }

    /** Bitrate in kbit/s. */
    public Builder bitrate(int kbps) {
      this.bitrate = OptionalInt.of(kbps);
      return this;
    }

    /** No bitrate. */
    public Builder noBitrate() {
      this.bitrate = OptionalInt.empty();
      return this;
    }

    /** Switches the source on or off (default on). */
    public Builder sendEnabled(boolean on) {
      this.sendEnabled = on;
      return this;
    }

    /** Switches the sink on or off (default on). */
    public Builder receiveEnabled(boolean on) {
      this.receiveEnabled = on;
      return this;
    }

    /**
     * Adds an extra OSC setting.
     *
     * @param path an OSC path that is not one of {@link #KNOWN_KEYS}
     * @param json its value as JSON text: {@code "\"h264\""}, {@code "2"}, {@code "[1,2]"}
     */
    public Builder extra(String path, String json) {
      extras.put(path, json);
      return this;
    }

    /** The configuration. */
    public StreamConfig build() {
      return new StreamConfig(service, media, address, port, format, bitrate, direction,
          sendEnabled, receiveEnabled, extras);
    }
  }
}
