package dev.switchboard.bridge.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The text of a conversation, kept to replay into a fresh session. Caller turns are placed when
 * their input is committed and filled when the transcript arrives (transcripts may come after the
 * agent already answered), so replay keeps the spoken order. Not thread-safe: its owner locks.
 */
final class ConversationHistory {

  /** One turn; {@code text} is null for a caller turn whose transcript has not arrived. */
  static final class Turn {
    final String role;
    final String itemId;
    String text;

    Turn(String role, String itemId, String text) {
      this.role = role;
      this.itemId = itemId;
      this.text = text;
    }
  }

  private final int limit;
  private final Deque<Turn> turns = new ArrayDeque<>();

  ConversationHistory(int limit) {
    this.limit = limit;
  }

  void callerTurnCommitted(String itemId) {
    if (itemId != null && find(itemId) == null) {
      add(new Turn("user", itemId, null));
    }
  }

  void callerTranscript(String itemId, String text) {
    Turn t = itemId == null ? null : find(itemId);
    if (t != null) {
      t.text = text;
    } else {
      add(new Turn("user", itemId, text));
    }
  }

  void add(String role, String text) {
    add(new Turn(role, null, text));
  }

  private void add(Turn t) {
    turns.addLast(t);
    while (turns.size() > limit) {
      turns.removeFirst();
    }
  }

  private Turn find(String itemId) {
    for (Turn t : turns) {
      if (itemId.equals(t.itemId)) {
        return t;
      }
    }
    return null;
  }

  /** Finished turns as (role, text), oldest first; caller turns without text are skipped. */
  List<Map.Entry<String, String>> replay() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Turn t : turns) {
      if (t.text != null && !t.text.isBlank()) {
        out.add(Map.entry(t.role, t.text));
      }
    }
    return out;
  }
}
