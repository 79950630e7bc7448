package io.miville.media;

/**
 * L16 (RFC 3551 §4.5.11): uncompressed signed 16-bit samples in network byte order
 * (big-endian), channels interleaved sample by sample.
 */
public final class L16 {
  private L16() {}

  /** Samples (interleaved if more than one channel) to big-endian octets, two per sample. */
  public static byte[] encode(short[] samples) {
    byte[] out = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      out[2 * i] = (byte) (samples[i] >> 8);
      out[2 * i + 1] = (byte) samples[i];
    }
    return out;
  }

  /**
   * Big-endian octets back to samples.
   *
   * @throws IllegalArgumentException if the length is odd
   */
  public static short[] decode(byte[] octets) {
    if (octets.length % 2 != 0) {
      throw new IllegalArgumentException("L16 payload of odd length " + octets.length);
    }
    short[] out = new short[octets.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) ((octets[2 * i] << 8) | (octets[2 * i + 1] & 0xFF));
    }
    return out;
  }
}
