package dev.switchboard.sip.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Barge-in measured on baresip's own files: the caller's speech onsets in what baresip sent ({@code
 * enc} dump) against the moments the agent's audio stops in what it received ({@code dec} dump).
 *
 * <p>Alignment: both dumps are continuous 8 kHz streams (the source on baresip's 20 ms timer; the
 * receive side one frame per RTP packet, without a jitter buffer, and our pacer sends every 20 ms,
 * silence when idle), and both stop when the call ends. So they are aligned at their ends: sample
 * {@code i} of the send dump is sample {@code i - (sent.length - heard.length)} of the receive
 * dump. The send dump starts at baresip's 200 OK and the receive dump at our first packet (after
 * its ACK), which is why their lengths differ; aligning the starts instead would hide that
 * difference and under-report by it. Error: about one packet (20 ms) either way, from where each
 * stream's last frame falls around the hang-up.
 */
final class BargeInTimeline {

  /** |sample| below this (about −54 dBFS) is silence; the agent's tones never get this quiet. */
  static final int SILENT = 64;

  /** |sample| above this (−40 dBFS peak) is speech onset. */
  static final int ACTIVE = 328;

  /** A gap of this many silent samples (10 ms) means the agent stopped. */
  static final int GAP = 80;

  private BargeInTimeline() {}

  /** First sample at or after {@code from} louder than {@link #ACTIVE}, or {@code to}. */
  static int firstActive(short[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Math.abs(s[i]) > ACTIVE) {
        return i;
      }
    }
    return to;
  }

  /** Onsets of speech bursts: active after at least {@code quietMillis} of silence. */
  static List<Integer> onsets(short[] s, int quietMillis) {
    return bursts(s, quietMillis).stream().map(b -> b[0]).toList();
  }

  /**
   * Speech bursts as {@code [first, last]} active samples, split where at least {@code quietMillis}
   * pass without an active sample.
   */
  static List<int[]> bursts(short[] s, int quietMillis) {
    List<int[]> out = new ArrayList<>();
    int quietNeeded = quietMillis * CallerAudio.RATE_HZ / 1000;
    int[] current = null;
    for (int i = 0; i < s.length; i++) {
      if (Math.abs(s[i]) > ACTIVE) {
        if (current == null || i - current[1] >= quietNeeded) {
          current = new int[] {i, i};
          out.add(current);
        }
        current[1] = i;
      }
    }
    return out;
  }

  /**
   * The sample after the agent's last audible sample at or after {@code from}: the start of the
   * first run of {@link #GAP} silent samples; {@code -1} if the agent was not talking at {@code
   * from} (the 20 ms before it hold silence).
   */
  static int agentStop(short[] heard, int from) {
    if (from < 160 || from >= heard.length) {
      return -1;
    }
    if (!audible(heard, from - 160, from)) {
      return -1;
    }
    int silentRun = 0;
    for (int i = from; i < heard.length; i++) {
      silentRun = Math.abs(heard[i]) < SILENT ? silentRun + 1 : 0;
      if (silentRun == GAP) {
        return i - GAP + 1;
      }
    }
    return heard.length;
  }

  private static boolean audible(short[] s, int from, int to) {
    int loud = 0;
    for (int i = from; i < to; i++) {
      if (Math.abs(s[i]) >= SILENT) {
        loud++;
      }
    }
    return loud > (to - from) / 2;
  }

  static double percentile(List<Double> values, double p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }

  static String millis(List<Double> values) {
    return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
  }
}
