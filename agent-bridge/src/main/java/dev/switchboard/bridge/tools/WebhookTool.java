package dev.switchboard.bridge.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bridge.backend.ToolDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A flow-defined tool backed by an HTTP webhook: POSTs {@code {"call_id", "tool", "arguments"}} as
 * JSON and returns the response body (which must be JSON) to the model. Non-2xx statuses, non-JSON
 * bodies and timeouts become error results. Immutable and thread-safe; the {@link HttpClient} is
 * shared.
 */
public final class WebhookTool implements Tool {

  private final ToolDefinition definition;
  private final URI url;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final HttpClient http;

  /**
   * @param headers extra request headers, e.g. {@code Authorization: Bearer ...} from config
   */
  public WebhookTool(
      ToolDefinition definition,
      URI url,
      Duration timeout,
      Map<String, String> headers,
      HttpClient http) {
    String scheme = url == null ? null : url.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("webhook url must be http(s), was " + url);
    }
    this.definition = definition;
    this.url = url;
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
    this.http = http;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public CompletableFuture<String> invoke(String argumentsJson, ToolContext context) {
    ObjectNode body = ToolJson.MAPPER.createObjectNode();
    body.put("call_id", context.call().callId());
    body.put("tool", definition.name());
    body.set("arguments", ToolJson.parseObject(argumentsJson));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    headers.forEach(request::header);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              if (r.statusCode() / 100 != 2) {
                return ToolJson.error(
                    definition.name() + " webhook answered HTTP " + r.statusCode());
              }
              if (!ToolJson.isJson(r.body())) {
                return ToolJson.error(definition.name() + " webhook returned non-JSON body");
              }
              return r.body();
            });
  }

  @Override
  public String toString() {
    // Never print header values: they carry credentials.
    return "WebhookTool[" + definition.name() + " -> " + url + ", timeout=" + timeout + "]";
  }
}
