package dev.switchboard.server.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.recordings.RecordingFiles;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's recordings wiring without calls: policy, recovery beside live recordings. */
class ServerRecordingsTest {

  @TempDir Path root;

  private ServerRecordings recordings;

  private ServerRecordings open() {
    recordings =
        ServerRecordings.open(
            new ServerConfig.Recordings(
                root, Optional.empty(), Optional.empty(), Optional.empty()));
    return recordings;
  }

  @AfterEach
  void close() {
    if (recordings != null) {
      recordings.close();
    }
  }

  private static Flow example() {
    return FlowRepository.bundled().get("example").orElseThrow();
  }

  private static Flow withRecording(Flow f, Flow.Recording r) {
    return new Flow(
        f.name(),
        f.version(),
        f.answers(),
        f.backend(),
        f.model(),
        f.instructions(),
        f.voice(),
        f.greeting(),
        f.language(),
        f.turnDetection(),
        f.bargeIn(),
        f.bargeInDuringGreeting(),
        f.tools(),
        f.transfers(),
        f.transferMode(),
        f.dtmf(),
        r,
        f.maxDuration(),
        f.businessHours(),
        f.fallback(),
        f.ivr());
  }

  @Test
  void theEmbeddedIndexLivesInTheRecordingsDirectory() {
    open();
    assertThat(root.resolve("calls.db")).exists();
  }

  @Test
  void retentionComesFromEachFlowRoundedUpToWholeDays() {
    Flow keep36h =
        withRecording(example(), new Flow.Recording(true, "wav", Duration.ofHours(36), "none"));
    assertThat(ServerRecordings.retentionPolicy(List.of(keep36h)).perFlowDays())
        .isEqualTo(Map.of("example", 2));
    Flow forever = withRecording(example(), new Flow.Recording(true, "wav", null, "none"));
    assertThat(ServerRecordings.retentionPolicy(List.of(forever)).perFlowDays()).isEmpty();
  }

  @Test
  void aFlowWithRecordingOffGetsNoRecorder() {
    open();
    Flow off = withRecording(example(), new Flow.Recording(false, "wav", null, "none"));
    assertThat(recordings.listenersFor(info("off-1"), off, "local", Instant.now())).isEmpty();
    assertThat(recordings.live("off-1")).isEmpty();
  }

  @Test
  void recoveryRepairsACrashedRecordingButNeverALiveOne() throws Exception {
    open();
    List<CallEventListener> live =
        recordings.listenersFor(info("live-1"), example(), "local", Instant.now());
    assertThat(live).hasSize(1);
    assertThat(recordings.live("live-1")).isPresent();
    // A recording another process left behind when it crashed: meta.json still says recording.
    Path crashed = Files.createDirectories(root.resolve("2026/01/02/old-1"));
    Files.writeString(
        RecordingFiles.meta(crashed),
        "{\"version\":1,\"call_id\":\"old-1\",\"started_at\":\"2026-01-02T10:00:00Z\","
            + "\"state\":\"recording\"}");

    List<RecordingMetadata> done = recordings.recoverInBackground(Runnable::run).join();

    assertThat(done).extracting(RecordingMetadata::callId).containsExactly("old-1");
    assertThat(recordings.recordings().index().get("old-1")).isPresent();
    Path liveDir = recordings.recordings().store().find("live-1");
    assertThat(RecordingMetadata.read(RecordingFiles.meta(liveDir)).state())
        .as("the live call's recording is left alone")
        .isEqualTo(RecordingMetadata.RECORDING);
  }

  private static CallInfo info(String id) {
    return new CallInfo(id, "sip", "sip-" + id, "+15550000001", "sip:desk@127.0.0.1", Map.of());
  }
}
