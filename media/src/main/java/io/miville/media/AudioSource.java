package io.miville.media;

/**
 * Where a source stream's sound comes from: fills one frame of interleaved 16-bit samples at the
 * stream's clock rate each time the sender is due to send.
 *
 * <p>Called on the sender's timer thread; must be quick and must not block.
 */
@FunctionalInterface
public interface AudioSource {

  /** Writes the next {@code samples.length} samples (all channels interleaved) into the array. */
  void fill(short[] samples);

  /** Silence. */
  static AudioSource silence() {
    return samples -> java.util.Arrays.fill(samples, (short) 0);
  }
}
