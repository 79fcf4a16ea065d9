package dev.switchboard.testkit.realtime;

/**
 * The fake's server VAD: 10 ms windows, speech when the RMS exceeds a level derived from the
 * session's {@code threshold} (0..1 mapped onto -60..-20 dBFS), a turn ends after {@code
 * silence_duration_ms} of quiet. Times are ms of audio received, like OpenAI's {@code
 * audio_start_ms}/{@code audio_end_ms}.
 */
final class EnergyVad {

  /** What a window changed. */
  enum Change {
    NONE,
    STARTED,
    STOPPED
  }

  private final int sampleRateHz;
  private final double rmsThreshold;
  private final int silenceMs;
  private final int prefixPaddingMs;
  private long samplesSeen;
  private boolean speaking;
  private long lastVoicedEndMs;
  private long speechStartMs;
  private double windowEnergy;
  private int windowFill;

  EnergyVad(int sampleRateHz, double threshold, int silenceMs, int prefixPaddingMs) {
    this.sampleRateHz = sampleRateHz;
    this.rmsThreshold = 32768 * Math.pow(10, (-60 + 40 * threshold) / 20);
    this.silenceMs = silenceMs;
    this.prefixPaddingMs = prefixPaddingMs;
  }

  /** Feeds samples; calls {@code onChange} for each start/stop with the relevant time. */
  void feed(short[] samples, ChangeListener onChange) {
    int window = sampleRateHz / 100;
    for (short s : samples) {
      windowEnergy += (double) s * s;
      windowFill++;
      samplesSeen++;
      if (windowFill == window) {
        boolean voiced = Math.sqrt(windowEnergy / window) > rmsThreshold;
        windowEnergy = 0;
        windowFill = 0;
        long nowMs = samplesSeen * 1000 / sampleRateHz;
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
