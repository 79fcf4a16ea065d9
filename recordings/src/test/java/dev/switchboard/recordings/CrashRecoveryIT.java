package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} mid-call in a real subprocess, then the start-up scan: the recording plays, is
 * marked recovered, and lost at most 200 ms.
 */
class CrashRecoveryIT {

  @TempDir Path root;

  @Test
  void recordingSurvivesSigkillAndLosesAtMost200Ms() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashingCallMain.class.getName(),
                root.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    LinkedBlockingQueue<Long> fed = new LinkedBlockingQueue<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                      if (line.startsWith("fed ")) {
                        fed.add(Long.parseLong(line.substring(4)));
                      }
                    }
                  } catch (java.io.IOException e) {
                    // the process died: end of stream
                  }
                });
    long lastFed = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lastFed < 1500 && System.nanoTime() < deadline) {
      Long v = fed.poll(1, TimeUnit.SECONDS);
      if (v != null) {
        lastFed = v;
      }
    }
    assertThat(lastFed).as("child reached 1.5 s of call").isGreaterThanOrEqualTo(1500);
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    reader.join(5000);
    List<Long> rest = new ArrayList<>();
    fed.drainTo(rest);
    long fedAtKill = rest.isEmpty() ? lastFed : rest.getLast();

    FileSystemStore store = new FileSystemStore(root);
    Path dir = store.find("crash-1");
    assertThat(RecordingMetadata.read(dir.resolve("meta.json")).state()).isEqualTo("recording");

    List<RecordingMetadata> recovered = RecoveryScan.run(store, null);

    assertThat(recovered).hasSize(1);
    RecordingMetadata meta = recovered.getFirst();
    assertThat(meta.recovered()).isTrue();
    assertThat(meta.state()).isEqualTo("recovered");
    long lossMs = fedAtKill - meta.durationMs();
    System.out.printf(
        "kill -9 recovery: fed %d ms, recovered %d ms, lost %d ms%n",
        fedAtKill, meta.durationMs(), lossMs);
    assertThat(lossMs).isBetween(0L, 200L);

    // Playable by the ordinary reader, and the audio is right up to its end on both channels.
    try (AudioReader r = AudioFiles.openReader(dir.resolve("audio.wav"), null)) {
      assertThat(r.format().channels()).isEqualTo(2);
    }
    StereoWavFile.Channels ch = StereoWavFile.read(dir.resolve("audio.wav"));
    int n = ch.caller().sampleCount();
    assertThat(Tones.present(ch.caller().samples(), n - 800, 800, 440, 8000, -30)).isTrue();
    assertThat(Tones.present(ch.agent().samples(), n - 800, 800, 1000, 8000, -30)).isTrue();
    assertThat(Tones.goertzelDb(ch.caller().samples(), n - 800, 800, 1000, 8000)).isLessThan(-50);
    assertThat(Files.readString(dir.resolve("transcript.txt")))
        .contains("hello from before the crash");
    // A second scan finds nothing left to do.
    assertThat(RecoveryScan.run(store, null)).isEmpty();
  }
}
