package dev.switchboard.bridge.openai;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach OpenAI Realtime (or Azure OpenAI).
 *
 * @param realtimeUrl base WebSocket URL, e.g. {@code wss://api.openai.com/v1/realtime}; {@code
 *     ?model=} is appended. In Azure mode it may hold the placeholders {@code {deployment}} and
 *     {@code {api-version}}; without them {@code ?api-version=...&deployment=...} is appended.
 * @param apiKey secret; never printed
 * @param model model name, default {@code gpt-realtime} (Azure: ignored, the deployment decides)
 * @param dialect GA or the {@code realtime=v1} preview
 * @param azure Azure OpenAI settings, or {@code null} for api.openai.com
 * @param connectTimeout TCP + TLS + HTTP upgrade
 * @param handshakeTimeout from upgrade to the confirmed {@code session.updated}
 */
public record OpenAiConfig(
    String realtimeUrl,
    String apiKey,
    String model,
    Dialect dialect,
    Azure azure,
    Duration connectTimeout,
    Duration handshakeTimeout) {

  public static final String DEFAULT_URL = "wss://api.openai.com/v1/realtime";
  public static final String DEFAULT_MODEL = "gpt-realtime";

  /** Azure OpenAI: {@code api-key} header instead of {@code Authorization: Bearer}. */
  public record Azure(String deployment, String apiVersion) {
    public Azure {
      if (deployment == null || deployment.isBlank()) {
        throw new IllegalArgumentException("Azure mode needs a deployment name");
      }
    }
  }

  public OpenAiConfig {
    realtimeUrl = realtimeUrl == null || realtimeUrl.isBlank() ? DEFAULT_URL : realtimeUrl.trim();
    if (!realtimeUrl.startsWith("ws://") && !realtimeUrl.startsWith("wss://")) {
      throw new IllegalArgumentException(
          "realtime URL must start with wss:// (or ws:// for tests), was '" + realtimeUrl + "'");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key is required (set OPENAI_API_KEY)");
    }
    model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
    dialect = dialect == null ? Dialect.GA : dialect;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(10) : handshakeTimeout;
  }

  /** api.openai.com, GA, default model and timeouts. */
  public static OpenAiConfig of(String apiKey) {
    return new OpenAiConfig(null, apiKey, null, Dialect.GA, null, null, null);
  }

  /** Reads {@code OPENAI_API_KEY} and, if set, {@code OPENAI_REALTIME_URL}. */
  public static OpenAiConfig fromEnvironment(Map<String, String> env) {
    return new OpenAiConfig(
        env.get("OPENAI_REALTIME_URL"),
        env.get("OPENAI_API_KEY"),
        null,
        Dialect.GA,
        null,
        null,
        null);
  }

  public OpenAiConfig withRealtimeUrl(String url) {
    return new OpenAiConfig(url, apiKey, model, dialect, azure, connectTimeout, handshakeTimeout);
  }

  public OpenAiConfig withModel(String newModel) {
    return new OpenAiConfig(
        realtimeUrl, apiKey, newModel, dialect, azure, connectTimeout, handshakeTimeout);
  }

  public OpenAiConfig withDialect(Dialect newDialect) {
    return new OpenAiConfig(
        realtimeUrl, apiKey, model, newDialect, azure, connectTimeout, handshakeTimeout);
  }

  public OpenAiConfig withAzure(Azure newAzure) {
    return new OpenAiConfig(
        realtimeUrl, apiKey, model, dialect, newAzure, connectTimeout, handshakeTimeout);
  }

  public OpenAiConfig withTimeouts(Duration connect, Duration handshake) {
    return new OpenAiConfig(realtimeUrl, apiKey, model, dialect, azure, connect, handshake);
  }

  /** The URL to open for a session asking for {@code sessionModel} (or the default). */
  public URI uri(String sessionModel) {
    if (azure != null) {
      String version = azure.apiVersion() == null ? "" : azure.apiVersion();
      if (realtimeUrl.contains("{deployment}")) {
        return URI.create(
            realtimeUrl
                .replace("{deployment}", enc(azure.deployment()))
                .replace("{api-version}", enc(version)));
      }
      return URI.create(
          realtimeUrl
              + (realtimeUrl.contains("?") ? "&" : "?")
              + (version.isEmpty() ? "" : "api-version=" + enc(version) + "&")
              + "deployment="
              + enc(azure.deployment()));
    }
    String m = sessionModel == null ? model : sessionModel;
    return URI.create(realtimeUrl + (realtimeUrl.contains("?") ? "&" : "?") + "model=" + enc(m));
  }

  /** The auth header name and value (Azure: {@code api-key}). */
  Map.Entry<String, String> authHeader() {
    return azure != null
        ? Map.entry("api-key", apiKey)
        : Map.entry("Authorization", "Bearer " + apiKey);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OpenAiConfig[url="
        + realtimeUrl
        + ", model="
        + model
        + ", dialect="
        + dialect
        + ", azure="
        + azure
        + ", apiKey=****"
        + ", connectTimeout="
        + connectTimeout
        + ", handshakeTimeout="
        + handshakeTimeout
        + "]";
  }
}
