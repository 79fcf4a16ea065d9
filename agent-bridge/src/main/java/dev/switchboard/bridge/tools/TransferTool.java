package dev.switchboard.bridge.tools;

import dev.switchboard.bridge.backend.ToolDefinition;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Built-in {@code transfer(target)}: hands the caller to a named target from configuration (the
 * model never sees or invents numbers). Unknown names and failed transfers return an error result,
 * and the call goes on. Immutable.
 */
public final class TransferTool implements Tool {

  public static final String NAME = "transfer";

  private final Map<String, String> targets;
  private final ToolDefinition definition;

  /**
   * @param targets target name → SIP/tel URI or number
   */
  public TransferTool(Map<String, String> targets) {
    if (targets == null || targets.isEmpty()) {
      throw new IllegalArgumentException("transfer needs at least one named target");
    }
    this.targets = new TreeMap<>(targets);
    String names = String.join("\",\"", this.targets.keySet());
    this.definition =
        new ToolDefinition(
            NAME,
            "Transfer the caller to a person or department.",
            "{\"type\":\"object\",\"properties\":{\"target\":{\"type\":\"string\",\"enum\":[\""
                + names
                + "\"]}},\"required\":[\"target\"]}");
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public java.time.Duration timeout() {
    return java.time.Duration.ofSeconds(30);
  }

  @Override
  public CompletableFuture<String> invoke(String argumentsJson, ToolContext context) {
    String name = ToolJson.parseObject(argumentsJson).path("target").asText("");
    String uri = targets.get(name);
    if (uri == null) {
      return CompletableFuture.completedFuture(
          ToolJson.error("unknown transfer target '" + name + "'; known: " + targets.keySet()));
    }
    return context
        .transfer(uri)
        .thenApply(
            r ->
                r.success()
                    ? ToolJson.ok("detail", r.detail())
                    : ToolJson.error("transfer to " + name + " failed: " + r.detail()));
  }
}
