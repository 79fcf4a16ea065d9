package dev.switchboard.recordings.transcript;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends transcript lines to a JSONL file as the call goes (flushed with the audio, so a crash
 * loses at most the last flush interval), and reads them back: a torn last line left by a crash is
 * skipped. Single-threaded.
 */
public final class TranscriptFiles implements Closeable, Flushable {

  private final BufferedWriter out;

  private TranscriptFiles(BufferedWriter out) {
    this.out = out;
  }

  public static TranscriptFiles append(Path file) throws IOException {
    return new TranscriptFiles(
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  public void write(TranscriptLine line) throws IOException {
    out.write(line.toJson());
    out.write('\n');
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Every complete line of {@code file}; a torn or unparsable line is skipped. */
  public static List<TranscriptLine> read(Path file) throws IOException {
    List<TranscriptLine> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (s.isBlank()) {
        continue;
      }
      try {
        lines.add(TranscriptLine.parse(s));
      } catch (IllegalArgumentException e) {
        // A line cut by a crash mid-write: the rest of the transcript stands.
      }
    }
    return lines;
  }

  /**
   * Rewrites {@code dir}'s transcript in speech order and renders {@code .vtt} and {@code .txt}
   * beside it; each file is replaced atomically.
   */
  public static void finish(Path jsonl, Path vtt, Path text, List<TranscriptLine> lines)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (TranscriptLine l : TranscriptRenderer.speechOrder(lines)) {
      sb.append(l.toJson()).append('\n');
    }
    replace(jsonl, sb.toString());
    replace(vtt, TranscriptRenderer.webVtt(lines));
    replace(text, TranscriptRenderer.plainText(lines));
  }

  private static void replace(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
