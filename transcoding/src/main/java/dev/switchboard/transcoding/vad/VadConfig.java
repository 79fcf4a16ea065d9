package dev.switchboard.transcoding.vad;

/**
 * Tuning of a {@link VoiceActivityDetector}. {@link #defaults()} is tuned on the espeak-ng speech
 * fixtures and on white, pink and brown noise; see the VAD tests for the measured figures.
 *
 * @param snrMidpointDb mean band SNR (each band clamped to 0–30 dB) at which the speech probability
 *     is 0.5
 * @param snrSlopeDb width of the logistic that maps mean band SNR to probability: larger is softer
 * @param speechThreshold probability at or above which a 10 ms block is speech
 * @param minSpeechDbfs blocks quieter than this are never speech, whatever their SNR: it keeps
 *     G.711 idle-channel noise and dither (about −70 dBFS) out when the floor is digital silence
 * @param hangoverMillis how long the decision stays on after the last speech block; a burst shorter
 *     than this gets a hangover only as long as itself, so clicks do not turn into 200 ms of
 *     "speech"
 * @param noiseWindowMillis length of the minimum-statistics window: how fast the floor follows a
 *     rise in background noise; must be longer than the longest gap-free stretch of speech
 */
public record VadConfig(
    double snrMidpointDb,
    double snrSlopeDb,
    double speechThreshold,
    double minSpeechDbfs,
    int hangoverMillis,
    int noiseWindowMillis) {

  public VadConfig {
    if (!(snrMidpointDb > 0 && snrMidpointDb < 30)) {
      throw new IllegalArgumentException("snrMidpointDb must be in (0, 30) dB: " + snrMidpointDb);
    }
    if (!(snrSlopeDb > 0)) {
      throw new IllegalArgumentException("snrSlopeDb must be positive: " + snrSlopeDb);
    }
    if (!(speechThreshold > 0 && speechThreshold < 1)) {
      throw new IllegalArgumentException("speechThreshold must be in (0, 1): " + speechThreshold);
    }
    if (!(minSpeechDbfs < 0)) {
      throw new IllegalArgumentException("minSpeechDbfs must be below 0 dBFS: " + minSpeechDbfs);
    }
    if (hangoverMillis < 0 || hangoverMillis > 2000) {
      throw new IllegalArgumentException("hangoverMillis must be 0–2000 ms: " + hangoverMillis);
    }
    if (noiseWindowMillis < 400 || noiseWindowMillis > 10_000) {
      throw new IllegalArgumentException(
          "noiseWindowMillis must be 400–10000 ms: " + noiseWindowMillis);
    }
  }

  public static VadConfig defaults() {
    return new VadConfig(6.0, 1.5, 0.5, -55.0, 200, 1200);
  }

  public VadConfig withHangoverMillis(int millis) {
    return new VadConfig(
        snrMidpointDb, snrSlopeDb, speechThreshold, minSpeechDbfs, millis, noiseWindowMillis);
  }

  public VadConfig withSpeechThreshold(double threshold) {
    return new VadConfig(
        snrMidpointDb, snrSlopeDb, threshold, minSpeechDbfs, hangoverMillis, noiseWindowMillis);
  }
}
