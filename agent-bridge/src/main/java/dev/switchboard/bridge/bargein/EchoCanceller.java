package dev.switchboard.bridge.bargein;

/**
 * Line-echo canceller for the uplink: a normalised LMS adaptive FIR filter (NLMS, the classic
 * G.168-style structure) whose reference is the agent audio we sent, placed on the call clock at
 * the time it plays. A coarse delay estimator (normalised cross-correlation of 2 ms envelopes)
 * centres a short filter on the echo path's bulk delay, so a 16 ms filter covers paths delayed by
 * up to {@code maxDelayMillis}. A Geigel double-talk detector (ITU-T G.168 §B.3: near-end level
 * against the recent far-end peak) freezes adaptation while the caller talks.
 *
 * <p>It also predicts how loud the echo alone can be in each frame (far-end level plus the learned
 * echo return loss minus a conservative share of the cancellation achieved): the echo-aware gate of
 * {@link UplinkAnalyzer} requires the caller to exceed that.
 *
 * <p>One instance per call; confined to the call's control thread.
 */
public final class EchoCanceller {

  private static final int ENV_RING = 1024;
  private static final int ENV_MASK = ENV_RING - 1;
  private static final int ENV_WINDOW = 250;
  private static final int ESTIMATE_EVERY_FRAMES = 10;
  private static final double GEIGEL_RATIO = 0.5;

  /** Residual power over microphone power (6 dB) beyond which the filter has diverged. */
  private static final double DIVERGED_POWER_RATIO = 4;

  /** Weight scale per frame in which the filter diverged. */
  private static final float DIVERGED_WEIGHT_DECAY = 0.5f;

  private static final int DOUBLE_TALK_HANGOVER_FRAMES = 4;
  private static final float MU = 0.4f;

  /**
   * Reference audio queued ahead of the playout point that the ring must hold besides the echo
   * path: the carrier lead (CallConfig.playbackLead, 100 ms by default) with room to spare.
   */
  static final int MAX_LEAD_MILLIS = 500;

  private final int sampleRateHz;
  private final int taps;
  private final int preTaps;
  private final int blockSamples;
  private final int maxLagBlocks;
  private final float[] ring;
  private final int mask;
  private final float[] weights; // reversed: weights[i] multiplies seg[j + i]
  private final float[] envRef = new float[ENV_RING];
  private final float[] envMic = new float[ENV_RING];
  private final float[] envScratchMic = new float[ENV_WINDOW];
  private final float[] envScratchRef;
  private long refEnd;

  /** End of the last reference chunk holding any non-zero sample: silence after it is free. */
  private long audibleRefEnd;

  private long blocksSeen;
  private int delaySamples;
  private int framesSinceEstimate;
  private int doubleTalkHangover;
  private double couplingDb = -10;
  private double erleDb;
  private float[] seg = new float[0];
  private float rangePeak;
  private double[] blockEnergy = new double[0];
  private float[] rangeScratch = new float[0];
  private float[] envScratchFrame = new float[0];

  /**
   * @param sampleRateHz uplink rate (reference and microphone alike)
   * @param filterMillis adaptive filter span around the estimated bulk delay
   * @param maxDelayMillis largest echo path delay searched
   */
  public EchoCanceller(int sampleRateHz, int filterMillis, int maxDelayMillis) {
    this.sampleRateHz = sampleRateHz;
    this.taps = sampleRateHz * filterMillis / 1000;
    this.preTaps = taps / 4;
    this.blockSamples = Math.max(1, sampleRateHz / 500);
    this.maxLagBlocks = (maxDelayMillis + filterMillis / 4) / 2;
    this.envScratchRef = new float[ENV_WINDOW + maxLagBlocks + 1];
    // The ring holds what the filter and the delay search can reach behind the newest frame plus
    // the lead queued ahead of it (8 kHz: 8192 floats, 32 KiB per call), not seconds of audio.
    long reach = (long) sampleRateHz * (maxDelayMillis + filterMillis + MAX_LEAD_MILLIS) / 1000;
    int size = Integer.highestOneBit((int) Math.max(reach, 2)) << 1;
    this.ring = new float[size];
    this.mask = size - 1;
    this.weights = new float[taps];
  }

  /** 8 ms filter (hybrid dispersion) around the bulk delay, echo paths up to 96 ms. */
  public static EchoCanceller forRate(int sampleRateHz) {
    return new EchoCanceller(sampleRateHz, 8, 96);
  }

  /** Records far-end (agent) audio that starts playing at absolute sample {@code startSample}. */
  public void addReference(short[] samples, long startSample) {
    if (startSample > refEnd) {
      for (long i = refEnd; i < startSample; i++) {
        ring[(int) (i & mask)] = 0;
      }
    }
    boolean audible = false;
    for (int i = 0; i < samples.length; i++) {
      ring[(int) ((startSample + i) & mask)] = samples[i] / 32768f;
      audible |= samples[i] != 0;
    }
    refEnd = Math.max(refEnd, startSample + samples.length);
    if (audible) {
      audibleRefEnd = Math.max(audibleRefEnd, startSample + samples.length);
    }
  }

  /**
   * Copies reference samples {@code [from, from + len)} into {@code dst[off..]}, zeros where no
   * reference is held (before the call's first agent audio, or older than the ring holds).
   */
  private void copyRef(long from, float[] dst, int off, int len) {
    long validFrom = Math.max(0, refEnd - ring.length);
    long lo = Math.clamp(validFrom, from, from + len);
    long hi = Math.clamp(refEnd, lo, from + len);
    java.util.Arrays.fill(dst, off, off + (int) (lo - from), 0f);
    for (long i = lo; i < hi; ) {
      int start = (int) (i & mask);
      int run = (int) Math.min(hi - i, ring.length - start);
      System.arraycopy(ring, start, dst, off + (int) (i - from), run);
      i += run;
    }
    java.util.Arrays.fill(dst, off + (int) (hi - from), off + len, 0f);
  }

  /**
   * Cancels echo in one microphone frame whose last sample is at absolute sample {@code endSample -
   * 1}; {@code out} receives the residual.
   */
  public EchoAnalysis process(short[] mic, long endSample, short[] out) {
    int n = mic.length;
    long first = endSample - n;
    int dStart = Math.max(0, delaySamples - preTaps);
    // seg[k] = reference at (first - dStart - (taps - 1) + k): the filter sees taps samples per
    // output.
    int segLen = n + taps - 1;
    if (seg.length < segLen) {
      seg = new float[segLen];
    }
    long segOrigin = first - dStart - (taps - 1);
    // Most frames of a call have no agent audio within reach: skip the reference scan for them
    // (it would find only zeros and report silence).
    double refDb =
        first - (long) maxLagBlocks * blockSamples >= audibleRefEnd
            ? Levels.SILENCE_DBFS
            : loudestReferenceDbfs(first, n);
    if (refDb <= Levels.SILENCE_DBFS) {
      // No agent audio can echo into this frame: nothing to cancel, nothing to learn.
      System.arraycopy(mic, 0, out, 0, n);
      pushEnvelopes(mic, first);
      double db = Levels.dbfs(Levels.meanSquare(mic));
      return new EchoAnalysis(db, db, Levels.SILENCE_DBFS, false, delaySamples, false);
    }
    copyRef(segOrigin, seg, 0, segLen);
    float refPeak = rangePeak;
    float micPeak = 0;
    for (short s : mic) {
      micPeak = Math.max(micPeak, Math.abs(s) / 32768f);
    }
    if (micPeak > GEIGEL_RATIO * refPeak) {
      doubleTalkHangover = DOUBLE_TALK_HANGOVER_FRAMES;
    }
    boolean doubleTalk = doubleTalkHangover > 0;
    if (doubleTalkHangover > 0) {
      doubleTalkHangover--;
    }
    double windowEnergy = 0;
    for (int i = 0; i < taps; i++) {
      windowEnergy += (double) seg[i] * seg[i];
    }
    float delta = 1e-4f * taps;
    double micSq = 0;
    double resSq = 0;
    boolean adapt = !doubleTalk;
    float[] w = weights;
    float[] x = seg;
    float y = dot(x, 0);
    for (int j = 0; j < n; j++) {
      float m = mic[j] / 32768f;
      float e = m - y;
      if (adapt && windowEnergy > 1e-6 && j + 1 < n) {
        // One pass per sample: update the weights with this sample's error and take the next
        // sample's output with the updated weights (the same arithmetic as update-then-dot).
        y = updateAndDot(w, x, j, (float) (MU * e / (windowEnergy + delta)));
      } else {
        if (adapt && windowEnergy > 1e-6) {
          float g = (float) (MU * e / (windowEnergy + delta));
          for (int i = 0; i < taps; i++) {
            w[i] += g * x[j + i];
          }
        }
        y = j + 1 < n ? dot(x, j + 1) : 0;
      }
      // Slide the energy window by one sample.
      if (j + taps < segLen) {
        windowEnergy += (double) seg[j + taps] * seg[j + taps] - (double) seg[j] * seg[j];
      }
      micSq += (double) m * m;
      resSq += (double) e * e;
      out[j] = (short) Math.clamp(Math.round(e * 32768f), -32768, 32767);
    }
    // The filter adds far more than it removes: it learned something that was not echo (a caller
    // talking over the agent below the Geigel ratio, with no echo path at all) and now plays the
    // agent's own audio into a quiet uplink. The caller of process() must not send that on;
    // shrink the weights so the diverged filter fades within frames. (Smaller excesses happen
    // while a filter converges or a caller starts talking; they are left alone.)
    boolean diverged = resSq > DIVERGED_POWER_RATIO * micSq;
    if (diverged) {
      for (int i = 0; i < taps; i++) {
        weights[i] *= DIVERGED_WEIGHT_DECAY;
      }
    }
    double micDb = Levels.dbfs(micSq / n);
    double resDb = Levels.dbfs(resSq / n);
    learn(mic, first, micDb, resDb, refDb, doubleTalk);
    double credit = Math.clamp(erleDb - 6, 0, 15);
    double echoDb = refDb <= -90 ? Levels.SILENCE_DBFS : refDb + couplingDb - credit;
    return new EchoAnalysis(micDb, resDb, echoDb, doubleTalk, delaySamples, diverged);
  }

  /**
   * The loudest frame-long window of reference audio that can echo into this frame, over every
   * delay searched: the gate must hold even while the delay estimate is still wrong.
   */
  private double loudestReferenceDbfs(long first, int n) {
    long from = first - (long) maxLagBlocks * blockSamples;
    int blocks = (int) ((first + n - from) / blockSamples);
    int window = Math.max(1, n / blockSamples);
    if (blockEnergy.length < blocks) {
      blockEnergy = new double[blocks];
    }
    int span = blocks * blockSamples;
    if (rangeScratch.length < span) {
      rangeScratch = new float[span];
    }
    float[] r = rangeScratch;
    copyRef(from, r, 0, span);
    double[] e = blockEnergy;
    float peak = 0;
    for (int b = 0, k = 0; b < blocks; b++) {
      double acc = 0;
      for (int i = 0; i < blockSamples; i++, k++) {
        float v = r[k];
        acc += (double) v * v;
        peak = Math.max(peak, Math.abs(v));
      }
      e[b] = acc;
    }
    double sum = 0;
    double best = 0;
    for (int b = 0; b < blocks; b++) {
      sum += e[b];
      if (b >= window) {
        sum -= e[b - window];
      }
      best = Math.max(best, sum);
    }
    rangePeak = peak;
    return Levels.dbfs(best / (window * blockSamples));
  }

  private void learn(
      short[] mic, long first, double micDb, double resDb, double refDb, boolean dt) {
    if (!dt && refDb > -50) {
      couplingDb = Math.clamp(couplingDb + 0.05 * ((micDb - refDb) - couplingDb), -40, 0);
      erleDb = Math.clamp(erleDb + 0.05 * ((micDb - resDb) - erleDb), 0, 40);
    }
    pushEnvelopes(mic, first);
    if (++framesSinceEstimate >= ESTIMATE_EVERY_FRAMES && refDb > -50) {
      framesSinceEstimate = 0;
      estimateDelay();
    }
  }

  /**
   * Filter output at sample {@code j}. Four independent partial sums: the JIT does not vectorise a
   * strict floating-point reduction, but it pipelines independent chains.
   */
  private float dot(float[] x, int j) {
    float a = 0;
    float b = 0;
    float c = 0;
    float d = 0;
    int i = 0;
    for (; i + 3 < taps; i += 4) {
      a += weights[i] * x[j + i];
      b += weights[i + 1] * x[j + i + 1];
      c += weights[i + 2] * x[j + i + 2];
      d += weights[i + 3] * x[j + i + 3];
    }
    for (; i < taps; i++) {
      a += weights[i] * x[j + i];
    }
    return (a + b) + (c + d);
  }

  /**
   * {@code w += g * x[j..]}, then the filter output at sample {@code j + 1} with the new weights,
   * in one pass; four independent partial sums as in {@link #dot}.
   */
  private float updateAndDot(float[] w, float[] x, int j, float g) {
    float a = 0;
    float b = 0;
    float c = 0;
    float d = 0;
    int i = 0;
    int k = j + 1;
    for (; i + 3 < taps; i += 4) {
      float w0 = w[i] + g * x[j + i];
      float w1 = w[i + 1] + g * x[j + i + 1];
      float w2 = w[i + 2] + g * x[j + i + 2];
      float w3 = w[i + 3] + g * x[j + i + 3];
      w[i] = w0;
      w[i + 1] = w1;
      w[i + 2] = w2;
      w[i + 3] = w3;
      a += w0 * x[k + i];
      b += w1 * x[k + i + 1];
      c += w2 * x[k + i + 2];
      d += w3 * x[k + i + 3];
    }
    for (; i < taps; i++) {
      float wi = w[i] + g * x[j + i];
      w[i] = wi;
      a += wi * x[k + i];
    }
    return (a + b) + (c + d);
  }

  /** 2 ms envelopes of microphone and reference, for the bulk-delay estimator. */
  private void pushEnvelopes(short[] mic, long first) {
    if (envScratchFrame.length < mic.length) {
      envScratchFrame = new float[mic.length];
    }
    float[] r = envScratchFrame;
    copyRef(first, r, 0, mic.length);
    for (int b = 0; b + blockSamples <= mic.length; b += blockSamples) {
      float me = 0;
      float re = 0;
      for (int i = 0; i < blockSamples; i++) {
        me += Math.abs(mic[b + i]) / 32768f;
        re += Math.abs(r[b + i]);
      }
      int slot = (int) (blocksSeen++ & ENV_MASK);
      envMic[slot] = me;
      envRef[slot] = re;
    }
  }

  /**
   * Picks the lag maximising the normalised cross-correlation of mean-removed envelopes over the
   * last {@link #ENV_WINDOW} blocks. Windows are copied out of the rings once so the lag loop is a
   * plain dot product.
   */
  private void estimateDelay() {
    if (blocksSeen < ENV_WINDOW + maxLagBlocks) {
      return;
    }
    long last = blocksSeen - 1;
    int span = ENV_WINDOW + maxLagBlocks;
    double micMean = 0;
    for (int k = 0; k < ENV_WINDOW; k++) {
      envScratchMic[k] = envMic[(int) ((last - k) & ENV_MASK)];
      micMean += envScratchMic[k];
    }
    micMean /= ENV_WINDOW;
    double xx = 0;
    for (int k = 0; k < ENV_WINDOW; k++) {
      envScratchMic[k] -= (float) micMean;
      xx += (double) envScratchMic[k] * envScratchMic[k];
    }
    for (int k = 0; k < span; k++) {
      envScratchRef[k] = envRef[(int) ((last - k) & ENV_MASK)];
    }
    double best = 0;
    int bestLag = -1;
    for (int lag = 0; lag <= maxLagBlocks && xx > 0; lag++) {
      double sum = 0;
      double sumSq = 0;
      double xy = 0;
      for (int k = 0; k < ENV_WINDOW; k++) {
        double y = envScratchRef[k + lag];
        sum += y;
        sumSq += y * y;
        xy += envScratchMic[k] * y;
      }
      double yy = sumSq - sum * sum / ENV_WINDOW;
      double c = yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
      if (c > best) {
        best = c;
        bestLag = lag;
      }
    }
    if (bestLag >= 0 && best > 0.5) {
      int newDelay = bestLag * blockSamples;
      if (Math.abs(newDelay - delaySamples) > preTaps / 2) {
        delaySamples = newDelay;
        java.util.Arrays.fill(weights, 0f);
      }
    }
  }

  public int sampleRateHz() {
    return sampleRateHz;
  }

  public int delaySamples() {
    return delaySamples;
  }

  @Override
  public String toString() {
    return "EchoCanceller[NLMS "
        + taps
        + " taps, delay="
        + delaySamples * 1000 / sampleRateHz
        + " ms, ERL="
        + Math.round(-couplingDb)
        + " dB, ERLE="
        + Math.round(erleDb)
        + " dB]";
  }
}
