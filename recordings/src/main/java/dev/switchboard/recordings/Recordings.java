package dev.switchboard.recordings;

import dev.switchboard.recordings.index.CallIndex;
import dev.switchboard.recordings.index.IndexedCall;
import dev.switchboard.recordings.storage.RecordingStore;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings service as the server wires it: one store, one index, one config. {@link
 * #recoverOnStartup()} before taking calls; {@link #startCall} per call (add the recorder as a
 * {@code CallEventListener}); each finished recording is indexed from the writer thread, never the
 * call's. Thread-safe.
 */
public final class Recordings {

  private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);

  private final RecordingStore store;
  private final CallIndex index;
  private final RecordingConfig config;

  public Recordings(RecordingStore store, CallIndex index, RecordingConfig config) {
    this.store = store;
    this.index = index;
    this.config = config;
  }

  public RecordingStore store() {
    return store;
  }

  public CallIndex index() {
    return index;
  }

  /** Repairs and indexes recordings left by a crash; returns them. */
  public List<RecordingMetadata> recoverOnStartup() throws IOException {
    return RecoveryScan.run(store, this::indexQuietly);
  }

  /** Starts recording a call. */
  public CallRecorder startCall(CallContext context) throws IOException {
    return CallRecorder.start(store, config, context, this::indexQuietly);
  }

  /** Indexes one recording directory from its files (e.g. after a replay or an import). */
  public IndexedCall indexDirectory(Path dir) throws IOException {
    RecordingMetadata meta = RecordingMetadata.read(RecordingFiles.meta(dir));
    IndexedCall row =
        IndexedCall.of(
            meta, store.relative(dir), TranscriptFiles.read(RecordingFiles.transcript(dir)));
    index.upsert(row);
    return row;
  }

  private void indexQuietly(Path dir, RecordingMetadata meta) {
    try {
      indexDirectory(dir);
    } catch (IOException | RuntimeException e) {
      LOG.warn("call {}: indexing failed; the recording is on disk", meta.callId(), e);
    }
  }
}
