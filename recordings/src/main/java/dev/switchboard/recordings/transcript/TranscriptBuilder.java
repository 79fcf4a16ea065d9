package dev.switchboard.recordings.transcript;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.recordings.audio.PausedSpans;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns call events into transcript lines on the call clock. Utterance times come from the audio
 * itself ({@link SpeechRuns}): a caller line takes the earliest caller speech not yet transcribed
 * (transcription can arrive after the agent's reply, so arrival order is not speech order); an
 * agent line takes the next {@code heard} of agent audio, cut where playback was cleared. Lines
 * overlapping a PCI pause are redacted. Confined to the writer thread.
 */
public final class TranscriptBuilder {

  /**
   * Speaking rate used to estimate the heard part of an interrupted agent line: about 150 words per
   * minute of synthesised English, ~14 characters per second including spaces.
   */
  static final double AGENT_CHARS_PER_SECOND = 14.0;

  static final String REDACTED = "[redacted]";

  /** Caller frames quieter than this (RMS, dBFS) are not speech for timing purposes. */
  private static final double CALLER_SPEECH_DBFS = -45.0;

  private final SpeechRuns callerRuns = new SpeechRuns(Duration.ofMillis(400));
  private final SpeechRuns agentRuns = new SpeechRuns(Duration.ofMillis(20));
  private final PausedSpans paused;
  private long agentCursorMs;

  public TranscriptBuilder(PausedSpans paused) {
    this.paused = paused;
  }

  public void callerAudio(Duration at, PcmFrame frame) {
    if (levelDbfs(frame) > CALLER_SPEECH_DBFS) {
      long start = at.toMillis();
      callerRuns.active(start, start + frame.durationMicros() / 1000);
    }
  }

  public void agentAudio(Duration at, PcmFrame frame) {
    long start = at.toMillis();
    agentRuns.active(start, start + frame.durationMicros() / 1000);
  }

  public void playbackCleared(Duration at) {
    agentRuns.cutAt(at.toMillis());
  }

  /** The lines {@code event} adds (usually one, often none). */
  public List<TranscriptLine> onEvent(CallEvent event) {
    long at = event.at().toMillis();
    return switch (event) {
      case CallEvent.TranscriptEntry t when t.role().equals("caller") -> List.of(caller(t, at));
      case CallEvent.TranscriptEntry t -> List.of(agent(t, at));
      case CallEvent.ToolCalled c ->
          List.of(
              TranscriptLine.instant(
                  "tool_call",
                  at,
                  fields("call_id", c.callId(), "name", c.name(), "arguments", c.arguments())));
      case CallEvent.ToolResult r ->
          List.of(
              TranscriptLine.instant(
                  "tool_result",
                  at,
                  fields(
                      "call_id",
                      r.callId(),
                      "name",
                      r.name(),
                      "output",
                      r.output(),
                      "ok",
                      r.ok(),
                      "took_ms",
                      r.took().toMillis())));
      case CallEvent.Dtmf d ->
          List.of(
              paused.covers(d.at())
                  ? TranscriptLine.instant("dtmf", at, fields("digit", null, "redacted", true))
                  : TranscriptLine.instant("dtmf", at, fields("digit", String.valueOf(d.digit()))));
      case CallEvent.BargeIn b ->
          List.of(
              TranscriptLine.instant(
                  "barge_in",
                  at,
                  fields("source", b.source(), "decision_ms", b.decisionLatency().toMillis())));
      case CallEvent.Error e ->
          List.of(
              TranscriptLine.instant(
                  "error",
                  at,
                  fields("where", e.where(), "message", e.message(), "fatal", e.fatal())));
      case CallEvent.UsageReported u ->
          List.of(
              TranscriptLine.instant(
                  "usage",
                  at,
                  fields(
                      "response_id",
                      u.responseId(),
                      "input_audio_tokens",
                      u.usage().inputAudioTokens(),
                      "input_text_tokens",
                      u.usage().inputTextTokens(),
                      "output_audio_tokens",
                      u.usage().outputAudioTokens(),
                      "output_text_tokens",
                      u.usage().outputTextTokens())));
      case CallEvent.TurnLatency l ->
          List.of(
              TranscriptLine.instant(
                  "turn_latency",
                  at,
                  fields("response_id", l.responseId(), "latency_ms", l.latency().toMillis())));
      case CallEvent.CallEnded e -> ended(e, at);
      default -> List.of();
    };
  }

  private List<TranscriptLine> ended(CallEvent.CallEnded e, long at) {
    var result = e.termination().result();
    TranscriptLine hangup =
        TranscriptLine.instant(
            "hangup", at, fields("result", result.name(), "reason", e.termination().reason()));
    if (result == dev.switchboard.bridge.call.Termination.Result.TRANSFERRED) {
      return List.of(
          TranscriptLine.instant("transfer", at, fields("detail", e.termination().reason())),
          hangup);
    }
    return List.of(hangup);
  }

  public TranscriptLine pauseLine(Duration at, String reason) {
    return TranscriptLine.instant("recording_paused", at.toMillis(), fields("reason", reason));
  }

  public TranscriptLine resumeLine(Duration at) {
    return TranscriptLine.instant("recording_resumed", at.toMillis(), fields());
  }

  private TranscriptLine caller(CallEvent.TranscriptEntry t, long at) {
    long[] span = callerRuns.claimEarliest(at + 1);
    long start = span == null ? at : span[0];
    long end = span == null ? at : span[1];
    Map<String, Object> f = fields("item", t.itemId(), "text", t.text());
    redactIfPaused(f, start, end, "text");
    return new TranscriptLine("caller", at, start, end, f);
  }

  private TranscriptLine agent(CallEvent.TranscriptEntry t, long at) {
    long heardMs = t.heard().toMillis();
    long[] span = heardMs > 0 ? agentRuns.claimFrom(agentCursorMs, heardMs) : null;
    long start = span == null ? at : span[0];
    long end = span == null ? at : span[1];
    if (span != null) {
      agentCursorMs = end;
    }
    String heardText = t.interrupted() ? heardPrefix(t.text(), heardMs) : t.text();
    Map<String, Object> f =
        fields(
            "item",
            t.itemId(),
            "text",
            t.text(),
            "heard_text",
            heardText,
            "heard_ms",
            heardMs,
            "interrupted",
            t.interrupted());
    redactIfPaused(f, start, end, "text", "heard_text");
    return new TranscriptLine("agent", at, start, end, f);
  }

  private void redactIfPaused(Map<String, Object> f, long startMs, long endMs, String... keys) {
    if (paused.overlaps(
        Duration.ofMillis(startMs), Duration.ofMillis(Math.max(endMs, startMs + 1)))) {
      for (String k : keys) {
        f.put(k, REDACTED);
      }
      f.put("redacted", true);
    }
  }

  /** The words of {@code text} spoken in {@code heardMs}, at the assumed speaking rate. */
  static String heardPrefix(String text, long heardMs) {
    int chars = (int) Math.round(heardMs / 1000.0 * AGENT_CHARS_PER_SECOND);
    if (chars >= text.length()) {
      return text;
    }
    int cut = text.lastIndexOf(' ', chars);
    return cut <= 0 ? "" : text.substring(0, cut);
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static double levelDbfs(PcmFrame f) {
    double sum = 0;
    for (short s : f.samples()) {
      sum += (double) s * s;
    }
    double rms = Math.sqrt(sum / Math.max(1, f.sampleCount()));
    return 20 * Math.log10(Math.max(rms, 1e-9) / 32768.0);
  }
}
