package dev.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML file, applies environment overrides and validates every value, collecting all
 * problems before failing. Unknown keys (in the file, or {@code SWITCHBOARD_*} variables) are
 * errors with a suggestion, never silently ignored.
 */
public final class ConfigLoader {

  /**
   * Variables with the prefix that are not configuration keys (launcher and container entrypoint).
   */
  private static final Set<String> NON_CONFIG_ENV =
      Set.of("SWITCHBOARD_JAVA_OPTS", "SWITCHBOARD_JAR");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /**
   * Loads configuration.
   *
   * @param file the YAML file, or {@code null} for none (defaults plus environment)
   * @param env the process environment (injected for tests)
   * @throws ConfigException listing every problem
   */
  public static ServerConfig load(Path file, Map<String, String> env) {
    return ServerConfig.from(resolve(file, env));
  }

  /** Resolves and validates the raw values without building the typed config. */
  public static ConfigValues resolve(Path file, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<ConfigKey, ConfigValues.Resolved> out = new EnumMap<>(ConfigKey.class);
    for (ConfigKey k : ConfigKey.values()) {
      if (k.defaultValue() != null) {
        out.put(
            k,
            new ConfigValues.Resolved(
                k.type().parse(k.defaultValue()), k.defaultValue(), "default"));
      }
    }
    if (file != null) {
      readFile(file, out, problems);
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      ConfigKey key = ConfigKey.byEnv(name).orElse(null);
      if (key == null) {
        if (name.startsWith("SWITCHBOARD_") && !NON_CONFIG_ENV.contains(name)) {
          problems.add(
              "unknown environment variable " + name + suggestion(name, true) + knownEnvHint());
        }
        continue;
      }
      if (e.getValue() == null || e.getValue().isEmpty()) {
        continue; // an empty variable means "not set", as shells export them
      }
      put(key, e.getValue(), "env " + name, out, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ConfigValues(out);
  }

  private static void readFile(
      Path file, Map<ConfigKey, ConfigValues.Resolved> out, List<String> problems) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      problems.add("configuration file " + file + " does not exist");
      return;
    } catch (IOException e) {
      problems.add("configuration file " + file + " is not valid YAML: " + firstLine(e));
      return;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return; // an empty file is a valid "all defaults"
    }
    if (!root.isObject()) {
      problems.add("configuration file " + file + " must be a YAML mapping of keys");
      return;
    }
    walk(root, "", file.getFileName().toString(), out, problems);
  }

  private static void walk(
      JsonNode node,
      String prefix,
      String source,
      Map<ConfigKey, ConfigValues.Resolved> out,
      List<String> problems) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> f = it.next();
      String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      JsonNode v = f.getValue();
      ConfigKey key = ConfigKey.byPath(path).orElse(null);
      if (key == null) {
        boolean isSection =
            Arrays.stream(ConfigKey.values()).anyMatch(k -> k.path().startsWith(path + "."));
        if (isSection && v.isObject()) {
          walk(v, path, source, out, problems);
        } else if (isSection) {
          problems.add(
              "'" + path + "' in " + source + " must be a mapping of keys, was '" + v + "'");
        } else {
          problems.add("unknown key '" + path + "' in " + source + suggestion(path, false));
        }
        continue;
      }
      if (v.isNull()) {
        out.remove(key); // explicit null unsets a default
        continue;
      }
      if (!v.isValueNode()) {
        problems.add(
            "'"
                + path
                + "' in "
                + source
                + " must be "
                + key.type().allowed()
                + ", was a "
                + (v.isArray() ? "list" : "mapping"));
        continue;
      }
      put(key, v.asText(), source, out, problems);
    }
  }

  private static void put(
      ConfigKey key,
      String raw,
      String source,
      Map<ConfigKey, ConfigValues.Resolved> out,
      List<String> problems) {
    try {
      out.put(key, new ConfigValues.Resolved(key.type().parse(raw), raw, source));
    } catch (IllegalArgumentException e) {
      String shown = key.secret() ? "****" : raw;
      problems.add(
          "'"
              + key.path()
              + "' ("
              + source
              + ") = '"
              + shown
              + "' is invalid: must be "
              + key.type().allowed());
    }
  }

  /** " (did you mean 'x'?)" for the closest known key, when close enough. */
  private static String suggestion(String given, boolean env) {
    return Arrays.stream(ConfigKey.values())
        .map(k -> env ? k.env() : k.path())
        .min(Comparator.comparingInt(c -> distance(c.toLowerCase(), given.toLowerCase())))
        .filter(
            c -> distance(c.toLowerCase(), given.toLowerCase()) <= Math.max(2, given.length() / 4))
        .map(c -> " (did you mean '" + c + "'?)")
        .orElse("");
  }

  private static String knownEnvHint() {
    return "; see the configuration table in README.md";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
