package io.miville.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CodecTest {

  @Test
  void pcmuKnownCodes() {
    // G.711 µ-law: zero is 0xFF (sent inverted), the extremes are 0x80 and 0x00
    assertThat(Pcmu.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(Pcmu.encode((short) -1)).isEqualTo((byte) 0x7F);
    assertThat(Pcmu.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
    assertThat(Pcmu.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    assertThat(Pcmu.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(Pcmu.decode((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(Pcmu.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(Pcmu.decode((byte) 0x7F)).isEqualTo((short) 0);
    // segment 0 steps by 8 (in 16-bit units): 0xFE stands for 8
    assertThat(Pcmu.decode((byte) 0xFE)).isEqualTo((short) 8);
  }

  @Test
  void pcmuRoundTripOfEverySampleIsWithinHalfAStep() {
    for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
      byte code = Pcmu.encode((short) sample);
      int segment = (~code >> 4) & 0x07;
      int decoded = Pcmu.decode(code);
      int error = Math.abs(decoded - sample);
      if (Math.abs(sample) <= Pcmu.CLIP) {
        // step 2^(segment+3), decoded at its middle
        assertThat(error).as("sample %d", sample).isLessThanOrEqualTo(1 << (segment + 2));
      } else {
        assertThat(Math.abs(decoded)).isEqualTo(32124);
      }
      assertThat(Integer.signum(decoded) * Integer.signum(sample)).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void pcmuCodesSurviveDecodeEncodeAndDecodingIsMonotonic() {
    for (int code = 0; code < 256; code++) {
      if (code == 0x7F) {
        continue; // negative zero decodes to 0, which encodes as positive zero 0xFF
      }
      assertThat(Pcmu.encode(Pcmu.decode((byte) code))).as("code %02x", code).isEqualTo((byte) code);
    }
    assertThat(Pcmu.encode(Pcmu.decode((byte) 0x7F))).isEqualTo((byte) 0xFF);
    int previous = Integer.MIN_VALUE;
    for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
      int decoded = Pcmu.decode(Pcmu.encode((short) sample));
      assertThat(decoded).isGreaterThanOrEqualTo(previous);
      previous = decoded;
    }
  }

  @Test
  void pcmuSignalToNoiseOfATone() {
    // G.711 keeps about 38 dB of signal to quantization noise over a wide range of levels,
    // slipping below that where the quiet segments turn linear
    for (double level : new double[] {-3, -10, -20, -30}) {
      PayloadFormat pcmu = PayloadFormat.pcmu();
      short[] tone = new short[8000];
      ToneSource.create(pcmu, 1004, level).fill(tone);
      short[] back = Pcmu.decode(Pcmu.encode(tone));
      double signal = 0;
      double noise = 0;
      for (int i = 0; i < tone.length; i++) {
        signal += (double) tone[i] * tone[i];
        noise += (double) (back[i] - tone[i]) * (back[i] - tone[i]);
      }
      double snr = 10 * Math.log10(signal / noise);
      assertThat(snr).as("SNR at %s dBFS", level).isBetween(level > -25 ? 35.0 : 33.0, 40.0);
    }
  }

  @Test
  void l16IsBigEndianAndInterleaved() {
    short[] stereo = {0x1234, (short) 0xFEDC, -1, 0};
    byte[] wire = L16.encode(stereo);
    assertThat(wire).containsExactly(0x12, 0x34, 0xFE, 0xDC, 0xFF, 0xFF, 0x00, 0x00);
    assertThat(L16.decode(wire)).containsExactly(stereo);
    assertThatThrownBy(() -> L16.decode(new byte[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void l16RoundTripIsExactForEverySample() {
    short[] all = new short[65536];
    for (int i = 0; i < all.length; i++) {
      all[i] = (short) (i + Short.MIN_VALUE);
    }
    assertThat(L16.decode(L16.encode(all))).containsExactly(all);
  }

  @Test
  void payloadFormats() {
    PayloadFormat pcmu = PayloadFormat.pcmu();
    assertThat(pcmu.payloadType()).isZero();
    assertThat(pcmu.clockRate()).isEqualTo(8000);
    assertThat(pcmu.samplesPerFrame()).isEqualTo(160);
    assertThat(pcmu.payloadBytesPerFrame()).isEqualTo(160);
    assertThat(pcmu.rtpmap()).isEqualTo("PCMU/8000");

    PayloadFormat stereo = PayloadFormat.l16(97, 2);
    assertThat(stereo.clockRate()).isEqualTo(48000);
    assertThat(stereo.samplesPerFrame()).isEqualTo(960);
    assertThat(stereo.samplesPerPacket()).isEqualTo(1920);
    assertThat(stereo.payloadBytesPerFrame()).isEqualTo(3840);
    assertThat(stereo.rtpmap()).isEqualTo("L16/48000/2");
    assertThat(PayloadFormat.l16(96, 1).rtpmap()).isEqualTo("L16/48000");

    PayloadFormat tenMs = pcmu.withFrameDuration(Duration.ofMillis(10));
    assertThat(tenMs.samplesPerFrame()).isEqualTo(80);
    assertThat(tenMs).isNotEqualTo(pcmu).isEqualTo(PayloadFormat.pcmu().withFrameDuration(Duration.ofMillis(10)));

    assertThatThrownBy(() -> PayloadFormat.l16(0, 1)).hasMessageContaining("dynamic");
    assertThatThrownBy(() -> PayloadFormat.l16(96, 3)).hasMessageContaining("mono or stereo");
    assertThatThrownBy(() -> pcmu.withFrameDuration(Duration.ofNanos(100_000)))
        .hasMessageContaining("whole number of samples");
    assertThatThrownBy(() -> pcmu.withFrameDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(pcmu.encode(new short[3])).hasSize(3);
    assertThatThrownBy(() -> stereo.encode(new short[3])).hasMessageContaining("channel");
  }

  @Test
  void toneHasItsFrequencyLevelAndContinuousPhase() {
    PayloadFormat format = PayloadFormat.l16(96, 2);
    ToneSource tone = ToneSource.create(format, 1000, -6);
    short[] second = new short[48000 * 2];
    // one second read in 20 ms frames equals one second read at once
    short[] frame = new short[format.samplesPerPacket()];
    for (int f = 0; f < 50; f++) {
      tone.fill(frame);
      System.arraycopy(frame, 0, second, f * frame.length, frame.length);
    }
    short[] atOnce = new short[48000 * 2];
    ToneSource.create(format, 1000, -6).fill(atOnce);
    assertThat(second).containsExactly(atOnce);

    int crossings = 0;
    int peak = 0;
    for (int i = 2; i < second.length; i += 2) {
      assertThat(second[i + 1]).isEqualTo(second[i]); // same on both channels
      if (second[i - 2] < 0 && second[i] >= 0) {
        crossings++;
      }
      peak = Math.max(peak, Math.abs(second[i]));
    }
    assertThat(crossings).isBetween(999, 1000);
    assertThat((double) peak).isCloseTo(32767 * Math.pow(10, -6 / 20.0), within(2.0));
    assertThatThrownBy(() -> ToneSource.create(format, 24000, -6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToneSource.create(format, 440, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
