package dev.switchboard.testkit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.RecyclingBackend;
import dev.switchboard.bridge.backend.RecyclingPolicy;
import dev.switchboard.bridge.backend.UsageLedger;
import dev.switchboard.bridge.openai.Dialect;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.transcoding.AudioFormat;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Session recycling and reconnects through {@link RecyclingBackend}, and cost from usage. */
class RecyclingIT {

  static final Duration WAIT = Duration.ofSeconds(5);

  FakeRealtimeServer fake;
  final RecordingListener events = new RecordingListener();

  @AfterEach
  void stop() {
    if (fake != null) {
      fake.close();
    }
  }

  RealtimeSession connect(RecyclingPolicy policy) throws Exception {
    var openai =
        new OpenAiRealtimeBackend(
            OpenAiConfig.of(OpenAiBackendIT.KEY)
                .withRealtimeUrl(fake.url())
                .withDialect(Dialect.GA));
    var backend = new RecyclingBackend(openai, SystemMediaClock.get(), policy);
    return backend
        .connect(OpenAiBackendIT.config(AudioFormat.PCM16_24K, null), events)
        .get(5, TimeUnit.SECONDS);
  }

  /** One caller turn and one agent answer, so there is history to replay. */
  void haveOneExchange(RealtimeSession s) {
    Tones.frames(AudioFormat.PCM16_24K, 1000, 0.3, 400).forEach(s::sendAudio);
    Tones.frames(AudioFormat.PCM16_24K, 1000, 0.0, 700).forEach(s::sendAudio);
    events.await(BackendEvent.ResponseDone.class, WAIT);
    events.await(BackendEvent.AgentTranscript.class, WAIT);
  }

  @Test
  void sessionExpiredReconnectsWithinOneSecondReplaysContextAndFlushesAudio() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(OpenAiBackendIT.KEY).start();
    fake.enqueueUserTranscript("book a table");
    try (RealtimeSession s = connect(RecyclingPolicy.defaults())) {
      haveOneExchange(s);
      AtomicBoolean sentInGap = new AtomicBoolean();
      events.onEach(
          e -> {
            if (e instanceof BackendEvent.GoAway && sentInGap.compareAndSet(false, true)) {
              Tones.frames(AudioFormat.PCM16_24K, 1000, 0.3, 200)
                  .forEach(s::sendAudio); // 10 frames
            }
          });
      fake.awaitConnection(0, WAIT).expireNow();
      events.await(BackendEvent.GoAway.class, WAIT);
      List<BackendEvent.Ready> readies = events.awaitCount(BackendEvent.Ready.class, 2, WAIT);
      assertThat(readies).hasSize(2);
      assertThat(gapMillis()).isLessThan(1000);
      assertThat(events.all(BackendEvent.Closed.class)).isEmpty();
      assertThat(events.all(BackendEvent.Error.class)).isEmpty();

      FakeConnection second = fake.awaitConnection(1, WAIT);
      JsonNode update = second.received().await("session.update", WAIT).path("session");
      assertThat(update.path("instructions").asText()).isEqualTo("Be brief.");
      assertThat(update.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
      List<JsonNode> items = second.received().awaitCount("conversation.item.create", 2, WAIT);
      assertThat(items.get(0).path("item").path("role").asText()).isEqualTo("user");
      assertThat(items.get(0).path("item").path("content").get(0).path("text").asText())
          .isEqualTo("book a table");
      assertThat(items.get(1).path("item").path("role").asText()).isEqualTo("assistant");
      assertThat(items.get(1).path("item").path("content").get(0).path("type").asText())
          .isEqualTo("output_text");
      assertThat(second.received().awaitCount("input_audio_buffer.append", 10, WAIT)).hasSize(10);
      // Replay comes before the buffered audio.
      List<String> order =
          second.received().all().stream().map(e -> e.path("type").asText()).toList();
      assertThat(order.lastIndexOf("conversation.item.create"))
          .isLessThan(order.indexOf("input_audio_buffer.append"));
    }
  }

  private long gapMillis() {
    var timed = events.timed();
    long goAway =
        timed.stream()
            .filter(t -> t.event() instanceof BackendEvent.GoAway)
            .findFirst()
            .orElseThrow()
            .nanos();
    long ready =
        timed.stream()
            .filter(t -> t.event() instanceof BackendEvent.Ready)
            .skip(1)
            .findFirst()
            .orElseThrow()
            .nanos();
    return (ready - goAway) / 1_000_000;
  }

  @Test
  void recyclesProactivelyBeforeTheTimeLimit() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(OpenAiBackendIT.KEY).start();
    RecyclingPolicy policy =
        RecyclingPolicy.defaults()
            .withSessionTimeLimit(Duration.ofMillis(1300), Duration.ofMillis(1000));
    try (RealtimeSession s = connect(policy)) {
      FakeConnection second = fake.awaitConnection(1, WAIT);
      second.received().await("session.update", WAIT);
      assertThat(events.await(BackendEvent.GoAway.class, WAIT).reason()).contains("time limit");
      events.awaitCount(BackendEvent.Ready.class, 2, WAIT);
      assertThat(gapMillis()).isLessThan(1000);
      assertThat(events.all(BackendEvent.Closed.class)).isEmpty();
      // The retired session was closed by us, politely.
      fake.awaitConnection(0, WAIT).received().all();
    }
    assertThat(events.await(BackendEvent.Closed.class, WAIT).expected()).isTrue();
  }

  @Test
  void abruptCloseReconnects() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(OpenAiBackendIT.KEY).start();
    try (RealtimeSession s = connect(RecyclingPolicy.defaults())) {
      fake.awaitConnection(0, WAIT).dropAbruptly();
      assertThat(events.await(BackendEvent.GoAway.class, WAIT).reason()).contains("lost");
      events.awaitCount(BackendEvent.Ready.class, 2, WAIT);
      assertThat(gapMillis()).isLessThan(1000);
      s.createResponse(null);
      assertThat(events.await(BackendEvent.ResponseDone.class, WAIT).status())
          .isEqualTo("completed");
      assertThat(fake.connections()).hasSize(2);
    }
  }

  @Test
  void finalReconnectFailureIsFatal() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(OpenAiBackendIT.KEY).start();
    RealtimeSession s = connect(RecyclingPolicy.defaults());
    fake.close(); // nothing to reconnect to
    fake = null;
    BackendEvent.Closed closed = events.await(BackendEvent.Closed.class, WAIT);
    assertThat(closed.expected()).isFalse();
    assertThat(closed.reason()).contains("reconnect failed after 4 attempt(s)");
    assertThat(events.await(BackendEvent.Error.class, WAIT).recoverable()).isFalse();
    s.close();
  }

  @Test
  void usageLedgerPricesResponseDoneUsage() throws Exception {
    fake = FakeRealtimeServer.builder().apiKey(OpenAiBackendIT.KEY).start();
    UsageLedger ledger = new UsageLedger(PriceTable.gptRealtime());
    events.onEach(ledger::record);
    try (RealtimeSession s = connect(RecyclingPolicy.defaults())) {
      s.createResponse(null);
      events.await(BackendEvent.ResponseDone.class, WAIT);
    }
    JsonNode usage =
        fake.awaitConnection(0, WAIT)
            .sent()
            .await("response.done", WAIT)
            .path("response")
            .path("usage");
    JsonNode in = usage.path("input_token_details");
    JsonNode out = usage.path("output_token_details");
    long cachedText = in.path("cached_tokens_details").path("text_tokens").asLong();
    long cachedAudio = in.path("cached_tokens_details").path("audio_tokens").asLong();
    double expected =
        ((in.path("text_tokens").asLong() - cachedText) * 4.0
                + (in.path("audio_tokens").asLong() - cachedAudio) * 32.0
                + (cachedText + cachedAudio) * 0.40
                + out.path("text_tokens").asLong() * 16.0
                + out.path("audio_tokens").asLong() * 64.0)
            / 1_000_000;
    assertThat(out.path("audio_tokens").asLong()).isPositive();
    assertThat(ledger.cost().doubleValue())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(ledger.costPerMinute(Duration.ofSeconds(30)))
        .isEqualByComparingTo(
            ledger.cost().multiply(BigDecimal.TWO).setScale(6, java.math.RoundingMode.HALF_UP));
  }
}
