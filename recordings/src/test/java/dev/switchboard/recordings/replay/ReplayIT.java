package dev.switchboard.recordings.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.recordings.RecordingConfig;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.TestCalls;
import dev.switchboard.recordings.index.CallQuery;
import dev.switchboard.recordings.index.JdbcCallIndex;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import dev.switchboard.transcoding.AudioFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded call replayed against the fake OpenAI server over real sockets, four times faster than
 * real time; the report shows the old and new replies per turn.
 */
class ReplayIT {

  @TempDir Path root;

  @Test
  void replayRecordsAgainAndReportsWhatChangedPerTurn() throws Exception {
    FileSystemStore store = new FileSystemStore(root.resolve("rec"));
    Path original = TestCalls.recordTwoTurnCall(store, "orig-1");

    try (FakeRealtimeServer fake =
            FakeRealtimeServer.builder()
                .apiKey("sk-test")
                .response(ScriptedResponse.tone(600, 800, "New answer one."))
                .response(ScriptedResponse.tone(700, 800, "New answer two."))
                .start();
        JdbcCallIndex index =
            JdbcCallIndex.open("jdbc:sqlite:" + root.resolve("calls.db"), null, null)) {
      fake.enqueueUserTranscript("first question");
      fake.enqueueUserTranscript("second question");
      ScaledClock clock = new ScaledClock(4);
      OpenAiRealtimeBackend backend =
          new OpenAiRealtimeBackend(
              OpenAiConfig.of("sk-test")
                  .withRealtimeUrl(fake.url())
                  .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)),
              clock);
      CallConfig config =
          CallConfig.of(
              new SessionConfig(
                  "gpt-realtime",
                  "Answer briefly.",
                  null,
                  AudioFormat.PCM16_24K,
                  AudioFormat.PCM16_24K,
                  TurnDetection.ServerVad.defaults(),
                  null,
                  "gpt-4o-transcribe",
                  "en",
                  null));
      Recordings recordings = new Recordings(store, index, RecordingConfig.defaults());
      ReplayRunner.Result r =
          new ReplayRunner(recordings)
              .replay(
                  original,
                  new ReplayRunner.Target(backend, config, "today", "gpt-realtime", clock));

      ReplayReport report = r.report();
      assertThat(report.callId()).isEqualTo("orig-1");
      assertThat(report.turns()).hasSize(2);
      ReplayReport.Turn t1 = report.turns().get(0);
      assertThat(t1.agentThen()).isEqualTo("Original answer one.");
      assertThat(t1.agentNow()).isEqualTo("New answer one.");
      assertThat(t1.changed()).isTrue();
      assertThat(t1.callerNow()).isEqualTo("first question");
      assertThat(t1.latencyThenMs()).isNotNull();
      assertThat(t1.latencyNowMs()).isNotNull().isPositive();
      assertThat(report.turns().get(1).agentNow()).isEqualTo("New answer two.");
      assertThat(report.then().termination()).isEqualTo("COMPLETED_CALLER_HANGUP");
      assertThat(report.now().termination()).isEqualTo("COMPLETED_CALLER_HANGUP");

      JsonNode json =
          new ObjectMapper()
              .readTree(Files.readString(r.directory().resolve("replay-report.json")));
      assertThat(json.path("turns").get(0).path("agent_now").asText()).isEqualTo("New answer one.");
      String md = Files.readString(r.directory().resolve("replay-report.md"));
      assertThat(md).contains("| 1 ✱ | first question | Original answer one. | New answer one. |");

      RecordingMetadata meta = RecordingMetadata.read(r.directory().resolve("meta.json"));
      assertThat(meta.replayOf()).isEqualTo("orig-1");
      assertThat(meta.flow()).isEqualTo("today");
      assertThat(index.search(CallQuery.all().withText("answer two")))
          .extracting(c -> c.replayOf())
          .containsExactly("orig-1");
    }
  }
}
