package dev.switchboard.server.tools;

import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.tools.Tool;
import dev.switchboard.bridge.tools.ToolContext;
import dev.switchboard.bridge.tools.ToolJson;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code handover}: the offline IVR's handover step ({@code {"flow":"assistant"}}) asks to continue
 * the call elsewhere. The call core cannot swap a live call's backend, so a handover is a transfer
 * when the name is one of the flow's {@code transfers}; otherwise the call ends after the step's
 * message has played, with the reason logged (never dead air). Immutable.
 */
public final class HandoverTool implements Tool {

  public static final String NAME = "handover";

  private static final Logger LOG = LoggerFactory.getLogger(HandoverTool.class);
  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          NAME,
          "Hand the call over to another flow or a named transfer target.",
          "{\"type\":\"object\",\"properties\":{\"flow\":{\"type\":\"string\"}},"
              + "\"required\":[\"flow\"]}");

  private final Map<String, String> transfers;

  /**
   * @param transfers the flow's transfer targets: name → SIP/tel URI or number
   */
  public HandoverTool(Map<String, String> transfers) {
    this.transfers = Map.copyOf(transfers);
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public java.time.Duration timeout() {
    return java.time.Duration.ofSeconds(30);
  }

  @Override
  public CompletableFuture<String> invoke(String argumentsJson, ToolContext context) {
    String name = ToolJson.parseObject(argumentsJson).path("flow").asText("");
    String uri = transfers.get(name);
    if (uri == null) {
      LOG.warn(
          "handover to '{}': not a transfer target {} and a live call cannot change backend;"
              + " ending the call after the message",
          name,
          transfers.keySet());
      context.hangUpAfterPlayback("handover to " + name + " not possible");
      return CompletableFuture.completedFuture(
          ToolJson.error("no handover target '" + name + "'; the call ends"));
    }
    return context
        .transfer(uri)
        .thenApply(
            r -> {
              if (r.success()) {
                return ToolJson.ok("detail", r.detail());
              }
              context.hangUpAfterPlayback("handover transfer to " + name + " failed");
              return ToolJson.error("handover to " + name + " failed: " + r.detail());
            });
  }
}
