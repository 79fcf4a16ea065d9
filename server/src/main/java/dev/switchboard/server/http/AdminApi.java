package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.recordings.CallRecorder;
import dev.switchboard.server.calls.ActiveCall;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.server.flow.InvalidFlowException;
import dev.switchboard.server.recording.ServerRecordings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The admin REST API (JSON, {@code Authorization: Bearer <admin.token>}). Without a configured
 * token every route answers 404 "admin API is off", so an unconfigured server exposes nothing.
 *
 * <p>Routes: {@code GET /admin/calls}, {@code GET /admin/calls/{id}}, {@code POST
 * /admin/calls/{id}/hangup}, {@code POST /admin/calls/{id}/transfer {"target"}}, {@code POST
 * /admin/calls/{id}/recording/pause|resume}, {@code GET /admin/flows}, {@code GET|PUT|DELETE
 * /admin/flows/{name}} (PUT body: flow YAML, validated), {@code GET /admin/history} and {@code
 * /admin/history/{id}[/recording|/transcript]} (from the call index, see {@link HistoryRoutes}).
 * Runs on worker threads (blocking file I/O and transfer waits are allowed there).
 */
public final class AdminApi {

  private final Optional<byte[]> token;
  private final CallRegistry calls;
  private final FlowRepository flows;
  private final ServerRecordings recordings;
  private final HistoryRoutes history;

  /** Without recordings: call history answers 501 and pause/resume only flag the live state. */
  public AdminApi(Optional<String> token, CallRegistry calls, FlowRepository flows) {
    this(token, calls, flows, null);
  }

  /**
   * @param recordings the call index and live recorders, or {@code null} for none
   */
  public AdminApi(
      Optional<String> token,
      CallRegistry calls,
      FlowRepository flows,
      ServerRecordings recordings) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.calls = calls;
    this.flows = flows;
    this.recordings = recordings;
    this.history = recordings == null ? null : new HistoryRoutes(recordings.recordings());
  }

  public boolean enabled() {
    return token.isPresent();
  }

  /** Routes relative to the {@code /admin} mount point. */
  HttpHandler handler() {
    RoutingHandler r = new RoutingHandler();
    r.get("/calls", this::listCalls);
    r.get("/calls/{id}", ex -> withCall(ex, c -> Json.send(ex, 200, describe(c))));
    r.post("/calls/{id}/hangup", ex -> withCall(ex, c -> hangUp(ex, c)));
    r.post("/calls/{id}/transfer", ex -> withCall(ex, c -> transfer(ex, c)));
    r.post("/calls/{id}/recording/pause", ex -> withCall(ex, c -> recording(ex, c, true)));
    r.post("/calls/{id}/recording/resume", ex -> withCall(ex, c -> recording(ex, c, false)));
    r.get("/flows", this::listFlows);
    r.get("/flows/{name}", this::getFlow);
    r.put("/flows/{name}", this::putFlow);
    r.delete("/flows/{name}", this::deleteFlow);
    if (history != null) {
      r.get("/history", history::search);
      r.get("/history/{id}", history::call);
      r.get("/history/{id}/recording", history::recording);
      r.get("/history/{id}/transcript", history::transcript);
    } else {
      r.get("/history", this::noIndex);
      r.get("/history/{id}", this::noIndex);
      r.get("/history/{id}/recording", this::noIndex);
      r.get("/history/{id}/transcript", this::noIndex);
    }
    r.setFallbackHandler(ex -> Json.error(ex, 404, "no such admin route: " + ex.getRequestPath()));
    return new BlockingHandler(ex -> authorized(ex, r));
  }

  private void authorized(HttpServerExchange ex, HttpHandler next) throws Exception {
    if (token.isEmpty()) {
      Json.error(
          ex, 404, "admin API is off: set admin.token (SWITCHBOARD_ADMIN_TOKEN) to enable it");
      return;
    }
    String h = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    byte[] given =
        h != null && h.startsWith("Bearer ")
            ? h.substring(7).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    // Constant-time comparison: response timing must not reveal how much of the token matched.
    if (!MessageDigest.isEqual(given, token.get())) {
      ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"switchboard-admin\"");
      Json.error(ex, 401, h == null ? "missing bearer token" : "wrong bearer token");
      return;
    }
    next.handleRequest(ex);
  }

  private interface CallAction {
    void run(ActiveCall call) throws Exception;
  }

  private void withCall(HttpServerExchange ex, CallAction action) throws Exception {
    String id = param(ex, "id");
    Optional<ActiveCall> c = calls.get(id);
    if (c.isEmpty()) {
      Json.error(ex, 404, "no active call '" + id + "'");
      return;
    }
    action.run(c.get());
  }

  private void listCalls(HttpServerExchange ex) {
    ObjectNode body = Json.object();
    body.put("active", calls.inUse())
        .put("max", calls.maxConcurrentCalls())
        .put("draining", calls.draining());
    ArrayNode list = body.putArray("calls");
    calls.active().forEach(c -> list.add(describe(c)));
    Json.send(ex, 200, body);
  }

  private ObjectNode describe(ActiveCall c) {
    Instant now = calls.clock().instant();
    ObjectNode o = Json.object();
    o.put("callId", c.callId())
        .put("transport", c.info().transport())
        .put("from", c.info().from())
        .put("to", c.info().to())
        .put("flow", c.flow().name())
        .put("flowVersion", c.flow().version())
        .put("backend", c.backend())
        .put("startedAt", c.startedAt().toString())
        .put("durationSeconds", c.duration(now).toMillis() / 1000.0)
        .put("state", c.state().mode())
        .put("bargeIns", c.state().bargeIns())
        .put("recordingPaused", c.state().recordingPaused())
        .put("lastAgentText", c.state().lastAgentText())
        .put("lastCallerText", c.state().lastCallerText());
    return o;
  }

  private void hangUp(HttpServerExchange ex, ActiveCall c) {
    c.session().hangUp("ended by operator");
    Json.send(ex, 202, Json.object().put("callId", c.callId()).put("status", "hanging up"));
  }

  private void transfer(HttpServerExchange ex, ActiveCall c) throws Exception {
    JsonNode body = readJson(ex);
    String target = body == null ? "" : body.path("target").asText("");
    if (target.isBlank()) {
      Json.error(
          ex,
          400,
          "body must be {\"target\": NAME} with a name from the flow's transfers "
              + c.flow().transfers().keySet()
              + " or a sip:/tel: URI");
      return;
    }
    if (!c.flow().transfers().containsKey(target)
        && !target.matches("(sips?:|tel:)\\S+|\\+[1-9]\\d{1,14}")) {
      Json.error(
          ex,
          400,
          "unknown transfer target '"
              + target
              + "': use one of "
              + c.flow().transfers().keySet()
              + " or a sip:/tel: URI");
      return;
    }
    var result = c.transfer(target).get(30, TimeUnit.SECONDS);
    Json.send(
        ex,
        result.success() ? 200 : 502,
        Json.object()
            .put("callId", c.callId())
            .put("transferred", result.success())
            .put("detail", result.detail()));
  }

  private void recording(HttpServerExchange ex, ActiveCall c, boolean pause) {
    Optional<CallRecorder> recorder =
        recordings == null ? Optional.empty() : recordings.live(c.callId());
    if (recorder.isEmpty()) {
      Json.error(ex, 409, "call '" + c.callId() + "' is not being recorded (flow recording off)");
      return;
    }
    boolean was = c.state().setRecordingPaused(pause);
    if (was != pause) {
      // PCI: both channels go silent and the transcript is redacted from the newest call-clock
      // time the recorder has seen (CallRecorder#pause).
      if (pause) {
        recorder.get().pause("operator");
      } else {
        recorder.get().resume();
      }
    }
    Json.send(
        ex,
        200,
        Json.object()
            .put("callId", c.callId())
            .put("recordingPaused", pause)
            .put("changed", was != pause));
  }

  private void listFlows(HttpServerExchange ex) {
    ObjectNode body = Json.object();
    body.put("directory", flows.directory().map(Object::toString).orElse("(bundled, read-only)"));
    ArrayNode list = body.putArray("flows");
    flows.all().values().forEach(f -> list.add(flowSummary(f)));
    ObjectNode refused = body.putObject("refused");
    flows
        .refused()
        .forEach((file, problems) -> refused.set(file, Json.MAPPER.valueToTree(problems)));
    Json.send(ex, 200, body);
  }

  private static ObjectNode flowSummary(Flow f) {
    ObjectNode o = Json.object();
    o.put("name", f.name()).put("version", f.version()).put("backend", f.backend());
    o.set("numbers", Json.MAPPER.valueToTree(f.answers().numbers()));
    o.set("sipUsers", Json.MAPPER.valueToTree(f.answers().sipUsers()));
    o.put("default", f.answers().catchAll());
    return o;
  }

  private void getFlow(HttpServerExchange ex) throws IOException {
    String name = param(ex, "name");
    Optional<Flow> f = flows.get(name);
    if (f.isEmpty()) {
      Json.error(ex, 404, "no flow '" + name + "'");
      return;
    }
    ObjectNode o = flowSummary(f.get());
    if (flows.directory().isPresent()) {
      java.nio.file.Path file = flows.directory().get().resolve(name + ".yaml");
      if (java.nio.file.Files.exists(file)) {
        o.put("yaml", java.nio.file.Files.readString(file));
      }
    }
    Json.send(ex, 200, o);
  }

  private void putFlow(HttpServerExchange ex) throws IOException {
    String name = param(ex, "name");
    if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      Json.error(
          ex, 400, "flow name '" + name + "' must be lower-case letters, digits, '-' or '_'");
      return;
    }
    String yaml = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      Flow f = flows.put(name, yaml);
      Json.send(ex, 200, flowSummary(f));
    } catch (InvalidFlowException e) {
      ObjectNode o = Json.object().put("error", "invalid flow");
      o.set("problems", Json.MAPPER.valueToTree(e.problems()));
      Json.send(ex, 422, o);
    } catch (IllegalStateException e) {
      Json.error(ex, 409, e.getMessage());
    }
  }

  private void deleteFlow(HttpServerExchange ex) throws IOException {
    String name = param(ex, "name");
    try {
      if (flows.delete(name)) {
        ex.setStatusCode(204);
        ex.endExchange();
      } else {
        Json.error(ex, 404, "no flow file for '" + name + "'");
      }
    } catch (IllegalStateException e) {
      Json.error(ex, 409, e.getMessage());
    }
  }

  private void noIndex(HttpServerExchange ex) {
    Json.error(ex, 501, "call history needs the call index: this server runs without recordings");
  }

  private static JsonNode readJson(HttpServerExchange ex) throws IOException {
    byte[] b = ex.getInputStream().readAllBytes();
    if (b.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(b);
    } catch (IOException e) {
      return null;
    }
  }

  private static String param(HttpServerExchange ex, String name) {
    return ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
  }
}
