package dev.switchboard.transcoding.vad;

import static dev.switchboard.transcoding.fixtures.TestSignals.concat;
import static dev.switchboard.transcoding.fixtures.TestSignals.mix;
import static dev.switchboard.transcoding.fixtures.TestSignals.noise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.fixtures.SpeechFixtures;
import dev.switchboard.transcoding.fixtures.TestSignals.Colour;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rates other than 8 kHz, adaptation to a change of background, reset, energy and errors. */
class VoiceActivityDetectorBehaviourTest {

  private static List<VadResult> run(VoiceActivityDetector vad, short[] stream, int rateHz) {
    List<VadResult> out = new ArrayList<>();
    for (PcmFrame f : SpeechFixtures.frames(new PcmFrame(stream, rateHz), 20)) {
      out.add(vad.process(f));
    }
    return out;
  }

  /**
   * 8 kHz to {@code factor}×8 kHz for the test only: zero-stuff, then a 97-tap Hann-windowed sinc
   * low-pass at 3.8 kHz removes the images, so the content stays in the telephone band.
   */
  private static short[] upsample(short[] in, int factor) {
    int taps = 97;
    double[] h = new double[taps];
    double cutoff = 3800.0 / (8000 * factor);
    for (int i = 0; i < taps; i++) {
      double m = i - (taps - 1) / 2.0;
      double sinc = m == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
      h[i] = factor * sinc * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (taps - 1)));
    }
    short[] out = new short[in.length * factor];
    for (int n = 0; n < out.length; n++) {
      double acc = 0;
      for (int k = 0; k < taps; k++) {
        int j = n - k;
        if (j >= 0 && j % factor == 0) {
          acc += h[k] * in[j / factor];
        }
      }
      out[n] = (short) Math.max(-32768, Math.min(32767, Math.round(acc)));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} Hz")
  @ValueSource(ints = {16000, 24000})
  void widebandStreamsAreAnalysedOnTheirTelephoneBand(int rateHz) {
    int factor = rateHz / 8000;
    short[] speech = upsample(SpeechFixtures.load(SpeechFixtures.ONSET).samples(), factor);
    // Filter delay of the test upsampler: 48 taps at the high rate.
    int onset = SpeechFixtures.ONSET_SAMPLE * factor + 48;
    List<VadResult> results = run(new VoiceActivityDetector(rateHz), speech, rateHz);
    int frameSamples = rateHz / 50;
    int first = 0;
    while (!results.get(first).speech()) {
      first++;
    }
    long decisionLagSamples = (long) (first + 1) * frameSamples - onset;
    assertThat(decisionLagSamples).isPositive().isLessThanOrEqualTo(rateHz / 50);
    short[] hiss = noise(Colour.WHITE, -45, 3 * rateHz, 5);
    long flagged =
        run(new VoiceActivityDetector(rateHz), hiss, rateHz).stream()
            .filter(VadResult::speech)
            .count();
    assertThat(flagged).isLessThanOrEqualTo(1);
  }

  @Test
  void aNewBackgroundIsLearntWithinTheNoiseWindowAndSpeechOverItIsStillFound() {
    short[] quiet = new short[8000];
    short[] hum = noise(Colour.PINK, -40, 4 * 8000, 21);
    short[] speech = SpeechFixtures.load("hello-en-us.wav").samples();
    short[] stream = concat(quiet, mix(hum, concat(new short[2 * 8000], speech)));
    List<VadResult> results = run(new VoiceActivityDetector(8000), stream, 8000);
    // The step from silence to noise looks like speech until the floor learns it: a band steady
    // for 300 ms is taken as noise (NoiseFloorTracker), so well within 700 ms plus hangover.
    int learntBy = 50 + 700 / 20;
    int speechFrom = 50 + 100;
    long lateFalseAlarms =
        results.subList(learntBy, speechFrom).stream().filter(VadResult::speech).count();
    long adaptationFrames =
        results.subList(50, learntBy).stream().filter(VadResult::speech).count();
    System.out.printf(
        "VAD background step silence -> pink -40 dBFS: %d ms flagged while the floor learns%n",
        adaptationFrames * 20);
    assertThat(lateFalseAlarms).isZero();
    long flaggedInSpeech =
        results.subList(speechFrom, speechFrom + 100).stream().filter(VadResult::speech).count();
    assertThat(flaggedInSpeech).isGreaterThan(70);
  }

  @Test
  void energyIsReportedInDbfsAndProbabilitySeparatesSpeechFromNoise() {
    VoiceActivityDetector vad = new VoiceActivityDetector(8000);
    short[] noise = noise(Colour.WHITE, -45, 8000, 9);
    double meanNoiseProbability =
        run(vad, noise, 8000).stream()
            .mapToDouble(VadResult::speechProbability)
            .average()
            .orElse(1);
    VadResult last = vad.process(new PcmFrame(java.util.Arrays.copyOf(noise, 160), 8000));
    assertThat(last.energyDbfs()).isBetween(-46.5, -43.5);
    assertThat(last.noiseFloorDbfs()).isLessThan(-44);
    assertThat(meanNoiseProbability).isLessThan(0.05);
    short[] speech = SpeechFixtures.load("billing-en-gb.wav").samples();
    double maxSpeechProbability =
        run(vad, speech, 8000).stream().mapToDouble(VadResult::speechProbability).max().orElse(0);
    assertThat(maxSpeechProbability).isGreaterThan(0.99);
    assertThat(vad.process(PcmFrame.silence(8000, 20)).energyDbfs())
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void resetForgetsTheStream() {
    short[] speech = SpeechFixtures.load("stop-en-us-fast.wav").samples();
    VoiceActivityDetector vad = new VoiceActivityDetector(8000);
    List<VadResult> first = run(vad, speech, 8000);
    run(vad, noise(Colour.BROWN, -30, 8000, 2), 8000);
    vad.reset();
    assertThat(run(vad, speech, 8000)).isEqualTo(first);
  }

  @Test
  void rejectsFramesItCannotAnalyseNamingTheValue() {
    VoiceActivityDetector vad = new VoiceActivityDetector(8000);
    assertThatThrownBy(() -> vad.process(new PcmFrame(new short[100], 8000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100 samples");
    assertThatThrownBy(() -> vad.process(PcmFrame.silence(16000, 20)))
        .hasMessageContaining("16000 Hz");
    assertThatThrownBy(() -> new VoiceActivityDetector(11025)).hasMessageContaining("11025");
    assertThatThrownBy(() -> VadConfig.defaults().withSpeechThreshold(1.5))
        .hasMessageContaining("1.5");
  }
}
