package dev.switchboard.testkit.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.JsonScan;
import dev.switchboard.transcoding.g711.G711;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.Base64;
import java.util.concurrent.CompletionStage;

/**
 * Twilio's receiving side of one Media Stream socket: reassembles text messages and dispatches
 * {@code media} (decoded μ-law), {@code mark} and {@code clear} to the simulated call. Runs on the
 * WebSocket client's IO thread, shared with other callers: it must not block.
 */
final class StreamReceiver implements WebSocket.Listener {

  /** What the simulated call does with what it receives. */
  interface Events {
    void media(short[] pcm8k, long nowNanos);

    void mark(String name);

    void clear(long nowNanos);

    /** Any other event name (or {@code malformed: ...}). */
    void other(String event);

    void closed(int statusCode, String reason);

    /** Called after every message: wakes waiters. */
    void changed();
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEDIA_PREFIX = "{\"event\":\"media\"";
  private static final String PAYLOAD_KEY = "\"payload\":\"";

  private final StringBuilder partial = new StringBuilder();
  private final Events events;

  StreamReceiver(Events events) {
    this.events = events;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    if (last && partial.isEmpty()) {
      // A whole message in one piece (nearly all of them): no copies through the builder.
      try {
        dispatch(data.toString());
      } finally {
        events.changed();
      }
      ws.request(1);
      return null;
    }
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      try {
        dispatch(text);
      } finally {
        events.changed();
      }
    }
    ws.request(1);
    return null;
  }

  private void dispatch(String text) {
    long now = System.nanoTime();
    if (text.startsWith(MEDIA_PREFIX)) {
      byte[] mulaw = payloadOf(text);
      if (mulaw != null) {
        media(mulaw, now);
        return;
      }
    }
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      events.other("malformed: " + text);
      return;
    }
    switch (n.path("event").asText()) {
      case "media" ->
          media(Base64.getDecoder().decode(n.path("media").path("payload").asText()), now);
      case "mark" -> events.mark(n.path("mark").path("name").asText());
      case "clear" -> events.clear(now);
      default -> events.other(n.path("event").asText());
    }
  }

  private void media(byte[] mulaw, long now) {
    short[] pcm = new short[mulaw.length];
    G711.decodeUlaw(mulaw, 0, pcm, 0, mulaw.length);
    events.media(pcm, now);
  }

  /**
   * The μ-law of a {@code media} message found by a scan (no tree: it is most of what a load run
   * receives), or {@code null} to let the tree path decide. The payload is base64, which JSON never
   * escapes, so it runs from {@code "payload":"} to the next quote.
   */
  static byte[] payloadOf(String text) {
    String payload = JsonScan.plainStringAfter(text, PAYLOAD_KEY);
    if (payload == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    events.closed(statusCode, reason);
    events.changed();
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    events.closed(-1, String.valueOf(error));
    events.changed();
  }
}
