package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One client connection to the {@link FakeRealtimeServer}: the OpenAI Realtime protocol state
 * machine for one session.
 *
 * <p>Threads: all of a connection's state is confined to its {@link FakeEventLoop} thread. It
 * handles each client event as the socket's bytes arrive, runs timed work (response chunks, expiry)
 * from the loop's timers, and runs requests from tests as tasks posted to the loop; sends never
 * block. Streamed response deltas and incoming client events thus interleave as they would on a
 * real server, and a 20 ms append costs no hand-off between threads.
 */
public final class FakeConnection {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] APPEND_PREFIX =
      "{\"type\":\"input_audio_buffer.append\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AUDIO_KEY = ",\"audio\":\"".getBytes(StandardCharsets.US_ASCII);

  /** A quote and a closing brace: the end of a string value and of the object. */
  private static final byte[] QUOTE_BRACE = "\"}".getBytes(StandardCharsets.US_ASCII);

  private final FakeRealtimeServer server;
  private final FakeWebSocket channel;
  private final boolean ga;
  private final int index;
  private final EventLog received = new EventLog();
  private final EventLog sent = new EventLog();
  private final FakeEventLoop loop;
  private final FakeSessionState session;
  private final Map<String, Long> generatedMsByItem = new HashMap<>();
  private final ResponseStreamer responses;
  private final java.util.concurrent.CompletableFuture<Void> closedFuture =
      new java.util.concurrent.CompletableFuture<>();
  private boolean vadReady; // format, turn detection and VAD as of the last session.update
  private FakeAudio inputFormat;
  private JsonNode turnDetection;
  private EnergyVad vad;
  private long bufferedInputMs;
  private String lastItemId;
  private String speechItemId;
  private int ids;

  FakeConnection(
      FakeRealtimeServer server, FakeWebSocket channel, FakeEventLoop loop, boolean ga, int index) {
    this.server = server;
    this.channel = channel;
    this.loop = loop;
    this.ga = ga;
    this.index = index;
    this.session = new FakeSessionState(JSON, ga, "sess_" + index, server.model());
    this.responses = new ResponseStreamer(this);
  }

  /** On the loop thread, before anything is read: {@code session.created} precedes any answer. */
  void start() {
    emit(event("session.created").set("session", session.snapshot()));
    Duration expiry = server.expireAfter();
    if (expiry != null) {
      schedule(this::expireNow, expiry.toMillis());
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

  /** Sends any server event, e.g. to test the client's handling of unusual input. */
  public void sendRaw(String json) {
    run(() -> sendText(json));
  }

  // ---- protocol ----

  /** One client event (UTF-8 JSON), on the loop thread; the bytes are valid during the call. */
  void onText(byte[] utf8, int offset, int length) {
    // Event type comes first in every client event the bridge sends; a cheap look, no parse.
    if (startsWith(utf8, offset, length, APPEND_PREFIX)) {
      server.observer().onAppend(index, System.nanoTime());
      if (!server.recordAudioEvents() && appendScanned(utf8, offset, length)) {
        return;
      }
    }
    handle(new String(utf8, offset, length, StandardCharsets.UTF_8));
  }

  /**
   * A scan, not a parse, for appends in the bridge's exact shape ({@code
   * {"type":"input_audio_buffer.append","audio":"<base64>"}}): they are most of what arrives. False
   * for anything else (other fields, escapes, bad base64): the tree path then answers it.
   */
  private boolean appendScanned(byte[] b, int offset, int length) {
    int from = offset + APPEND_PREFIX.length;
    int end = offset + length;
    if (!startsWith(b, from, end - from, AUDIO_KEY)) {
      return false;
    }
    from += AUDIO_KEY.length;
    int quote = Base64Audio.valueEnd(b, from, end);
    if (quote < 0 || quote + QUOTE_BRACE.length != end || !startsWith(b, quote, 2, QUOTE_BRACE)) {
      return false;
    }
    appendAudio(b, from, quote);
    return true;
  }

  private static boolean startsWith(byte[] b, int offset, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  void closed() {
    closedFuture.complete(null);
  }

  private void handle(String text) {
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
        vadReady = false; // rebuilt with the new format and turn detection on the next audio
        emit(event("session.updated").set("session", session.snapshot()));
      }
      case "input_audio_buffer.append" -> {
        byte[] audio = e.path("audio").asText().getBytes(StandardCharsets.US_ASCII);
        if (Base64Audio.isValid(audio, 0, audio.length)) {
          appendAudio(audio, 0, audio.length);
        } else {
          emitError("invalid_request_error", "invalid_value", "Invalid 'audio': not base64.");
        }
      }
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

  /** Valid base64 audio in {@code b[from..end)}: counted, and its energy fed to the VAD. */
  private void appendAudio(byte[] b, int from, int end) {
    if (!vadReady) {
      inputFormat = session.inputFormat();
      turnDetection = session.turnDetection();
      JsonNode td = turnDetection;
      vad =
          td == null
              ? null
              : new EnergyVad(
                  inputFormat.sampleRateHz,
                  td.path("threshold").asDouble(0.5),
                  td.path("silence_duration_ms").asInt(500),
                  td.path("prefix_padding_ms").asInt(300),
                  this::speechChanged);
      vadReady = true;
    }
    int bytes = Base64Audio.decodedLength(b, from, end);
    int samples = inputFormat == FakeAudio.PCM16_24K ? bytes / 2 : bytes;
    bufferedInputMs += samples * 1000L / inputFormat.sampleRateHz;
    if (vad != null) {
      Base64Audio.feed(b, from, end, inputFormat, vad);
    }
  }

  private void speechChanged(EnergyVad.Change change, long atMs) {
    JsonNode td = turnDetection;
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

  /** Runs {@code task} on the loop thread after {@code delayMillis}, unless closed by then. */
  void schedule(Runnable task, long delayMillis) {
    loop.schedule(() -> ifOpen(task), delayMillis);
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
  void emitAudioDelta(String type, String responseId, String itemId, byte[] base64) {
    if (server.recordAudioEvents()) {
      emit(
          event(type)
              .put("response_id", responseId)
              .put("item_id", itemId)
              .put("output_index", 0)
              .put("content_index", 0)
              .put("delta", new String(base64, StandardCharsets.US_ASCII)));
      return;
    }
    // Ids are ours (letters, digits, '_'): nothing to escape; base64 needs no escaping either.
    String head =
        "{\"type\":\""
            + type
            + "\",\"event_id\":\""
            + nextId("event")
            + "\",\"response_id\":\""
            + responseId
            + "\",\"item_id\":\""
            + itemId
            + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"";
    if (channel.isOpen()) {
      try {
        channel.sendText(head.getBytes(StandardCharsets.US_ASCII), base64, QUOTE_BRACE);
      } catch (IOException e) {
        // the client went away; the close ends this connection
      }
    }
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

  private void ifOpen(Runnable task) {
    if (!closedFuture.isDone()) {
      task.run(); // once closed, nothing more happens on the connection
    }
  }

  /** Runs {@code task} on the loop thread (after what is queued there), unless closed by then. */
  void run(Runnable task) {
    loop.execute(() -> ifOpen(task));
  }
}
