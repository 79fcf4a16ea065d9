package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Headerless little-endian samples ({@code pcm16}, {@code f32}, {@code pcmu}, {@code pcma}; mono or
 * interleaved stereo) whose format the caller states, as raw files carry none.
 */
public final class RawReader extends SampleReader {

  private final Path file;

  private RawReader(Path file, AudioFormat format) throws IOException {
    super(new BufferedInputStream(Files.newInputStream(file), 1 << 16), format, Long.MAX_VALUE);
    this.file = file;
  }

  public static RawReader open(Path file, AudioFormat format) throws IOException {
    if (!SampleCodec.isSampleEncoding(format.encoding())) {
      throw new AudioFileException(
          file, "raw files hold pcm16, f32, pcmu or pcma samples, not " + format);
    }
    return new RawReader(file, format);
  }

  @Override
  public String toString() {
    return "raw-read " + format() + " " + file.getFileName();
  }
}
