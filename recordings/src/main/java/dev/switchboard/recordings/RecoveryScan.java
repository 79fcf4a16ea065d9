package dev.switchboard.recordings;

import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.storage.RecordingStore;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import dev.switchboard.recordings.transcript.TranscriptLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of recordings left by a crash (their {@code meta.json} still says {@code
 * recording}): the WAV header is patched to the audio that reached the file (the writer flushes at
 * least every {@link RecordingConfig#flushInterval()}, so at most that much is lost), a torn last
 * transcript line is dropped, WebVTT and text are rendered, and the metadata is marked {@code
 * recovered} with the counters the transcript still holds. Run it before accepting calls; it
 * touches only recordings no live recorder owns.
 */
public final class RecoveryScan {

  private static final Logger LOG = LoggerFactory.getLogger(RecoveryScan.class);

  private RecoveryScan() {}

  /**
   * Repairs every unfinished recording in {@code store}.
   *
   * @param onRecovered called with each recovered recording's metadata (e.g. to index it)
   * @return the recovered recordings' metadata
   */
  public static List<RecordingMetadata> run(
      RecordingStore store, BiConsumer<Path, RecordingMetadata> onRecovered) throws IOException {
    List<RecordingMetadata> recovered = new ArrayList<>();
    for (Path dir : store.list()) {
      RecordingMetadata meta;
      try {
        meta = RecordingMetadata.read(RecordingFiles.meta(dir));
      } catch (IOException e) {
        LOG.warn("skipping {}: {}", dir, e.getMessage());
        continue;
      }
      if (!RecordingMetadata.RECORDING.equals(meta.state())) {
        continue;
      }
      try {
        RecordingMetadata fixed = repair(dir, meta);
        store.completed(dir);
        recovered.add(fixed);
        if (onRecovered != null) {
          onRecovered.accept(dir, fixed);
        }
        LOG.info("recovered recording {} ({} ms)", dir, fixed.durationMs());
      } catch (IOException | RuntimeException e) {
        LOG.error("cannot recover recording {}", dir, e);
      }
    }
    return recovered;
  }

  static RecordingMetadata repair(Path dir, RecordingMetadata meta) throws IOException {
    Path wav = RecordingFiles.audio(dir);
    long samples = Files.exists(wav) ? StereoWavFile.repair(wav) : 0;
    int rate = meta.audio() == null ? 8000 : meta.audio().sampleRateHz();
    long durationMs = samples * 1000 / rate;
    List<TranscriptLine> lines = TranscriptFiles.read(RecordingFiles.transcript(dir));
    TranscriptFiles.finish(
        RecordingFiles.transcript(dir),
        dir.resolve(RecordingFiles.VTT),
        dir.resolve(RecordingFiles.TEXT),
        lines);
    long bargeIns = lines.stream().filter(l -> l.type().equals("barge_in")).count();
    String endedAt = Instant.parse(meta.startedAt()).plusMillis(durationMs).toString();
    RecordingMetadata fixed = meta.withRecovered(durationMs, endedAt, bargeIns);
    fixed.writeTo(RecordingFiles.meta(dir));
    return fixed;
  }
}
