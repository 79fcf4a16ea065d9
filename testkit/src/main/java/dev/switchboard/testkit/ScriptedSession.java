package dev.switchboard.testkit;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The session of a {@link ScriptedBackend}: delivers scripted events on the manual clock and
 * records every request. Enforces the OpenAI rule that a truncation's {@code audio_end_ms} must not
 * exceed the audio delivered for the item: a violation is recorded and thrown.
 */
public final class ScriptedSession implements RealtimeSession {

  /** A recorded {@code truncate}. */
  public record Truncation(String itemId, int contentIndex, Duration heard, Duration atCallTime) {}

  /** A recorded tool result. */
  public record ToolResult(String callId, String json, boolean thenRespond) {}

  private final ManualClock clock;
  private final Capabilities capabilities;
  private final SessionConfig config;
  private final BackendListener listener;
  private final Map<String, Long> deliveredMicros = new HashMap<>();
  private final List<Truncation> truncations = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> deletedItems = new ArrayList<>();
  private final List<ToolResult> toolResults = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final List<String> createResponses = new ArrayList<>();
  private final List<Duration> cancels = new ArrayList<>();
  private BiConsumer<ScriptedSession, ToolResult> onToolResult = (s, r) -> {};
  private String activeResponse;
  private long audioFramesIn;
  private boolean closed;

  ScriptedSession(
      ManualClock clock, Capabilities capabilities, SessionConfig config, BackendListener l) {
    this.clock = clock;
    this.capabilities = capabilities;
    this.config = config;
    this.listener = l;
  }

  void deliverAt(Duration at, BackendEvent e) {
    clock.schedule(at.minus(clock.now()), () -> deliver(e));
  }

  /** Delivers an event now. */
  public void deliver(BackendEvent e) {
    if (closed) {
      return;
    }
    switch (e) {
      case BackendEvent.ResponseStarted r -> activeResponse = r.responseId();
      case BackendEvent.ResponseDone r -> {
        if (r.responseId().equals(activeResponse)) {
          activeResponse = null;
        }
      }
      case BackendEvent.AudioDelta d ->
          deliveredMicros.merge(d.itemId(), d.audio().durationMicros(), Long::sum);
      default -> {}
    }
    listener.onEvent(e);
  }

  /** Reacts to tool results (e.g. scripts the reply). */
  public ScriptedSession onToolResult(BiConsumer<ScriptedSession, ToolResult> reaction) {
    this.onToolResult = reaction;
    return this;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public SessionConfig config() {
    return config;
  }

  @Override
  public void sendAudio(EncodedFrame audio) {
    if (!audio.format().equals(config.inputFormat())) {
      violations.add("audio in " + audio.format() + ", session expects " + config.inputFormat());
    }
    audioFramesIn++;
  }

  @Override
  public void commitInput() {}

  @Override
  public void clearInput() {}

  @Override
  public void createResponse(String instructions) {
    createResponses.add(instructions);
  }

  @Override
  public void cancelResponse() {
    cancels.add(clock.now());
    String r = activeResponse;
    if (r != null) {
      // The backend confirms with response.done status=cancelled shortly after.
      clock.schedule(
          Duration.ofMillis(30),
          () -> deliver(new BackendEvent.ResponseDone(r, "cancelled", Usage.NONE)));
    }
  }

  @Override
  public void truncate(String itemId, int contentIndex, Duration heard) {
    long delivered = deliveredMicros.getOrDefault(itemId, 0L);
    truncations.add(new Truncation(itemId, contentIndex, heard, clock.now()));
    if (heard.toNanos() / 1000 > delivered) {
      String v =
          "truncate "
              + itemId
              + " at "
              + heard.toMillis()
              + " ms exceeds the "
              + delivered / 1000
              + " ms of audio delivered";
      violations.add(v);
      throw new IllegalStateException(v);
    }
  }

  @Override
  public void deleteItem(String itemId) {
    deletedItems.add(itemId);
  }

  @Override
  public void sendToolResult(String callId, String outputJson, boolean thenRespond) {
    ToolResult r = new ToolResult(callId, outputJson, thenRespond);
    toolResults.add(r);
    onToolResult.accept(this, r);
  }

  @Override
  public void sendText(String text) {
    texts.add(text);
  }

  @Override
  public void updateSession(SessionConfig newConfig) {}

  @Override
  public void addConversationItem(String role, String text) {}

  @Override
  public void close() {
    if (!closed) {
      listener.onEvent(new BackendEvent.Closed("closed by client", true));
      closed = true;
    }
  }

  public List<Truncation> truncations() {
    return truncations;
  }

  public List<String> violations() {
    return violations;
  }

  public List<String> deletedItems() {
    return deletedItems;
  }

  public List<ToolResult> toolResults() {
    return toolResults;
  }

  public List<String> texts() {
    return texts;
  }

  public List<String> createResponses() {
    return createResponses;
  }

  public List<Duration> cancels() {
    return cancels;
  }

  public long audioFramesIn() {
    return audioFramesIn;
  }

  public boolean closed() {
    return closed;
  }

  public Duration delivered(String itemId) {
    return Duration.ofNanos(deliveredMicros.getOrDefault(itemId, 0L) * 1000);
  }
}
