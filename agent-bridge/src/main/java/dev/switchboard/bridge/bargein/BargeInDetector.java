package dev.switchboard.bridge.bargein;

/**
 * Turns per-frame verdicts into barge-in decisions while the agent is audible:
 *
 * <ol>
 *   <li>{@link Decision#PAUSE} at the first speech frame loud enough not to be a backchannel: stop
 *       the agent at once;
 *   <li>{@link Decision#COMMIT} once speech has lasted {@link BargeInPolicy#minSpeech()} (quiet
 *       speech: {@link BargeInPolicy#backchannelMaxDuration()}): interrupt for good;
 *   <li>{@link Decision#RESUME} when speech stops before that: a false interruption, playback
 *       continues where it paused.
 * </ol>
 *
 * It also tracks caller turns (speech start/end) when the agent is silent, for turn latency.
 *
 * <p>Confined to the call's control thread.
 */
public final class BargeInDetector {

  /** What the call should do after a frame. */
  public enum Decision {
    NONE,
    PAUSE,
    COMMIT,
    RESUME
  }

  private enum State {
    IDLE,
    PENDING,
    TALKING
  }

  private static final long TURN_END_SILENCE_MICROS = 300_000;
  private static final long ONSET_CONFIRM_MICROS = 40_000;

  private final BargeInPolicy policy;
  private State state = State.IDLE;
  private boolean paused;
  private boolean loudSeen;
  private long speechMicros;
  private long silenceMicros;
  private long onsetNanos = -1;
  private long lastSpeechEndNanos = -1;
  private boolean speechEnded;

  public BargeInDetector(BargeInPolicy policy) {
    this.policy = policy;
  }

  /**
   * Feeds one frame.
   *
   * @param agentAudible agent audio is playing or about to play to the caller
   * @param frameMicros the frame's duration
   * @param nowNanos arrival time of the frame
   */
  public Decision onFrame(FrameVerdict v, boolean agentAudible, long frameMicros, long nowNanos) {
    boolean loud =
        !policy.ignoreBackchannels() || v.energyDbfs() >= policy.backchannelMaxEnergyDbfs();
    switch (state) {
      case IDLE -> {
        if (!v.speech()) {
          return Decision.NONE;
        }
        onsetNanos = nowNanos - frameMicros * 1000;
        speechMicros = frameMicros;
        silenceMicros = 0;
        loudSeen = loud;
        if (!agentAudible || !policy.enabled()) {
          state = State.TALKING;
          return Decision.NONE;
        }
        state = State.PENDING;
        return pendingDecision();
      }
      case PENDING -> {
        if (v.speech()) {
          speechMicros += frameMicros;
          silenceMicros = 0;
          loudSeen |= loud;
          return pendingDecision();
        }
        silenceMicros += frameMicros;
        if (silenceMicros >= policy.resumeAfterSilence().toNanos() / 1000) {
          state = State.IDLE;
          endSpeech(nowNanos);
          boolean wasPaused = paused;
          paused = false;
          return wasPaused ? Decision.RESUME : Decision.NONE;
        }
        return Decision.NONE;
      }
      case TALKING -> {
        if (v.speech()) {
          silenceMicros = 0;
        } else {
          silenceMicros += frameMicros;
          if (silenceMicros >= TURN_END_SILENCE_MICROS) {
            state = State.IDLE;
            endSpeech(nowNanos);
          }
        }
        return Decision.NONE;
      }
      default -> throw new IllegalStateException("unknown state " + state);
    }
  }

  private Decision pendingDecision() {
    long minSpeechMicros = policy.minSpeech().toNanos() / 1000;
    long needed = loudSeen ? minSpeechMicros : policy.backchannelMaxDuration().toNanos() / 1000;
    if (speechMicros >= needed) {
      state = State.TALKING;
      paused = false;
      return Decision.COMMIT;
    }
    // Two frames of speech before pausing: single-frame echo or click bursts never stop the agent.
    if (loudSeen && !paused && speechMicros >= ONSET_CONFIRM_MICROS) {
      paused = true;
      return Decision.PAUSE;
    }
    return Decision.NONE;
  }

  private void endSpeech(long nowNanos) {
    lastSpeechEndNanos = nowNanos - silenceMicros * 1000;
    speechEnded = true;
  }

  /** An external onset (the backend's VAD): the caller is talking, a decision is taken outside. */
  public void onExternalOnset(long nowNanos) {
    if (state == State.IDLE || state == State.PENDING) {
      onsetNanos = state == State.IDLE ? nowNanos : onsetNanos;
      state = State.TALKING;
      paused = false;
      silenceMicros = 0;
    }
  }

  /** Start of the current or last caller utterance on the call clock, or -1. */
  public long onsetNanos() {
    return onsetNanos;
  }

  /**
   * Returns and forgets the end of the caller's last utterance, or -1 if none ended since the
   * previous call.
   */
  public long takeSpeechEndNanos() {
    if (!speechEnded) {
      return -1;
    }
    speechEnded = false;
    return lastSpeechEndNanos;
  }

  public boolean paused() {
    return paused;
  }

  public boolean callerTalking() {
    return state != State.IDLE;
  }

  @Override
  public String toString() {
    return "BargeInDetector[" + state + ", minSpeech=" + policy.minSpeech().toMillis() + " ms]";
  }
}
