package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.tools.Tool;
import java.time.Duration;
import java.util.List;

/**
 * How one call behaves.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param session what to ask of the backend (tools are added from {@code tools})
 * @param greeting instructions for the agent's first words, or {@code null} to wait for the caller
 * @param bargeIn barge-in policy
 * @param maxDuration the call ends with {@code MAX_DURATION} after this
 * @param dtmf where DTMF digits go
 * @param playback what tells us agent audio was played
 * @param playbackLead most agent audio queued at the carrier beyond what has played (Twilio
 *     deployments with long round trips may need more than the 100 ms default)
 * @param teardownStepTimeout bound of each teardown step
 * @param hangUpGrace longest wait for the goodbye after {@code hang_up}
 * @param tools tools the model may call
 */
public record CallConfig(
    SessionConfig session,
    String greeting,
    BargeInPolicy bargeIn,
    Duration maxDuration,
    DtmfMode dtmf,
    PlaybackClock playback,
    Duration playbackLead,
    Duration teardownStepTimeout,
    Duration hangUpGrace,
    List<Tool> tools) {

  /** Where DTMF digits go. */
  public enum DtmfMode {
    /** To the configured {@link DtmfHandler}. */
    HANDLER,
    /** To the model as a user text message. */
    MODEL_TEXT,
    IGNORE
  }

  /** What tells us agent audio was played. */
  public enum PlaybackClock {
    /** The carrier echoes marks (Twilio Media Streams). */
    MARK_ECHOES,
    /** Our own 20 ms pacer is the playout clock (SIP/RTP). */
    OWN_PACER
  }

  public CallConfig {
    if (session == null) {
      throw new IllegalArgumentException("session config is required");
    }
    bargeIn = bargeIn == null ? BargeInPolicy.defaults() : bargeIn;
    maxDuration = maxDuration == null ? Duration.ofHours(1) : maxDuration;
    dtmf = dtmf == null ? DtmfMode.MODEL_TEXT : dtmf;
    playback = playback == null ? PlaybackClock.MARK_ECHOES : playback;
    playbackLead = playbackLead == null ? Duration.ofMillis(100) : playbackLead;
    teardownStepTimeout = teardownStepTimeout == null ? Duration.ofSeconds(2) : teardownStepTimeout;
    hangUpGrace = hangUpGrace == null ? Duration.ofSeconds(15) : hangUpGrace;
    tools = tools == null ? List.of() : List.copyOf(tools);
    if (playbackLead.toMillis() < 20) {
      throw new IllegalArgumentException("playbackLead must be >= 20 ms, was " + playbackLead);
    }
    if (!maxDuration.isPositive()) {
      throw new IllegalArgumentException("maxDuration must be positive, was " + maxDuration);
    }
  }

  /** Defaults for everything but the session. */
  public static CallConfig of(SessionConfig session) {
    return new CallConfig(session, null, null, null, null, null, null, null, null, null);
  }

  public CallConfig withGreeting(String value) {
    return new CallConfig(
        session,
        value,
        bargeIn,
        maxDuration,
        dtmf,
        playback,
        playbackLead,
        teardownStepTimeout,
        hangUpGrace,
        tools);
  }

  public CallConfig withBargeIn(BargeInPolicy value) {
    return new CallConfig(
        session,
        greeting,
        value,
        maxDuration,
        dtmf,
        playback,
        playbackLead,
        teardownStepTimeout,
        hangUpGrace,
        tools);
  }

  public CallConfig withMaxDuration(Duration value) {
    return new CallConfig(
        session,
        greeting,
        bargeIn,
        value,
        dtmf,
        playback,
        playbackLead,
        teardownStepTimeout,
        hangUpGrace,
        tools);
  }

  public CallConfig withDtmf(DtmfMode value) {
    return new CallConfig(
        session,
        greeting,
        bargeIn,
        maxDuration,
        value,
        playback,
        playbackLead,
        teardownStepTimeout,
        hangUpGrace,
        tools);
  }

  public CallConfig withPlayback(PlaybackClock value) {
    return new CallConfig(
        session,
        greeting,
        bargeIn,
        maxDuration,
        dtmf,
        value,
        playbackLead,
        teardownStepTimeout,
        hangUpGrace,
        tools);
  }

  public CallConfig withTools(List<Tool> value) {
    return new CallConfig(
        session,
        greeting,
        bargeIn,
        maxDuration,
        dtmf,
        playback,
        playbackLead,
        teardownStepTimeout,
        hangUpGrace,
        value);
  }
}
