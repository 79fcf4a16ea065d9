package dev.switchboard.bridge.tools;

import dev.switchboard.bridge.backend.ToolDefinition;
import java.util.concurrent.CompletableFuture;

/**
 * Built-in {@code hang_up}: the model says goodbye in its reply to this result, and the call ends
 * once that reply has played to the caller. Stateless.
 */
public final class HangUpTool implements Tool {

  public static final String NAME = "hang_up";

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          NAME,
          "End the call. Call it when the conversation is over; then say a short goodbye.",
          "{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}}}");

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public CompletableFuture<String> invoke(String argumentsJson, ToolContext context) {
    String reason = ToolJson.parseObject(argumentsJson).path("reason").asText("agent hang-up");
    context.hangUpAfterPlayback(reason);
    return CompletableFuture.completedFuture(
        ToolJson.ok("note", "Say a brief goodbye now; the call ends after it is played."));
  }
}
