package dev.switchboard.testkit.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendException;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.openai.ClientEvent;
import dev.switchboard.bridge.openai.Dialect;
import dev.switchboard.bridge.openai.OpenAiCodec;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.openai.OpenAiRealtimeSession;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI backend against the fake server over real sockets on 127.0.0.1. */
class OpenAiBackendIT {

  static final Duration WAIT = Duration.ofSeconds(5);
  static final String KEY = "sk-test-secret-123456";

  FakeRealtimeServer fake;
  final RecordingListener events = new RecordingListener();

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  static SessionConfig config(AudioFormat format, TurnDetection td) {
    return new SessionConfig(
        null,
        "Be brief.",
        "marin",
        format,
        format,
        td,
        null,
        "gpt-4o-transcribe",
        "en",
        List.of(
            new ToolDefinition(
                "get_weather",
                "Weather for a city",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")));
  }

  OpenAiRealtimeBackend backend(Dialect dialect) {
    return new OpenAiRealtimeBackend(
        OpenAiConfig.of(KEY)
            .withRealtimeUrl(fake.url())
            .withDialect(dialect)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)));
  }

  RealtimeSession connect(Dialect dialect, SessionConfig config) throws Exception {
    return backend(dialect).connect(config, events).get(5, TimeUnit.SECONDS);
  }

  @Test
  void gaSessionIsConfiguredAsAskedWithPcm16() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s = connect(Dialect.GA, config(AudioFormat.PCM16_24K, null))) {
      assertThat(events.await(BackendEvent.Ready.class, WAIT).sessionId()).isEqualTo("sess_0");
      FakeConnection c = fake.awaitConnection(0, WAIT);
      assertThat(c.ga()).isTrue();
      JsonNode session = c.received().await("session.update", WAIT).path("session");
      assertThat(session.path("type").asText()).isEqualTo("realtime");
      assertThat(session.path("audio").path("input").path("format").toString())
          .isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
      assertThat(session.path("audio").path("output").path("voice").asText()).isEqualTo("marin");
      assertThat(session.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
      assertThat(s.capabilities().autoCancelOnSpeech()).isTrue();
    }
  }

  @Test
  void previewDialectPassesPcmuThrough() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s = connect(Dialect.PREVIEW, config(AudioFormat.PCMU_8K, null))) {
      FakeConnection c = fake.awaitConnection(0, WAIT);
      assertThat(c.ga()).isFalse();
      JsonNode session = c.received().await("session.update", WAIT).path("session");
      assertThat(session.path("input_audio_format").asText()).isEqualTo("g711_ulaw");
      assertThat(session.path("output_audio_format").asText()).isEqualTo("g711_ulaw");
      assertThat(s.config().outputFormat()).isEqualTo(AudioFormat.PCMU_8K);
      assertThat(
              c.sent()
                  .ofType("session.updated")
                  .get(0)
                  .path("session")
                  .path("input_audio_format")
                  .asText())
          .isEqualTo("g711_ulaw");
    }
  }

  @Test
  void ignoredFormatFailsSetupWithTheFieldNamed() {
    fake =
        FakeRealtimeServer.builder().apiKey(KEY).ignoreSessionFields("audio.input.format").start();
    Throwable t = catchThrowable(() -> connect(Dialect.GA, config(AudioFormat.PCMU_8K, null)));
    assertThat(t).hasCauseInstanceOf(BackendException.class);
    BackendException e = (BackendException) t.getCause();
    assertThat(e.kind()).isEqualTo(BackendException.Kind.CONFIG_MISMATCH);
    assertThat(e.getMessage())
        .contains("field input audio format: asked pcmu/8000, got pcm16/24000");
    assertThat(events.all(BackendEvent.Ready.class)).isEmpty();
  }

  @Test
  void badKeyIsAnAuthenticationErrorThatHidesTheKey() {
    fake = FakeRealtimeServer.builder().apiKey("sk-the-right-one").start();
    Throwable t = catchThrowable(() -> connect(Dialect.GA, config(AudioFormat.PCM16_24K, null)));
    assertThat(t).isInstanceOf(java.util.concurrent.ExecutionException.class);
    BackendException e = (BackendException) t.getCause();
    assertThat(e.kind()).isEqualTo(BackendException.Kind.AUTHENTICATION);
    assertThat(e.getMessage()).contains("401").doesNotContain(KEY).doesNotContain("sk-");
    assertThat(OpenAiConfig.of(KEY).toString()).doesNotContain(KEY);
  }

  @Test
  void unreachableServerIsUnavailable() {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    String url = fake.url();
    fake.close();
    fake = null;
    OpenAiRealtimeBackend backend =
        new OpenAiRealtimeBackend(
            OpenAiConfig.of(KEY)
                .withRealtimeUrl(url)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    Throwable t =
        catchThrowable(
            () ->
                backend
                    .connect(config(AudioFormat.PCM16_24K, null), events)
                    .get(5, TimeUnit.SECONDS));
    assertThat(((BackendException) t.getCause()).kind())
        .isEqualTo(BackendException.Kind.UNAVAILABLE);
  }

  @Test
  void callerToneTriggersVadAndTheResponseToneArrivesFasterThanRealTime() throws Exception {
    fake =
        FakeRealtimeServer.builder()
            .apiKey(KEY)
            .response(ScriptedResponse.tone(440, 2000, "It is sunny today"))
            .start();
    fake.enqueueUserTranscript("what is the weather");
    try (RealtimeSession s = connect(Dialect.GA, config(AudioFormat.PCM16_24K, null))) {
      Tones.frames(AudioFormat.PCM16_24K, 1000, 0.3, 600).forEach(s::sendAudio);
      Tones.frames(AudioFormat.PCM16_24K, 1000, 0.0, 700).forEach(s::sendAudio);
      BackendEvent.SpeechStarted started = events.await(BackendEvent.SpeechStarted.class, WAIT);
      assertThat(started.audioStartMs()).isBetween(0L, 20L);
      assertThat(events.await(BackendEvent.SpeechStopped.class, WAIT).audioEndMs())
          .isBetween(590L, 620L);
      assertThat(events.await(BackendEvent.UserTranscript.class, WAIT).text())
          .isEqualTo("what is the weather");
      BackendEvent.ResponseDone done = events.await(BackendEvent.ResponseDone.class, WAIT);
      assertThat(done.status()).isEqualTo("completed");
      assertThat(events.await(BackendEvent.AgentTranscript.class, WAIT).text())
          .isEqualTo("It is sunny today");
      List<EncodedFrame> audio =
          events.all(BackendEvent.AudioDelta.class).stream()
              .map(BackendEvent.AudioDelta::audio)
              .toList();
      short[] pcm = Tones.decode(audio);
      assertThat(pcm.length).isEqualTo(48000);
      assertThat(Tones.powerRatio(pcm, 24000, 440)).isGreaterThan(0.4);
      assertThat(Tones.powerRatio(pcm, 24000, 1000)).isLessThan(0.01);
      long firstNanos =
          events.timed().stream()
              .filter(t -> t.event() instanceof BackendEvent.AudioDelta)
              .findFirst()
              .orElseThrow()
              .nanos();
      long lastNanos =
          events.timed().stream()
              .filter(t -> t.event() instanceof BackendEvent.ResponseDone)
              .findFirst()
              .orElseThrow()
              .nanos();
      assertThat(Duration.ofNanos(lastNanos - firstNanos)).isLessThan(Duration.ofMillis(2000));
    }
  }

  @Test
  void pcmuResponseAudioIsTheToneAt8k() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s =
        connect(Dialect.GA, config(AudioFormat.PCMU_8K, new TurnDetection.None()))) {
      s.createResponse("Say hello");
      events.await(BackendEvent.ResponseDone.class, WAIT);
      List<EncodedFrame> audio =
          events.all(BackendEvent.AudioDelta.class).stream()
              .map(BackendEvent.AudioDelta::audio)
              .toList();
      assertThat(audio).allMatch(f -> f.format().equals(AudioFormat.PCMU_8K));
      short[] pcm = Tones.decode(audio);
      assertThat(pcm.length).isEqualTo(8000);
      assertThat(Tones.powerRatio(pcm, 8000, 440)).isGreaterThan(0.4);
      JsonNode create = fake.awaitConnection(0, WAIT).received().await("response.create", WAIT);
      assertThat(create.path("response").path("instructions").asText()).isEqualTo("Say hello");
    }
  }

  @Test
  void toolCallIsEmittedOnceWhenCompleteAndItsResultIsSent() throws Exception {
    fake =
        FakeRealtimeServer.builder()
            .apiKey(KEY)
            .response(ScriptedResponse.functionCall("get_weather", "{\"city\":\"Paris\"}"))
            .start();
    for (Dialect dialect : Dialect.values()) {
      RecordingListener own = new RecordingListener();
      try (RealtimeSession s =
          backend(dialect)
              .connect(config(AudioFormat.PCM16_24K, null), own)
              .get(5, TimeUnit.SECONDS)) {
        if (dialect == Dialect.PREVIEW) {
          fake.enqueueResponse(
              ScriptedResponse.functionCall("get_weather", "{\"city\":\"Paris\"}"));
        }
        s.createResponse(null);
        BackendEvent.ToolCall call = own.await(BackendEvent.ToolCall.class, WAIT);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        own.awaitCount(BackendEvent.ResponseDone.class, 1, WAIT);
        s.sendToolResult(call.callId(), "{\"sky\":\"sunny\"}", true);
        own.awaitCount(BackendEvent.ResponseDone.class, 2, WAIT);
        assertThat(own.all(BackendEvent.ToolCall.class)).hasSize(1);
        FakeConnection c = fake.connections().getLast();
        JsonNode output = c.received().await("conversation.item.create", WAIT).path("item");
        assertThat(output.path("type").asText()).isEqualTo("function_call_output");
        assertThat(output.path("call_id").asText()).isEqualTo(call.callId());
        assertThat(c.received().awaitCount("response.create", 2, WAIT)).hasSize(2);
      }
    }
  }

  @Test
  void cancelThenTruncateToWhatWasHeard() throws Exception {
    fake =
        FakeRealtimeServer.builder()
            .apiKey(KEY)
            .deltaPauseMillis(20)
            .response(ScriptedResponse.tone(440, 5000, "a long answer"))
            .start();
    try (RealtimeSession s =
        connect(Dialect.GA, config(AudioFormat.PCM16_24K, new TurnDetection.None()))) {
      s.createResponse(null);
      BackendEvent.AudioDelta first =
          events.awaitCount(BackendEvent.AudioDelta.class, 3, WAIT).get(0);
      s.cancelResponse();
      BackendEvent.ResponseDone done = events.await(BackendEvent.ResponseDone.class, WAIT);
      assertThat(done.status()).isEqualTo("cancelled");
      s.truncate(first.itemId(), 0, Duration.ofMillis(250));
      BackendEvent.Truncated truncated = events.await(BackendEvent.Truncated.class, WAIT);
      assertThat(truncated.itemId()).isEqualTo(first.itemId());
      assertThat(truncated.audioEndMs()).isEqualTo(250);
      assertThat(events.all(BackendEvent.Error.class)).isEmpty();
    }
  }

  @Test
  void truncateBeyondReceivedAudioIsClamped() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s =
        connect(Dialect.GA, config(AudioFormat.PCM16_24K, new TurnDetection.None()))) {
      s.createResponse(null);
      String itemId = events.await(BackendEvent.AudioDelta.class, WAIT).itemId();
      events.await(BackendEvent.ResponseDone.class, WAIT);
      s.truncate(itemId, 0, Duration.ofSeconds(7));
      assertThat(events.await(BackendEvent.Truncated.class, WAIT).audioEndMs()).isEqualTo(1000);
      JsonNode sent =
          fake.awaitConnection(0, WAIT).received().await("conversation.item.truncate", WAIT);
      assertThat(sent.path("audio_end_ms").asLong()).isEqualTo(1000);
      assertThat(events.all(BackendEvent.Error.class)).isEmpty();
    }
  }

  @Test
  void benignErrorsAreNotSurfaced() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s =
        connect(Dialect.GA, config(AudioFormat.PCM16_24K, new TurnDetection.None()))) {
      s.cancelResponse(); // nothing active: OpenAI answers response_cancel_not_active
      s.commitInput(); // empty buffer: a real (recoverable) error
      BackendEvent.Error error = events.await(BackendEvent.Error.class, WAIT);
      assertThat(error.code()).isEqualTo("input_audio_buffer_commit_empty");
      assertThat(error.recoverable()).isTrue();
      assertThat(events.all(BackendEvent.Error.class)).hasSize(1);
      assertThat(((OpenAiRealtimeSession) s).mapper().benignErrorCount()).isEqualTo(1);
    }
  }

  @Test
  void sessionExpiredWithoutRecyclingIsFatalAndClosed() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s = connect(Dialect.GA, config(AudioFormat.PCM16_24K, null))) {
      fake.awaitConnection(0, WAIT).expireNow();
      BackendEvent.Closed closed = events.await(BackendEvent.Closed.class, WAIT);
      assertThat(closed.reason()).isEqualTo("session_expired");
      assertThat(closed.expected()).isFalse();
      BackendEvent.Error error = events.await(BackendEvent.Error.class, WAIT);
      assertThat(error.recoverable()).isFalse();
      assertThat(events.all(BackendEvent.Closed.class)).hasSize(1);
    }
  }

  @Test
  void unknownAndMalformedServerEventsAreCountedNotThrown() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    try (RealtimeSession s =
        connect(Dialect.GA, config(AudioFormat.PCM16_24K, new TurnDetection.None()))) {
      FakeConnection c = fake.awaitConnection(0, WAIT);
      c.sendRaw("{\"type\":\"response.brand_new_thing\"}");
      c.sendRaw("{not json");
      s.createResponse(null);
      events.await(BackendEvent.ResponseDone.class, WAIT);
      var codec = ((OpenAiRealtimeSession) s).codec();
      assertThat(codec.unknownCounts()).containsEntry("response.brand_new_thing", 1L);
      assertThat(codec.malformedCount()).isEqualTo(1);
    }
  }

  /** Proves the fake enforces OpenAI's rule, so the clamping tests above mean something. */
  @Test
  void fakeRejectsARawTruncateBeyondTheGeneratedAudio() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(KEY).start();
    OpenAiCodec codec = new OpenAiCodec(Dialect.GA);
    java.net.http.WebSocket ws =
        java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + KEY)
            .buildAsync(java.net.URI.create(fake.url()), new java.net.http.WebSocket.Listener() {})
            .get(5, TimeUnit.SECONDS);
    FakeConnection c = fake.awaitConnection(0, WAIT);
    ws.sendText(codec.encode(new ClientEvent.CreateResponse(null)), true).get(5, TimeUnit.SECONDS);
    JsonNode done = c.sent().await("response.done", WAIT);
    String itemId = done.path("response").path("output").get(0).path("id").asText();
    ws.sendText(codec.encode(new ClientEvent.TruncateItem(itemId, 0, 1001)), true)
        .get(5, TimeUnit.SECONDS);
    JsonNode error = c.sent().await("error", WAIT).path("error");
    assertThat(error.path("code").asText()).isEqualTo("invalid_value");
    assertThat(error.path("message").asText()).contains("1001").contains("1000 ms");
    ws.sendText(codec.encode(new ClientEvent.TruncateItem(itemId, 0, 1000)), true)
        .get(5, TimeUnit.SECONDS);
    assertThat(c.sent().await("conversation.item.truncated", WAIT).path("audio_end_ms").asLong())
        .isEqualTo(1000);
    ws.abort();
  }

  static BackendException cause(Throwable t) {
    return (BackendException) (t instanceof CompletionException ? t.getCause() : t);
  }
}
