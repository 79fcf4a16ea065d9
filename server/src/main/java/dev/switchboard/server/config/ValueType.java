package dev.switchboard.server.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The types a configuration value may have, each with its parser and a phrase saying what is
 * allowed (used in error messages and the README table).
 */
public enum ValueType {
  STRING("text"),
  BOOLEAN("true or false"),
  PORT("a port 0-65535 (0 = any free port)"),
  POSITIVE_INT("an integer >= 1"),
  DURATION("a duration such as 500ms, 30s, 5m, 1h, 30d"),
  URL("an http(s):// URL"),
  WS_URL("a ws:// or wss:// URL"),
  PATH("a file system path"),
  LOG_FORMAT("auto, json or text");

  private final String allowed;

  ValueType(String allowed) {
    this.allowed = allowed;
  }

  /** What is allowed, for messages. */
  public String allowed() {
    return allowed;
  }

  /**
   * Parses {@code raw} into the Java value for this type.
   *
   * @throws IllegalArgumentException with a message saying what is allowed
   */
  public Object parse(String raw) {
    String v = raw.trim();
    return switch (this) {
      case STRING, PATH -> v;
      case BOOLEAN -> {
        String l = v.toLowerCase(Locale.ROOT);
        if (!l.equals("true") && !l.equals("false")) {
          throw new IllegalArgumentException(allowed);
        }
        yield Boolean.parseBoolean(l);
      }
      case PORT -> {
        int p = parseInt(v);
        if (p < 0 || p > 65535) {
          throw new IllegalArgumentException(allowed);
        }
        yield p;
      }
      case POSITIVE_INT -> {
        int n = parseInt(v);
        if (n < 1) {
          throw new IllegalArgumentException(allowed);
        }
        yield n;
      }
      case DURATION -> Durations.parse(v);
      case URL -> uri(v, List.of("http", "https"));
      case WS_URL -> uri(v, List.of("ws", "wss"));
      case LOG_FORMAT -> {
        String l = v.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "json", "text").contains(l)) {
          throw new IllegalArgumentException(allowed);
        }
        yield l;
      }
    };
  }

  private int parseInt(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(allowed, e);
    }
  }

  private URI uri(String v, List<String> schemes) {
    try {
      URI u = new URI(v);
      if (u.getScheme() == null
          || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
          || u.getHost() == null) {
        throw new IllegalArgumentException(allowed);
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(allowed, e);
    }
  }
}
