package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.bargein.BargeInDetector;
import dev.switchboard.bridge.bargein.BargeInDetector.Decision;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.bargein.EchoCanceller;
import dev.switchboard.bridge.bargein.EnergyOnsetClassifier;
import dev.switchboard.bridge.bargein.UplinkAnalyzer;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The echo bar, on generated signals: the agent's own voice returned at 20 dB ERL, delayed 0-64 ms
 * and coloured, plus -45 dBFS noise, must cause at most one false barge-in per 10 minutes of agent
 * speech; a caller at -20 dBFS talking over it must be detected within 150 ms in at least 95 % of
 * onsets. Pure arithmetic on arrays: the uplink analyser and detector run frame by frame.
 */
class EchoRobustnessTest {

  private static final int RATE = 8000;
  private static final int FRAME = 160;
  private static final int SEGMENT_SECONDS = 30;

  @Test
  void agentEchoAloneRarelyIfEverInterrupts() {
    Sim sim = new Sim(BargeInPolicy.defaults());
    SplittableRandom rnd = new SplittableRandom(42);
    int segments = 21; // 10.5 minutes
    for (int s = 0; s < segments; s++) {
      EchoPath path = randomPath(rnd);
      short[] agent = Signals.speechLike(1000 + s, SEGMENT_SECONDS * 1000, -14, RATE, true);
      sim.run(agent, null, path, 2000 + s);
    }
    double minutes = segments * SEGMENT_SECONDS / 60.0;
    System.out.printf(
        "echo-only: %.1f min agent speech, false commits=%d, false pauses=%d, %s%n",
        minutes, sim.commits, sim.pauses, sim.analyzer);
    assertThat(sim.commits / minutes * 10).isLessThanOrEqualTo(1.0);
    assertThat(sim.pauses / minutes * 10).isLessThanOrEqualTo(2.0);
  }

  @Test
  void baselineWithoutCancellerOrGateIsFooledByEcho() {
    // Same signals, plain energy detection on the raw uplink: shows the bar is not trivial.
    Sim sim = new Sim(BargeInPolicy.defaults().withEchoCancellation(false));
    SplittableRandom rnd = new SplittableRandom(42);
    for (int s = 0; s < 4; s++) {
      short[] agent = Signals.speechLike(1000 + s, SEGMENT_SECONDS * 1000, -14, RATE, true);
      sim.run(agent, null, randomPath(rnd), 2000 + s);
    }
    double minutes = 4 * SEGMENT_SECONDS / 60.0;
    System.out.printf(
        "baseline (no AEC, no echo gate): %.1f min agent speech, false commits=%d (%.0f per 10"
            + " min), false pauses=%d%n",
        minutes, sim.commits, sim.commits / minutes * 10, sim.pauses);
    assertThat(sim.commits).isPositive();
  }

  @Test
  void callerOverEchoIsDetectedFast() {
    Sim sim = new Sim(BargeInPolicy.defaults());
    SplittableRandom rnd = new SplittableRandom(7);
    int trials = 100;
    List<Long> pauseMs = new ArrayList<>();
    List<Long> commitMs = new ArrayList<>();
    int detected150 = 0;
    for (int t = 0; t < trials; t++) {
      EchoPath path = randomPath(rnd);
      short[] agent = Signals.speechLike(5000 + t, 3000, -14, RATE, false);
      short[] caller = new short[agent.length];
      // Onset at 2 s plus a sub-frame offset, after the canceller has heard the agent.
      int onset = 2 * RATE + rnd.nextInt(FRAME);
      Signals.mixInto(caller, Signals.speechLike(9000 + t, 900, -20, RATE, false), onset);
      Sim.Trial r = sim.run(agent, caller, path, 7000 + t, onset);
      if (r.pauseSample >= 0) {
        long ms = (r.pauseSample - onset) * 1000L / RATE;
        pauseMs.add(ms);
        if (ms <= 150) {
          detected150++;
        }
      }
      if (r.commitSample >= 0) {
        commitMs.add((r.commitSample - onset) * 1000L / RATE);
      }
    }
    System.out.printf(
        "caller over echo: %d/%d stopped the agent within 150 ms; onset->clear p50=%d p95=%d ms;"
            + " onset->commit p50=%d p95=%d ms (%d commits)%n",
        detected150,
        trials,
        pct(pauseMs, 50),
        pct(pauseMs, 95),
        pct(commitMs, 50),
        pct(commitMs, 95),
        commitMs.size());
    assertThat(detected150).isGreaterThanOrEqualTo(95 * trials / 100);
    assertThat(pct(pauseMs, 50)).isLessThanOrEqualTo(100);
    assertThat(pct(pauseMs, 95)).isLessThanOrEqualTo(150);
    assertThat(commitMs).hasSizeGreaterThanOrEqualTo(95 * trials / 100);
  }

  private static EchoPath randomPath(SplittableRandom rnd) {
    int delay = rnd.nextInt(64 * RATE / 1000 + 1);
    double[] fir = {
      1.0, rnd.nextDouble(-0.6, 0.6), rnd.nextDouble(-0.3, 0.3), rnd.nextDouble(-0.1, 0.1)
    };
    return new EchoPath(20, delay, fir);
  }

  static long pct(List<Long> values, int p) {
    if (values.isEmpty()) {
      return Long.MAX_VALUE;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** One continuous call's uplink: the analyser keeps adapting across segments. */
  private static final class Sim {
    final UplinkAnalyzer analyzer;
    final BargeInDetector detector;
    long samplesDone;
    int commits;
    int pauses;

    record Trial(long pauseSample, long commitSample) {}

    Sim(BargeInPolicy policy) {
      analyzer =
          new UplinkAnalyzer(
              policy,
              EnergyOnsetClassifier.defaults(),
              policy.echoCancellation() ? EchoCanceller.forRate(RATE) : null,
              RATE,
              0);
      detector = new BargeInDetector(policy);
    }

    Trial run(short[] agent, short[] caller, EchoPath path, long noiseSeed) {
      return run(agent, caller, path, noiseSeed, -1);
    }

    Trial run(short[] agent, short[] caller, EchoPath path, long noiseSeed, int onset) {
      short[] noise = Signals.noise(noiseSeed, agent.length, -45);
      long base = samplesDone;
      long pauseAt = -1;
      long commitAt = -1;
      for (int f = 0; f + FRAME <= agent.length; f += FRAME) {
        // The pacer sends agent frames ahead of playout; the reference lands where they play.
        short[] out = java.util.Arrays.copyOfRange(agent, f, f + FRAME);
        analyzer.onAgentAudio(new PcmFrame(out, RATE), nanos(base + f));
        short[] mic = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
          double v = path.echoAt(agent, f + i) + noise[f + i];
          if (caller != null) {
            v += caller[f + i];
          }
          mic[i] = (short) Math.clamp(Math.round(v), -32768, 32767);
        }
        var r = analyzer.analyze(new PcmFrame(mic, RATE), nanos(base + f + FRAME));
        Decision d = detector.onFrame(r.verdict(), true, 20_000, nanos(base + f + FRAME));
        int end = f + FRAME;
        if (d == Decision.PAUSE || d == Decision.COMMIT) {
          if (onset < 0 || end < onset) {
            pauses += d == Decision.PAUSE ? 1 : 0;
          } else if (pauseAt < 0) {
            pauseAt = end;
          }
        }
        if (d == Decision.COMMIT) {
          if (onset < 0 || end < onset) {
            commits++;
          } else if (commitAt < 0) {
            commitAt = end;
          }
        }
      }
      samplesDone += agent.length;
      return new Trial(pauseAt, commitAt);
    }

    static long nanos(long sample) {
      return sample * 1_000_000_000L / RATE;
    }
  }
}
