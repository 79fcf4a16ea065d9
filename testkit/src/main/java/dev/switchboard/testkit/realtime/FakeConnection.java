package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.JsonScan;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to the {@link FakeRealtimeServer}: the OpenAI Realtime protocol state
 * machine for one session.
 *
 * <p>Threads: the socket's reader (a virtual thread) handles each client event as it arrives; this
 * connection's scheduler thread runs timed work (response chunks, expiry) and requests from tests.
 * Both hold one lock while they touch state or send (blocking sends are fine there), so streamed
 * response deltas and incoming client events interleave as they would on a real server, and a 20 ms
 * append costs no hand-off between threads.
 */
public final class FakeConnection {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPEND_PREFIX = "{\"type\":\"input_audio_buffer.append\"";
  private static final String AUDIO_KEY = "\"audio\":\"";

  private final FakeRealtimeServer server;
  private final FakeWebSocket channel;
  private final boolean ga;
  private final int index;
  private final EventLog received = new EventLog();
  private final EventLog sent = new EventLog();
  private final ScheduledExecutorService thread;
  private final Object lock = new Object();
  private final FakeSessionState session;
  private final Map<String, Long> generatedMsByItem = new HashMap<>();
  private final ResponseStreamer responses;
  private final java.util.concurrent.CompletableFuture<Void> closedFuture =
      new java.util.concurrent.CompletableFuture<>();
  private EnergyVad vad;
  private long bufferedInputMs;
  private String lastItemId;
  private String speechItemId;
  private int ids;

  FakeConnection(FakeRealtimeServer server, FakeWebSocket channel, boolean ga, int index) {
    this.server = server;
    this.channel = channel;
    this.ga = ga;
    this.index = index;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fake-realtime-" + index);
              t.setDaemon(true);
              return t;
            });
    this.session = new FakeSessionState(JSON, ga, "sess_" + index, server.model());
    this.responses = new ResponseStreamer(this);
  }

  /** On the reader thread, before it reads: {@code session.created} precedes any answer. */
  void start() {
    synchronized (lock) {
      emit(event("session.created").set("session", session.snapshot()));
      Duration expiry = server.expireAfter();
      if (expiry != null) {
        schedule(this::expireNow, expiry.toMillis());
      }
    }
  }

  // ---- for tests ----

  /** Client events received on this connection, parsed. */
  public EventLog received() {
    return received;
  }

  /** Server events sent on this connection. */
  public EventLog sent() {
    return sent;
  }

  /** {@code true} for the GA protocol, {@code false} for the preview dialect. */
  public boolean ga() {
    return ga;
  }

  /** True while the client's socket is open (false once it closed, from either side). */
  public boolean open() {
    return channel.isOpen();
  }

  /** Completes when the socket has closed, from either side. */
  public java.util.concurrent.CompletableFuture<Void> closedFuture() {
    return closedFuture;
  }

  /** Sends OpenAI's {@code session_expired} error, then closes the socket with a close frame. */
  public void expireNow() {
    run(
        () -> {
          emitError(
              "invalid_request_error",
              "session_expired",
              "Your session hit the maximum duration of 60 minutes.");
          channel.sendClose(1000, "session expired");
        });
  }

  /** Drops the TCP connection without a close frame (a crashed peer or a cut network). */
  public void dropAbruptly() {
    run(
        () -> {
          channel.closeNow();
        });
  }

  /** Closes the socket from the calling thread, without a close frame (server shutdown). */
  void closeChannelNow() {
    channel.closeNow();
  }

  /** Sends any server event, e.g. to test the client's handling of unusual input. */
  public void sendRaw(String json) {
    run(() -> sendText(json));
  }

  // ---- protocol ----

  void onText(String text) {
    // Event type comes first in every client event the bridge sends; a cheap look, no parse.
    if (text.startsWith("{\"type\":\"input_audio_buffer.append\"")) {
      server.observer().onAppend(index, System.nanoTime());
    }
    synchronized (lock) {
      handle(text);
    }
  }

  void closed() {
    closedFuture.complete(null);
    thread.shutdownNow();
  }

  private void handle(String text) {
    if (!server.recordAudioEvents() && text.startsWith(APPEND_PREFIX)) {
      // A scan, not a parse: appends are most of what arrives; anything odd takes the tree path.
      String audio = JsonScan.plainStringAfter(text, AUDIO_KEY);
      if (audio != null) {
        appendAudio(audio);
        return;
      }
    }
    JsonNode e;
    try {
      e = JSON.readTree(text);
    } catch (IOException ex) {
      emitError("invalid_request_error", "invalid_json", "The event is not valid JSON.");
      return;
    }
    received.add(e);
    switch (e.path("type").asText()) {
      case "session.update" -> {
        session.apply(e.path("session"), server.ignoredFields());
        vad = null; // rebuilt with the new turn detection on the next audio
        emit(event("session.updated").set("session", session.snapshot()));
      }
      case "input_audio_buffer.append" -> appendAudio(e.path("audio").asText());
      case "input_audio_buffer.commit" -> {
        if (bufferedInputMs == 0) {
          emitError("invalid_request_error", "input_audio_buffer_commit_empty", "buffer is empty");
        } else {
          commit();
        }
      }
      case "input_audio_buffer.clear" -> {
        bufferedInputMs = 0;
        emit(event("input_audio_buffer.cleared"));
      }
      case "response.create" -> responses.start();
      case "response.cancel" -> responses.cancel(true);
      case "conversation.item.truncate" -> truncate(e);
      case "conversation.item.delete" ->
          emit(event("conversation.item.deleted").put("item_id", e.path("item_id").asText()));
      case "conversation.item.create" -> itemCreated(e.path("item"));
      default ->
          emitError(
              "invalid_request_error",
              "invalid_value",
              "Invalid value: '" + e.path("type").asText() + "'. Supported values are ...");
    }
  }

  private void appendAudio(String base64) {
    FakeAudio format = session.inputFormat();
    short[] samples = format.decode(Base64.getDecoder().decode(base64));
    bufferedInputMs += samples.length * 1000L / format.sampleRateHz;
    JsonNode td = session.turnDetection();
    if (td == null) {
      return;
    }
    if (vad == null) {
      vad =
          new EnergyVad(
              format.sampleRateHz,
              td.path("threshold").asDouble(0.5),
              td.path("silence_duration_ms").asInt(500),
              td.path("prefix_padding_ms").asInt(300));
    }
    vad.feed(
        samples,
        (change, atMs) -> {
          if (change == EnergyVad.Change.STARTED) {
            speechItemId = nextId("item");
            String itemId = speechItemId;
            emit(
                event("input_audio_buffer.speech_started")
                    .put("audio_start_ms", atMs)
                    .put("item_id", itemId));
            if (td.path("interrupt_response").asBoolean(true)) {
              responses.cancel(false); // server VAD cancels but does not truncate
            }
          } else {
            String itemId = speechItemId;
            emit(
                event("input_audio_buffer.speech_stopped")
                    .put("audio_end_ms", atMs)
                    .put("item_id", itemId));
            commit();
            if (td.path("create_response").asBoolean(true)) {
              responses.start();
            }
          }
        });
  }

  private void commit() {
    // The item announced by speech_started becomes the committed item.
    String itemId = speechItemId != null ? speechItemId : nextId("item");
    speechItemId = null;
    emit(
        event("input_audio_buffer.committed")
            .put("item_id", itemId)
            .put("previous_item_id", lastItemId));
    ObjectNode item = JSON.createObjectNode().put("id", itemId).put("type", "message");
    item.put("role", "user").put("status", "completed");
    item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
    announceItem(item);
    bufferedInputMs = 0;
    if (session.transcriptionOn()) {
      String transcript = server.nextUserTranscript();
      emit(
          event("conversation.item.input_audio_transcription.delta")
              .put("item_id", itemId)
              .put("content_index", 0)
              .put("delta", transcript));
      emit(
          event("conversation.item.input_audio_transcription.completed")
              .put("item_id", itemId)
              .put("content_index", 0)
              .put("transcript", transcript));
    }
  }

  private void itemCreated(JsonNode item) {
    ObjectNode copy = item.deepCopy();
    copy.put("id", item.has("id") ? item.path("id").asText() : nextId("item"));
    copy.put("status", "completed");
    announceItem(copy);
  }

  /** GA: {@code conversation.item.added} then {@code .done}; preview: {@code .created}. */
  void announceItem(ObjectNode item) {
    String previous = lastItemId;
    lastItemId = item.path("id").asText();
    if (ga) {
      emit(event("conversation.item.added").put("previous_item_id", previous).set("item", item));
      emit(event("conversation.item.done").put("previous_item_id", previous).set("item", item));
    } else {
      emit(event("conversation.item.created").put("previous_item_id", previous).set("item", item));
    }
  }

  /** OpenAI rejects {@code audio_end_ms} beyond the audio it generated for the item. */
  private void truncate(JsonNode e) {
    String itemId = e.path("item_id").asText();
    long audioEndMs = e.path("audio_end_ms").asLong();
    Long generated = generatedMsByItem.get(itemId);
    if (generated == null) {
      emitError("invalid_request_error", "item_not_found", "Item '" + itemId + "' not found.");
    } else if (audioEndMs > generated) {
      emitError(
          "invalid_request_error",
          "invalid_value",
          "audio_end_ms "
              + audioEndMs
              + " is longer than the audio of the item ("
              + generated
              + " ms).");
    } else {
      emit(
          event("conversation.item.truncated")
              .put("item_id", itemId)
              .put("content_index", e.path("content_index").asInt())
              .put("audio_end_ms", audioEndMs));
    }
  }

  // ---- helpers shared with ResponseStreamer ----

  void addGeneratedMs(String itemId, long ms) {
    generatedMsByItem.merge(itemId, ms, Long::sum);
  }

  FakeSessionState session() {
    return session;
  }

  int index() {
    return index;
  }

  FakeRealtimeServer server() {
    return server;
  }

  /** Runs {@code task} on the scheduler thread after {@code delayMillis}, holding the lock. */
  void schedule(Runnable task, long delayMillis) {
    try {
      thread.schedule(() -> locked(task), delayMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the connection is closed; nothing more happens on it
    }
  }

  String nextId(String prefix) {
    return prefix + "_" + index + "_" + (++ids);
  }

  ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type).put("event_id", nextId("event"));
  }

  ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  void emitError(String type, String code, String message) {
    ObjectNode e = event("error");
    e.putObject("error")
        .put("type", type)
        .put("code", code)
        .put("message", message)
        .putNull("param");
    emit(e);
  }

  void emit(ObjectNode event) {
    if (server.recordAudioEvents() || !event.path("type").asText().endsWith("audio.delta")) {
      sent.add(event);
    }
    sendText(event.toString());
  }

  /**
   * One audio delta. Load runs ({@code recordAudioEvents(false)}) write the event straight from a
   * template, fields in the order {@link #event} and a tree would give, without building a tree.
   */
  void emitAudioDelta(String type, String responseId, String itemId, String base64) {
    if (server.recordAudioEvents()) {
      emit(
          event(type)
              .put("response_id", responseId)
              .put("item_id", itemId)
              .put("output_index", 0)
              .put("content_index", 0)
              .put("delta", base64));
      return;
    }
    // Ids are ours (letters, digits, '_'): nothing to escape; base64 needs no escaping either.
    String text =
        "{\"type\":\""
            + type
            + "\",\"event_id\":\""
            + nextId("event")
            + "\",\"response_id\":\""
            + responseId
            + "\",\"item_id\":\""
            + itemId
            + "\",\"output_index\":0,\"content_index\":0,\"delta\":\""
            + base64
            + "\"}";
    sendText(text);
  }

  private void sendText(String text) {
    if (!channel.isOpen()) {
      return;
    }
    try {
      channel.sendText(text);
    } catch (IOException e) {
      // the client went away; the close task ends this connection
    }
  }

  private void locked(Runnable task) {
    synchronized (lock) {
      task.run();
    }
  }

  void run(Runnable task) {
    try {
      thread.execute(() -> locked(task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the connection is closed; nothing more happens on it
    }
  }
}
