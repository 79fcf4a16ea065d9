package dev.switchboard.transcoding.vad;

import dev.switchboard.transcoding.PcmFrame;

/**
 * Voice activity detector for barge-in on one caller stream.
 *
 * <p>Each 10 ms block is split into four bands inside the telephone band (ITU-T G.712 passes
 * 300–3400 Hz; we use 200–3600 Hz), each band's power is compared with its own noise floor ({@link
 * NoiseFloorTracker}), and the mean band SNR becomes a probability through a logistic. A block is
 * speech as soon as its probability crosses the threshold: no look-ahead and no "N frames in a row"
 * rule, so the first speech block is flagged in the 10 ms it starts (barge-in must stop the agent
 * fast; the bridge can ask for more frames if it wants to be conservative). Stationary noise of any
 * colour is rejected by the per-band floor rather than by a spectral shape test: white noise is
 * flat but brown noise is not, while both are steady against their own floor.
 *
 * <p>Input: 8 kHz (telephony, the design rate), or any rate that is a multiple of 100 Hz up to 48
 * kHz: the band filters are designed at the stream rate, so 16 and 24 kHz streams are analysed on
 * the same 0–4 kHz content. Frames must be a whole number of 10 ms blocks (10 and 20 ms are the
 * usual sizes).
 *
 * <p>One instance per stream: it is stateful and not thread-safe; confine it to the stream's media
 * thread. {@link #reset()} before reusing it for another stream.
 */
public final class VoiceActivityDetector {

  private static final double[] BAND_EDGES_HZ = {200, 600, 1200, 2200, 3600};
  private static final double FULL_SCALE_POWER = 32768.0 * 32768.0;
  private static final int SNR_CAP_DB = 30;

  private final VadConfig config;
  private final int sampleRateHz;
  private final int blockSamples;
  private final Biquad[] highPass;
  private final Biquad[] lowPass;
  private final NoiseFloorTracker[] floors;
  private final double[] bandPower;
  private final double[] input;
  private final double[] band;
  private int speechRunBlocks;
  private int hangoverBlocksLeft;

  public VoiceActivityDetector(VadConfig config, int sampleRateHz) {
    if (config == null) {
      throw new IllegalArgumentException("config is required");
    }
    if (sampleRateHz < 8000 || sampleRateHz > 48_000 || sampleRateHz % 100 != 0) {
      throw new IllegalArgumentException(
          "VAD needs a rate of 8000–48000 Hz in steps of 100 Hz, got " + sampleRateHz + " Hz");
    }
    this.config = config;
    this.sampleRateHz = sampleRateHz;
    this.blockSamples = sampleRateHz / 100;
    int bands = BAND_EDGES_HZ.length - 1;
    highPass = new Biquad[bands];
    lowPass = new Biquad[bands];
    floors = new NoiseFloorTracker[bands];
    bandPower = new double[bands];
    input = new double[blockSamples];
    band = new double[blockSamples];
    int subWindowBlocks = 20; // 200 ms sub-windows
    int subWindows = Math.max(2, config.noiseWindowMillis() / 200);
    // Floor never below -100 dBFS per band, so digital silence gives a finite SNR.
    double minimumPower = FULL_SCALE_POWER * 1e-10;
    for (int b = 0; b < bands; b++) {
      highPass[b] = Biquad.highPass(BAND_EDGES_HZ[b], sampleRateHz);
      lowPass[b] = Biquad.lowPass(BAND_EDGES_HZ[b + 1], sampleRateHz);
      floors[b] = new NoiseFloorTracker(subWindows, subWindowBlocks, minimumPower);
    }
  }

  public VoiceActivityDetector(int sampleRateHz) {
    this(VadConfig.defaults(), sampleRateHz);
  }

  public VadConfig config() {
    return config;
  }

  public int sampleRateHz() {
    return sampleRateHz;
  }

  /** Analyses the next frame of the stream. */
  public VadResult process(PcmFrame frame) {
    if (frame.sampleRateHz() != sampleRateHz) {
      throw new IllegalArgumentException(
          "VAD set up for " + sampleRateHz + " Hz got a frame at " + frame.sampleRateHz() + " Hz");
    }
    short[] samples = frame.samples();
    if (samples.length == 0 || samples.length % blockSamples != 0) {
      throw new IllegalArgumentException(
          "frame of "
              + samples.length
              + " samples is not a whole number of 10 ms blocks ("
              + blockSamples
              + " samples at "
              + sampleRateHz
              + " Hz)");
    }
    double maxProbability = 0;
    boolean speech = false;
    double noisePower = 0;
    double totalEnergy = 0;
    for (int offset = 0; offset < samples.length; offset += blockSamples) {
      double blockEnergy = filterBlock(samples, offset);
      totalEnergy += blockEnergy;
      double blockPower = blockEnergy / blockSamples;
      double snrSum = 0;
      noisePower = 0;
      for (int b = 0; b < bandPower.length; b++) {
        double floor = floors[b].update(bandPower[b]);
        noisePower += floor;
        double snrDb = 10 * Math.log10(Math.max(bandPower[b], 1e-9) / floor);
        snrSum += Math.clamp(snrDb, 0, SNR_CAP_DB);
      }
      double meanSnrDb = snrSum / bandPower.length;
      double probability =
          1 / (1 + Math.exp(-(meanSnrDb - config.snrMidpointDb()) / config.snrSlopeDb()));
      if (dbfs(blockPower) < config.minSpeechDbfs()) {
        probability = 0;
      }
      maxProbability = Math.max(maxProbability, probability);
      speech |= decide(probability >= config.speechThreshold());
    }
    double energyDbfs = dbfs(totalEnergy / samples.length);
    return new VadResult(maxProbability, speech, energyDbfs, dbfs(noisePower));
  }

  /** Forgets filter state, noise floor and hangover, as if newly created. */
  public void reset() {
    for (int b = 0; b < floors.length; b++) {
      highPass[b].reset();
      lowPass[b].reset();
      floors[b].reset();
    }
    speechRunBlocks = 0;
    hangoverBlocksLeft = 0;
  }

  /**
   * Runs the band filters over one block, leaves mean band powers in {@link #bandPower} and returns
   * the block's full-band energy (sum of squares).
   */
  private double filterBlock(short[] samples, int offset) {
    double energy = 0;
    for (int i = 0; i < blockSamples; i++) {
      double x = samples[offset + i];
      input[i] = x;
      energy += x * x;
    }
    for (int b = 0; b < bandPower.length; b++) {
      System.arraycopy(input, 0, band, 0, blockSamples);
      highPass[b].filter(band, blockSamples);
      lowPass[b].filter(band, blockSamples);
      double sum = 0;
      for (int i = 0; i < blockSamples; i++) {
        sum += band[i] * band[i];
      }
      bandPower[b] = sum / blockSamples;
    }
    return energy;
  }

  /** Hangover proportional to the burst, capped at {@link VadConfig#hangoverMillis()}. */
  private boolean decide(boolean blockIsSpeech) {
    if (blockIsSpeech) {
      speechRunBlocks++;
      hangoverBlocksLeft = Math.min(config.hangoverMillis() / 10, speechRunBlocks);
      return true;
    }
    speechRunBlocks = 0;
    if (hangoverBlocksLeft > 0) {
      hangoverBlocksLeft--;
      return true;
    }
    return false;
  }

  private static double dbfs(double meanPower) {
    return meanPower <= 0
        ? Double.NEGATIVE_INFINITY
        : 10 * Math.log10(meanPower / FULL_SCALE_POWER);
  }

  @Override
  public String toString() {
    return "vad(" + sampleRateHz + " Hz, hangover " + config.hangoverMillis() + " ms)";
  }
}
