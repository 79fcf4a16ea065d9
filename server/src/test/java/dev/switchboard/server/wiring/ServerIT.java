package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.testkit.FakeTransport;
import dev.switchboard.testkit.ManualClock;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled server on free ports against the protocol-faithful fake OpenAI Realtime server:
 * start-up time, health, readiness, metrics, admin API auth and endpoints, drain.
 */
class ServerIT {

  private static final String TOKEN = "admin-test-token";

  @TempDir Path flowsDir;
  @TempDir Path recordingsDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeRealtimeServer openai;
  private Application app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (openai != null) {
      openai.close();
    }
  }

  private void start() throws Exception {
    openai = FakeRealtimeServer.builder().apiKey("sk-test").start();
    Files.writeString(
        flowsDir.resolve("desk.yaml"),
        "answers: {default: true}\nbackend: {type: openai}\ntransfers: {human: \"sip:desk@pbx\"}\n");
    ServerConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SWITCHBOARD_HTTP_PORT",
                "0",
                "SWITCHBOARD_HTTP_HOST",
                "127.0.0.1",
                "SWITCHBOARD_SIP_ENABLED",
                "false",
                "SWITCHBOARD_ADMIN_TOKEN",
                TOKEN,
                "SWITCHBOARD_FLOWS_DIR",
                flowsDir.toString(),
                "OPENAI_API_KEY",
                "sk-test",
                "OPENAI_REALTIME_URL",
                openai.url(),
                "SWITCHBOARD_RECORDINGS_DIR",
                recordingsDir.toString()));
    long t0 = System.nanoTime();
    app = Application.start(config, Map.of(), null);
    HttpResponse<String> ready = get("/readyz", null);
    long startupMillis = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("ServerIT: start-up to /readyz 200 in " + startupMillis + " ms");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(startupMillis).isLessThan(3000);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token);
  }

  private HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(
        b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.httpAddress().getPort() + path);
  }

  private CallSession placeCall(String id) {
    CallInfo info =
        new CallInfo(id, "sip", "sip-" + id, "+15550000001", "sip:desk@127.0.0.1", Map.of());
    Admission a = app.router().admit(info);
    assertThat(a).isInstanceOf(Admission.Admitted.class);
    return app.router()
        .start((Admission.Admitted) a, new FakeTransport(new ManualClock(), id))
        .orElseThrow();
  }

  @Test
  void healthReadinessAndMetrics() throws Exception {
    start();
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    String metrics = get("/metrics", null).body();
    assertThat(metrics)
        .contains("switchboard_calls_active")
        .contains("jvm_memory_used_bytes")
        .contains("process_uptime_seconds");
  }

  @Test
  void adminApiNeedsTheBearerToken() throws Exception {
    start();
    assertThat(get("/admin/calls", null).statusCode()).isEqualTo(401);
    assertThat(get("/admin/calls", "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/admin/calls", TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void adminListsAndHangsUpALiveCall() throws Exception {
    start();
    CallSession call = placeCall("it-call-1");
    HttpResponse<String> list = get("/admin/calls", TOKEN);
    assertThat(list.body())
        .contains("\"callId\":\"it-call-1\"")
        .contains("\"flow\":\"desk\"")
        .contains("\"backend\":\"openai\"");
    assertThat(get("/admin/calls/it-call-1", TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/admin/calls/nope", TOKEN).statusCode()).isEqualTo(404);

    HttpResponse<String> pause =
        send(
            HttpRequest.newBuilder(uri("/admin/calls/it-call-1/recording/pause"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            TOKEN);
    assertThat(pause.body()).contains("\"recordingPaused\":true");
    HttpResponse<String> badTransfer =
        send(
            HttpRequest.newBuilder(uri("/admin/calls/it-call-1/transfer"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"nowhere\"}")),
            TOKEN);
    assertThat(badTransfer.statusCode()).isEqualTo(400);
    assertThat(badTransfer.body()).contains("unknown transfer target 'nowhere'");

    HttpResponse<String> hangup =
        send(
            HttpRequest.newBuilder(uri("/admin/calls/it-call-1/hangup"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            TOKEN);
    assertThat(hangup.statusCode()).isEqualTo(202);
    Termination t = call.termination().get(10, TimeUnit.SECONDS);
    assertThat(t.result()).isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
    assertThat(get("/metrics", null).body())
        .contains("switchboard_calls_total{flow=\"desk\",result=\"completed_agent_hangup\"} 1.0");
  }

  @Test
  void adminFlowsAreValidatedOnPut() throws Exception {
    start();
    HttpResponse<String> bad =
        send(
            HttpRequest.newBuilder(uri("/admin/flows/sales"))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "name: sales\nanswers: {numbers: [\"12\"]}\n")),
            TOKEN);
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.body()).contains("'answers.numbers' = '12' is invalid");
    HttpResponse<String> ok =
        send(
            HttpRequest.newBuilder(uri("/admin/flows/sales"))
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "name: sales\nanswers: {numbers: [\"+15551112222\"]}\n")),
            TOKEN);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(get("/admin/flows", TOKEN).body())
        .contains("\"name\":\"sales\"")
        .contains("\"name\":\"desk\"");
    assertThat(get("/admin/flows/sales", TOKEN).body()).contains("+15551112222");
    assertThat(send(HttpRequest.newBuilder(uri("/admin/flows/sales")).DELETE(), TOKEN).statusCode())
        .isEqualTo(204);
    assertThat(get("/admin/flows/sales", TOKEN).statusCode()).isEqualTo(404);
    assertThat(get("/admin/history", TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void drainingFailsReadinessAndRefusesNewCallsWhileTheActiveOneGoesOn() throws Exception {
    start();
    CallSession active = placeCall("it-call-2");
    app.calls().startDrain();
    HttpResponse<String> ready = get("/readyz", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"draining\":\"server is draining\"");
    CallInfo next = new CallInfo("it-call-3", "sip", "x", "+1555", "sip:desk@h", Map.of());
    assertThat(app.router().admit(next))
        .isInstanceOfSatisfying(
            Admission.Rejected.class, r -> assertThat(r.sipStatus()).isEqualTo(503));
    assertThat(active.termination()).isNotDone();
    assertThat(app.calls().drain(Duration.ofMillis(200))).isEqualTo(1);
    assertThat(active.termination().get(10, TimeUnit.SECONDS).result())
        .isEqualTo(Termination.Result.DRAINED);
  }

  @Test
  void theSummaryNamesWhatIsMissingAndNoSecrets() throws Exception {
    start();
    String s = app.summary();
    assertThat(s)
        .contains("desk v")
        .contains("backend openai")
        .contains("Admin API   on")
        .contains("Twilio: endpoints reject requests because TWILIO_AUTH_TOKEN is unset")
        .doesNotContain("sk-test")
        .doesNotContain(TOKEN);
  }
}
