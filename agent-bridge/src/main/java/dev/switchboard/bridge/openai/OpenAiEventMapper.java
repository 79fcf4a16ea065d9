package dev.switchboard.bridge.openai;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns OpenAI server events into {@link BackendEvent}s for one session, keeping the little state
 * the mapping needs: audio received per item (to clamp truncation), function names announced by
 * {@code response.output_item.added}, and which tool calls were already emitted.
 *
 * <p>{@link #map} runs on the socket's listener thread (the JDK delivers a WebSocket's messages one
 * at a time); {@link #clampAudioEndMs} may run on the call's control thread, hence concurrent maps.
 */
public final class OpenAiEventMapper {

  private static final Logger log = LoggerFactory.getLogger(OpenAiEventMapper.class);

  private final AudioFormat outputFormat;
  private final Map<String, Long> samplesByItem = new ConcurrentHashMap<>();
  private final Map<String, String> functionNameByItem = new ConcurrentHashMap<>();
  private final Set<String> emittedCalls = ConcurrentHashMap.newKeySet();
  private final AtomicLong benignErrors = new AtomicLong();
  private final AtomicLong badAudio = new AtomicLong();
  private volatile String activeResponseId;
  private String lastItemId; // map's thread
  private String lastResponseId; // map's thread

  public OpenAiEventMapper(AudioFormat outputFormat) {
    this.outputFormat = outputFormat;
  }

  /** The backend events for one server event, in order; empty for events the call ignores. */
  public List<BackendEvent> map(ServerEvent event) {
    List<BackendEvent> out = new ArrayList<>(1);
    switch (event) {
      case ServerEvent.SpeechStarted e ->
          out.add(new BackendEvent.SpeechStarted(e.itemId(), e.audioStartMs()));
      case ServerEvent.SpeechStopped e ->
          out.add(new BackendEvent.SpeechStopped(e.itemId(), e.audioEndMs()));
      case ServerEvent.InputCommitted e ->
          out.add(new BackendEvent.InputCommitted(e.itemId(), e.previousItemId()));
      case ServerEvent.ItemTruncated e ->
          out.add(new BackendEvent.Truncated(e.itemId(), e.contentIndex(), e.audioEndMs()));
      case ServerEvent.InputTranscriptDelta e ->
          out.add(new BackendEvent.UserTranscriptDelta(e.itemId(), e.delta()));
      case ServerEvent.InputTranscriptDone e ->
          out.add(new BackendEvent.UserTranscript(e.itemId(), e.transcript()));
      case ServerEvent.ResponseCreated e -> {
        activeResponseId = e.responseId();
        out.add(new BackendEvent.ResponseStarted(e.responseId()));
      }
      case ServerEvent.OutputItemAdded e -> {
        if ("function_call".equals(e.itemType()) && e.name() != null) {
          functionNameByItem.put(e.itemId(), e.name());
        }
      }
      case ServerEvent.AudioDelta e -> audio(e, out);
      case ServerEvent.AudioDone e ->
          out.add(new BackendEvent.AudioDone(e.responseId(), e.itemId(), e.contentIndex()));
      case ServerEvent.TranscriptDelta e ->
          out.add(new BackendEvent.AgentTranscriptDelta(e.responseId(), e.itemId(), e.delta()));
      case ServerEvent.TranscriptDone e ->
          out.add(new BackendEvent.AgentTranscript(e.responseId(), e.itemId(), e.transcript()));
      case ServerEvent.FunctionArgumentsDone e -> {
        String name = e.name() != null ? e.name() : functionNameByItem.get(e.itemId());
        toolCall(e.responseId(), e.itemId(), e.callId(), name, e.arguments(), out);
      }
      case ServerEvent.OutputItemDone e -> {
        if ("function_call".equals(e.itemType())) {
          toolCall(e.responseId(), e.itemId(), e.callId(), e.name(), e.arguments(), out);
        }
      }
      case ServerEvent.ResponseDone e -> {
        if (e.responseId() == null || e.responseId().equals(activeResponseId)) {
          activeResponseId = null;
        }
        out.add(new BackendEvent.ResponseDone(e.responseId(), e.status(), e.usage()));
      }
      case ServerEvent.Error e -> error(e, out);
      case ServerEvent.SessionCreated e -> {}
      case ServerEvent.SessionUpdated e -> {}
      case ServerEvent.InputCleared e -> {}
      case ServerEvent.ItemAdded e -> {}
      case ServerEvent.ItemDeleted e -> samplesByItem.remove(e.itemId());
      case ServerEvent.FunctionArgumentsDelta e -> {}
      case ServerEvent.RateLimitsUpdated e -> {}
      case ServerEvent.Ignored e -> {}
      case ServerEvent.Unknown e -> log.debug("ignoring unknown OpenAI event {}", e.type());
      case ServerEvent.Malformed e -> log.warn("ignoring malformed OpenAI event: {}", e.reason());
    }
    return out;
  }

  private void audio(ServerEvent.AudioDelta e, List<BackendEvent> out) {
    if (e.itemId() == null) {
      // Audio that belongs to no item could never be truncated to what the caller heard.
      badAudio.incrementAndGet();
      log.warn("dropping audio delta without item_id (response {})", e.responseId());
      return;
    }
    EncodedFrame frame;
    try {
      frame = EncodedFrame.of(outputFormat, e.audio());
    } catch (IllegalArgumentException ex) {
      badAudio.incrementAndGet();
      log.warn("dropping audio delta of item {}: {}", e.itemId(), ex.getMessage());
      return;
    }
    // Every delta parses fresh id strings; the deltas of one item share the first one's instead,
    // so the per-frame lookups downstream (cancelled items, agent lines, this map) find a cached
    // hash and an identical key rather than hashing and comparing the id again.
    String itemId = lastItemId = canonical(e.itemId(), lastItemId);
    String responseId = lastResponseId = canonical(e.responseId(), lastResponseId);
    samplesByItem.merge(itemId, (long) frame.samples(), Long::sum);
    out.add(new BackendEvent.AudioDelta(responseId, itemId, e.contentIndex(), frame));
  }

  /** {@code last} when it equals {@code id}, else {@code id}. */
  private static String canonical(String id, String last) {
    return id != null && id.equals(last) ? last : id;
  }

  /** Arguments arrive in deltas; the call sees a tool call once, when it is complete. */
  private void toolCall(
      String responseId,
      String itemId,
      String callId,
      String name,
      String args,
      List<BackendEvent> out) {
    if (callId == null || name == null || !emittedCalls.add(callId)) {
      return;
    }
    out.add(
        new BackendEvent.ToolCall(responseId, itemId, callId, name, args == null ? "{}" : args));
  }

  private void error(ServerEvent.Error e, List<BackendEvent> out) {
    String code = e.code() != null ? e.code() : String.valueOf(e.errorType());
    switch (ErrorClass.of(e.errorType(), e.code())) {
      case BENIGN -> {
        // Normal races in a voice call (cancel after the response ended on its own): not errors.
        benignErrors.incrementAndGet();
        log.debug("benign OpenAI error {}: {}", code, e.message());
      }
      case RECOVERABLE -> out.add(new BackendEvent.Error(code, e.message(), true));
      case FATAL -> out.add(new BackendEvent.Error(code, e.message(), false));
    }
  }

  /**
   * The largest {@code audio_end_ms} that may be sent for {@code itemId}: OpenAI rejects a
   * truncation beyond the audio it generated, and we only know what we received.
   */
  public long clampAudioEndMs(String itemId, long requestedMs) {
    long receivedMs = receivedAudioMs(itemId);
    return Math.max(0, Math.min(requestedMs, receivedMs));
  }

  public long receivedAudioMs(String itemId) {
    long samples = samplesByItem.getOrDefault(itemId, 0L);
    return samples * 1000 / outputFormat.sampleRateHz();
  }

  public boolean responseActive() {
    return activeResponseId != null;
  }

  public long benignErrorCount() {
    return benignErrors.get();
  }

  public long badAudioCount() {
    return badAudio.get();
  }
}
