package io.miville.media;

/**
 * G.711 µ-law (PCMU, RTP payload type 0 at 8000 Hz, RFC 3551 §4.5.14): 16-bit linear samples to
 * 8-bit codes and back.
 *
 * <p>The 16-bit form of the ITU-T G.711 µ-law curve: the magnitude is clipped to 32635, biased by
 * 132, and coded as a 3-bit segment (the position of its top bit) and the 4 bits below that top
 * bit; the code is sent inverted. In segment {@code s} the step is {@code 2^(s+3)} and decoding
 * returns the middle of the step, so the error of a round trip is at most {@code 2^(s+2)}
 * (4 near zero, 512 at full scale) for magnitudes up to 32635.
 */
public final class Pcmu {
  /** RTP payload type of PCMU (RFC 3551 table 4). */
  public static final int PAYLOAD_TYPE = 0;
  static final int BIAS = 0x84;
  static final int CLIP = 32635;
  private static final short[] DECODED = new short[256];

  static {
    for (int code = 0; code < 256; code++) {
      DECODED[code] = decodeSlow((byte) code);
    }
  }

  private Pcmu() {}

  /** The µ-law code of one 16-bit linear sample. */
  public static byte encode(short sample) {
    int magnitude = sample;
    int sign = 0;
    if (magnitude < 0) {
      sign = 0x80;
      magnitude = -magnitude;
    }
    magnitude = Math.min(magnitude, CLIP) + BIAS;
    // the biased magnitude is in [132, 32767]: its top bit is bit 7 (segment 0) to bit 14 (7)
    int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
    int mantissa = (magnitude >> (segment + 3)) & 0x0F;
    return (byte) ~(sign | segment << 4 | mantissa);
  }

  /** The 16-bit linear sample a µ-law code stands for. */
  public static short decode(byte code) {
    return DECODED[code & 0xFF];
  }

  /** Encodes samples into a new array of codes, one octet per sample. */
  public static byte[] encode(short[] samples) {
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = encode(samples[i]);
    }
    return out;
  }

  /** Decodes codes into a new array of samples. */
  public static short[] decode(byte[] codes) {
    short[] out = new short[codes.length];
    for (int i = 0; i < codes.length; i++) {
      out[i] = decode(codes[i]);
    }
    return out;
  }

  private static short decodeSlow(byte code) {
    int bits = ~code & 0xFF;
    int segment = (bits >> 4) & 0x07;
    int mantissa = bits & 0x0F;
    // middle of the step: the mantissa, a half-step bit, and the implicit top bit (the bias)
    int magnitude = (((mantissa << 3) + BIAS) << segment) - BIAS;
    return (short) ((bits & 0x80) != 0 ? -magnitude : magnitude);
  }
}
