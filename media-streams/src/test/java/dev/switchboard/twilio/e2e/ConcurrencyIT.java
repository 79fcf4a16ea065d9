package dev.switchboard.twilio.e2e;

import static dev.switchboard.twilio.e2e.TwilioHarness.TRANSCODE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Tones;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.twilio.TwilioSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Concurrent calls stay isolated: each caller says its own frequency, and each backend session
 * hears exactly one of them, all different; every caller hears the agent.
 */
class ConcurrencyIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(ints = {2, 50})
  void callsDoNotLeakIntoEachOther(int calls) throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      List<TwilioSimulator> sims = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        TwilioSimulator s = h.call(TRANSCODE);
        s.say(Tones.sine(frequency(i), -12, 1000, 8000));
        sims.add(s);
      }
      Set<Integer> found = new HashSet<>();
      for (int i = 0; i < calls; i++) {
        FakeConnection c = h.fake.awaitConnection(i, WAIT);
        c.received().awaitCount("input_audio_buffer.append", 60, WAIT);
      }
      for (int i = 0; i < calls; i++) {
        FakeConnection c = h.fake.connections().get(i);
        short[] in = TwilioHarness.appendedAudio(c, false);
        int onset = Audio.firstLoudWindow(in, 24000, -30);
        assertThat(onset).as("connection %d heard a caller", i).isNotNegative();
        int best = -1;
        double bestDb = -200;
        for (int k = 0; k < calls; k++) {
          double db = Tones.goertzelDb(in, onset + 2400, 9600, frequency(k), 24000);
          if (db > bestDb) {
            bestDb = db;
            best = k;
          }
        }
        assertThat(bestDb).as("connection %d tone level", i).isGreaterThan(-15);
        found.add(best);
        for (int k = 0; k < calls; k++) {
          if (k != best) {
            assertThat(Tones.goertzelDb(in, onset + 2400, 9600, frequency(k), 24000))
                .as("connection %d carries caller %d's tone", i, k)
                .isLessThan(bestDb - 30);
          }
        }
      }
      assertThat(found).hasSize(calls);
      for (TwilioSimulator s : sims) {
        s.await("greeting", x -> Audio.toneSamples(x.heard(), 8000, 440, -20) >= 6400, WAIT);
      }
    }
  }

  /** 300, 350, ... Hz: 50 Hz apart, well resolved by a 400 ms Goertzel window. */
  static double frequency(int i) {
    return 300 + 50 * i;
  }
}
