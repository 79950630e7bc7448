package io.miville.media;

import java.time.Duration;
import java.util.Objects;

/**
 * What one RTP stream carries: the encoding, its payload type, clock rate, channels and the
 * duration of one packet's frame (RFC 3551 §4.2: 20 ms by default for audio).
 *
 * <p>Two encodings: {@link #pcmu()} (G.711 µ-law, static payload type 0, 8000 Hz mono) and
 * {@link #l16(int, int)} (16-bit linear at 48000 Hz, mono or stereo, a dynamic payload type
 * 96-127 agreed in the session description). The RTP timestamp advances by
 * {@link #samplesPerFrame()} per frame, whatever the number of channels (RFC 3550 §5.1).
 */
public final class PayloadFormat {
  /** The default packet duration. */
  public static final Duration DEFAULT_FRAME = Duration.ofMillis(20);

  private final Encoding encoding;
  private final int payloadType;
  private final int clockRate;
  private final int channels;
  private final Duration frameDuration;
  private final int samplesPerFrame;

  /** The encodings the engine can packetize. */
  public enum Encoding {
    /** G.711 µ-law, one octet per sample. */
    PCMU,
    /** Linear 16-bit big-endian, two octets per sample and channel. */
    L16
  }

  private PayloadFormat(Encoding encoding, int payloadType, int clockRate, int channels,
      Duration frameDuration) {
    long nanosTimesRate = frameDuration.toNanos() * clockRate;
    if (frameDuration.isNegative() || frameDuration.isZero()
        || nanosTimesRate % 1_000_000_000L != 0 || frameDuration.toMillis() > 1000) {
      throw new IllegalArgumentException(
          "frame duration " + frameDuration + " is not a whole number of samples at " + clockRate
              + " Hz, or is not in (0, 1 s]");
    }
    this.encoding = encoding;
    this.payloadType = payloadType;
    this.clockRate = clockRate;
    this.channels = channels;
    this.frameDuration = frameDuration;
    this.samplesPerFrame = (int) (nanosTimesRate / 1_000_000_000L);
  }

  /** PCMU: payload type 0, 8000 Hz, mono, 20 ms frames (160 octets). */
  public static PayloadFormat pcmu() {
    return new PayloadFormat(Encoding.PCMU, Pcmu.PAYLOAD_TYPE, 8000, 1, DEFAULT_FRAME);
  }

  /**
   * L16 at 48000 Hz with a dynamic payload type, 20 ms frames (960 samples per channel).
   *
   * @param payloadType 96-127 (RFC 3551 §3: dynamic)
   * @param channels 1 or 2
   */
  public static PayloadFormat l16(int payloadType, int channels) {
    return l16(payloadType, channels, 48000);
  }

  /** L16 at another clock rate (8000 to 96000 Hz); see {@link #l16(int, int)}. */
  public static PayloadFormat l16(int payloadType, int channels, int clockRate) {
    if (payloadType < 96 || payloadType > 127) {
      throw new IllegalArgumentException("L16 needs a dynamic payload type 96-127, not " + payloadType);
    }
    if (channels != 1 && channels != 2) {
      throw new IllegalArgumentException("L16 streams are mono or stereo, not " + channels + " channels");
    }
    if (clockRate < 8000 || clockRate > 96000) {
      throw new IllegalArgumentException("clock rate " + clockRate + " not in 8000-96000 Hz");
    }
    return new PayloadFormat(Encoding.L16, payloadType, clockRate, channels, DEFAULT_FRAME);
  }

  /** The same format with another packet duration (a whole number of samples). */
  public PayloadFormat withFrameDuration(Duration frameDuration) {
    return new PayloadFormat(encoding, payloadType, clockRate, channels,
        Objects.requireNonNull(frameDuration, "frameDuration"));
  }

  public Encoding encoding() {
    return encoding;
  }

  /** The RTP payload type. */
  public int payloadType() {
    return payloadType;
  }

  /** RTP timestamp units per second. */
  public int clockRate() {
    return clockRate;
  }

  public int channels() {
    return channels;
  }

  /** How much sound one packet carries. */
  public Duration frameDuration() {
    return frameDuration;
  }

  /** Samples per channel in one frame: the timestamp increment per packet. */
  public int samplesPerFrame() {
    return samplesPerFrame;
  }

  /** Samples in one frame, all channels: the length of the arrays {@link #encode} takes. */
  public int samplesPerPacket() {
    return samplesPerFrame * channels;
  }

  /** Payload octets of one frame. */
  public int payloadBytesPerFrame() {
    return samplesPerPacket() * (encoding == Encoding.PCMU ? 1 : 2);
  }

  /** The SDP rtpmap value (RFC 4566 §6): {@code PCMU/8000}, {@code L16/48000/2}. */
  public String rtpmap() {
    return encoding.name() + "/" + clockRate + (channels > 1 ? "/" + channels : "");
  }

  /** Encodes interleaved 16-bit samples into a payload. */
  public byte[] encode(short[] samples) {
    if (samples.length % channels != 0) {
      throw new IllegalArgumentException("sample count is not a multiple of the channel count");
    }
    return encoding == Encoding.PCMU ? Pcmu.encode(samples) : L16.encode(samples);
  }

  /** Decodes a payload into interleaved 16-bit samples. */
  public short[] decode(byte[] payload) {
    return encoding == Encoding.PCMU ? Pcmu.decode(payload) : L16.decode(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PayloadFormat f && encoding == f.encoding && payloadType == f.payloadType
        && clockRate == f.clockRate && channels == f.channels && frameDuration.equals(f.frameDuration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(encoding, payloadType, clockRate, channels, frameDuration);
  }

  @Override
  public String toString() {
    return rtpmap() + " pt=" + payloadType + " " + frameDuration.toMillis() + "ms";
  }
}
