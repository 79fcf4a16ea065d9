package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.recordings.CallContext;
import dev.switchboard.recordings.CallRecorder;
import dev.switchboard.recordings.RecordingConfig;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.index.JdbcCallIndex;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.server.Main;
import dev.switchboard.testkit.Signals;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import dev.switchboard.transcoding.PcmFrame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard replay} end to end against the fake OpenAI server on loopback. */
class ReplayCommandIT {

  @TempDir Path dir;

  /** A one-turn call recorded from synthetic taps: caller speaks 0.5-1.5 s, agent answers. */
  private void record(Recordings recordings, String callId, Instant started) throws Exception {
    CallInfo info = new CallInfo(callId, "twilio", "CA" + callId, "+1555", "+1666", Map.of());
    CallRecorder r =
        recordings.startCall(new CallContext(info, "support", "openai", "m", null, started, null));
    r.onEvent(new CallEvent.CallStarted(Duration.ZERO, callId, "test"));
    short[] caller = new short[8000 * 4];
    Signals.mixInto(caller, Signals.speechLike(3, 1000, -20, 8000, false), 4000);
    for (int k = 0; k < 200; k++) {
      short[] s = new short[160];
      System.arraycopy(caller, k * 160, s, 0, 160);
      r.onCallerAudio(Duration.ofMillis(20L * k), new PcmFrame(s, 8000));
    }
    r.onEvent(
        new CallEvent.TranscriptEntry(
            Duration.ofMillis(1800), "caller", "u1", "my order", Duration.ZERO, false));
    r.onEvent(new CallEvent.TurnLatency(Duration.ofMillis(2000), "resp-1", Duration.ofMillis(500)));
    r.onEvent(
        new CallEvent.TranscriptEntry(
            Duration.ofMillis(3000),
            "agent",
            "a1",
            "It left yesterday.",
            Duration.ofMillis(900),
            false));
    r.onEvent(
        new CallEvent.CallEnded(
            Duration.ofMillis(4000),
            new Termination(Termination.Result.COMPLETED_CALLER_HANGUP, "bye"),
            Duration.ofMillis(4000)));
    r.finished().get(10, TimeUnit.SECONDS);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void replaysOneCallAndThenManyWithASummary() throws Exception {
    Path root = dir.resolve("rec");
    try (JdbcCallIndex index =
        JdbcCallIndex.open("jdbc:sqlite:" + root.resolve("calls.db"), null, null)) {
      Files.createDirectories(root);
      Recordings recordings =
          new Recordings(new FileSystemStore(root), index, RecordingConfig.defaults());
      record(recordings, "call-a", Instant.now().minusSeconds(3600));
      record(recordings, "call-b", Instant.now().minusSeconds(1800));
    }
    Path key = dir.resolve("key");
    Files.writeString(key, "sk-cli-test\n");
    try (FakeRealtimeServer fake =
        FakeRealtimeServer.builder()
            .apiKey("sk-cli-test")
            .defaultResponse(ScriptedResponse.tone(500, 600, "Your order ships today."))
            .start()) {
      Run one =
          run(
              "replay",
              "call-a",
              "--recordings",
              root.toString(),
              "--backend",
              fake.url(),
              "--api-key-file",
              key.toString(),
              "--speed",
              "4");
      assertThat(one.code()).as(one.err()).isZero();
      assertThat(one.out())
          .contains("| 1 ✱ |")
          .contains("It left yesterday.")
          .contains("Your order ships today.");
      assertThat(one.err()).contains("1/1");

      Run many =
          run(
              "replay",
              "--since",
              "1d",
              "--flow",
              "support",
              "--recordings",
              root.toString(),
              "--backend",
              fake.url(),
              "--api-key-file",
              key.toString(),
              "--speed",
              "4");
      assertThat(many.code()).as(many.err()).isZero();
      assertThat(many.err()).as(many.out()).contains("[##############################] 2/2");
      // The summary table: one row per original call (the replay of call-a is not replayed again).
      assertThat(many.out()).containsPattern("(?m)^call\\s+turns\\s+changed");
      assertThat(many.out()).containsPattern("(?m)^call-a\\s+1\\s+1\\s");
      assertThat(many.out()).containsPattern("(?m)^call-b\\s+1\\s+1\\s");
      assertThat(many.out()).doesNotContainPattern("(?m)^call-a-replay");
    }
  }

  @Test
  void replaysWithTodaysFlowDefinition() throws Exception {
    Path root = dir.resolve("rec");
    try (JdbcCallIndex index =
        JdbcCallIndex.open("jdbc:sqlite:" + root.resolve("calls.db"), null, null)) {
      record(
          new Recordings(new FileSystemStore(root), index, RecordingConfig.defaults()),
          "call-f",
          Instant.now());
    }
    Path flows = Files.createDirectories(dir.resolve("flows"));
    Files.writeString(
        flows.resolve("support.yaml"),
        """
        name: support
        answers:
          numbers: ["+1666"]
        backend:
          type: openai
        instructions: You are the parcel desk. Today we answer in one sentence.
        greeting:
          mode: wait
        turnDetection:
          type: server_vad
          silence: 500ms
        """);
    Path key = dir.resolve("key");
    Files.writeString(key, "sk-cli-test");
    try (FakeRealtimeServer fake =
        FakeRealtimeServer.builder()
            .apiKey("sk-cli-test")
            .defaultResponse(ScriptedResponse.tone(500, 600, "One sentence."))
            .start()) {
      Run r =
          run(
              "replay",
              "call-f",
              "--recordings",
              root.toString(),
              "--flows",
              flows.toString(),
              "--backend",
              fake.url(),
              "--api-key-file",
              key.toString(),
              "--speed",
              "4");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(
              fake.connections()
                  .getFirst()
                  .received()
                  .ofType("session.update")
                  .getFirst()
                  .toString())
          .contains("You are the parcel desk.");
      assertThat(r.out())
          .as(
              () ->
                  "fake sent "
                      + fake.connections().getFirst().sent().all().stream()
                          .map(n -> n.path("type").asText())
                          .filter(t -> !t.contains("delta"))
                          .toList()
                      + " received "
                      + fake.connections().getFirst().received().all().stream()
                          .map(n -> n.path("type").asText())
                          .filter(t -> !t.contains("append"))
                          .toList())
          .contains("One sentence.");

      Run missing =
          run(
              "replay",
              "call-f",
              "--recordings",
              root.toString(),
              "--flows",
              flows.toString(),
              "--flow",
              "billing",
              "--backend",
              fake.url(),
              "--api-key-file",
              key.toString());
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("flow 'billing' is not in").contains("support");
    }
  }

  @Test
  void unknownCallIsNamed() {
    Run r = run("replay", "no-such-call", "--recordings", dir.resolve("empty").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no recording 'no-such-call'");
  }
}
