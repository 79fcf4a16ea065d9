package dev.switchboard.recordings.index;

import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.transcript.TranscriptLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row of the call index.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param path the recording directory relative to the store's root
 * @param transcriptText what was said and heard, for full-text search (redactions stay redacted)
 */
public record IndexedCall(
    String callId,
    String transport,
    String carrierCallId,
    String from,
    String to,
    String flow,
    String backend,
    String model,
    Instant startedAt,
    Instant endedAt,
    Long durationMs,
    String terminationResult,
    String terminationReason,
    long bargeIns,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    boolean degraded,
    boolean recovered,
    long pausedMs,
    String path,
    String replayOf,
    String transcriptText) {

  /** The row for a finished (or recovered) recording. */
  public static IndexedCall of(RecordingMetadata m, String path, List<TranscriptLine> lines) {
    String text =
        lines.stream()
            .filter(l -> l.type().equals("caller") || l.type().equals("agent"))
            .map(
                l -> {
                  Object heard = l.fields().get("heard_text");
                  return heard != null ? heard.toString() : l.text();
                })
            .collect(Collectors.joining("\n"));
    long paused =
        m.pausedSpans() == null
            ? 0
            : m.pausedSpans().stream().mapToLong(s -> s.endMs() - s.startMs()).sum();
    return new IndexedCall(
        m.callId(),
        m.transport(),
        m.carrierCallId(),
        m.from(),
        m.to(),
        m.flow(),
        m.backend(),
        m.model(),
        Instant.parse(m.startedAt()),
        m.endedAt() == null ? null : Instant.parse(m.endedAt()),
        m.durationMs(),
        m.terminationResult(),
        m.terminationReason(),
        m.bargeIns(),
        m.inputAudioTokens() + m.inputTextTokens(),
        m.outputAudioTokens() + m.outputTextTokens(),
        m.costUsd(),
        m.degraded(),
        m.recovered(),
        paused,
        path,
        m.replayOf(),
        text);
  }
}
