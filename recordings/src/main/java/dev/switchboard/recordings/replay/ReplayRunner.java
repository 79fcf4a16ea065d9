package dev.switchboard.recordings.replay;

import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.recordings.CallContext;
import dev.switchboard.recordings.CallRecorder;
import dev.switchboard.recordings.RecordingFiles;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays one recorded call: its caller channel through a {@link FileTransport} into a fresh {@link
 * CallSession} with today's flow and backend, recorded like a live call (metadata {@code
 * replay_of}), then compared with the original. Blocks until the replay ends (bounded).
 */
public final class ReplayRunner {

  /**
   * What to replay against.
   *
   * @param flow label recorded in the replay's metadata
   * @param model recorded in the metadata
   * @param clock {@link ScaledClock} for faster than real time
   */
  public record Target(
      RealtimeBackend backend, CallConfig config, String flow, String model, MediaClock clock) {}

  /** A finished replay. */
  public record Result(Path directory, Termination termination, ReplayReport report) {}

  private final Recordings recordings;

  /** Replays are recorded (and indexed) by {@code recordings} like live calls. */
  public ReplayRunner(Recordings recordings) {
    this.recordings = recordings;
  }

  public Result replay(Path sourceDir, Target target)
      throws IOException, InterruptedException, TimeoutException {
    RecordingMetadata source = RecordingMetadata.read(RecordingFiles.meta(sourceDir));
    StereoWavFile.Channels audio = StereoWavFile.read(RecordingFiles.audio(sourceDir));
    Instant started = Instant.now();
    String id = replayId(source.callId(), started);
    CallInfo info =
        new CallInfo(
            id,
            "file",
            source.carrierCallId(),
            source.from(),
            source.to(),
            source.carrierIds() == null ? java.util.Map.of() : source.carrierIds());
    FileTransport transport =
        new FileTransport(info, audio.caller(), target.clock(), Duration.ofSeconds(3));
    CallRecorder recorder =
        recordings.startCall(
            new CallContext(
                info,
                target.flow() != null ? target.flow() : source.flow(),
                target.backend().name(),
                target.model(),
                null,
                started,
                source.callId()));
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CallSession call =
        CallSession.builder()
            .transport(transport)
            .backend(target.backend())
            .config(target.config())
            .clock(target.clock())
            .listener(recorder)
            .listener(
                e -> {
                  if (e instanceof CallEvent.BackendConnected
                      || e instanceof CallEvent.BackendConnectFailed) {
                    connected.complete(null);
                  }
                })
            .build();
    // Connect first, then play the caller: a live call buffers only ~0.5 s of caller audio while
    // the backend connects, and the replay must not lose the caller's first words to that.
    call.prewarm();
    try {
      connected.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      call.hangUp("replay: backend did not connect");
      throw new TimeoutException(
          "replay of " + source.callId() + ": backend did not connect in 30 s");
    }
    call.start();
    long durationMs = audio.caller().durationMicros() / 1000;
    double speed = target.clock() instanceof ScaledClock s ? s.speed() : 1;
    long boundMs = (long) ((durationMs + 3_000) / speed) + 30_000;
    Termination termination;
    RecordingMetadata replayed;
    try {
      termination = call.termination().get(boundMs, TimeUnit.MILLISECONDS);
      replayed = recorder.finished().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      call.hangUp("replay timed out");
      throw new TimeoutException(
          "replay of " + source.callId() + " did not end within " + boundMs + " ms");
    } catch (ExecutionException e) {
      throw new IOException(
          "replay of " + source.callId() + " failed: " + e.getCause(), e.getCause());
    }
    Path dir = recorder.directory();
    ReplayReport report =
        ReplayReport.compare(
            source,
            TranscriptFiles.read(RecordingFiles.transcript(sourceDir)),
            replayed,
            TranscriptFiles.read(RecordingFiles.transcript(dir)));
    report.writeTo(dir);
    return new Result(dir, termination, report);
  }

  static String replayId(String callId, Instant at) {
    String base = callId.length() > 100 ? callId.substring(0, 100) : callId;
    return base + "-replay-" + at.toEpochMilli();
  }
}
