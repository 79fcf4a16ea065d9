package dev.switchboard.bridge.openai;

import static dev.switchboard.bridge.openai.SessionShapes.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bridge.backend.Usage;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one parse/encode pair of the OpenAI Realtime protocol, for one {@link Dialect}.
 *
 * <p>{@link #parse(String)} accepts both dialects' event names and session shapes and never throws:
 * unknown event types and malformed text are counted ({@link #unknownCounts()}, {@link
 * #malformedCount()}) and returned as {@link ServerEvent.Unknown} / {@link ServerEvent.Malformed}.
 * Thread-safe (the counters are concurrent; Jackson's mapper is).
 */
public final class OpenAiCodec {

  /** Server events the bridge knows and deliberately ignores (not counted as unknown). */
  private static final Set<String> IGNORED =
      Set.of(
          "conversation.created",
          "conversation.item.retrieved",
          "conversation.item.input_audio_transcription.segment",
          "conversation.item.input_audio_transcription.failed",
          "input_audio_buffer.timeout_triggered",
          "response.content_part.added",
          "response.content_part.done",
          "response.output_text.delta",
          "response.output_text.done",
          "response.text.delta",
          "response.text.done",
          "transcription_session.updated");

  private static final ObjectMapper JSON = new ObjectMapper(HotPathCodec.FACTORY);

  private final Dialect dialect;
  private final SessionShapes sessions;
  private final Map<String, AtomicLong> unknown = new ConcurrentHashMap<>();
  private final AtomicLong malformed = new AtomicLong();

  public OpenAiCodec(Dialect dialect) {
    this.dialect = dialect;
    this.sessions = new SessionShapes(JSON, dialect);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Encodes a client event as JSON text in this codec's dialect. */
  public String encode(ClientEvent event) {
    if (event instanceof ClientEvent.AppendAudio a) {
      return HotPathCodec.append(a.audio());
    }
    ObjectNode out = JSON.createObjectNode().put("type", event.type());
    switch (event) {
      case ClientEvent.SessionUpdate u -> out.set("session", sessions.encode(u.session()));
      case ClientEvent.AppendAudio a ->
          out.put("audio", Base64.getEncoder().encodeToString(a.audio()));
      case ClientEvent.CommitInput c -> {}
      case ClientEvent.ClearInput c -> {}
      case ClientEvent.CreateResponse r -> {
        if (r.instructions() != null) {
          out.putObject("response").put("instructions", r.instructions());
        }
      }
      case ClientEvent.CancelResponse c -> {}
      case ClientEvent.TruncateItem t ->
          out.put("item_id", t.itemId())
              .put("content_index", t.contentIndex())
              .put("audio_end_ms", t.audioEndMs());
      case ClientEvent.DeleteItem d -> out.put("item_id", d.itemId());
      case ClientEvent.FunctionCallOutput f ->
          out.putObject("item")
              .put("type", "function_call_output")
              .put("call_id", f.callId())
              .put("output", f.output());
      case ClientEvent.TextMessage m -> {
        ObjectNode item = out.putObject("item").put("type", "message").put("role", m.role());
        // GA renamed assistant text content to output_text; the preview called it text.
        String contentType =
            m.role().equals("user") ? "input_text" : dialect == Dialect.GA ? "output_text" : "text";
        item.putArray("content").addObject().put("type", contentType).put("text", m.text());
      }
    }
    return out.toString();
  }

  /** Parses one server event; never throws. */
  public ServerEvent parse(String text) {
    if (HotPathCodec.isAudioDelta(text)) {
      ServerEvent.AudioDelta d = HotPathCodec.audioDelta(text);
      if (d != null) {
        return d;
      }
    }
    JsonNode e;
    try {
      e = JSON.readTree(text);
    } catch (JsonProcessingException ex) {
      return malformed("not JSON (" + ex.getOriginalMessage() + ")");
    }
    if (e == null || !e.isObject() || text(e, "type") == null) {
      return malformed("not an event object with a type");
    }
    String type = text(e, "type");
    try {
      ServerEvent parsed = parseTyped(type, e);
      if (parsed instanceof ServerEvent.Unknown) {
        unknown.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
      }
      return parsed;
    } catch (RuntimeException ex) {
      return malformed("bad " + type + ": " + ex.getMessage());
    }
  }

  private ServerEvent parseTyped(String type, JsonNode e) {
    String responseId = text(e, "response_id");
    String itemId = text(e, "item_id");
    int contentIndex = e.path("content_index").asInt(0);
    return switch (type) {
      case "session.created" -> new ServerEvent.SessionCreated(sessions.decode(e.path("session")));
      case "session.updated" -> new ServerEvent.SessionUpdated(sessions.decode(e.path("session")));
      case "input_audio_buffer.speech_started" ->
          new ServerEvent.SpeechStarted(itemId, e.path("audio_start_ms").asLong());
      case "input_audio_buffer.speech_stopped" ->
          new ServerEvent.SpeechStopped(itemId, e.path("audio_end_ms").asLong());
      case "input_audio_buffer.committed" ->
          new ServerEvent.InputCommitted(itemId, text(e, "previous_item_id"));
      case "input_audio_buffer.cleared" -> new ServerEvent.InputCleared();
      case "conversation.item.added", "conversation.item.created", "conversation.item.done" ->
          new ServerEvent.ItemAdded(
              text(e.path("item"), "id"),
              text(e, "previous_item_id"),
              text(e.path("item"), "type"),
              text(e.path("item"), "role"),
              type.equals("conversation.item.done"));
      case "conversation.item.deleted" -> new ServerEvent.ItemDeleted(itemId);
      case "conversation.item.truncated" ->
          new ServerEvent.ItemTruncated(itemId, contentIndex, e.path("audio_end_ms").asLong());
      case "conversation.item.input_audio_transcription.delta" ->
          new ServerEvent.InputTranscriptDelta(itemId, text(e, "delta"));
      case "conversation.item.input_audio_transcription.completed" ->
          new ServerEvent.InputTranscriptDone(itemId, text(e, "transcript"));
      case "response.created" -> new ServerEvent.ResponseCreated(text(e.path("response"), "id"));
      case "response.output_item.added" -> {
        JsonNode item = e.path("item");
        yield new ServerEvent.OutputItemAdded(
            responseId,
            text(item, "id"),
            text(item, "type"),
            text(item, "call_id"),
            text(item, "name"));
      }
      case "response.output_audio.delta", "response.audio.delta" ->
          new ServerEvent.AudioDelta(
              responseId,
              itemId,
              contentIndex,
              Base64.getDecoder().decode(e.path("delta").asText("")));
      case "response.output_audio.done", "response.audio.done" ->
          new ServerEvent.AudioDone(responseId, itemId, contentIndex);
      case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
          new ServerEvent.TranscriptDelta(responseId, itemId, contentIndex, text(e, "delta"));
      case "response.output_audio_transcript.done", "response.audio_transcript.done" ->
          new ServerEvent.TranscriptDone(responseId, itemId, contentIndex, text(e, "transcript"));
      case "response.function_call_arguments.delta" ->
          new ServerEvent.FunctionArgumentsDelta(
              responseId, itemId, text(e, "call_id"), text(e, "delta"));
      case "response.function_call_arguments.done" ->
          new ServerEvent.FunctionArgumentsDone(
              responseId, itemId, text(e, "call_id"), text(e, "name"), text(e, "arguments"));
      case "response.output_item.done" -> {
        JsonNode item = e.path("item");
        yield new ServerEvent.OutputItemDone(
            responseId,
            text(item, "id"),
            text(item, "type"),
            text(item, "status"),
            text(item, "call_id"),
            text(item, "name"),
            text(item, "arguments"));
      }
      case "response.done" -> {
        JsonNode r = e.path("response");
        yield new ServerEvent.ResponseDone(
            text(r, "id"), text(r, "status"), usage(r.path("usage")));
      }
      case "rate_limits.updated" -> new ServerEvent.RateLimitsUpdated(e.path("rate_limits").size());
      case "error" -> {
        JsonNode err = e.path("error");
        yield new ServerEvent.Error(
            text(err, "type"), text(err, "code"), text(err, "message"), text(err, "param"));
      }
      default ->
          IGNORED.contains(type) ? new ServerEvent.Ignored(type) : new ServerEvent.Unknown(type);
    };
  }

  /**
   * Maps {@code response.done.usage} to disjoint billing buckets: {@code inputTextTokens} and
   * {@code inputAudioTokens} are the <em>uncached</em> input tokens and {@code inputCachedTokens}
   * the cached ones, since cached input is billed at its own price. OpenAI reports {@code
   * text_tokens}/{@code audio_tokens} including the cached ones, split in {@code
   * cached_tokens_details}; without that split the cached tokens are taken from text first.
   */
  static Usage usage(JsonNode u) {
    if (SessionShapes.isNull(u)) {
      return Usage.NONE;
    }
    JsonNode in = u.path("input_token_details");
    JsonNode out = u.path("output_token_details");
    long text = in.path("text_tokens").asLong();
    long audio = in.path("audio_tokens").asLong();
    long cached = in.path("cached_tokens").asLong();
    JsonNode split = in.path("cached_tokens_details");
    long cachedText =
        split.has("text_tokens") ? split.path("text_tokens").asLong() : Math.min(cached, text);
    long cachedAudio =
        split.has("audio_tokens") ? split.path("audio_tokens").asLong() : cached - cachedText;
    return new Usage(
        Math.max(0, text - cachedText),
        Math.max(0, audio - cachedAudio),
        cached,
        out.path("text_tokens").asLong(),
        out.path("audio_tokens").asLong());
  }

  private ServerEvent malformed(String reason) {
    malformed.incrementAndGet();
    return new ServerEvent.Malformed(reason);
  }

  /** Unknown event types seen so far, with how often. */
  public Map<String, Long> unknownCounts() {
    Map<String, Long> out = new TreeMap<>();
    unknown.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public long unknownCount() {
    return unknown.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long malformedCount() {
    return malformed.get();
  }
}
