package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Headerless little-endian samples in the given per-sample format, mono or stereo. */
public final class RawWriter extends SampleWriter {

  private RawWriter(Path file, FileChannel channel, AudioFormat format) {
    super(file, channel, format);
  }

  public static RawWriter create(Path file, AudioFormat format) throws IOException {
    if (!SampleCodec.isSampleEncoding(format.encoding())) {
      throw new AudioFileException(
          file, "raw files hold pcm16, f32, pcmu or pcma samples, not " + format);
    }
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new RawWriter(file, channel, format);
  }

  @Override
  public String toString() {
    return "raw-write " + format() + " " + file.getFileName();
  }
}
