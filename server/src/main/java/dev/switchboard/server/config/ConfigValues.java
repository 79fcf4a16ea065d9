package dev.switchboard.server.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved configuration: each key's parsed value and where it came from. Immutable.
 *
 * @param values key → value; keys unset with no default are absent
 */
public record ConfigValues(Map<ConfigKey, Resolved> values) {

  /**
   * One resolved value.
   *
   * @param value parsed value (see {@link ValueType#parse})
   * @param source {@code default}, the file name, or {@code env NAME}
   */
  public record Resolved(Object value, String raw, String source) {}

  public ConfigValues {
    values = values.isEmpty() ? Map.of() : new EnumMap<>(values);
  }

  /** The value, or {@code null} when unset. */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey key) {
    Resolved r = values.get(key);
    return r == null ? null : (T) r.value();
  }

  /** One line per key, secrets redacted: what {@code config show} prints. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (ConfigKey k : ConfigKey.values()) {
      Resolved r = values.get(k);
      String shown = r == null ? "(unset)" : k.secret() ? "****" : r.raw();
      lines.add(k.path() + " = " + shown + (r == null ? "" : "   # " + r.source()));
    }
    return lines;
  }
}
