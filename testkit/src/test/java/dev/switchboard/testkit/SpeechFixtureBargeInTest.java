package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Barge-in decision latency on real (espeak-ng) speech rather than synthetic bursts: each fixture
 * is the caller talking over 4 s of agent audio, at several phases of the 20 ms frame grid.
 */
class SpeechFixtureBargeInTest {

  private static final String[] FIXTURES = {
    "hello-en-us.wav",
    "billing-en-gb.wav",
    "account-en-f3.wav",
    "stop-en-us-fast.wav",
    "onset-500ms-en-gb.wav"
  };
  private static final int PHASES = 6;

  /** The fixture's 8 kHz samples, scaled to peak at {@code peakDbfs}. */
  static short[] fixture(String name, double peakDbfs) {
    try {
      // The fixtures live in the transcoding test jar: copy one out to read it as a file.
      Path file = Files.createTempFile("fixture-", ".wav");
      file.toFile().deleteOnExit();
      try (InputStream in =
          SpeechFixtureBargeInTest.class.getResourceAsStream("/fixtures/speech/" + name)) {
        Files.copy(Objects.requireNonNull(in, name), file, StandardCopyOption.REPLACE_EXISTING);
      }
      List<short[]> parts = new ArrayList<>();
      int total = 0;
      try (AudioReader reader = AudioFiles.openReader(file, null)) {
        assertThat(reader.sampleRateHz()).isEqualTo(CallHarness.RATE);
        for (PcmFrame f; (f = reader.read(160)) != null; ) {
          parts.add(f.samples());
          total += f.sampleCount();
        }
      }
      short[] all = new short[total];
      int at = 0;
      int peak = 1;
      for (short[] p : parts) {
        System.arraycopy(p, 0, all, at, p.length);
        at += p.length;
      }
      for (short s : all) {
        peak = Math.max(peak, Math.abs(s));
      }
      double gain = 32767 * Math.pow(10, peakDbfs / 20) / peak;
      for (int i = 0; i < all.length; i++) {
        all[i] = (short) Math.round(all[i] * gain);
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * True onset: the first 5 ms window whose level reaches −40 dBFS (what a listener would call the
   * start of the word, well above espeak's silent lead-in).
   */
  static int onsetSample(short[] x) {
    int window = CallHarness.RATE / 200;
    double threshold = Math.pow(32768 * Math.pow(10, -40 / 20.0), 2);
    for (int start = 0; start + window <= x.length; start++) {
      double sum = 0;
      for (int i = start; i < start + window; i++) {
        sum += (double) x[i] * x[i];
      }
      if (sum / window >= threshold) {
        return start;
      }
    }
    throw new AssertionError("no speech in fixture");
  }

  @Test
  void decisionLatencyOnSpeechFixtures() {
    List<Long> latenciesMs = new ArrayList<>();
    int runs = 0;
    for (String name : FIXTURES) {
      short[] speech = fixture(name, -6);
      int onsetInFixture = onsetSample(speech);
      for (int phase = 0; phase < PHASES; phase++) {
        CallHarness h = new CallHarness("fx" + runs++);
        double start = 2.0 + phase * 0.0033; // sweep the 20 ms grid
        short[] caller = new short[CallHarness.RATE * 6];
        Signals.mixInto(caller, speech, (int) Math.round(start * CallHarness.RATE));
        h.transport.callerSignal(caller);
        h.backend.speak(
            Duration.ofMillis(1000), "r", "item", CallHarness.agentTone(4, 440), 4, "Text.");
        h.start();
        h.runUntil(6);
        double onset = start + onsetInFixture / (double) CallHarness.RATE;
        assertThat(h.transport.clearTimes())
            .as("%s phase %d: no barge-in", name, phase)
            .isNotEmpty();
        Duration firstClear = h.transport.clearTimes().getFirst();
        latenciesMs.add(Math.round((firstClear.toNanos() / 1e9 - onset) * 1000));
        double heard = h.heardSecondsFrom(1.0);
        assertThat(h.session().truncations().getFirst().heard().toNanos() / 1e9)
            .isCloseTo(heard, within(BargeInScenarioTest.TRUNCATION_TOLERANCE_S))
            .isLessThanOrEqualTo(h.session().delivered("item").toNanos() / 1e9);
      }
    }
    long p50 = EchoRobustnessTest.pct(latenciesMs, 50);
    long p95 = EchoRobustnessTest.pct(latenciesMs, 95);
    System.out.printf(
        "speech fixtures: onset->clear over %d onsets: p50=%d ms p95=%d ms, max=%d ms%n",
        latenciesMs.size(),
        p50,
        p95,
        latenciesMs.stream().mapToLong(Long::longValue).max().orElse(-1));
    assertThat(latenciesMs).allMatch(ms -> ms >= 0, "clear never precedes the onset");
    assertThat(p50).isLessThanOrEqualTo(100);
    assertThat(p95).isLessThanOrEqualTo(150);
  }
}
