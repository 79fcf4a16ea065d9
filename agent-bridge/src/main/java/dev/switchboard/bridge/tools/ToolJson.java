package dev.switchboard.bridge.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JSON helpers for tool arguments and results. Thread-safe. */
public final class ToolJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private ToolJson() {}

  /** {@code {"ok":false,"error":message}} */
  public static String error(String message) {
    return MAPPER.createObjectNode().put("ok", false).put("error", message).toString();
  }

  /** {@code {"ok":true, key: value}} */
  public static String ok(String key, String value) {
    ObjectNode n = MAPPER.createObjectNode().put("ok", true);
    if (key != null) {
      n.put(key, value);
    }
    return n.toString();
  }

  /** Parses arguments as a JSON object; blank means {@code {}}. */
  public static JsonNode parseObject(String json) {
    if (json == null || json.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      if (!n.isObject()) {
        throw new IllegalArgumentException("tool arguments must be a JSON object, got: " + json);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("tool arguments are not JSON: " + e.getOriginalMessage());
    }
  }

  /** True when {@code json} parses as JSON (any value). */
  public static boolean isJson(String json) {
    try {
      MAPPER.readTree(json);
      return json != null && !json.isBlank();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** True when the result JSON says {@code "ok": false} or carries an {@code error}. */
  public static boolean isError(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      return n.isObject() && (n.path("ok").asBoolean(true) == false || n.has("error"));
    } catch (JsonProcessingException e) {
      return true;
    }
  }
}
