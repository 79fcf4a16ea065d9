package dev.switchboard.recordings.transcript;

import java.util.Comparator;
import java.util.List;

/**
 * Renders a transcript for people: WebVTT (W3C "WebVTT: The Web Video Text Tracks Format", §4.2.2
 * voice spans {@code <v Caller>}) and plain text, both in speech order (sorted by start time, not
 * by when the backend reported each line). Stateless.
 */
public final class TranscriptRenderer {

  private TranscriptRenderer() {}

  /** Utterances sorted by when they were spoken; ties keep report order. */
  public static List<TranscriptLine> speechOrder(List<TranscriptLine> lines) {
    return lines.stream().sorted(Comparator.comparingLong(TranscriptLine::startMs)).toList();
  }

  public static String webVtt(List<TranscriptLine> lines) {
    StringBuilder out = new StringBuilder("WEBVTT\n");
    for (TranscriptLine l : speechOrder(lines)) {
      String voice = voice(l);
      if (voice == null) {
        continue;
      }
      long end = Math.max(l.endMs(), l.startMs() + 1);
      out.append('\n')
          .append(timestamp(l.startMs()))
          .append(" --> ")
          .append(timestamp(end))
          .append('\n')
          .append("<v ")
          .append(voice)
          .append('>')
          .append(escape(spoken(l)))
          .append('\n');
    }
    return out.toString();
  }

  public static String plainText(List<TranscriptLine> lines) {
    StringBuilder out = new StringBuilder();
    for (TranscriptLine l : speechOrder(lines)) {
      String what =
          switch (l.type()) {
            case "caller", "agent" -> voice(l) + ": " + spoken(l);
            case "dtmf" -> "[DTMF " + (l.redacted() ? "redacted" : l.fields().get("digit")) + "]";
            case "barge_in" -> "[caller interrupted]";
            case "tool_call" -> "[tool " + l.fields().get("name") + "]";
            case "transfer" -> "[transferred: " + l.fields().get("detail") + "]";
            case "hangup" -> "[call ended: " + l.fields().get("result") + "]";
            case "recording_paused" -> "[recording paused]";
            case "recording_resumed" -> "[recording resumed]";
            case "error" -> "[error: " + l.fields().get("message") + "]";
            default -> null;
          };
      if (what != null) {
        out.append(clock(l.startMs())).append(' ').append(what).append('\n');
      }
    }
    return out.toString();
  }

  private static String voice(TranscriptLine l) {
    return switch (l.type()) {
      case "caller" -> "Caller";
      case "agent" -> "Agent";
      default -> null;
    };
  }

  /** What the caller heard of an agent line; the caller's own words otherwise. */
  private static String spoken(TranscriptLine l) {
    Object heard = l.fields().get("heard_text");
    String text = heard != null ? heard.toString() : l.text();
    if (Boolean.TRUE.equals(l.fields().get("interrupted"))) {
      text = text + " —";
    }
    return text;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }

  static String timestamp(long ms) {
    return String.format(
        "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
  }

  private static String clock(long ms) {
    return String.format("[%02d:%02d.%03d]", ms / 60_000, ms / 1000 % 60, ms % 1000);
  }
}
