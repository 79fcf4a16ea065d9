package dev.switchboard.transcoding.dtmf;

import static dev.switchboard.transcoding.dtmf.GoertzelBank.BLOCK_SAMPLES;
import static dev.switchboard.transcoding.dtmf.GoertzelBank.TONES_HZ;

import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * In-band DTMF detector for one 8 kHz stream (decode G.711 first; resample other rates to 8 kHz).
 *
 * <p>Frames of any size are cut into 102-sample blocks. Each block is screened with eight Goertzel
 * filters ({@link GoertzelBank}): it is a candidate for a key when one low-group and one high-group
 * tone stand out (the group's others 6 dB below), both are near the level and twist limits (3 dB
 * slack here; the exact limits come next) and the pair carries {@value #MIN_BLOCK_PURITY_PERCENT} %
 * of the block's power (speech and noise spread theirs). A run of candidate blocks for the same key
 * becomes a press once
 *
 * <ul>
 *   <li>its duration, estimated as Σ a_b / a_max blocks over the run and the block before it (a
 *       partly covered block has proportionally less tone amplitude), reaches {@link
 *       DtmfConfig#minToneMillis()};
 *   <li>over the last 204 samples ({@link ToneEstimator}) each tone peaks within {@value
 *       #MAX_DEVIATION_PERCENT} % of its nominal frequency (ITU-T Q.24: operate at 1.5 %, never at
 *       3.5 %), is at least {@link DtmfConfig#minToneLevelDbm0()}, the twist is within limits, and
 *       the pair carries {@value #MIN_WINDOW_PURITY_PERCENT} % of the window's power;
 *   <li>the second harmonic is at least {@value #HARMONIC_MARGIN_DB} dB below each tone (voiced
 *       speech has strong harmonics; DTMF has none). Rows 697, 770 and 852 Hz are exempt: their
 *       harmonics fall 58–71 Hz from a column tone, which would mask the test.
 * </ul>
 *
 * <p>The press ends after two blocks without it: Q.24's 40 ms pause always spans two whole blocks,
 * while a dropout under 10 ms never does, so a long or briefly interrupted press stays one event.
 * Events carry sample indexes in the stream fed since creation or {@link #reset()}.
 *
 * <p>Stateful and not thread-safe: one detector per stream, confined to its media thread.
 */
public final class DtmfDetector {

  static final int MIN_BLOCK_PURITY_PERCENT = 60;
  static final int MIN_WINDOW_PURITY_PERCENT = 75;
  static final double MAX_DEVIATION_PERCENT = 2.5;
  static final int HARMONIC_MARGIN_DB = 12;
  private static final double GROUP_MARGIN = Math.pow(10, -6 / 10.0);
  private static final double SCREEN_SLACK = Math.pow(10, 3 / 10.0);
  private static final double HARMONIC_RATIO = Math.pow(10, -HARMONIC_MARGIN_DB / 10.0);
  private static final int END_GAP_BLOCKS = 2;

  /** Edge blocks with less than this fraction of the tone amplitude are taken as empty. */
  private static final double EDGE_FLOOR = 0.1;

  /** 0 dBm0 sine peak: G.711 puts μ-law overload (±8159 in 14 bits) at +3.17 dBm0. */
  private static final double DBM0_SINE_PEAK = 8159 * 4 * Math.pow(10, -3.17 / 20);

  private final GoertzelBank bank = new GoertzelBank();
  private final ToneEstimator estimator = new ToneEstimator(2 * BLOCK_SAMPLES);
  private final double minTonePower;
  private final double maxForwardTwist;
  private final double maxReverseTwist;
  private short[] block = new short[BLOCK_SAMPLES];
  private short[] previousBlock = new short[BLOCK_SAMPLES];
  private final double[] previousPower = new double[TONES_HZ.length];
  private int filled;
  private long blockIndex;

  private final PressTracker press;
  private final IntPredicate acceptance = this::acceptable;

  public DtmfDetector(DtmfConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config is required");
    }
    double amplitude = DBM0_SINE_PEAK * Math.pow(10, config.minToneLevelDbm0() / 20);
    this.minTonePower = amplitude * amplitude / 2;
    this.maxForwardTwist = Math.pow(10, config.maxForwardTwistDb() / 10);
    this.maxReverseTwist = Math.pow(10, config.maxReverseTwistDb() / 10);
    this.press = new PressTracker(config.minToneMillis() * 8.0 / BLOCK_SAMPLES);
  }

  public DtmfDetector() {
    this(DtmfConfig.defaults());
  }

  /** Feeds the next frame (8 kHz, any length); returns the events it completed, often none. */
  public List<DtmfEvent> process(PcmFrame frame) {
    if (frame.sampleRateHz() != GoertzelBank.SAMPLE_RATE_HZ) {
      throw new IllegalArgumentException(
          "DTMF detection needs 8000 Hz input, got " + frame.sampleRateHz() + " Hz");
    }
    List<DtmfEvent> events = null;
    short[] samples = frame.samples();
    int pos = 0;
    while (pos < samples.length) {
      int n = Math.min(BLOCK_SAMPLES - filled, samples.length - pos);
      System.arraycopy(samples, pos, block, filled, n);
      filled += n;
      pos += n;
      if (filled == BLOCK_SAMPLES) {
        filled = 0;
        DtmfEvent event = onBlock();
        if (event != null) {
          events = events == null ? new ArrayList<>(2) : events;
          events.add(event);
        }
      }
    }
    return events == null ? List.of() : events;
  }

  /** Ends a press still sounding at the end of the stream; empty if none. */
  public List<DtmfEvent> flush() {
    DtmfEvent end = press.flush();
    return end == null ? List.of() : List.of(end);
  }

  /** Forgets everything, as if newly created; sample indexes restart at 0. */
  public void reset() {
    filled = 0;
    blockIndex = 0;
    Arrays.fill(previousBlock, (short) 0);
    Arrays.fill(previousPower, 0);
    press.reset();
  }

  private DtmfEvent onBlock() {
    bank.analyse(block);
    int key = screen();
    DtmfEvent event;
    if (key >= 0) {
      double amplitude = amplitude(key, false);
      event = press.candidate(key, blockIndex, amplitude, amplitude(key, true), acceptance);
    } else {
      event = press.miss(blockIndex, press.key() >= 0 ? amplitude(press.key(), false) : 0);
    }
    for (int t = 0; t < TONES_HZ.length; t++) {
      previousPower[t] = bank.tonePower(t);
    }
    short[] swap = previousBlock;
    previousBlock = block;
    block = swap;
    blockIndex++;
    return event;
  }

  private double amplitude(int key, boolean previous) {
    int row = key / 4;
    int col = 4 + key % 4;
    return previous
        ? Math.sqrt(previousPower[row] + previousPower[col])
        : Math.sqrt(bank.tonePower(row) + bank.tonePower(col));
  }

  /** The key this block is a candidate for (index into {@link DtmfEvent#DIGITS}), or -1. */
  private int screen() {
    int row = strongest(0);
    int col = strongest(4);
    if (row < 0 || col < 0) {
      return -1;
    }
    double rowPower = bank.tonePower(row);
    double colPower = bank.tonePower(col);
    if (rowPower * SCREEN_SLACK < minTonePower || colPower * SCREEN_SLACK < minTonePower) {
      return -1;
    }
    double slackTwist = SCREEN_SLACK;
    if (colPower > rowPower * maxForwardTwist * slackTwist
        || rowPower > colPower * maxReverseTwist * slackTwist) {
      return -1;
    }
    if (rowPower + colPower < MIN_BLOCK_PURITY_PERCENT / 100.0 * bank.blockPower()) {
      return -1;
    }
    return row * 4 + (col - 4);
  }

  /** Strongest tone of a group if the group's others are 6 dB below it, else -1. */
  private int strongest(int first) {
    int best = first;
    for (int t = first + 1; t < first + 4; t++) {
      if (bank.tonePower(t) > bank.tonePower(best)) {
        best = t;
      }
    }
    for (int t = first; t < first + 4; t++) {
      if (t != best && bank.tonePower(t) > bank.tonePower(best) * GROUP_MARGIN) {
        return -1;
      }
    }
    return best;
  }

  /** The exact Q.24 tests on the last two blocks (this one and the previous). */
  private boolean acceptable(int key) {
    estimator.load(previousBlock, block);
    double rowHz = TONES_HZ[key / 4];
    double colHz = TONES_HZ[4 + key % 4];
    double[] row = estimator.peakNear(rowHz);
    double[] col = estimator.peakNear(colHz);
    if (Math.abs(row[0]) > MAX_DEVIATION_PERCENT || Math.abs(col[0]) > MAX_DEVIATION_PERCENT) {
      return false;
    }
    double rowPower = row[1];
    double colPower = col[1];
    if (rowPower < minTonePower || colPower < minTonePower) {
      return false;
    }
    // ITU-T Q.24 twist: forward = high group louder (the usual line tilt), reverse = low louder.
    if (colPower > rowPower * maxForwardTwist || rowPower > colPower * maxReverseTwist) {
      return false;
    }
    if (rowPower + colPower < MIN_WINDOW_PURITY_PERCENT / 100.0 * estimator.windowPower()) {
      return false;
    }
    double colHarmonic = estimator.powerAt(2 * colHz * (1 + col[0] / 100));
    if (colHarmonic > colPower * HARMONIC_RATIO) {
      return false;
    }
    boolean rowHarmonicClear = key / 4 == 3; // 941 Hz: 2f = 1882 Hz, 249 Hz from 1633
    return !rowHarmonicClear
        || estimator.powerAt(2 * rowHz * (1 + row[0] / 100)) <= rowPower * HARMONIC_RATIO;
  }

  @Override
  public String toString() {
    return "dtmf-detect(" + BLOCK_SAMPLES + "-sample blocks)";
  }
}
