package dev.switchboard.server.recording;

import dev.switchboard.recordings.storage.RecordingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RecordingStore} that remembers which recordings this process created and leaves them out
 * of {@link #list()}. Crash recovery lists the store to find recordings still marked {@code
 * recording}; it runs in the background after start-up, while new calls already record, and must
 * not "recover" a live call's directory. The call id is remembered <em>before</em> the directory
 * exists, so a directory walk can never see a live recording that is not yet excluded. Thread-safe.
 */
final class ProcessOwnedStore implements RecordingStore {

  private final RecordingStore delegate;
  private final Set<String> ownCallIds = ConcurrentHashMap.newKeySet();

  ProcessOwnedStore(RecordingStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Path create(String callId, Instant startedAt) throws IOException {
    ownCallIds.add(callId);
    return delegate.create(callId, startedAt);
  }

  @Override
  public void completed(Path directory) throws IOException {
    delegate.completed(directory);
  }

  /** Every recording directory except those created by this process. */
  @Override
  public List<Path> list() throws IOException {
    return delegate.list().stream()
        .filter(p -> !ownCallIds.contains(p.getFileName().toString()))
        .toList();
  }

  @Override
  public Path find(String callId) throws IOException {
    return delegate.find(callId);
  }

  @Override
  public void delete(Path directory) throws IOException {
    delegate.delete(directory);
  }

  @Override
  public String relative(Path directory) {
    return delegate.relative(directory);
  }

  @Override
  public Path resolve(String relative) {
    return delegate.resolve(relative);
  }

  @Override
  public String toString() {
    return "ProcessOwned[" + delegate + "]";
  }
}
