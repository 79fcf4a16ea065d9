package dev.switchboard.bridge.tools;

import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.time.MediaClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The tools of one call, by name. {@link #invoke} runs one complete tool call with its own timeout
 * on the {@link MediaClock}; the future always completes normally, failures turned into an error
 * result JSON for the model. Immutable after construction; invoke from the control thread.
 */
public final class ToolInvoker {

  private final Map<String, Tool> tools = new LinkedHashMap<>();
  private final MediaClock clock;

  public ToolInvoker(List<Tool> tools, MediaClock clock) {
    for (Tool t : tools) {
      if (this.tools.put(t.definition().name(), t) != null) {
        throw new IllegalArgumentException("duplicate tool name '" + t.definition().name() + "'");
      }
    }
    this.clock = clock;
  }

  public List<ToolDefinition> definitions() {
    return tools.values().stream().map(Tool::definition).toList();
  }

  public CompletableFuture<String> invoke(String name, String argumentsJson, ToolContext ctx) {
    Tool tool = tools.get(name);
    if (tool == null) {
      return CompletableFuture.completedFuture(
          ToolJson.error("unknown tool '" + name + "'; available: " + tools.keySet()));
    }
    CompletableFuture<String> result = new CompletableFuture<>();
    MediaClock.Timer timer =
        clock.schedule(
            tool.timeout(),
            () ->
                result.complete(
                    ToolJson.error(
                        name + " timed out after " + tool.timeout().toMillis() + " ms")));
    CompletableFuture<String> running;
    try {
      running = tool.invoke(argumentsJson, ctx);
    } catch (RuntimeException e) {
      running = CompletableFuture.failedFuture(e);
    }
    running.whenComplete(
        (json, error) -> {
          timer.cancel();
          if (error != null) {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            result.complete(ToolJson.error(name + " failed: " + cause.getMessage()));
          } else {
            result.complete(json);
          }
        });
    return result;
  }
}
