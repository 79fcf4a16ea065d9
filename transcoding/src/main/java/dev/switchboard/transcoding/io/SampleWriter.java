package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes interleaved per-sample audio after an optional header; {@link WavWriter} patches its
 * header on every flush. Buffers up to 64 KiB between flushes.
 */
abstract sealed class SampleWriter implements AudioWriter permits WavWriter, RawWriter {

  final Path file;
  final FileChannel channel;
  private final AudioFormat format;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private long dataBytes;
  private boolean closed;

  SampleWriter(Path file, FileChannel channel, AudioFormat format) {
    this.file = file;
    this.channel = channel;
    this.format = format;
  }

  @Override
  public final AudioFormat format() {
    return format;
  }

  /** Sample bytes written so far (excluding any header). */
  final long dataBytes() {
    return dataBytes;
  }

  @Override
  public final void write(PcmFrame frame) throws IOException {
    checkRate(frame);
    if (format.channels() == 1) {
      appendSamples(frame.samples(), frame.sampleCount());
    } else {
      writeStereo(frame, frame);
    }
  }

  /** Appends one frame per channel to a stereo file (e.g. caller left, agent right). */
  public final void writeStereo(PcmFrame left, PcmFrame right) throws IOException {
    if (format.channels() != 2) {
      throw new IllegalStateException(this + " is mono; writeStereo needs a stereo file");
    }
    checkRate(left);
    checkRate(right);
    if (left.sampleCount() != right.sampleCount()) {
      throw new IllegalArgumentException(
          "stereo frames differ in length: "
              + left.sampleCount()
              + " vs "
              + right.sampleCount()
              + " samples");
    }
    short[] interleaved = new short[2 * left.sampleCount()];
    for (int i = 0; i < left.sampleCount(); i++) {
      interleaved[2 * i] = left.samples()[i];
      interleaved[2 * i + 1] = right.samples()[i];
    }
    appendSamples(interleaved, interleaved.length);
  }

  @Override
  public final void write(EncodedFrame frame) throws IOException {
    if (!frame.format().equals(format)) {
      throw new IllegalArgumentException(this + " takes " + format + ", got " + frame.format());
    }
    append(frame.payload());
  }

  private void checkRate(PcmFrame frame) {
    if (frame.sampleRateHz() != format.sampleRateHz()) {
      throw new IllegalArgumentException(
          this + " takes " + format.sampleRateHz() + " Hz frames, got " + frame.sampleRateHz());
    }
  }

  private void appendSamples(short[] samples, int count) throws IOException {
    byte[] bytes = new byte[count * format.encoding().bytesPerSample()];
    SampleCodec.encode(format.encoding(), samples, bytes, count);
    append(bytes);
  }

  private void append(byte[] bytes) throws IOException {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    checkCapacity(dataBytes + bytes.length);
    int off = 0;
    while (off < bytes.length) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(buffer.remaining(), bytes.length - off);
      buffer.put(bytes, off, n);
      off += n;
    }
    dataBytes += bytes.length;
  }

  /** Throws if the container cannot hold this many data bytes. */
  void checkCapacity(long totalDataBytes) throws IOException {}

  /** Rewrites header fields after the data reached the file. */
  void patchHeader(boolean finalPatch) throws IOException {}

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  @Override
  public final void flush() throws IOException {
    if (!closed) {
      drain();
      patchHeader(false);
    }
  }

  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      drain();
      patchHeader(true);
    } finally {
      closed = true;
      channel.close();
    }
  }
}
