package dev.switchboard.bridge.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's transcript lines in progress, one per audio item: generated text (arrives on its own
 * schedule) and the playback outcome (heard, interrupted). A line is emitted once both are known,
 * so it always says what was generated and how much of it the caller heard. Confined to the call's
 * control thread.
 */
final class AgentLines {

  /** One agent item's line. */
  static final class Line {
    final String responseId;
    final String itemId;
    final long startedNanos;
    final StringBuilder text = new StringBuilder();
    boolean textDone;
    boolean outcomeKnown;
    boolean interrupted;
    Duration heard = Duration.ZERO;
    boolean firstAudioSent;

    Line(String responseId, String itemId, long startedNanos) {
      this.responseId = responseId;
      this.itemId = itemId;
      this.startedNanos = startedNanos;
    }
  }

  private final Map<String, Line> lines = new LinkedHashMap<>();
  private final java.util.Set<String> emitted = new java.util.HashSet<>();

  Line get(String responseId, String itemId, long nowNanos) {
    if (emitted.contains(itemId)) {
      return new Line(responseId, itemId, nowNanos); // already reported; not tracked again
    }
    return lines.computeIfAbsent(itemId, id -> new Line(responseId, id, nowNanos));
  }

  Line find(String itemId) {
    return itemId == null ? null : lines.get(itemId);
  }

  void appendText(String responseId, String itemId, String delta, long nowNanos) {
    if (emitted.contains(itemId)) {
      return;
    }
    Line l = get(responseId, itemId, nowNanos);
    if (!l.textDone) {
      l.text.append(delta);
    }
  }

  void setText(String responseId, String itemId, String text, long nowNanos) {
    if (emitted.contains(itemId)) {
      return;
    }
    Line l = get(responseId, itemId, nowNanos);
    l.text.setLength(0);
    l.text.append(text);
    l.textDone = true;
  }

  /** The response ended: no more text will come for its lines. */
  void responseDone(String responseId) {
    for (Line l : lines.values()) {
      if (l.responseId.equals(responseId)) {
        l.textDone = true;
      }
    }
  }

  void outcome(String itemId, Duration heard, boolean interrupted) {
    Line l = lines.get(itemId);
    if (l != null && !l.outcomeKnown) {
      l.outcomeKnown = true;
      l.heard = heard;
      l.interrupted = interrupted;
    }
  }

  /** Lines whose outcome is not known yet. */
  List<Line> open() {
    return lines.values().stream().filter(l -> !l.outcomeKnown).toList();
  }

  /** Removes and returns the lines ready to emit, oldest first. */
  List<Line> takeReady(boolean force) {
    List<Line> ready = new ArrayList<>();
    for (Iterator<Line> it = lines.values().iterator(); it.hasNext(); ) {
      Line l = it.next();
      if (force || (l.textDone && l.outcomeKnown)) {
        ready.add(l);
        emitted.add(l.itemId);
        it.remove();
      }
    }
    return ready;
  }
}
