package dev.switchboard.testkit.realtime;

/**
 * The fake's server VAD: 10 ms windows, speech when the RMS exceeds a level derived from the
 * session's {@code threshold} (0..1 mapped onto -60..-20 dBFS), a turn ends after {@code
 * silence_duration_ms} of quiet. Times are ms of audio received, like OpenAI's {@code
 * audio_start_ms}/{@code audio_end_ms}.
 *
 * <p>A window's RMS may be estimated from a decimated subset of its samples ({@link #sample(int,
 * int)}: each value stands for {@code weight} consecutive samples): time still counts every sample,
 * and the mean square of evenly spaced picks estimates the window's (caller audio from an 8 kHz
 * call upsampled to 24 kHz carries nothing above 4 kHz, so every third sample loses nothing). Not
 * thread-safe (one per connection).
 */
final class EnergyVad {

  /** What a window changed. */
  enum Change {
    NONE,
    STARTED,
    STOPPED
  }

  private final int sampleRateHz;
  private final int windowSamples;
  private final double meanSquareThreshold;
  private final int silenceMs;
  private final int prefixPaddingMs;
  private final ChangeListener onChange;
  private long samplesSeen;
  private boolean speaking;
  private long lastVoicedEndMs;
  private long speechStartMs;
  private double windowEnergy;
  private int windowPicks;
  private int windowFill;

  /** {@code onChange} hears each start/stop with the relevant time, from the feeding thread. */
  EnergyVad(
      int sampleRateHz,
      double threshold,
      int silenceMs,
      int prefixPaddingMs,
      ChangeListener onChange) {
    this.sampleRateHz = sampleRateHz;
    this.windowSamples = sampleRateHz / 100;
    double rmsThreshold = 32768 * Math.pow(10, (-60 + 40 * threshold) / 20);
    this.meanSquareThreshold = rmsThreshold * rmsThreshold;
    this.silenceMs = silenceMs;
    this.prefixPaddingMs = prefixPaddingMs;
    this.onChange = onChange;
  }

  /** Feeds every sample at full resolution. */
  void feed(short[] samples) {
    for (short s : samples) {
      sample(s, 1);
    }
  }

  /** One sample value standing for {@code weight} consecutive samples (decimated input). */
  void sample(int value, int weight) {
    windowEnergy += (double) value * value;
    windowPicks++;
    advance(weight);
  }

  /** Counts {@code samples} toward time without looking at them (a decimation remainder). */
  void skip(int samples) {
    advance(samples);
  }

  private void advance(int samples) {
    samplesSeen += samples;
    windowFill += samples;
    while (windowFill >= windowSamples) {
      int carry = windowFill - windowSamples; // samples that belong to the next window
      boolean voiced = windowPicks > 0 && windowEnergy / windowPicks > meanSquareThreshold;
      windowEnergy = 0;
      windowPicks = 0;
      windowFill = carry;
      window(voiced, (samplesSeen - carry) * 1000 / sampleRateHz);
    }
  }

  private void window(boolean voiced, long nowMs) {
    if (voiced) {
      lastVoicedEndMs = nowMs;
      if (!speaking) {
        speaking = true;
        speechStartMs = Math.max(0, nowMs - 10 - prefixPaddingMs);
        onChange.changed(Change.STARTED, speechStartMs);
      }
    } else if (speaking && nowMs - lastVoicedEndMs >= silenceMs) {
      speaking = false;
      onChange.changed(Change.STOPPED, lastVoicedEndMs);
    }
  }

  long receivedMs() {
    return samplesSeen * 1000 / sampleRateHz;
  }

  @FunctionalInterface
  interface ChangeListener {
    void changed(Change change, long atMs);
  }
}
