package dev.switchboard.sip.it;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.transcoding.AudioFormat;
import java.time.Duration;

/**
 * The agent the SIP tests and the load bench talk to: 24 kHz PCM16 both ways with server VAD (so
 * every call transcodes 8k ↔ 24k), an agent-first greeting, and the SIP pacer as playout clock.
 */
public final class AgentCallConfigs {

  private AgentCallConfigs() {}

  public static CallConfig agent(String instructions) {
    SessionConfig session =
        new SessionConfig(
            null,
            instructions,
            null,
            AudioFormat.PCM16_24K,
            AudioFormat.PCM16_24K,
            TurnDetection.ServerVad.defaults(),
            null,
            null,
            null,
            null);
    return CallConfig.of(session)
        .withGreeting("Say hello")
        .withPlayback(CallConfig.PlaybackClock.OWN_PACER);
  }

  /** The OpenAI backend pointed at a loopback fake, with short timeouts. */
  public static OpenAiRealtimeBackend openAi(String fakeUrl, String key) {
    return new OpenAiRealtimeBackend(
        OpenAiConfig.of(key)
            .withRealtimeUrl(fakeUrl)
            .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3)));
  }
}
