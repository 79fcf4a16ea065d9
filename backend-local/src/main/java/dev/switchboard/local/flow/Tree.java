package dev.switchboard.local.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, path-aware reads from one map of a YAML-like tree, so every validation message names where
 * the bad value is ({@code steps[3] (menu).choices[1].digit}).
 */
final class Tree {

  String path;
  private final Map<String, Object> map;

  Tree(String path, Map<String, Object> map, Set<String> allowed) {
    this.path = path;
    this.map = map == null ? Map.of() : map;
    if (allowed != null) {
      allow(allowed);
    }
  }

  void renamePath(String newPath) {
    path = newPath;
  }

  void allow(String... keys) {
    allow(Set.of(keys));
  }

  void allow(Set<String> keys) {
    for (String k : map.keySet()) {
      if (!keys.contains(k)) {
        throw new IllegalArgumentException(
            path + ": unknown key '" + k + "' (allowed: " + new java.util.TreeSet<>(keys) + ")");
      }
    }
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  /** A string value; {@code fallback == null} makes it required. */
  String string(String key, String fallback) {
    Object v = map.get(key);
    if (v == null) {
      if (fallback == null) {
        throw new IllegalArgumentException(path + "." + key + ": required");
      }
      return fallback;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw new IllegalArgumentException(path + "." + key + ": expected text, got " + kind(v));
  }

  int integer(String key, int fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).intValue();
    }
    if (v instanceof String s && s.matches("-?\\d{1,9}")) {
      return Integer.parseInt(s);
    }
    throw new IllegalArgumentException(path + "." + key + ": expected a whole number, got " + v);
  }

  boolean bool(String key, boolean fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(path + "." + key + ": expected true or false, got " + v);
  }

  /** A single key press (YAML may give {@code 1} as a number), or {@code null} when absent. */
  Character key(String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    String s = v.toString();
    if (s.length() != 1 || "0123456789*#".indexOf(s.charAt(0)) < 0) {
      throw new IllegalArgumentException(
          path + "." + key + ": expected one of 0-9 * #, got '" + s + "'");
    }
    return s.charAt(0);
  }

  List<String> strings(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        if (!(l.get(i) instanceof String s)) {
          throw new IllegalArgumentException(
              path + "." + key + "[" + i + "]: expected text, got " + kind(l.get(i)));
        }
        out.add(s);
      }
      return out;
    }
    throw new IllegalArgumentException(
        path + "." + key + ": expected a list of text, got " + kind(v));
  }

  Tree child(String key, Set<String> allowed) {
    Object v = map.get(key);
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(path + "." + key + ": expected a map, got " + kind(v));
    }
    return new Tree(path + "." + key, cast(m, path + "." + key), allowed);
  }

  List<Tree> list(String key) {
    Object v = map.get(key);
    if (!(v instanceof List<?> l)) {
      throw new IllegalArgumentException(path + "." + key + ": expected a list, got " + kind(v));
    }
    List<Tree> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      String p = (path.equals("flow") ? "" : path + ".") + key + "[" + i + "]";
      if (!(l.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(p + ": expected a map, got " + kind(l.get(i)));
      }
      out.add(new Tree(p, cast(m, p), null));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m, String path) {
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw new IllegalArgumentException(path + ": keys must be text, got " + kind(k));
      }
    }
    return (Map<String, Object>) m;
  }

  private static String kind(Object v) {
    return v == null ? "nothing" : v.getClass().getSimpleName() + " '" + v + "'";
  }
}
