package dev.switchboard.transcoding.vad;

import static dev.switchboard.transcoding.fixtures.TestSignals.concat;
import static dev.switchboard.transcoding.fixtures.TestSignals.mix;
import static dev.switchboard.transcoding.fixtures.TestSignals.noise;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.fixtures.SpeechFixtures;
import dev.switchboard.transcoding.fixtures.TestSignals.Colour;
import dev.switchboard.transcoding.g711.G711;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VoiceActivityDetectorTest {

  private static final int RATE = 8000;

  /** Decisions of a fresh detector over a stream cut into frames of {@code millis}. */
  private static List<VadResult> run(short[] stream, int sampleRateHz, int millis) {
    VoiceActivityDetector vad = new VoiceActivityDetector(sampleRateHz);
    List<VadResult> out = new ArrayList<>();
    for (PcmFrame f : SpeechFixtures.frames(new PcmFrame(stream, sampleRateHz), millis)) {
      out.add(vad.process(f));
    }
    return out;
  }

  private static double flaggedFraction(List<VadResult> results) {
    return results.stream().filter(VadResult::speech).count() / (double) results.size();
  }

  @ParameterizedTest(name = "{0} ms frames, onset shifted by {1} samples, noise {2} dBFS")
  @CsvSource({
    "20, 0, -200",
    "20, 37, -200",
    "20, 80, -200",
    "20, 123, -200",
    "10, 0, -200",
    "10, 37, -200",
    "20, 0, -45",
    "20, 61, -45",
    "10, 0, -45",
    "10, 37, -45"
  })
  void firstSpeechFrameIsFlaggedWithin20MillisOfOnset(int frameMillis, int shift, int noiseDbfs) {
    short[] speech = SpeechFixtures.load(SpeechFixtures.ONSET).samples();
    short[] stream = concat(new short[shift], speech);
    if (noiseDbfs > -100) {
      stream = mix(stream, noise(Colour.PINK, noiseDbfs, stream.length, 7));
    }
    int onset = SpeechFixtures.ONSET_SAMPLE + shift;
    List<VadResult> results = run(stream, RATE, frameMillis);
    int frameSamples = RATE * frameMillis / 1000;
    int first = -1;
    for (int i = 0; i < results.size() && first < 0; i++) {
      if (results.get(i).speech()) {
        first = i;
      }
    }
    assertThat(first).as("some frame is flagged").isNotNegative();
    long firstStart = (long) first * frameSamples;
    long firstEnd = firstStart + frameSamples;
    assertThat(firstEnd).as("no frame flagged wholly before the onset").isGreaterThan(onset);
    long lagSamples = firstStart - onset;
    System.out.printf(
        "VAD onset: %d ms frames, shift %d, noise %d dBFS: first flagged frame starts %+.1f ms"
            + " from onset, decision available %.1f ms after onset%n",
        frameMillis, shift, noiseDbfs, lagSamples / 8.0, (firstEnd - onset) / 8.0);
    assertThat(lagSamples)
        .as("first flagged frame start minus onset (samples)")
        .isLessThanOrEqualTo(160);
  }

  @ParameterizedTest(name = "{0} noise at {1} dBFS")
  @CsvSource({"WHITE, -45", "PINK, -45", "BROWN, -45", "WHITE, -30", "PINK, -60", "BROWN, -25"})
  void stationaryNoiseIsAlmostNeverSpeech(Colour colour, int dbfs) {
    for (long seed = 1; seed <= 3; seed++) {
      short[] stream = noise(colour, dbfs, 5 * RATE, seed);
      for (int millis : new int[] {10, 20}) {
        double fraction = flaggedFraction(run(stream, RATE, millis));
        System.out.printf(
            "VAD %s noise %d dBFS seed %d, %d ms frames: %.2f %% flagged%n",
            colour, dbfs, seed, millis, 100 * fraction);
        assertThat(fraction).as("%s seed %d %d ms", colour, seed, millis).isLessThanOrEqualTo(0.01);
      }
    }
  }

  @Test
  void g711SilenceAndOneStepDitherAreNeverSpeech() {
    byte[] idle = new byte[5 * RATE];
    Arrays.fill(idle, G711.ULAW_SILENCE);
    byte[] dither = new byte[5 * RATE];
    SplittableRandom random = new SplittableRandom(3);
    byte[] codes = {(byte) 0xFF, (byte) 0xFE, (byte) 0x7E}; // 0, +8, -8: one step either side
    for (int i = 0; i < dither.length; i++) {
      dither[i] = codes[random.nextInt(3)];
    }
    byte[] alawIdle = new byte[5 * RATE];
    Arrays.fill(alawIdle, G711.ALAW_SILENCE); // decodes to a constant +8
    for (byte[] stream : List.of(idle, dither, alawIdle)) {
      short[] pcm = new short[stream.length];
      if (stream == alawIdle) {
        G711.decodeAlaw(stream, 0, pcm, 0, stream.length);
      } else {
        G711.decodeUlaw(stream, 0, pcm, 0, stream.length);
      }
      assertThat(flaggedFraction(run(pcm, RATE, 20))).isZero();
      assertThat(flaggedFraction(run(pcm, RATE, 10))).isZero();
    }
  }

  @Test
  void recallOnActiveSpeechIsAtLeast90Percent() {
    int active = 0;
    int flagged = 0;
    for (String name : SpeechFixtures.ALL) {
      short[] speech = SpeechFixtures.load(name).samples();
      for (boolean noisy : new boolean[] {false, true}) {
        short[] stream = noisy ? mix(speech, noise(Colour.PINK, -45, speech.length, 11)) : speech;
        List<VadResult> results = run(stream, RATE, 20);
        boolean[] reference = activeSpeechFrames(speech, 160);
        int fileActive = 0;
        int fileFlagged = 0;
        for (int i = 0; i < results.size(); i++) {
          if (reference[i]) {
            fileActive++;
            fileFlagged += results.get(i).speech() ? 1 : 0;
          }
        }
        System.out.printf(
            "VAD recall %s%s: %d/%d active frames flagged (%.1f %%)%n",
            name,
            noisy ? " + pink -45 dBFS" : "",
            fileFlagged,
            fileActive,
            100.0 * fileFlagged / fileActive);
        active += fileActive;
        flagged += fileFlagged;
      }
    }
    System.out.printf("VAD recall overall: %.1f %%%n", 100.0 * flagged / active);
    assertThat(flagged / (double) active).isGreaterThanOrEqualTo(0.90);
  }

  /**
   * Reference labels from the clean fixture: a 20 ms frame is active speech if its power is within
   * 30 dB of the loudest frame (the spirit of ITU-T P.56's active-level threshold, which sits 15.9
   * dB below the active level of the whole utterance).
   */
  private static boolean[] activeSpeechFrames(short[] clean, int frameSamples) {
    int n = clean.length / frameSamples;
    double[] power = new double[n];
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < frameSamples; j++) {
        double s = clean[i * frameSamples + j];
        power[i] += s * s;
      }
      max = Math.max(max, power[i]);
    }
    boolean[] active = new boolean[n];
    for (int i = 0; i < n; i++) {
      active[i] = power[i] >= max * 1e-3;
    }
    return active;
  }
}
