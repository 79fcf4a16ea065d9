package dev.switchboard.bridge.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.TransferResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook tools against a real local HTTP server on 127.0.0.1. */
class WebhookToolIT {

  private HttpServer server;
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastAuth = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newHttpClient();

  private static final ToolContext CONTEXT =
      new ToolContext() {
        @Override
        public CallInfo call() {
          return new CallInfo("call-7", "test", "CA7", "a", "b", Map.of());
        }

        @Override
        public void hangUpAfterPlayback(String reason) {}

        @Override
        public CompletableFuture<TransferResult> transfer(String target) {
          return CompletableFuture.completedFuture(new TransferResult(false, "n/a"));
        }
      };

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ok",
        ex -> {
          lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
          byte[] out = "{\"balance\":42}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.createContext(
        "/fail",
        ex -> {
          ex.sendResponseHeaders(503, -1);
          ex.close();
        });
    server.createContext(
        "/slow",
        ex -> {
          try {
            release.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private ToolInvoker invoker(String path, Duration timeout) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    WebhookTool tool =
        new WebhookTool(
            new ToolDefinition("balance", "Account balance.", null),
            url,
            timeout,
            Map.of("Authorization", "Bearer test-token"),
            http);
    return new ToolInvoker(List.of(tool), SystemMediaClock.get());
  }

  @Test
  void postsArgumentsWithAuthAndReturnsJsonBody() throws Exception {
    String out =
        invoker("/ok", Duration.ofSeconds(5))
            .invoke("balance", "{\"account\":\"123\"}", CONTEXT)
            .get(5, TimeUnit.SECONDS);
    assertThat(out).isEqualTo("{\"balance\":42}");
    assertThat(lastAuth.get()).isEqualTo("Bearer test-token");
    assertThat(lastBody.get())
        .contains("\"call_id\":\"call-7\"")
        .contains("\"tool\":\"balance\"")
        .contains("\"arguments\":{\"account\":\"123\"}");
  }

  @Test
  void httpErrorBecomesErrorResult() throws Exception {
    String out =
        invoker("/fail", Duration.ofSeconds(5))
            .invoke("balance", "{}", CONTEXT)
            .get(5, TimeUnit.SECONDS);
    assertThat(out).contains("\"ok\":false").contains("HTTP 503");
  }

  @Test
  void timeoutBecomesErrorResult() throws Exception {
    String out =
        invoker("/slow", Duration.ofMillis(300))
            .invoke("balance", "{}", CONTEXT)
            .get(5, TimeUnit.SECONDS);
    assertThat(out).contains("\"ok\":false");
    assertThat(out).containsAnyOf("timed out", "failed");
  }
}
