package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Streams one scripted response at a time for a {@link FakeConnection}, under its lock: {@code
 * response.created}, the output item, audio and transcript deltas in chunks (faster than real time:
 * each chunk is a separate task so client events such as {@code response.cancel} interleave), then
 * the {@code .done} events and {@code response.done} with usage.
 */
final class ResponseStreamer {

  private final FakeConnection conn;
  private ObjectNode activeItem;
  private String responseId;
  private String itemId;
  private ScriptedResponse script;
  private int sentSamples;
  private int sentWords;
  private long chunkCount;
  private String[] words = new String[0];

  ResponseStreamer(FakeConnection conn) {
    this.conn = conn;
  }

  void start() {
    if (responseId != null) {
      conn.emitError(
          "invalid_request_error",
          "conversation_already_has_active_response",
          "Conversation already has an active response in progress: " + responseId);
      return;
    }
    script = conn.server().nextResponse();
    responseId = conn.nextId("resp");
    itemId = conn.nextId("item");
    sentSamples = 0;
    sentWords = 0;
    words = script.transcript() == null ? new String[0] : script.transcript().split(" ");
    ObjectNode created = conn.event("response.created");
    created
        .putObject("response")
        .put("id", responseId)
        .put("object", "realtime.response")
        .put("status", "in_progress")
        .putArray("output");
    conn.emit(created);
    activeItem = conn.newObject().put("id", itemId).put("object", "realtime.item");
    if (script.isFunctionCall()) {
      activeItem
          .put("type", "function_call")
          .put("status", "in_progress")
          .put("call_id", conn.nextId("call"))
          .put("name", script.functionName())
          .put("arguments", "");
    } else {
      activeItem
          .put("type", "message")
          .put("role", "assistant")
          .put("status", "in_progress")
          .putArray("content");
    }
    ObjectNode added =
        conn.event("response.output_item.added")
            .put("response_id", responseId)
            .put("output_index", 0);
    added.set("item", activeItem.deepCopy());
    conn.emit(added);
    conn.announceItem(activeItem.deepCopy());
    if (script.isFunctionCall()) {
      functionCall();
    } else {
      String id = responseId; // this response's: a cancel may end it before the first chunk
      conn.run(() -> nextChunk(id));
    }
  }

  /** Arguments in two deltas, then {@code .done}; the model then waits for the output. */
  private void functionCall() {
    String args = script.functionArguments();
    String callId = activeItem.path("call_id").asText();
    int half = args.length() / 2;
    for (String part : new String[] {args.substring(0, half), args.substring(half)}) {
      conn.emit(
          base("response.function_call_arguments.delta").put("call_id", callId).put("delta", part));
    }
    ObjectNode done =
        base("response.function_call_arguments.done").put("call_id", callId).put("arguments", args);
    if (conn.ga()) {
      done.put("name", script.functionName()); // GA names the function here; the preview did not
    }
    conn.emit(done);
    activeItem.put("arguments", args);
    finish("completed");
  }

  private void nextChunk(String forResponse) {
    if (!forResponse.equals(responseId)) {
      return; // cancelled meanwhile
    }
    short[] pcm = script.pcm24k();
    int chunkSamples = 24 * conn.server().deltaMillis();
    if (sentSamples < pcm.length) {
      int n = Math.min(chunkSamples, pcm.length - sentSamples);
      FakeAudio out = conn.session().outputFormat();
      byte[] delta =
          conn.server().deltaPayloads().chunk(pcm, out, chunkSamples, sentSamples / chunkSamples);
      sentSamples += n;
      chunkCount++;
      if (sentSamples == n) {
        conn.server().observer().onFirstDelta(conn.index(), System.nanoTime());
      }
      conn.emitAudioDelta(
          conn.ga() ? "response.output_audio.delta" : "response.audio.delta",
          responseId,
          itemId,
          delta);
      conn.addGeneratedMs(itemId, n / 24);
      if (sentWords < words.length) {
        conn.emit(
            base(conn.ga()
                    ? "response.output_audio_transcript.delta"
                    : "response.audio_transcript.delta")
                .put("delta", (sentWords == 0 ? "" : " ") + words[sentWords++]));
      }
      long pause = conn.server().deltaPauseMillis();
      conn.schedule(() -> nextChunk(forResponse), pause);
      return;
    }
    conn.emit(base(conn.ga() ? "response.output_audio.done" : "response.audio.done"));
    conn.emit(
        base(conn.ga() ? "response.output_audio_transcript.done" : "response.audio_transcript.done")
            .put("transcript", script.transcript()));
    finish("completed");
  }

  /** Ends the active response; without one an explicit cancel is an error, as on OpenAI. */
  void cancel(boolean explicit) {
    if (responseId == null) {
      if (explicit) {
        conn.emitError(
            "invalid_request_error",
            "response_cancel_not_active",
            "Cancellation failed: no active response found");
      }
      return;
    }
    finish("cancelled");
  }

  private void finish(String status) {
    activeItem.put("status", "completed".equals(status) ? "completed" : "incomplete");
    ObjectNode itemDone =
        conn.event("response.output_item.done")
            .put("response_id", responseId)
            .put("output_index", 0);
    itemDone.set("item", activeItem.deepCopy());
    conn.emit(itemDone);
    ObjectNode done = conn.event("response.done");
    ObjectNode response =
        done.putObject("response")
            .put("id", responseId)
            .put("object", "realtime.response")
            .put("status", status);
    response.putArray("output").add(activeItem.deepCopy());
    response.set("usage", usage());
    conn.emit(done);
    responseId = null;
  }

  /** Deterministic usage: 20 output audio tokens per second generated, fixed input figures. */
  private ObjectNode usage() {
    long outAudio = sentSamples / 1200;
    long outText = sentWords + (script.isFunctionCall() ? 12 : 0);
    ObjectNode u = conn.newObject();
    u.put("total_tokens", 400 + 90 + outText + outAudio);
    u.put("input_tokens", 490).put("output_tokens", outText + outAudio);
    ObjectNode in = u.putObject("input_token_details");
    in.put("text_tokens", 400).put("audio_tokens", 90).put("cached_tokens", 128);
    in.putObject("cached_tokens_details").put("text_tokens", 128).put("audio_tokens", 0);
    u.putObject("output_token_details").put("text_tokens", outText).put("audio_tokens", outAudio);
    return u;
  }

  private ObjectNode base(String type) {
    return conn.event(type)
        .put("response_id", responseId)
        .put("item_id", itemId)
        .put("output_index", 0)
        .put("content_index", 0);
  }

  long chunksSent() {
    return chunkCount;
  }
}
