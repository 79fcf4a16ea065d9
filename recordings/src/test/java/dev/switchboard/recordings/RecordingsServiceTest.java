package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.recordings.index.CallQuery;
import dev.switchboard.recordings.index.IndexedCall;
import dev.switchboard.recordings.index.JdbcCallIndex;
import dev.switchboard.recordings.storage.FileSystemStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store, recorder and SQLite index wired as the server does: record, index, search, expire. */
class RecordingsServiceTest {

  @TempDir Path root;

  @Test
  void finishedCallIsIndexedWithTranscriptSearchAndExpiresByRetention() throws Exception {
    try (JdbcCallIndex index =
        JdbcCallIndex.open("jdbc:sqlite:" + root.resolve("calls.db"), null, null)) {
      RecordedCall c = new RecordedCall(root.resolve("rec"), "svc-1", RecordingConfig.defaults());
      Recordings recordings = new Recordings(c.store, index, RecordingConfig.defaults());
      // The harness' recorder is not indexed; index through the service the way the server would.
      c.transport.callerSignal(RecordedCall.caller(4, -20, 9, 0.3, 1.2));
      c.backend.at(
          Duration.ofMillis(1500), new BackendEvent.UserTranscript("item-u", "where is my parcel"));
      c.backend.speak(
          Duration.ofMillis(1600),
          "resp-1",
          "item-a",
          RecordedCall.agentTone(1, 500),
          4,
          "It ships today.");
      c.backend.at(
          Duration.ofMillis(2000),
          new BackendEvent.ResponseDone("resp-2", "completed", new Usage(10, 200, 0, 20, 400)));
      c.start();
      c.runUntil(4);
      RecordingMetadata meta = c.hangUpAndFinish();
      IndexedCall row = recordings.indexDirectory(c.recorder.directory());

      assertThat(row.path()).isEqualTo("2026/01/02/svc-1");
      assertThat(meta.outputAudioTokens()).isEqualTo(400);
      assertThat(meta.costUsd()).isPositive();
      assertThat(index.search(CallQuery.all().withText("parcel")))
          .extracting(IndexedCall::callId)
          .containsExactly("svc-1");
      assertThat(index.search(CallQuery.all().withText("ships today"))).hasSize(1);
      assertThat(index.get("svc-1").orElseThrow().durationMs()).isBetween(3900L, 4200L);
      String txt = Files.readString(c.recorder.directory().resolve("transcript.txt"));
      assertThat(txt.indexOf("Caller: where is my parcel"))
          .isLessThan(txt.indexOf("Agent: It ships today."));

      Retention.Result kept =
          Retention.run(
              index,
              c.store,
              new Retention.Policy(30, Map.of("test-flow", 0)),
              Instant.parse("2026-06-01T00:00:00Z"));
      assertThat(kept.deletedCallIds()).isEmpty();
      Retention.Result gone =
          Retention.run(
              index,
              c.store,
              new Retention.Policy(0, Map.of("test-flow", 7)),
              Instant.parse("2026-01-10T00:00:00Z"));
      assertThat(gone.deletedCallIds()).containsExactly("svc-1");
      assertThat(c.recorder.directory()).doesNotExist();
      assertThat(index.get("svc-1")).isEmpty();
    }
  }

  @Test
  void startupRecoveryIndexesTheRecoveredCall() throws Exception {
    FileSystemStore store = new FileSystemStore(root.resolve("rec"));
    try (JdbcCallIndex index =
        JdbcCallIndex.open("jdbc:sqlite:" + root.resolve("calls.db"), null, null)) {
      Recordings recordings = new Recordings(store, index, RecordingConfig.defaults());
      // A recording whose writer died: files left open, meta still "recording".
      Path dir = store.create("died-1", Instant.parse("2026-02-03T04:05:06Z"));
      var info =
          new dev.switchboard.bridge.transport.CallInfo("died-1", "sip", "x@y", "a", "b", Map.of());
      RecordingWriter w =
          new RecordingWriter(
              dir,
              RecordingConfig.defaults(),
              new CallContext(
                  info, "f", "b", "m", null, Instant.parse("2026-02-03T04:05:06Z"), null));
      for (int k = 0; k < 50; k++) {
        w.callerAudio(
            Duration.ofMillis(20L * k), dev.switchboard.transcoding.PcmFrame.silence(8000, 20));
      }
      w.flush();
      w.abandon();

      assertThat(recordings.recoverOnStartup())
          .extracting(RecordingMetadata::callId)
          .containsExactly("died-1");
      IndexedCall row = index.search(CallQuery.all().withFlags(null, true)).getFirst();
      assertThat(row.callId()).isEqualTo("died-1");
      assertThat(row.durationMs()).isBetween(900L, 1000L);
      assertThat(recordings.recoverOnStartup()).isEmpty();
    }
  }
}
