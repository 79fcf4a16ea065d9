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

  /** Regularisation of the NLMS step per tap (keeps it finite on a near-silent reference). */
  private static final float DELTA_PER_TAP = 1e-4f;

  /**
   * Reference audio queued ahead of the playout point that the ring must hold besides the echo
   * path: the carrier lead (CallConfig.playbackLead, 100 ms by default) with room to spare.
   */
  static final int MAX_LEAD_MILLIS = 500;

  private final NlmsKernel kernel;
  private final int sampleRateHz;
  private final int taps;
  private final int preTaps;
  private final int blockSamples;
  private final int maxLagBlocks;
  private final ReferenceRing reference;
  private final boolean useSummaries;
  private final float[] weights; // reversed: weights[i] multiplies seg[j + i]
  private final float[] envRef = new float[ENV_RING];
  private final float[] envMic = new float[ENV_RING];
  private final float[] envScratchMic = new float[ENV_WINDOW];
  private final float[] envScratchRef;
  private final double[] lagScratch;

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
  private float[] residual = new float[0];
  private float[] micScaled = new float[0];

  /**
   * @param sampleRateHz uplink rate (reference and microphone alike)
   * @param filterMillis adaptive filter span around the estimated bulk delay
   * @param maxDelayMillis largest echo path delay searched
   */
  public EchoCanceller(int sampleRateHz, int filterMillis, int maxDelayMillis) {
    this(sampleRateHz, filterMillis, maxDelayMillis, NlmsKernel.best());
  }

  EchoCanceller(int sampleRateHz, int filterMillis, int maxDelayMillis, NlmsKernel kernel) {
    this(sampleRateHz, filterMillis, maxDelayMillis, kernel, true);
  }

  /**
   * @param useSummaries read reference levels from the ring's block summaries (false: scan copies
   *     of the samples, the reference the summaries are tested against)
   */
  EchoCanceller(
      int sampleRateHz,
      int filterMillis,
      int maxDelayMillis,
      NlmsKernel kernel,
      boolean useSummaries) {
    this.kernel = kernel;
    this.useSummaries = useSummaries;
    this.sampleRateHz = sampleRateHz;
    this.taps = sampleRateHz * filterMillis / 1000;
    this.preTaps = taps / 4;
    this.blockSamples = Math.max(1, sampleRateHz / 500);
    this.maxLagBlocks = (maxDelayMillis + filterMillis / 4) / 2;
    this.envScratchRef = new float[ENV_WINDOW + maxLagBlocks + 1];
    this.lagScratch = new double[maxLagBlocks + 1];
    // The ring holds what the filter and the delay search can reach behind the newest frame plus
    // the lead queued ahead of it (8 kHz: 8192 floats, 32 KiB per call, and 12 KiB of block
    // summaries), not seconds of audio.
    long reach = (long) sampleRateHz * (maxDelayMillis + filterMillis + MAX_LEAD_MILLIS) / 1000;
    this.reference = new ReferenceRing(reach, blockSamples);
    this.weights = new float[taps];
  }

  /** 8 ms filter (hybrid dispersion) around the bulk delay, echo paths up to 96 ms. */
  public static EchoCanceller forRate(int sampleRateHz) {
    return new EchoCanceller(sampleRateHz, 8, 96);
  }

  /** Records far-end (agent) audio that starts playing at absolute sample {@code startSample}. */
  public void addReference(short[] samples, long startSample) {
    reference.add(samples, startSample);
  }

  /**
   * Copies reference samples {@code [from, from + len)} into {@code dst[off..]}, zeros where no
   * reference is held (before the call's first agent audio, or older than the ring holds).
   */
  private void copyRef(long from, float[] dst, int off, int len) {
    reference.copy(from, dst, off, len);
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
        first - (long) maxLagBlocks * blockSamples >= reference.audibleEnd()
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
    if (residual.length < n) {
      residual = new float[n];
      micScaled = new float[n];
    }
    float[] m = micScaled;
    for (int j = 0; j < n; j++) {
      m[j] = mic[j] / 32768f;
    }
    boolean adapt = !doubleTalk;
    if (kernel.pipelined()) {
      filterPipelined(m, residual, n, segLen, adapt);
    } else {
      filterDirect(m, residual, n, segLen, adapt);
    }
    double micSq = 0;
    double resSq = 0;
    for (int j = 0; j < n; j++) {
      float e = residual[j];
      micSq += (double) m[j] * m[j];
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
   * NLMS over one frame, one sample at a time: {@code y_j = W . X_j}, {@code e_j = m_j - y_j},
   * {@code W += g_j X_j} with {@code g_j = mu e_j / |X_j|^2}, where {@code X_j = seg[j, j + taps)}
   * is the reference that can echo into sample j. Each output waits for the previous update: one
   * fused update-and-dot pass per sample ({@link NlmsKernel#updateThenDot}).
   */
  private void filterDirect(float[] m, float[] e, int n, int segLen, boolean adapt) {
    float[] w = weights;
    float[] x = seg;
    double windowEnergy = windowEnergy();
    float delta = DELTA_PER_TAP * taps;
    float y = kernel.dot(w, x, 0, taps);
    for (int j = 0; j < n; j++) {
      float ej = m[j] - y;
      e[j] = ej;
      if (adapt && windowEnergy > 1e-6 && j + 1 < n) {
        y = kernel.updateThenDot(w, x, j, (float) (MU * ej / (windowEnergy + delta)), j + 1, taps);
      } else {
        if (adapt && windowEnergy > 1e-6) {
          kernel.update(w, x, j, (float) (MU * ej / (windowEnergy + delta)), taps);
        }
        y = j + 1 < n ? kernel.dot(w, x, j + 1, taps) : 0;
      }
      if (j + taps < segLen) {
        windowEnergy += (double) x[j + taps] * x[j + taps] - (double) x[j] * x[j];
      }
    }
  }

  /**
   * The same filter as {@link #filterDirect}, with the per-sample chain split for SIMD kernels,
   * whose lane reduction makes each dot product slow to arrive: {@code y_j+1 = W_j . X_j+1 + g_j
   * (X_j . X_j+1)}, so the next output needs only {@code p = W_j . X_j+1}, computed one step
   * earlier, and the lag-one correlation of the reference window, which slides like its energy. The
   * update and dot product for the step after next then overlap this step's scalar work. Only
   * rounding differs from the direct form.
   */
  private void filterPipelined(float[] m, float[] e, int n, int segLen, boolean adapt) {
    float[] w = weights;
    float[] x = seg;
    double windowEnergy = windowEnergy();
    double lag1 = 0;
    for (int i = 0; i < taps && i + 1 < segLen; i++) {
      lag1 += (double) x[i] * x[i + 1];
    }
    float y = kernel.dot(w, x, 0, taps);
    float p = n > 1 ? kernel.dot(w, x, 1, taps) : 0;
    for (int j = 0; j < n; j++) {
      // The step size does not depend on this sample's error: computed first, its division stays
      // off the error -> output chain.
      float step = (float) (MU / (windowEnergy + DELTA_PER_TAP * taps));
      float ej = m[j] - y;
      e[j] = ej;
      float g = adapt && windowEnergy > 1e-6 ? step * ej : 0f;
      y = p + g * (float) lag1;
      if (g != 0) {
        if (j + 2 < n) {
          p = kernel.updateThenDot(w, x, j, g, j + 2, taps);
        } else {
          kernel.update(w, x, j, g, taps);
        }
      } else if (j + 2 < n) {
        p = kernel.dot(w, x, j + 2, taps);
      }
      if (j + taps < segLen) {
        windowEnergy += (double) x[j + taps] * x[j + taps] - (double) x[j] * x[j];
      }
      if (j + taps + 1 < segLen) {
        lag1 += (double) x[j + taps] * x[j + taps + 1] - (double) x[j] * x[j + 1];
      }
    }
  }

  /** Energy of the reference window of the frame's first sample. */
  private double windowEnergy() {
    double energy = 0;
    for (int i = 0; i < taps; i++) {
      energy += (double) seg[i] * seg[i];
    }
    return energy;
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
    double[] e = blockEnergy;
    float peak = 0;
    if (useSummaries && Math.floorMod(from, blockSamples) == 0) {
      // Block-aligned (frames are whole 2 ms blocks): the ring's summaries, no copy or rescan.
      long k0 = Math.floorDiv(from, blockSamples);
      for (int b = 0; b < blocks; b++) {
        e[b] = reference.blockEnergy(k0 + b);
        peak = Math.max(peak, reference.blockPeak(k0 + b));
      }
      return loudestWindowDbfs(e, blocks, window, peak);
    }
    int span = blocks * blockSamples;
    if (rangeScratch.length < span) {
      rangeScratch = new float[span];
    }
    float[] r = rangeScratch;
    copyRef(from, r, 0, span);
    for (int b = 0, k = 0; b < blocks; b++) {
      double acc = 0;
      for (int i = 0; i < blockSamples; i++, k++) {
        float v = r[k];
        acc += (double) v * v;
        peak = Math.max(peak, Math.abs(v));
      }
      e[b] = acc;
    }
    return loudestWindowDbfs(e, blocks, window, peak);
  }

  /** The loudest run of {@code window} consecutive block energies, in dBFS; records the peak. */
  private double loudestWindowDbfs(double[] e, int blocks, int window, float peak) {
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

  /** 2 ms envelopes of microphone and reference, for the bulk-delay estimator. */
  private void pushEnvelopes(short[] mic, long first) {
    if (useSummaries && Math.floorMod(first, blockSamples) == 0) {
      long k = Math.floorDiv(first, blockSamples);
      for (int b = 0; b + blockSamples <= mic.length; b += blockSamples, k++) {
        float me = 0;
        for (int i = 0; i < blockSamples; i++) {
          me += Math.abs(mic[b + i]) / 32768f;
        }
        int slot = (int) (blocksSeen++ & ENV_MASK);
        envMic[slot] = me;
        envRef[slot] = reference.blockMagnitude(k);
      }
      return;
    }
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
    if (xx <= 0) {
      return;
    }
    // Cross-products for every lag at once: lag-major inner loops with no reduction across
    // iterations, which the JIT vectorises (a per-lag dot product would stay scalar).
    double[] xy = lagScratch;
    java.util.Arrays.fill(xy, 0);
    for (int k = 0; k < ENV_WINDOW; k++) {
      double mk = envScratchMic[k];
      for (int lag = 0; lag <= maxLagBlocks; lag++) {
        xy[lag] += mk * envScratchRef[k + lag];
      }
    }
    // Sum and sum of squares of each lag's reference window, slid one block per lag.
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < ENV_WINDOW; k++) {
      double y = envScratchRef[k];
      sum += y;
      sumSq += y * y;
    }
    double best = 0;
    int bestLag = -1;
    for (int lag = 0; lag <= maxLagBlocks; lag++) {
      if (lag > 0) {
        double in = envScratchRef[lag + ENV_WINDOW - 1];
        double out = envScratchRef[lag - 1];
        sum += in - out;
        sumSq += in * in - out * out;
      }
      double yy = sumSq - sum * sum / ENV_WINDOW;
      double c = yy > 0 ? xy[lag] / Math.sqrt(xx * yy) : 0;
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
        + " taps ("
        + kernel.name()
        + "), delay="
        + delaySamples * 1000 / sampleRateHz
        + " ms, ERL="
        + Math.round(-couplingDb)
        + " dB, ERLE="
        + Math.round(erleDb)
        + " dB]";
  }
}
