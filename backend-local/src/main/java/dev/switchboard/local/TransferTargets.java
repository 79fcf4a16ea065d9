package dev.switchboard.local;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.ToolDefinition;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transfer target names a session may use: those configured for the backend plus those the call
 * core's {@code transfer} tool offers in its JSON Schema ({@code "target": {"enum": [...]}}), so a
 * flow step transfers by name exactly as a model would.
 */
final class TransferTargets {

  private static final Pattern ENUM = Pattern.compile("\"enum\"\\s*:\\s*\\[([^\\]]*)\\]");
  private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

  private TransferTargets() {}

  static Set<String> of(LocalConfig settings, SessionConfig config) {
    Set<String> names = new HashSet<>(settings.transferTargets().keySet());
    for (ToolDefinition t : config.tools()) {
      if (t.name().equals("transfer")) {
        Matcher e = ENUM.matcher(t.parametersJsonSchema());
        while (e.find()) {
          Matcher s = STRING.matcher(e.group(1));
          while (s.find()) {
            names.add(s.group(1));
          }
        }
      }
    }
    return names;
  }
}
