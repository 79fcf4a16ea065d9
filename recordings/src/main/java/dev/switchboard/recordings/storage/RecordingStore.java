package dev.switchboard.recordings.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where recording directories live. A recording is written into a local directory ({@link #create})
 * while the call lasts; {@link #completed} publishes it (a no-op on the filesystem; an
 * S3-compatible store uploads there). Paths handed out are always inside the store's root.
 * Implementations are thread-safe.
 */
public interface RecordingStore {

  /** Creates the directory of a new recording; fails if it exists. */
  Path create(String callId, Instant startedAt) throws IOException;

  /** The recording finished (or was recovered) and may be published. */
  default void completed(Path directory) throws IOException {}

  /** Every recording directory (holding a {@code meta.json}), oldest path first. */
  List<Path> list() throws IOException;

  /** The directory of {@code callId}, or {@code null}. */
  Path find(String callId) throws IOException;

  /** Deletes one recording directory and everything in it. */
  void delete(Path directory) throws IOException;

  /** {@code directory} relative to the root, for the index. */
  String relative(Path directory);

  /** Resolves a path from {@link #relative} back, refusing anything outside the root. */
  Path resolve(String relative);
}
