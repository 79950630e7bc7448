package io.miville.media;

/**
 * A generated sine tone, the same on every channel, continuous in phase from frame to frame.
 *
 * <p>The level is in dBFS relative to a full-scale sine: 0 dBFS has a peak of 32767, -20 dBFS a
 * peak of 3277. Not thread-safe: one sender reads it.
 */
public final class ToneSource implements AudioSource {
  private final double frequency;
  private final double level;
  private final int channels;
  private final double amplitude;
  private final double phaseStep;
  private double phase;

  private ToneSource(PayloadFormat format, double frequency, double level) {
    if (!(frequency > 0) || frequency >= format.clockRate() / 2.0) {
      throw new IllegalArgumentException(
          "tone frequency " + frequency + " Hz not in (0, " + format.clockRate() / 2 + ") Hz");
    }
    if (!(level <= 0)) {
      throw new IllegalArgumentException("tone level " + level + " dBFS is above full scale");
    }
    this.frequency = frequency;
    this.level = level;
    this.channels = format.channels();
    this.amplitude = 32767 * Math.pow(10, level / 20);
    this.phaseStep = 2 * Math.PI * frequency / format.clockRate();
  }

  /** A tone of {@code frequencyHz} at {@code levelDbfs} (at most 0) for the given format. */
  public static ToneSource create(PayloadFormat format, double frequencyHz, double levelDbfs) {
    return new ToneSource(format, frequencyHz, levelDbfs);
  }

  @Override
  public void fill(short[] samples) {
    for (int i = 0; i + channels <= samples.length; i += channels) {
      short value = (short) Math.round(amplitude * Math.sin(phase));
      for (int c = 0; c < channels; c++) {
        samples[i + c] = value;
      }
      phase += phaseStep;
      if (phase >= 2 * Math.PI) {
        phase -= 2 * Math.PI;
      }
    }
  }

  public double frequency() {
    return frequency;
  }

  /** The level in dBFS. */
  public double level() {
    return level;
  }

  /** The peak sample value. */
  public double amplitude() {
    return amplitude;
  }
}
