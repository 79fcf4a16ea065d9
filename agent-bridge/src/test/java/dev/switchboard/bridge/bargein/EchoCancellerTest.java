package dev.switchboard.bridge.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.PcmFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The canceller must never put the agent's voice into the uplink. With no echo path at all (a
 * digital caller such as a softphone playing a file) a caller talking over the agent more quietly
 * than the Geigel ratio used to be "learned" as echo; when the caller stopped, the filter's output
 * was the agent's own audio, subtracted from silence and sent to the model (found by the baresip
 * ITs: 20–60 ms blips of the agent's tone after each caller utterance). What the uplink sends on
 * must never carry the agent.
 */
class EchoCancellerTest {

  private static final int RATE = 8000;
  private static final int FRAME = RATE / 50;
  private static final long NANOS_PER_SAMPLE = 1_000_000_000L / RATE;

  @Test
  void aQuietCallerWithoutEchoNeverTeachesTheFilterToInjectTheAgent() {
    UplinkAnalyzer uplink =
        new UplinkAnalyzer(
            BargeInPolicy.defaults(),
            EnergyOnsetClassifier.defaults(),
            EchoCanceller.forRate(RATE),
            RATE,
            0);
    Random random = new Random(7);
    double phase = 0;
    double worstAgentDb = -200;
    double worstExcessDb = -200;
    for (int f = 0; f < 200; f++) { // 4 s: caller talks 1-2 s and 2.5-3 s over the agent
      short[] ref = new short[FRAME];
      for (int i = 0; i < FRAME; i++, phase += 2 * Math.PI * 440 / RATE) {
        ref[i] = (short) Math.round(0.3 * 32767 * Math.sin(phase)); // agent at about -13 dBFS
      }
      long start = (long) f * FRAME;
      uplink.onAgentAudio(new PcmFrame(ref, RATE), start * NANOS_PER_SAMPLE);
      boolean talking = (f >= 50 && f < 100) || (f >= 125 && f < 150);
      short[] mic = new short[FRAME];
      for (int i = 0; i < FRAME; i++) {
        double caller = talking ? 0.05 * 32767 * random.nextGaussian() : 0; // about -26 dBFS
        mic[i] = (short) Math.clamp(Math.round(caller + random.nextGaussian() * 3), -32768, 32767);
      }
      short[] out =
          uplink
              .analyze(new PcmFrame(mic, RATE), (start + FRAME) * NANOS_PER_SAMPLE)
              .cleaned()
              .samples();
      worstExcessDb = Math.max(worstExcessDb, levelDb(out) - levelDb(mic));
      if (!talking && f >= 50) {
        worstAgentDb = Math.max(worstAgentDb, toneDb(out, 440));
      }
    }
    assertThat(worstAgentDb)
        .as("agent tone in the uplink while the caller is silent (dBFS)")
        .isLessThan(-70);
    assertThat(worstExcessDb)
        .as("how much louder what the uplink sends on ever is than the microphone (dB)")
        .isLessThanOrEqualTo(6.5); // the divergence threshold: 6 dB
  }

  private static double levelDb(short[] s) {
    double acc = 0;
    for (short v : s) {
      acc += (double) v * v;
    }
    return 10 * Math.log10(acc / s.length / (32768.0 * 32768.0) + 1e-20);
  }

  /** Level of one tone in dBFS (Goertzel, amplitude of a full-scale sine = 0 dBFS - 3 dB). */
  private static double toneDb(short[] s, double hz) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / RATE);
    double q1 = 0;
    double q2 = 0;
    for (short v : s) {
      double q0 = coeff * q1 - q2 + v / 32768.0;
      q2 = q1;
      q1 = q0;
    }
    double power = q1 * q1 + q2 * q2 - coeff * q1 * q2;
    double amplitude = 2 * Math.sqrt(Math.max(power, 0)) / s.length;
    return 20 * Math.log10(amplitude / Math.sqrt(2) + 1e-20);
  }
}
