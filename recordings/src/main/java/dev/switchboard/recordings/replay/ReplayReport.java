package dev.switchboard.recordings.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.transcript.TranscriptLine;
import dev.switchboard.recordings.transcript.TranscriptRenderer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What changed between a recorded call and its replay, turn by turn: turn {@code i} is the {@code
 * i}-th agent utterance in speech order, with the caller's words since the previous one; its
 * latency is the {@code i}-th {@code turn_latency} of the call (one per response that played). Plus
 * per-call totals: barge-ins, tool calls, cost, duration, termination.
 *
 * <p>Immutable; safe to share between threads.
 */
public record ReplayReport(
    String callId, String replayCallId, List<Turn> turns, Side then, Side now) {

  /** One turn, then and now. */
  public record Turn(
      int index,
      String callerThen,
      String callerNow,
      String agentThen,
      String agentNow,
      Long latencyThenMs,
      Long latencyNowMs,
      boolean interruptedThen,
      boolean interruptedNow,
      boolean changed) {}

  /** Per-call totals of one side. */
  public record Side(
      long durationMs,
      String termination,
      long bargeIns,
      List<String> toolCalls,
      BigDecimal costUsd,
      int turns) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  public static ReplayReport compare(
      RecordingMetadata thenMeta,
      List<TranscriptLine> thenLines,
      RecordingMetadata nowMeta,
      List<TranscriptLine> nowLines) {
    List<TurnSide> a = turns(thenLines);
    List<TurnSide> b = turns(nowLines);
    List<Turn> out = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      TurnSide x = i < a.size() ? a.get(i) : TurnSide.NONE;
      TurnSide y = i < b.size() ? b.get(i) : TurnSide.NONE;
      out.add(
          new Turn(
              i + 1,
              x.caller,
              y.caller,
              x.agent,
              y.agent,
              x.latencyMs,
              y.latencyMs,
              x.interrupted,
              y.interrupted,
              !normalise(x.agent).equals(normalise(y.agent))));
    }
    return new ReplayReport(
        thenMeta.callId(),
        nowMeta.callId(),
        out,
        side(thenMeta, thenLines, a.size()),
        side(nowMeta, nowLines, b.size()));
  }

  private record TurnSide(String caller, String agent, Long latencyMs, boolean interrupted) {
    static final TurnSide NONE = new TurnSide(null, null, null, false);
  }

  private static List<TurnSide> turns(List<TranscriptLine> lines) {
    List<TurnSide> out = new ArrayList<>();
    List<Long> latencies =
        lines.stream()
            .filter(l -> l.type().equals("turn_latency"))
            .map(l -> ((Number) l.fields().get("latency_ms")).longValue())
            .toList();
    StringBuilder caller = new StringBuilder();
    for (TranscriptLine l : TranscriptRenderer.speechOrder(lines)) {
      if (l.type().equals("caller")) {
        caller.append(caller.isEmpty() ? "" : " ").append(l.text());
      } else if (l.type().equals("agent")) {
        Object heard = l.fields().get("heard_text");
        int i = out.size();
        out.add(
            new TurnSide(
                caller.toString(),
                heard != null ? heard.toString() : l.text(),
                i < latencies.size() ? latencies.get(i) : null,
                Boolean.TRUE.equals(l.fields().get("interrupted"))));
        caller.setLength(0);
      }
    }
    return out;
  }

  private static Side side(RecordingMetadata m, List<TranscriptLine> lines, int turns) {
    return new Side(
        m.durationMs() == null ? 0 : m.durationMs(),
        m.terminationResult(),
        m.bargeIns(),
        lines.stream()
            .filter(l -> l.type().equals("tool_call"))
            .map(l -> String.valueOf(l.fields().get("name")))
            .toList(),
        m.costUsd(),
        turns);
  }

  private static String normalise(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  public long changedTurns() {
    return turns.stream().filter(Turn::changed).count();
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Replay of ").append(callId).append(" → ").append(replayCallId).append("\n\n");
    md.append("| | then | now |\n|---|---|---|\n");
    row(md, "duration", then.durationMs() + " ms", now.durationMs() + " ms");
    row(md, "termination", then.termination(), now.termination());
    row(md, "turns", then.turns(), now.turns());
    row(md, "barge-ins", then.bargeIns(), now.bargeIns());
    row(md, "tool calls", String.join(", ", then.toolCalls()), String.join(", ", now.toolCalls()));
    row(md, "cost (USD)", then.costUsd(), now.costUsd());
    md.append("\n## Turns (").append(changedTurns()).append(" changed)\n\n");
    md.append("| # | caller | agent then | agent now | latency then | latency now |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Turn t : turns) {
      md.append("| ")
          .append(t.index())
          .append(t.changed() ? " ✱" : "")
          .append(" | ")
          .append(cell(t.callerThen()))
          .append(" | ")
          .append(cell(t.agentThen()))
          .append(t.interruptedThen() ? " (interrupted)" : "")
          .append(" | ")
          .append(cell(t.agentNow()))
          .append(t.interruptedNow() ? " (interrupted)" : "")
          .append(" | ")
          .append(t.latencyThenMs() == null ? "–" : t.latencyThenMs() + " ms")
          .append(" | ")
          .append(t.latencyNowMs() == null ? "–" : t.latencyNowMs() + " ms")
          .append(" |\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, Object a, Object b) {
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(cell(String.valueOf(a)))
        .append(" | ")
        .append(cell(String.valueOf(b)))
        .append(" |\n");
  }

  private static String cell(String s) {
    return s == null ? "–" : s.replace("|", "\\|").replace("\n", " ");
  }

  /** Writes {@code replay-report.json} and {@code replay-report.md} into {@code dir}. */
  public void writeTo(Path dir) throws IOException {
    Files.writeString(dir.resolve("replay-report.json"), toJson());
    Files.writeString(dir.resolve("replay-report.md"), toMarkdown());
  }
}
