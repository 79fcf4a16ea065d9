package dev.switchboard.bridge.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.transcoding.AudioFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionMismatchTest {

  @Test
  void namesEachFieldThatWasNotApplied() {
    WireSession asked = WireSession.of(OpenAiCodecTest.config(AudioFormat.PCMU_8K));
    SessionConfig other =
        new SessionConfig(
            null,
            "Be brief.",
            "alloy",
            AudioFormat.PCM16_24K,
            AudioFormat.PCMU_8K,
            new TurnDetection.SemanticVad("auto", true, true),
            "far_field",
            null,
            null,
            List.of());
    List<String> diffs = SessionMismatch.between(asked, WireSession.of(other));
    assertThat(diffs)
        .contains(
            "field input audio format: asked pcmu/8000, got pcm16/24000",
            "field voice: asked marin, got alloy",
            "field turn_detection.type: asked server_vad, got semantic_vad",
            "field transcription model: asked gpt-4o-transcribe, got null",
            "field tools: asked [hang_up], got []");
    assertThat(diffs).noneMatch(d -> d.contains("output audio format"));
  }

  @Test
  void configUrlsAndSecrets() {
    OpenAiConfig c = OpenAiConfig.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-secret-abcdef"));
    assertThat(c.uri(null).toString())
        .isEqualTo("wss://api.openai.com/v1/realtime?model=gpt-realtime");
    assertThat(c.authHeader().getValue()).isEqualTo("Bearer sk-secret-abcdef");
    assertThat(c.toString()).doesNotContain("sk-secret").doesNotContain("abcdef");
    OpenAiConfig azure =
        c.withRealtimeUrl("wss://x.openai.azure.com/openai/realtime")
            .withAzure(new OpenAiConfig.Azure("my-rt", "2025-04-01-preview"));
    assertThat(azure.uri(null).toString())
        .isEqualTo(
            "wss://x.openai.azure.com/openai/realtime?api-version=2025-04-01-preview&deployment=my-rt");
    assertThat(azure.authHeader().getKey()).isEqualTo("api-key");
  }

  @Test
  void errorClassification() {
    assertThat(ErrorClass.of("invalid_request_error", "response_cancel_not_active"))
        .isEqualTo(ErrorClass.BENIGN);
    assertThat(ErrorClass.of("invalid_request_error", "conversation_already_has_active_response"))
        .isEqualTo(ErrorClass.BENIGN);
    assertThat(ErrorClass.of("invalid_request_error", "session_expired"))
        .isEqualTo(ErrorClass.FATAL);
    assertThat(ErrorClass.of("invalid_request_error", "invalid_value"))
        .isEqualTo(ErrorClass.RECOVERABLE);
    assertThat(ErrorClass.of("authentication_error", null)).isEqualTo(ErrorClass.FATAL);
  }
}
