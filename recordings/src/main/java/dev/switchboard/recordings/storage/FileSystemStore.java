package dev.switchboard.recordings.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recordings under one root directory, one per call: {@code ROOT/yyyy/MM/dd/CALL_ID/} (UTC date of
 * the call's start), so retention and backups work on whole days. Thread-safe (the filesystem
 * arbitrates).
 */
public final class FileSystemStore implements RecordingStore {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final Path root;

  public FileSystemStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public Path create(String callId, Instant startedAt) throws IOException {
    Path dir = SafeNames.resolveInside(root, DAY.format(startedAt) + "/" + SafeNames.check(callId));
    Files.createDirectories(dir.getParent());
    try {
      return Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(dir.toString(), null, "recording exists: " + callId);
    }
  }

  @Override
  public List<Path> list() throws IOException {
    try (Stream<Path> s =
        Files.find(root, 5, (p, a) -> p.getFileName().toString().equals("meta.json"))) {
      return s.map(Path::getParent).sorted().toList();
    }
  }

  @Override
  public Path find(String callId) throws IOException {
    SafeNames.check(callId);
    return list().stream()
        .filter(p -> p.getFileName().toString().equals(callId))
        .findFirst()
        .orElse(null);
  }

  @Override
  public void delete(Path directory) throws IOException {
    Path dir =
        SafeNames.resolveInside(
            root, root.relativize(directory.toAbsolutePath().normalize()).toString());
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public String relative(Path directory) {
    return root.relativize(directory.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  @Override
  public Path resolve(String relative) {
    return SafeNames.resolveInside(root, relative);
  }

  @Override
  public String toString() {
    return "FileSystemStore[" + root + "]";
  }
}
