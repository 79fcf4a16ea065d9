package dev.switchboard.bridge.tools;

import dev.switchboard.bridge.backend.ToolDefinition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A function the model may call. Invoked on the call's control thread only once the call's
 * arguments are complete; implementations return at once and complete the future from any thread
 * with the result JSON for the model. They must never block in {@code invoke}: on a Twilio call the
 * control thread is the Media Stream socket's IO thread, shared with other calls ({@link
 * dev.switchboard.bridge.transport.CallTransport#controlExecutor}); do I/O asynchronously (e.g.
 * {@code HttpClient.sendAsync}) or on an executor of the tool's own.
 */
public interface Tool {

  ToolDefinition definition();

  /** After this the call fails with a timeout error result. */
  default Duration timeout() {
    return Duration.ofSeconds(10);
  }

  CompletableFuture<String> invoke(String argumentsJson, ToolContext context);
}
