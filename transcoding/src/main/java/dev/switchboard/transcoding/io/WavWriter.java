package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes RIFF/WAVE: 16-bit PCM, 32-bit float, A-law or μ-law, mono or stereo.
 *
 * <p>The header is valid from the first byte (sizes 0) and every {@link #flush()} patches the RIFF,
 * data and fact sizes to what has reached the file, so a recording cut short by a crash plays up to
 * its last flush. Non-PCM formats get an 18-byte fmt chunk and a fact chunk, as the RIFF spec
 * requires for them (Microsoft "Multimedia Programming Interface and Data Specifications 1.0").
 */
public final class WavWriter extends SampleWriter {

  /** RIFF sizes are unsigned 32-bit. */
  private static final long MAX_RIFF_SIZE = 0xFFFF_FFFFL;

  private final boolean pcm;
  private final int headerBytes;
  private final int bytesPerFrame;

  private WavWriter(Path file, FileChannel channel, AudioFormat format) {
    super(file, channel, format);
    this.pcm = format.encoding() == Encoding.PCM16;
    this.headerBytes = pcm ? 44 : 58;
    this.bytesPerFrame = format.encoding().bytesPerSample() * format.channels();
  }

  public static WavWriter create(Path file, AudioFormat format) throws IOException {
    if (!SampleCodec.isSampleEncoding(format.encoding())) {
      throw new AudioFileException(
          file, "WAV holds pcm16, f32, pcmu or pcma, not " + format + " (use .opus for Opus)");
    }
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    WavWriter writer = new WavWriter(file, channel, format);
    try {
      writer.writeHeader();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return writer;
  }

  private void writeHeader() throws IOException {
    AudioFormat f = format();
    int bits = f.encoding().bytesPerSample() * 8;
    ByteBuffer h = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
    h.put(ascii("RIFF")).putInt(headerBytes - 8).put(ascii("WAVE"));
    h.put(ascii("fmt ")).putInt(pcm ? 16 : 18);
    h.putShort((short) WavFormat.tagOf(f.encoding())).putShort((short) f.channels());
    h.putInt(f.sampleRateHz()).putInt(f.sampleRateHz() * bytesPerFrame);
    h.putShort((short) bytesPerFrame).putShort((short) bits);
    if (!pcm) {
      h.putShort((short) 0); // cbSize
      h.put(ascii("fact")).putInt(4).putInt(0); // sample frames per channel
    }
    h.put(ascii("data")).putInt(0);
    h.flip();
    channel.write(h, 0);
    channel.position(headerBytes);
  }

  @Override
  void checkCapacity(long totalDataBytes) throws IOException {
    if (headerBytes - 8 + totalDataBytes + 1 > MAX_RIFF_SIZE) {
      throw new AudioFileException(file, "WAV size limit (4 GiB) reached; start a new file");
    }
  }

  @Override
  void patchHeader(boolean finalPatch) throws IOException {
    long data = dataBytes();
    long pad = 0;
    if (finalPatch && (data & 1) == 1) {
      // RIFF chunks are padded to an even size; only the final close can add the pad byte.
      channel.write(ByteBuffer.wrap(new byte[1]), headerBytes + data);
      pad = 1;
    }
    ByteBuffer u32 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    putAt(u32, headerBytes - 8 + data + pad, 4);
    putAt(u32, data, headerBytes - 4);
    if (!pcm) {
      putAt(u32, data / bytesPerFrame, 46);
    }
  }

  private void putAt(ByteBuffer u32, long value, long position) throws IOException {
    u32.clear();
    u32.putInt((int) value).flip();
    channel.write(u32, position);
  }

  private static byte[] ascii(String fourCc) {
    return fourCc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "wav-write " + format() + " " + file.getFileName();
  }
}
