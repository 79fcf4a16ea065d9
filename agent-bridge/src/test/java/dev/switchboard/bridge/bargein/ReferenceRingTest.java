package dev.switchboard.bridge.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference ring's block summaries replace per-frame scans of copied reference: the canceller
 * must give exactly the same results with them as without, whatever order agent audio arrives in
 * (lead, gaps, audio replaced after a barge-in, odd chunk sizes, silences longer than the ring).
 */
class ReferenceRingTest {

  @Test
  void summariesMatchAScanOfTheCopiedSamples() {
    // 16 divides the ring; 48 (2 ms at 24 kHz) does not, so summary slots and ring wrap disagree.
    for (int block : new int[] {16, 48}) {
      summariesMatchAScan(block);
    }
  }

  private static void summariesMatchAScan(int block) {
    Random random = new Random(3);
    ReferenceRing ring = new ReferenceRing(3000, block);
    long at = 0;
    for (int step = 0; step < 400; step++) {
      int len = 1 + random.nextInt(300);
      long start =
          switch (random.nextInt(4)) {
            case 0 -> at + random.nextInt(500); // a gap
            case 1 -> Math.max(0, at - random.nextInt(400)); // replaces queued audio
            default -> at;
          };
      short[] chunk = new short[len];
      for (int i = 0; i < len; i++) {
        chunk[i] = random.nextInt(5) == 0 ? 0 : (short) (random.nextGaussian() * 6000);
      }
      ring.add(chunk, start);
      at = Math.max(at, start + len);
      if (random.nextInt(25) == 0) {
        at += 5000; // longer than the ring: everything before reads as zeros
      }
      long lastBlock = Math.floorDiv(ring.end(), block);
      for (long k = lastBlock - 4200 / block; k <= lastBlock + 2; k++) {
        float[] copy = new float[block];
        ring.copy(k * block, copy, 0, block);
        double e = 0;
        float p = 0;
        float m = 0;
        for (float v : copy) {
          e += (double) v * v;
          p = Math.max(p, Math.abs(v));
          m += Math.abs(v);
        }
        assertThat(ring.blockEnergy(k))
            .as("energy of %d-sample block %d at step %d", block, k, step)
            .isEqualTo(e);
        assertThat(ring.blockPeak(k)).as("peak of block %d", k).isEqualTo(p);
        assertThat(ring.blockMagnitude(k)).as("magnitude of block %d", k).isEqualTo(m);
      }
    }
  }

  @Test
  void theCancellerGivesIdenticalResultsWithAndWithoutSummaries() {
    for (int rate : new int[] {8000, 24000}) {
      EchoCanceller summaries = new EchoCanceller(rate, 8, 96, NlmsKernel.scalar(), true);
      EchoCanceller scans = new EchoCanceller(rate, 8, 96, NlmsKernel.scalar(), false);
      int frame = rate / 50;
      Random random = new Random(rate);
      short[] agent = new short[frame];
      long lead = frame * 5L;
      int quiet = 0;
      for (int f = 0; f < 600; f++) {
        long first = (long) f * frame;
        if (quiet > 0) {
          quiet--;
        } else if (random.nextInt(40) == 0) {
          quiet = 30 + random.nextInt(40); // the agent pauses
        } else {
          for (int i = 0; i < frame; i++) {
            agent[i] = (short) (random.nextGaussian() * 5000);
          }
          long start = first + lead;
          if (random.nextInt(30) == 0) {
            start -= frame * 3L; // a barge-in replaced queued audio
          }
          summaries.addReference(agent, start);
          scans.addReference(agent, start);
          if (random.nextInt(20) == 0) {
            short[] odd = Arrays.copyOf(agent, 1 + random.nextInt(frame - 1));
            summaries.addReference(odd, start + frame);
            scans.addReference(odd, start + frame);
          }
        }
        short[] mic = new short[frame];
        for (int i = 0; i < frame; i++) {
          mic[i] = (short) (random.nextGaussian() * (f % 100 < 30 ? 3000 : 300));
        }
        short[] outA = new short[frame];
        short[] outB = new short[frame];
        EchoAnalysis a = summaries.process(mic, first + frame, outA);
        EchoAnalysis b = scans.process(mic, first + frame, outB);
        assertThat(a).as("analysis of frame %d at %d Hz", f, rate).isEqualTo(b);
        assertThat(outA).as("residual of frame %d at %d Hz", f, rate).isEqualTo(outB);
      }
    }
  }
}
