package dev.switchboard.server.config;

import java.util.List;

/**
 * Configuration that cannot be used. Carries every problem found (not just the first), each naming
 * the key, the offending value (redacted for secrets) and what is allowed.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        problems.size() == 1
            ? problems.getFirst()
            : problems.size() + " configuration problems:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }
}
