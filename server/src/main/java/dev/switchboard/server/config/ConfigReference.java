package dev.switchboard.server.config;

import java.util.StringJoiner;

/** The README's configuration reference table, generated from {@link ConfigKey}. */
public final class ConfigReference {

  public static final String BEGIN =
      "<!-- config-table:begin (generated: ./switchboard config reference) -->";
  public static final String END = "<!-- config-table:end -->";

  private ConfigReference() {}

  /** The Markdown table, one row per key. */
  public static String markdownTable() {
    StringJoiner t = new StringJoiner("\n", "", "\n");
    t.add("| key | environment | default | allowed | meaning |");
    t.add("|---|---|---|---|---|");
    for (ConfigKey k : ConfigKey.values()) {
      t.add(
          "| `"
              + k.path()
              + "` | `"
              + k.env()
              + "` | "
              + (k.defaultValue() == null ? "—" : "`" + k.defaultValue() + "`")
              + " | "
              + k.type().allowed()
              + " | "
              + k.description()
              + (k.secret() ? " (secret)" : "")
              + " |");
    }
    return t.toString();
  }
}
