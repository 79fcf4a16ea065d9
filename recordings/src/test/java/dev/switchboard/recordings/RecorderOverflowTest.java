package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.PcmFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that cannot keep up: frames are dropped and counted, the call never waits. */
class RecorderOverflowTest {

  @TempDir Path root;

  @Test
  void fullQueueDropsMarksDegradedAndStillDeliversTheEnd() throws Exception {
    CountDownLatch writerMayRun = new CountDownLatch(1);
    CallInfo info = new CallInfo("slow-disk", "fake", "CA1", "a", "b", Map.of());
    CallRecorder r =
        CallRecorder.start(
            new FileSystemStore(root),
            RecordingConfig.defaults().withQueueCapacity(16),
            new CallContext(info, "f", "b", "m", null, Instant.parse("2026-01-01T00:00:00Z"), null),
            null,
            task ->
                Thread.ofVirtual()
                    .unstarted(
                        () -> {
                          try {
                            writerMayRun.await(); // a stalled disk
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          task.run();
                        }));
    short[] tone = Tones.sine(440, -12, 2000, 8000);
    long start = System.nanoTime();
    for (int k = 0; k < 100; k++) {
      short[] s = new short[160];
      System.arraycopy(tone, k * 160, s, 0, 160);
      r.onCallerAudio(Duration.ofMillis(20L * k), new PcmFrame(s, 8000));
    }
    r.onEvent(
        new CallEvent.CallEnded(
            Duration.ofSeconds(2),
            new Termination(Termination.Result.COMPLETED_CALLER_HANGUP, "bye"),
            Duration.ofSeconds(2)));
    long listenerMicros = (System.nanoTime() - start) / 1000;
    writerMayRun.countDown();
    RecordingMetadata meta = r.finished().get(10, TimeUnit.SECONDS);

    assertThat(r.dropped()).isEqualTo(100 - 16);
    assertThat(meta.degraded()).isTrue();
    assertThat(meta.droppedFrames()).isEqualTo(84);
    assertThat(meta.terminationResult()).isEqualTo("COMPLETED_CALLER_HANGUP");
    // The kept frames sit where they belong; the dropped ones are silence, the length is the
    // call's.
    StereoWavFile.Channels ch = StereoWavFile.read(r.directory().resolve("audio.wav"));
    assertThat(ch.caller().sampleCount()).isEqualTo(16_000);
    assertThat(Tones.goertzelDb(ch.caller().samples(), 0, 16 * 160, 440, 8000)).isGreaterThan(-30);
    assertThat(AudioChecks.levelDbfs(ch.caller().samples(), 20 * 160, 80 * 160)).isLessThan(-90);
    // 101 listener calls on a stalled writer took no time at all (generous bound for noisy CI).
    assertThat(listenerMicros).isLessThan(200_000);
  }
}
