package dev.switchboard.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.recordings.RecordingFiles;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.index.CallQuery;
import dev.switchboard.recordings.index.IndexedCall;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The admin API's call history, from the recordings module's call index: {@code GET /history}
 * (search: {@code from}, {@code before} ISO-8601 instants, {@code number}, {@code flow}, {@code
 * text}, {@code result}, {@code minSeconds}, {@code limit}), {@code GET /history/{id}} (index row,
 * {@code meta.json} and the files of the recording), {@code GET /history/{id}/recording} (the
 * stereo WAV) and {@code GET /history/{id}/transcript?format=jsonl|vtt|txt}. Blocking file I/O:
 * runs on worker threads. Stateless.
 */
final class HistoryRoutes {

  private static final Map<String, String[]> TRANSCRIPTS =
      Map.of(
          "jsonl", new String[] {RecordingFiles.TRANSCRIPT, "application/x-ndjson"},
          "vtt", new String[] {RecordingFiles.VTT, "text/vtt; charset=utf-8"},
          "txt", new String[] {RecordingFiles.TEXT, "text/plain; charset=utf-8"});

  private final Recordings recordings;

  HistoryRoutes(Recordings recordings) {
    this.recordings = recordings;
  }

  void search(HttpServerExchange ex) {
    CallQuery q;
    try {
      q = query(ex.getQueryParameters());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      Json.error(ex, 400, "bad history query: " + e.getMessage());
      return;
    }
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("calls");
    recordings.index().search(q).forEach(c -> list.add(describe(c)));
    Json.send(ex, 200, body);
  }

  static CallQuery query(Map<String, Deque<String>> params) {
    CallQuery q = CallQuery.all();
    String limit = first(params, "limit");
    if (limit != null) {
      q =
          new CallQuery(
              null, null, null, null, null, null, null, null, null, null, null, number(limit));
    }
    String from = first(params, "from");
    String before = first(params, "before");
    if (from != null || before != null) {
      q =
          q.between(
              from == null ? null : Instant.parse(from),
              before == null ? null : Instant.parse(before));
    }
    if (first(params, "number") != null) {
      q = q.withNumber(first(params, "number"));
    }
    if (first(params, "flow") != null) {
      q = q.withFlow(first(params, "flow"));
    }
    if (first(params, "text") != null) {
      q = q.withText(first(params, "text"));
    }
    if (first(params, "result") != null) {
      q = q.withTermination(first(params, "result"));
    }
    if (first(params, "minSeconds") != null) {
      q = q.withDuration(Duration.ofSeconds(number(first(params, "minSeconds"))), null);
    }
    return q;
  }

  void call(HttpServerExchange ex) throws IOException {
    Optional<IndexedCall> c = row(ex);
    if (c.isEmpty()) {
      return;
    }
    ObjectNode o = describe(c.get());
    Path dir = recordings.store().resolve(c.get().path());
    Path meta = RecordingFiles.meta(dir);
    if (Files.exists(meta)) {
      o.set("meta", Json.MAPPER.readTree(meta.toFile()));
    }
    ArrayNode files = o.putArray("files");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
      }
    }
    Json.send(ex, 200, o);
  }

  void recording(HttpServerExchange ex) throws IOException {
    Optional<IndexedCall> c = row(ex);
    if (c.isPresent()) {
      file(ex, c.get(), RecordingFiles.AUDIO, "audio/wav");
    }
  }

  void transcript(HttpServerExchange ex) throws IOException {
    String format = Optional.ofNullable(first(ex.getQueryParameters(), "format")).orElse("jsonl");
    String[] kind = TRANSCRIPTS.get(format);
    if (kind == null) {
      Json.error(ex, 400, "transcript format must be jsonl, vtt or txt, was '" + format + "'");
      return;
    }
    Optional<IndexedCall> c = row(ex);
    if (c.isPresent()) {
      file(ex, c.get(), kind[0], kind[1]);
    }
  }

  private Optional<IndexedCall> row(HttpServerExchange ex) {
    String id = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
    Optional<IndexedCall> c = recordings.index().get(id);
    if (c.isEmpty()) {
      Json.error(ex, 404, "no recorded call '" + id + "' in the call index");
    }
    return c;
  }

  private void file(HttpServerExchange ex, IndexedCall c, String name, String contentType)
      throws IOException {
    Path file = recordings.store().resolve(c.path()).resolve(name);
    if (!Files.isRegularFile(file)) {
      Json.error(ex, 404, "call '" + c.callId() + "' has no " + name + " (deleted or not written)");
      return;
    }
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, Files.size(file));
    ex.startBlocking();
    try (OutputStream out = ex.getOutputStream()) {
      Files.copy(file, out);
    }
  }

  private static ObjectNode describe(IndexedCall c) {
    ObjectNode o = Json.object();
    o.put("callId", c.callId())
        .put("transport", c.transport())
        .put("from", c.from())
        .put("to", c.to())
        .put("flow", c.flow())
        .put("backend", c.backend())
        .put("model", c.model())
        .put("startedAt", c.startedAt().toString())
        .put("endedAt", c.endedAt() == null ? null : c.endedAt().toString())
        .put("durationMs", c.durationMs())
        .put("terminationResult", c.terminationResult())
        .put("terminationReason", c.terminationReason())
        .put("bargeIns", c.bargeIns())
        .put("costUsd", c.costUsd())
        .put("degraded", c.degraded())
        .put("recovered", c.recovered())
        .put("pausedMs", c.pausedMs());
    return o;
  }

  private static String first(Map<String, Deque<String>> params, String name) {
    Deque<String> d = params.get(name);
    return d == null || d.isEmpty() || d.peekFirst().isBlank() ? null : d.peekFirst();
  }

  private static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number", e);
    }
  }
}
