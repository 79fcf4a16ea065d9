package dev.switchboard.sip.it;

import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.tools.HangUpTool;
import dev.switchboard.testkit.Tones;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One agent for {@link BaresipCallCoreIT}: its own {@link FakeRealtimeServer} (so each call's
 * backend is told apart by content: its own tone) behind the real OpenAI backend and call core, and
 * the call events of its call.
 */
final class BaresipAgent implements AutoCloseable {

  static final String KEY = "sk-test-baresip";

  final double toneHz;
  final FakeRealtimeServer fake;
  final List<CallEvent> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<CallEvent.CallEnded> ended = new CompletableFuture<>();
  private final CallConfig config;
  private final OpenAiRealtimeBackend backend;

  /**
   * The agent answers with {@code replyMillis} of a steady {@code toneHz} tone, every time after
   * the scripted {@code firstResponses}.
   */
  BaresipAgent(
      double toneHz, int replyMillis, BargeInPolicy bargeIn, ScriptedResponse... firstResponses) {
    this.toneHz = toneHz;
    FakeRealtimeServer.Builder builder =
        FakeRealtimeServer.builder()
            .apiKey(KEY)
            .defaultResponse(
                ScriptedResponse.audio(
                    Tones.steady(toneHz, replyMillis / 1000.0, 24_000),
                    "Let me tell you all about it"));
    for (ScriptedResponse r : firstResponses) {
      builder.response(r);
    }
    this.fake = builder.start();
    this.backend = AgentCallConfigs.openAi(fake.url(), KEY);
    this.config =
        AgentCallConfigs.agent("You are a test agent.")
            .withBargeIn(bargeIn)
            .withTools(List.of(new HangUpTool()));
  }

  CallSession.Builder session() {
    return CallSession.builder()
        .backend(backend)
        .config(config)
        .clock(SystemMediaClock.get())
        .listener(this::record);
  }

  /** What the fake received from the bridge (caller audio, 24 kHz), concatenated. */
  short[] receivedAudio24k() {
    List<byte[]> chunks =
        fake
            .awaitConnection(0, Duration.ofSeconds(5))
            .received()
            .ofType("input_audio_buffer.append")
            .stream()
            .map(e -> Base64.getDecoder().decode(e.path("audio").asText()))
            .toList();
    int n = chunks.stream().mapToInt(c -> c.length / 2).sum();
    short[] out = new short[n];
    int i = 0;
    for (byte[] c : chunks) {
      for (int b = 0; b + 1 < c.length; b += 2) {
        out[i++] = (short) ((c[b] & 0xff) | (c[b + 1] << 8));
      }
    }
    return out;
  }

  private void record(CallEvent e) {
    events.add(e);
    if (e instanceof CallEvent.CallEnded end) {
      ended.complete(end);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
