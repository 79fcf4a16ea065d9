package dev.switchboard.transcoding.opus;

import static dev.switchboard.transcoding.testing.Signals.rms;
import static dev.switchboard.transcoding.testing.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimatorTest {

  private static short[] run(Decimator d, short[] in48, int chunk) {
    short[] out = new short[0];
    for (int off = 0; off < in48.length; off += chunk) {
      short[] part = d.process(Arrays.copyOfRange(in48, off, off + chunk), chunk);
      short[] grown = Arrays.copyOf(out, out.length + part.length);
      System.arraycopy(part, 0, grown, out.length, part.length);
      out = grown;
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {24000, 16000, 12000, 8000})
  void passesSpeechBandAndRejectsWhatWouldAlias(int outRateHz) {
    short[] pass = run(new Decimator(outRateHz), tone(1000, 48000, 48000, 0.5), 960);
    assertThat(pass).hasSize(outRateHz);
    double inRms = 0.5 * 32767 / Math.sqrt(2);
    // Pass band: within 0.1 dB.
    assertThat(rms(pass, outRateHz / 10, outRateHz) / inRms).isCloseTo(1.0, within(0.012));
    // 0.6 × the output rate folds into the pass band; the filter must remove it (> 60 dB).
    short[] stop = run(new Decimator(outRateHz), tone(0.6 * outRateHz, 48000, 48000, 0.5), 960);
    assertThat(20 * Math.log10(rms(stop, outRateHz / 10, outRateHz) / inRms)).isLessThan(-60);
  }

  @ParameterizedTest
  @ValueSource(ints = {120, 480, 960})
  void frameSizeDoesNotChangeTheOutput(int chunk) {
    short[] in = tone(1234, 48000, 5760, 0.7);
    assertThat(run(new Decimator(16000), in, chunk)).isEqualTo(run(new Decimator(16000), in, 5760));
  }
}
