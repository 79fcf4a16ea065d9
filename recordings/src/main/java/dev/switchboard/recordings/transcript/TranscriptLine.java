package dev.switchboard.recordings.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transcript event on the call clock.
 *
 * <p>Immutable (the field map is copied); safe to share between threads.
 *
 * @param type {@code caller}, {@code agent}, {@code tool_call}, {@code tool_result}, {@code dtmf},
 *     {@code barge_in}, {@code transfer}, {@code hangup}, {@code error}, {@code usage}, {@code
 *     recording_paused}, {@code recording_resumed}
 * @param atMs when the event was reported, ms since call start
 * @param startMs when what it describes started (an utterance's first audio)
 * @param endMs when it ended ({@code startMs} for instantaneous events)
 * @param fields the type's own fields ({@code text}, {@code heard_ms}, {@code interrupted}...)
 */
public record TranscriptLine(
    String type, long atMs, long startMs, long endMs, Map<String, Object> fields) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public TranscriptLine {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("transcript line type is required");
    }
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static TranscriptLine instant(String type, long atMs, Map<String, Object> fields) {
    return new TranscriptLine(type, atMs, atMs, atMs, fields);
  }

  public String text() {
    Object t = fields.get("text");
    return t == null ? "" : t.toString();
  }

  public boolean redacted() {
    return Boolean.TRUE.equals(fields.get("redacted"));
  }

  /** One JSONL line (no newline). */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("at_ms", atMs);
    o.put("start_ms", startMs);
    o.put("end_ms", endMs);
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      o.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    return o.toString();
  }

  /** Parses one JSONL line written by {@link #toJson()}. */
  public static TranscriptLine parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.isObject() || !n.hasNonNull("type")) {
        throw new IllegalArgumentException("not a transcript line: " + abbreviate(json));
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        switch (e.getKey()) {
          case "type", "at_ms", "start_ms", "end_ms" -> {}
          default -> fields.put(e.getKey(), JSON.treeToValue(e.getValue(), Object.class));
        }
      }
      long at = n.path("at_ms").asLong();
      return new TranscriptLine(
          n.get("type").asText(),
          at,
          n.path("start_ms").asLong(at),
          n.path("end_ms").asLong(at),
          fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("bad transcript line: " + abbreviate(json), e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
