package dev.switchboard.recordings.audio;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioFileException;
import dev.switchboard.transcoding.io.WavReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The recordings' own stereo WAV files, as {@link dev.switchboard.transcoding.io.WavWriter} writes
 * them for PCM16: the canonical 44-byte header (RIFF, {@code fmt } of 16 bytes, {@code data}) and
 * interleaved little-endian samples, caller left, agent right. Reads the channels apart (the
 * transcoding readers mix stereo down) and repairs the header of a file cut short by a crash.
 * Stateless.
 */
public final class StereoWavFile {

  /** RIFF header + 16-byte PCM fmt chunk + data chunk header. */
  static final int HEADER_BYTES = 44;

  private static final int RIFF_SIZE_OFFSET = 4;
  private static final int DATA_SIZE_OFFSET = 40;

  /** Both channels of a recording. */
  public record Channels(PcmFrame caller, PcmFrame agent) {}

  private StereoWavFile() {}

  /** Reads both channels; the header is checked by the transcoding {@link WavReader}. */
  public static Channels read(Path file) throws IOException {
    long dataBytes;
    AudioFormat format;
    try (WavReader r = WavReader.open(file)) {
      format = r.format();
    }
    if (format.encoding() != Encoding.PCM16 || format.channels() != 2) {
      throw new AudioFileException(file, "holds " + format + ", not a pcm16 stereo recording");
    }
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    dataBytes = Integer.toUnsignedLong(b.getInt(DATA_SIZE_OFFSET));
    int frames = (int) Math.min(dataBytes, all.length - HEADER_BYTES) / 4;
    short[] left = new short[frames];
    short[] right = new short[frames];
    for (int i = 0; i < frames; i++) {
      left[i] = b.getShort(HEADER_BYTES + 4 * i);
      right[i] = b.getShort(HEADER_BYTES + 4 * i + 2);
    }
    return new Channels(
        new PcmFrame(left, format.sampleRateHz()), new PcmFrame(right, format.sampleRateHz()));
  }

  /**
   * Makes a recording cut short by a crash playable: the data size becomes what the file holds,
   * rounded down to whole stereo sample frames (a torn last write is dropped), and the RIFF size
   * follows (RIFF: chunk size = bytes after the size field). Returns the samples per channel.
   */
  public static long repair(Path file) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      while (h.hasRemaining() && ch.read(h, h.position()) > 0) {}
      if (h.position() < HEADER_BYTES
          || h.getInt(0) != 0x46464952 // "RIFF"
          || h.getInt(36) != 0x61746164) { // "data"
        throw new AudioFileException(file, "not a recording WAV (no canonical 44-byte header)");
      }
      int blockAlign = Short.toUnsignedInt(h.getShort(32));
      if (blockAlign != 4) {
        throw new AudioFileException(
            file, "block align " + blockAlign + ", expected 4 (stereo pcm16)");
      }
      long data = (ch.size() - HEADER_BYTES) / blockAlign * blockAlign;
      ch.truncate(HEADER_BYTES + data);
      ByteBuffer u32 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      u32.putInt(0, (int) (HEADER_BYTES - 8 + data));
      ch.write(u32, RIFF_SIZE_OFFSET);
      u32.clear();
      u32.putInt(0, (int) data);
      ch.write(u32, DATA_SIZE_OFFSET);
      ch.force(true);
      return data / blockAlign;
    }
  }
}
