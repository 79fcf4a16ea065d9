package dev.switchboard.server.flow;

import dev.switchboard.server.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping being read by the flow parser: typed getters that record which keys were read,
 * report problems with the full dotted path and the offending value, and flag unread (unknown) keys
 * in {@link #finish()}. Not thread-safe; one per parse.
 */
final class YamlNode {

  private final String file;
  private final String path;
  private final Map<String, Object> map;
  private final List<String> problems;
  private final Set<String> read = new LinkedHashSet<>();

  YamlNode(String file, String path, Map<String, Object> map, List<String> problems) {
    this.file = file;
    this.path = path;
    this.map = map == null ? Map.of() : map;
    this.problems = problems;
  }

  boolean has(String key) {
    return map.containsKey(key);
  }

  String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, Object value, String allowed) {
    problems.add(file + ": '" + key(key) + "' = '" + value + "' is invalid: must be " + allowed);
  }

  void missing(String key, String allowed) {
    problems.add(file + ": '" + key(key) + "' is required (" + allowed + ")");
  }

  String string(String key, String fallback) {
    read.add(key);
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List) {
      problem(key, v, "text");
      return fallback;
    }
    return String.valueOf(v);
  }

  String requiredString(String key, String allowed) {
    String v = string(key, null);
    if (v == null || v.isBlank()) {
      if (!map.containsKey(key) || map.get(key) != null) {
        missing(key, allowed);
      }
      return null;
    }
    return v;
  }

  boolean bool(String key, boolean fallback) {
    read.add(key);
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    problem(key, v, "true or false");
    return fallback;
  }

  double number(String key, double fallback, double min, double max) {
    read.add(key);
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.doubleValue();
    }
    problem(key, v, "a number from " + min + " to " + max);
    return fallback;
  }

  Duration duration(String key, Duration fallback) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      problem(key, v, e.getMessage());
      return fallback;
    }
  }

  /** One of {@code allowed} (case-insensitive), returned in lower case. */
  String oneOf(String key, String fallback, String... allowed) {
    String v = string(key, null);
    if (v == null) {
      return fallback;
    }
    String l = v.toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(l)) {
      problem(key, v, "one of " + String.join(", ", allowed));
      return fallback;
    }
    return l;
  }

  List<String> strings(String key) {
    read.add(key);
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        if (o instanceof Map || o instanceof List || o == null) {
          problem(key, v, "a list of text values");
          return List.of();
        }
        out.add(String.valueOf(o));
      }
      return out;
    }
    return List.of(String.valueOf(v));
  }

  /** A nested mapping (empty when absent). */
  YamlNode child(String key) {
    read.add(key);
    Object v = map.get(key);
    if (v != null && !(v instanceof Map)) {
      problem(key, v, "a mapping of keys");
      v = null;
    }
    return new YamlNode(file, key(key), asMap(v), problems);
  }

  /** A list of mappings. */
  List<YamlNode> children(String key) {
    read.add(key);
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      problem(key, v, "a list");
      return List.of();
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      Object o = l.get(i);
      if (!(o instanceof Map)) {
        problems.add(file + ": '" + key(key) + "[" + i + "]' must be a mapping of keys");
        continue;
      }
      out.add(new YamlNode(file, key(key) + "[" + i + "]", asMap(o), problems));
    }
    return out;
  }

  /** The raw subtree (for parts another module parses, e.g. IVR steps). */
  Map<String, Object> raw(String key) {
    read.add(key);
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      problem(key, v, "a mapping of keys");
      return null;
    }
    return asMap(v);
  }

  /** Every key of this mapping, in file order (for free-form maps such as transfers). */
  Set<String> keys() {
    read.addAll(map.keySet());
    return map.keySet();
  }

  Object rawValue(String key) {
    return map.get(key);
  }

  /** Reports keys nobody read: unknown keys are errors, never silence. */
  void finish(String... knownForHint) {
    for (String k : map.keySet()) {
      if (!read.contains(k)) {
        problems.add(
            file
                + ": unknown key '"
                + key(k)
                + "'"
                + (knownForHint.length == 0 ? "" : "; known: " + String.join(", ", knownForHint)));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object v) {
    if (v == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) v).forEach((k, val) -> out.put(String.valueOf(k), val));
    return out;
  }
}
