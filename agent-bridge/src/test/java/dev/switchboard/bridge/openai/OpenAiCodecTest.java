package dev.switchboard.bridge.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.transcoding.AudioFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OpenAiCodecTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static SessionConfig config(AudioFormat format) {
    return new SessionConfig(
        "gpt-realtime",
        "Be brief.",
        "marin",
        format,
        format,
        new TurnDetection.ServerVad(0.6, 200, 400, 5000, true, false),
        "far_field",
        "gpt-4o-transcribe",
        "de",
        List.of(new ToolDefinition("hang_up", "End the call", null)));
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void sessionRoundTripsThroughItsOwnShape(Dialect dialect) throws Exception {
    OpenAiCodec codec = new OpenAiCodec(dialect);
    for (AudioFormat f : List.of(AudioFormat.PCM16_24K, AudioFormat.PCMU_8K, AudioFormat.PCMA_8K)) {
      WireSession asked = WireSession.of(config(f));
      JsonNode update = json(codec.encode(new ClientEvent.SessionUpdate(asked)));
      String echoed = "{\"type\":\"session.updated\",\"session\":" + update.path("session") + "}";
      var parsed = (ServerEvent.SessionUpdated) codec.parse(echoed);
      // The model travels in the URL for the preview, so compare everything but it.
      assertThat(SessionMismatch.between(asked, parsed.session())).isEmpty();
      assertThat(parsed.session().inputFormat()).isEqualTo(f);
      assertThat(parsed.session().turnDetection()).isEqualTo(asked.turnDetection());
    }
  }

  @Test
  void gaSessionShape() throws Exception {
    JsonNode s =
        json(new OpenAiCodec(Dialect.GA)
                .encode(new ClientEvent.SessionUpdate(WireSession.of(config(AudioFormat.PCMU_8K)))))
            .path("session");
    assertThat(s.path("type").asText()).isEqualTo("realtime");
    assertThat(s.path("output_modalities").toString()).isEqualTo("[\"audio\"]");
    JsonNode input = s.path("audio").path("input");
    assertThat(input.path("format").toString()).isEqualTo("{\"type\":\"audio/pcmu\"}");
    assertThat(input.path("turn_detection").path("idle_timeout_ms").asInt()).isEqualTo(5000);
    assertThat(input.path("turn_detection").path("interrupt_response").asBoolean()).isFalse();
    assertThat(input.path("noise_reduction").path("type").asText()).isEqualTo("far_field");
    assertThat(input.path("transcription").path("language").asText()).isEqualTo("de");
    assertThat(s.path("audio").path("output").path("voice").asText()).isEqualTo("marin");
    assertThat(s.path("tools").get(0).path("parameters").path("type").asText()).isEqualTo("object");
    assertThat(s.path("tool_choice").asText()).isEqualTo("auto");
  }

  @Test
  void previewSessionShapeIsFlat() throws Exception {
    JsonNode s =
        json(new OpenAiCodec(Dialect.PREVIEW)
                .encode(new ClientEvent.SessionUpdate(WireSession.of(config(AudioFormat.PCMA_8K)))))
            .path("session");
    assertThat(s.has("audio")).isFalse();
    assertThat(s.path("input_audio_format").asText()).isEqualTo("g711_alaw");
    assertThat(s.path("output_audio_format").asText()).isEqualTo("g711_alaw");
    assertThat(s.path("voice").asText()).isEqualTo("marin");
    assertThat(s.path("input_audio_transcription").path("model").asText())
        .isEqualTo("gpt-4o-transcribe");
    assertThat(s.path("modalities").toString()).contains("audio");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void encodesEveryClientEvent(Dialect dialect) throws Exception {
    OpenAiCodec c = new OpenAiCodec(dialect);
    assertThat(
            json(c.encode(new ClientEvent.AppendAudio(new byte[] {1, 2, 3})))
                .path("audio")
                .asText())
        .isEqualTo("AQID");
    assertThat(json(c.encode(new ClientEvent.CommitInput())).path("type").asText())
        .isEqualTo("input_audio_buffer.commit");
    assertThat(json(c.encode(new ClientEvent.ClearInput())).path("type").asText())
        .isEqualTo("input_audio_buffer.clear");
    assertThat(json(c.encode(new ClientEvent.CreateResponse(null))).has("response")).isFalse();
    assertThat(
            json(c.encode(new ClientEvent.CreateResponse("Greet")))
                .path("response")
                .path("instructions")
                .asText())
        .isEqualTo("Greet");
    assertThat(json(c.encode(new ClientEvent.CancelResponse())).path("type").asText())
        .isEqualTo("response.cancel");
    JsonNode t = json(c.encode(new ClientEvent.TruncateItem("item_1", 0, 1234)));
    assertThat(t.path("item_id").asText() + t.path("content_index") + t.path("audio_end_ms"))
        .isEqualTo("item_101234");
    assertThat(json(c.encode(new ClientEvent.DeleteItem("item_2"))).path("item_id").asText())
        .isEqualTo("item_2");
    JsonNode out = json(c.encode(new ClientEvent.FunctionCallOutput("call_9", "{\"ok\":true}")));
    assertThat(out.path("item").path("type").asText()).isEqualTo("function_call_output");
    assertThat(out.path("item").path("call_id").asText()).isEqualTo("call_9");
    JsonNode user = json(c.encode(new ClientEvent.TextMessage("user", "1 2 3")));
    assertThat(user.path("item").path("content").get(0).path("type").asText())
        .isEqualTo("input_text");
    JsonNode assistant = json(c.encode(new ClientEvent.TextMessage("assistant", "Hi")));
    assertThat(assistant.path("item").path("content").get(0).path("type").asText())
        .isEqualTo(dialect == Dialect.GA ? "output_text" : "text");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void parsesEveryServerEventInBothSpellings(Dialect dialect) {
    OpenAiCodec c = new OpenAiCodec(dialect);
    boolean ga = dialect == Dialect.GA;
    String audio = ga ? "response.output_audio" : "response.audio";
    String transcript = ga ? "response.output_audio_transcript" : "response.audio_transcript";
    String r = "\"response_id\":\"r1\",\"item_id\":\"i1\",\"content_index\":0";
    assertThat(
            c.parse(
                "{\"type\":\"input_audio_buffer.speech_started\",\"audio_start_ms\":120,\"item_id\":\"u1\"}"))
        .isEqualTo(new ServerEvent.SpeechStarted("u1", 120));
    assertThat(
            c.parse(
                "{\"type\":\"input_audio_buffer.speech_stopped\",\"audio_end_ms\":900,\"item_id\":\"u1\"}"))
        .isEqualTo(new ServerEvent.SpeechStopped("u1", 900));
    assertThat(
            c.parse(
                "{\"type\":\"input_audio_buffer.committed\",\"item_id\":\"u1\",\"previous_item_id\":null}"))
        .isEqualTo(new ServerEvent.InputCommitted("u1", null));
    assertThat(c.parse("{\"type\":\"input_audio_buffer.cleared\"}"))
        .isEqualTo(new ServerEvent.InputCleared());
    String added = ga ? "conversation.item.added" : "conversation.item.created";
    assertThat(
            c.parse(
                "{\"type\":\""
                    + added
                    + "\",\"item\":{\"id\":\"u1\",\"type\":\"message\",\"role\":\"user\"}}"))
        .isEqualTo(new ServerEvent.ItemAdded("u1", null, "message", "user", false));
    assertThat(c.parse("{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"u1\"}}"))
        .isInstanceOf(ServerEvent.ItemAdded.class);
    assertThat(
            c.parse(
                "{\"type\":\"conversation.item.input_audio_transcription.delta\",\"item_id\":\"u1\",\"delta\":\"he\"}"))
        .isEqualTo(new ServerEvent.InputTranscriptDelta("u1", "he"));
    assertThat(
            c.parse(
                "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\",\"transcript\":\"hello\"}"))
        .isEqualTo(new ServerEvent.InputTranscriptDone("u1", "hello"));
    assertThat(c.parse("{\"type\":\"response.created\",\"response\":{\"id\":\"r1\"}}"))
        .isEqualTo(new ServerEvent.ResponseCreated("r1"));
    var delta =
        (ServerEvent.AudioDelta)
            c.parse("{\"type\":\"" + audio + ".delta\"," + r + ",\"delta\":\"AQID\"}");
    assertThat(delta.audio()).containsExactly(1, 2, 3);
    assertThat(c.parse("{\"type\":\"" + audio + ".done\"," + r + "}"))
        .isEqualTo(new ServerEvent.AudioDone("r1", "i1", 0));
    assertThat(c.parse("{\"type\":\"" + transcript + ".delta\"," + r + ",\"delta\":\"Hi\"}"))
        .isEqualTo(new ServerEvent.TranscriptDelta("r1", "i1", 0, "Hi"));
    assertThat(
            c.parse("{\"type\":\"" + transcript + ".done\"," + r + ",\"transcript\":\"Hi there\"}"))
        .isEqualTo(new ServerEvent.TranscriptDone("r1", "i1", 0, "Hi there"));
    assertThat(
            c.parse(
                "{\"type\":\"response.output_item.added\",\"response_id\":\"r1\",\"item\":{\"id\":\"f1\",\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"hang_up\"}}"))
        .isEqualTo(new ServerEvent.OutputItemAdded("r1", "f1", "function_call", "c1", "hang_up"));
    assertThat(
            c.parse(
                "{\"type\":\"response.function_call_arguments.delta\",\"response_id\":\"r1\",\"item_id\":\"f1\",\"call_id\":\"c1\",\"delta\":\"{\"}"))
        .isEqualTo(new ServerEvent.FunctionArgumentsDelta("r1", "f1", "c1", "{"));
    assertThat(
            c.parse(
                "{\"type\":\"response.function_call_arguments.done\",\"response_id\":\"r1\",\"item_id\":\"f1\",\"call_id\":\"c1\",\"arguments\":\"{}\"}"))
        .isEqualTo(new ServerEvent.FunctionArgumentsDone("r1", "f1", "c1", null, "{}"));
    assertThat(
            c.parse(
                "{\"type\":\"response.output_item.done\",\"response_id\":\"r1\",\"item\":{\"id\":\"f1\",\"type\":\"function_call\",\"status\":\"completed\",\"call_id\":\"c1\",\"name\":\"hang_up\",\"arguments\":\"{}\"}}"))
        .isEqualTo(
            new ServerEvent.OutputItemDone(
                "r1", "f1", "function_call", "completed", "c1", "hang_up", "{}"));
    assertThat(
            c.parse(
                "{\"type\":\"conversation.item.truncated\",\"item_id\":\"i1\",\"content_index\":0,\"audio_end_ms\":640}"))
        .isEqualTo(new ServerEvent.ItemTruncated("i1", 0, 640));
    assertThat(c.parse("{\"type\":\"conversation.item.deleted\",\"item_id\":\"i1\"}"))
        .isEqualTo(new ServerEvent.ItemDeleted("i1"));
    assertThat(c.parse("{\"type\":\"rate_limits.updated\",\"rate_limits\":[{},{}]}"))
        .isEqualTo(new ServerEvent.RateLimitsUpdated(2));
    assertThat(
            c.parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"session_expired\",\"message\":\"m\",\"param\":null}}"))
        .isEqualTo(new ServerEvent.Error("invalid_request_error", "session_expired", "m", null));
    assertThat(c.parse("{\"type\":\"response.content_part.added\"}"))
        .isInstanceOf(ServerEvent.Ignored.class);
    assertThat(c.unknownCount()).isZero();
    assertThat(c.malformedCount()).isZero();
  }

  @Test
  void responseDoneUsageIsSplitIntoDisjointBillingBuckets() {
    var done =
        (ServerEvent.ResponseDone)
            new OpenAiCodec(Dialect.GA)
                .parse(
                    "{\"type\":\"response.done\",\"response\":{\"id\":\"r1\",\"status\":\"cancelled\",\"usage\":{"
                        + "\"input_token_details\":{\"text_tokens\":300,\"audio_tokens\":200,\"cached_tokens\":150,"
                        + "\"cached_tokens_details\":{\"text_tokens\":100,\"audio_tokens\":50}},"
                        + "\"output_token_details\":{\"text_tokens\":20,\"audio_tokens\":80}}}}");
    assertThat(done.status()).isEqualTo("cancelled");
    assertThat(done.usage()).isEqualTo(new Usage(200, 150, 150, 20, 80));
  }

  @Test
  void unknownAndMalformedAreCountedNotThrown() {
    OpenAiCodec c = new OpenAiCodec(Dialect.GA);
    assertThat(c.parse("{\"type\":\"response.future_event\"}"))
        .isEqualTo(new ServerEvent.Unknown("response.future_event"));
    c.parse("{\"type\":\"response.future_event\"}");
    assertThat(c.unknownCounts()).containsEntry("response.future_event", 2L);
    assertThat(c.parse("{oops")).isInstanceOf(ServerEvent.Malformed.class);
    assertThat(((ServerEvent.Malformed) c.parse("[1,2]")).reason()).contains("not an event object");
    assertThat(
            ((ServerEvent.Malformed)
                    c.parse("{\"type\":\"response.output_audio.delta\",\"delta\":\"%%%\"}"))
                .reason())
        .contains("response.output_audio.delta");
    assertThat(c.malformedCount()).isEqualTo(3);
  }
}
