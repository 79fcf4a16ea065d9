package dev.switchboard.recordings;

import java.time.Duration;

/**
 * How calls are recorded.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param sampleRateHz rate of the stereo WAV: 8000 (default), 16000 or 24000
 * @param archiveOpus also write {@code caller.opus} and {@code agent.opus} (Ogg Opus, ~10× smaller)
 * @param flushInterval longest time between flushes of audio and transcript (crash loss bound)
 * @param holdback how far behind the newest call-clock time audio is written (room for late caller
 *     frames)
 * @param alignmentTolerance how far the caller stream may stray from the call clock before it is
 *     resynchronised
 * @param queueCapacity commands (frames and events) queued to the writer before overflow
 * @param pauseDigit DTMF digit that pauses recording (PCI), or {@code 0} for none
 * @param resumeDigit DTMF digit that resumes recording, or {@code 0} for none
 */
public record RecordingConfig(
    int sampleRateHz,
    boolean archiveOpus,
    Duration flushInterval,
    Duration holdback,
    Duration alignmentTolerance,
    int queueCapacity,
    char pauseDigit,
    char resumeDigit) {

  public RecordingConfig {
    if (sampleRateHz != 8000 && sampleRateHz != 16000 && sampleRateHz != 24000) {
      throw new IllegalArgumentException(
          "recording rate must be 8000, 16000 or 24000 Hz, was " + sampleRateHz);
    }
    flushInterval = flushInterval == null ? Duration.ofMillis(100) : flushInterval;
    holdback = holdback == null ? Duration.ofMillis(40) : holdback;
    alignmentTolerance = alignmentTolerance == null ? Duration.ofMillis(20) : alignmentTolerance;
    if (flushInterval.plus(holdback).compareTo(Duration.ofMillis(200)) > 0) {
      throw new IllegalArgumentException(
          "flushInterval + holdback must stay within the 200 ms crash-loss bound, was "
              + flushInterval.plus(holdback).toMillis()
              + " ms");
    }
    if (queueCapacity < 16) {
      throw new IllegalArgumentException("queueCapacity must be >= 16, was " + queueCapacity);
    }
  }

  /** 8 kHz WAV, no archive, 100 ms flushes, ~20 s of queue, no DTMF rule. */
  public static RecordingConfig defaults() {
    return new RecordingConfig(8000, false, null, null, null, 2048, (char) 0, (char) 0);
  }

  public RecordingConfig withSampleRate(int value) {
    return new RecordingConfig(
        value,
        archiveOpus,
        flushInterval,
        holdback,
        alignmentTolerance,
        queueCapacity,
        pauseDigit,
        resumeDigit);
  }

  public RecordingConfig withArchiveOpus(boolean value) {
    return new RecordingConfig(
        sampleRateHz,
        value,
        flushInterval,
        holdback,
        alignmentTolerance,
        queueCapacity,
        pauseDigit,
        resumeDigit);
  }

  public RecordingConfig withQueueCapacity(int value) {
    return new RecordingConfig(
        sampleRateHz,
        archiveOpus,
        flushInterval,
        holdback,
        alignmentTolerance,
        value,
        pauseDigit,
        resumeDigit);
  }

  /** A DTMF rule: {@code pause} pauses recording, {@code resume} resumes it. */
  public RecordingConfig withPciDigits(char pause, char resume) {
    return new RecordingConfig(
        sampleRateHz,
        archiveOpus,
        flushInterval,
        holdback,
        alignmentTolerance,
        queueCapacity,
        pause,
        resume);
  }
}
