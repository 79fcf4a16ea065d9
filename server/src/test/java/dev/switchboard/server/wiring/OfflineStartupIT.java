package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server with no configuration and no key, on a free port: HTTP answers within the 3 s start-up
 * budget while the offline speech models load in the background, and {@code /readyz} turns ready
 * only once the bundled example flow's offline backend can take calls. Prints both times.
 */
class OfflineStartupIT {

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path recordingsDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Application app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void httpIsUpAtOnceAndReadyWhenTheSpeechModelsAreIn() throws Exception {
    ServerConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_ENABLED", "false",
                "SWITCHBOARD_RECORDINGS_DIR", recordingsDir.toString()));
    long t0 = System.nanoTime();
    app = Application.start(config, Map.of(), null);
    HttpResponse<String> health = get("/healthz");
    long httpUpMillis = (System.nanoTime() - t0) / 1_000_000;
    HttpResponse<String> early = get("/readyz");
    boolean loadedAlready = app.ready().isDone();

    long readyMillis = app.ready().get(60, TimeUnit.SECONDS);
    HttpResponse<String> ready = get("/readyz");
    System.out.println(
        "OfflineStartupIT: HTTP up in "
            + httpUpMillis
            + " ms, ready (offline models loaded) in "
            + readyMillis
            + " ms");
    System.out.println(app.summary());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(httpUpMillis).as("HTTP up").isLessThan(3000);
    if (!loadedAlready) {
      assertThat(early.statusCode()).as(early.body()).isEqualTo(503);
      assertThat(early.body()).contains("speech models are loading");
    }
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(app.summary()).contains("backend local").contains("speech models loaded in");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpAddress().getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
