package dev.switchboard.bridge.bargein;

import java.time.Duration;

/**
 * How eagerly the caller may interrupt the agent.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param enabled barge-in at all; when false the agent always finishes
 * @param minSpeech speech must last this long before the agent is interrupted for good (commit);
 *     shorter speech only pauses it (false-interruption guard)
 * @param minEnergyDbfs quieter frames never count as barge-in speech
 * @param ignoreBackchannels short quiet utterances ("mm-hm") do not touch playback
 * @param backchannelMaxEnergyDbfs speech staying below this level is treated as a backchannel
 * @param backchannelMaxDuration a backchannel lasting longer than this does interrupt
 * @param resumeAfterSilence paused playback resumes after this much silence before commit
 * @param clearOnPause clear the carrier at onset (the agent stops within one frame) and requeue the
 *     unplayed audio if the speech turns out too short; when false, onset only stops sending new
 *     frames and the carrier's lead plays out
 * @param echoCancellation run the NLMS echo canceller on the uplink before detection
 * @param echoMarginDb caller energy must exceed the predicted echo level by this margin
 * @param useBackendSpeechStarted the backend's own VAD onset also interrupts (whichever is first)
 */
public record BargeInPolicy(
    boolean enabled,
    Duration minSpeech,
    double minEnergyDbfs,
    boolean ignoreBackchannels,
    double backchannelMaxEnergyDbfs,
    Duration backchannelMaxDuration,
    Duration resumeAfterSilence,
    boolean clearOnPause,
    boolean echoCancellation,
    double echoMarginDb,
    boolean useBackendSpeechStarted) {

  public BargeInPolicy {
    if (minSpeech == null || minSpeech.isNegative()) {
      throw new IllegalArgumentException("minSpeech must be >= 0, was " + minSpeech);
    }
    if (backchannelMaxDuration == null || backchannelMaxDuration.compareTo(minSpeech) < 0) {
      throw new IllegalArgumentException(
          "backchannelMaxDuration must be >= minSpeech, was " + backchannelMaxDuration);
    }
    if (resumeAfterSilence == null || resumeAfterSilence.isNegative()) {
      throw new IllegalArgumentException(
          "resumeAfterSilence must be >= 0, was " + resumeAfterSilence);
    }
  }

  /** 120 ms commit, backchannels under -32 dBFS and 600 ms ignored, echo cancellation on. */
  public static BargeInPolicy defaults() {
    return new BargeInPolicy(
        true,
        Duration.ofMillis(120),
        -42,
        true,
        -32,
        Duration.ofMillis(600),
        Duration.ofMillis(100),
        true,
        true,
        6,
        true);
  }

  public BargeInPolicy withMinSpeech(Duration value) {
    return new BargeInPolicy(
        enabled,
        value,
        minEnergyDbfs,
        ignoreBackchannels,
        backchannelMaxEnergyDbfs,
        backchannelMaxDuration.compareTo(value) < 0 ? value : backchannelMaxDuration,
        resumeAfterSilence,
        clearOnPause,
        echoCancellation,
        echoMarginDb,
        useBackendSpeechStarted);
  }

  public BargeInPolicy withClearOnPause(boolean value) {
    return new BargeInPolicy(
        enabled,
        minSpeech,
        minEnergyDbfs,
        ignoreBackchannels,
        backchannelMaxEnergyDbfs,
        backchannelMaxDuration,
        resumeAfterSilence,
        value,
        echoCancellation,
        echoMarginDb,
        useBackendSpeechStarted);
  }

  public BargeInPolicy withEchoCancellation(boolean value) {
    return new BargeInPolicy(
        enabled,
        minSpeech,
        minEnergyDbfs,
        ignoreBackchannels,
        backchannelMaxEnergyDbfs,
        backchannelMaxDuration,
        resumeAfterSilence,
        clearOnPause,
        value,
        echoMarginDb,
        useBackendSpeechStarted);
  }
}
