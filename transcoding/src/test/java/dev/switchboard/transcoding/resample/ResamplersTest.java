package dev.switchboard.transcoding.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import org.junit.jupiter.api.Test;

class ResamplersTest {

  @Test
  void toStringNamesTheStage() {
    assertThat(Resamplers.create(8000, 24000))
        .hasToString("resample 8000->24000 (polyphase L=3 M=1, 139 taps, 2.875 ms)");
    assertThat(Resamplers.create(24000, 16000))
        .hasToString("resample 24000->16000 (polyphase L=2 M=3, 139 taps, 1.438 ms)");
    assertThat(Resamplers.create(16000, 16000)).hasToString("resample 16000->16000 (pass-through)");
  }

  @Test
  void unsupportedRatesAreRejectedByName() {
    assertThatThrownBy(() -> Resamplers.create(11025, 8000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input rate 11025 Hz")
        .hasMessageContaining("8000, 16000, 24000, 48000");
    assertThatThrownBy(() -> Resamplers.create(8000, 44100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output rate 44100 Hz");
  }

  @Test
  void framesAtTheWrongRateAreRejected() {
    Resampler resampler = Resamplers.create(8000, 24000);
    assertThatThrownBy(() -> resampler.process(PcmFrame.silence(16000, 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16000 Hz, expected 8000");
    Resampler same = Resamplers.create(8000, 8000);
    assertThatThrownBy(() -> same.process(PcmFrame.silence(24000, 20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24000 Hz, expected 8000");
  }

  @Test
  void passThroughCopiesTheSamples() {
    Resampler same = Resamplers.create(24000, 24000);
    short[] samples = {1, -2, 3, 32767, -32768};
    PcmFrame out = same.process(new PcmFrame(samples, 24000));
    assertThat(out.samples()).containsExactly(samples).isNotSameAs(samples);
    assertThat(same.delayMillis()).isZero();
  }

  @Test
  void reportsItsRatesAndDelay() {
    Resampler down = Resamplers.create(24000, 8000);
    assertThat(down.inputRateHz()).isEqualTo(24000);
    assertThat(down.outputRateHz()).isEqualTo(8000);
    assertThat(down.delayMillis()).isEqualTo(2.875);
  }
}
