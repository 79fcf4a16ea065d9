package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.Usage;
import java.time.Duration;

/**
 * Everything a call reports to its {@link CallEventListener}s. Every event carries {@code at}, the
 * time since the call started on the call clock. Start/end events come in pairs. All records are
 * immutable.
 */
public sealed interface CallEvent {

  /** Time since call start on the call clock. */
  Duration at();

  record CallStarted(Duration at, String callId, String mediaChains) implements CallEvent {}

  record CallEnded(Duration at, Termination termination, Duration duration) implements CallEvent {}

  record BackendConnectStarted(Duration at, String backend) implements CallEvent {}

  record BackendConnected(Duration at, String backend, Duration took) implements CallEvent {}

  record BackendConnectFailed(Duration at, String backend, String error, Duration took)
      implements CallEvent {}

  /** Caller speech end to the first agent audio of the response sent to the caller. */
  record TurnLatency(Duration at, String responseId, Duration latency) implements CallEvent {}

  /**
   * The caller interrupted the agent for good.
   *
   * @param source {@code local} (uplink detector) or {@code backend} (backend VAD)
   * @param decisionLatency caller speech onset to the carrier clear
   */
  record BargeIn(Duration at, String source, Duration decisionLatency) implements CallEvent {}

  /** Playback was stopped: a provisional pause or a commit. */
  record PlaybackCleared(Duration at, String itemId, Duration heard, boolean provisional)
      implements CallEvent {}

  /** A false interruption: playback resumed where it paused. */
  record PlaybackResumed(Duration at, String itemId) implements CallEvent {}

  /**
   * One transcript line. Agent lines carry the generated text and how much of it was heard.
   *
   * @param role {@code caller} or {@code agent}
   * @param heard agent audio the caller heard (zero for caller lines)
   * @param interrupted the caller cut the agent off in this line
   */
  record TranscriptEntry(
      Duration at, String role, String itemId, String text, Duration heard, boolean interrupted)
      implements CallEvent {}

  record ToolCalled(Duration at, String callId, String name, String arguments)
      implements CallEvent {}

  record ToolResult(
      Duration at, String callId, String name, String output, boolean ok, Duration took)
      implements CallEvent {}

  record UsageReported(Duration at, String responseId, Usage usage) implements CallEvent {}

  record Dtmf(Duration at, char digit) implements CallEvent {}

  /** A problem, fatal or not. */
  record Error(Duration at, String where, String message, boolean fatal) implements CallEvent {}
}
