package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads RIFF/WAVE files: 16-bit PCM (tag 1), 32-bit float (tag 3), A-law (tag 6), μ-law (tag 7) and
 * WAVE_FORMAT_EXTENSIBLE (0xFFFE) wrapping any of them; mono or stereo. Unknown chunks (LIST, fact,
 * cue...) are skipped. A data size of 0xFFFFFFFF (written by streaming tools that cannot seek)
 * means "to the end of the file"; any other size larger than the file is reported as truncation.
 */
public final class WavReader extends SampleReader {

  private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;

  private final Path file;

  private WavReader(Path file, InputStream in, AudioFormat format, long dataBytes) {
    super(in, format, dataBytes);
    this.file = file;
  }

  public static WavReader open(Path file) throws IOException {
    long fileSize = Files.size(file);
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      Header header = new Header(file, in);
      AudioFormat format = header.parse();
      long available = fileSize - header.position;
      long dataBytes = header.dataBytes;
      if (dataBytes == UNKNOWN_SIZE) {
        dataBytes = available;
      } else if (dataBytes > available) {
        throw new AudioFileException(
            file,
            "truncated WAV data: header declares "
                + dataBytes
                + " bytes but the file holds "
                + available);
      }
      return new WavReader(file, in, format, dataBytes);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "wav-read " + format() + " " + file.getFileName();
  }

  /** Sequential RIFF chunk parser (little-endian throughout). */
  private static final class Header {
    private final Path file;
    private final InputStream in;
    long position;
    long dataBytes;

    Header(Path file, InputStream in) {
      this.file = file;
      this.in = in;
    }

    AudioFormat parse() throws IOException {
      String riff = fourCc("RIFF header");
      if (!riff.equals("RIFF")) {
        String hint =
            riff.equals("RIFX") || riff.equals("RF64") ? " (" + riff + " unsupported)" : "";
        throw new AudioFileException(file, "not a RIFF file: starts with '" + riff + "'" + hint);
      }
      u32("RIFF size");
      String wave = fourCc("RIFF form type");
      if (!wave.equals("WAVE")) {
        throw new AudioFileException(file, "RIFF form type is '" + wave + "', not WAVE");
      }
      AudioFormat format = null;
      while (true) {
        String id = fourCc("chunk header (no data chunk found)");
        long size = u32(id + " chunk size");
        if (id.equals("fmt ")) {
          format = parseFmt(size);
        } else if (id.equals("data")) {
          if (format == null) {
            throw new AudioFileException(file, "data chunk before fmt chunk");
          }
          dataBytes = size;
          return format;
        } else {
          skip(size + (size & 1), id + " chunk"); // chunks are padded to even size
        }
      }
    }

    private AudioFormat parseFmt(long size) throws IOException {
      if (size < 16) {
        throw new AudioFileException(file, "fmt chunk too short: " + size + " bytes");
      }
      int tag = u16("format tag");
      int channels = u16("channel count");
      long rate = u32("sample rate");
      u32("byte rate");
      int blockAlign = u16("block align");
      int bits = u16("bits per sample");
      long read = 16;
      if (tag == WavFormat.EXTENSIBLE) {
        if (size < 40) {
          throw new AudioFileException(
              file, "WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size + " bytes");
        }
        u16("cbSize");
        int validBits = u16("valid bits");
        u32("channel mask");
        byte[] guid = bytes(16, "sub-format GUID");
        read += 24;
        if (!Arrays.equals(guid, 2, 16, WavFormat.GUID_SUFFIX, 0, 14)) {
          throw new AudioFileException(file, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID");
        }
        tag = (guid[0] & 0xFF) | (guid[1] & 0xFF) << 8;
        if (validBits != 0 && validBits != bits) {
          throw new AudioFileException(
              file, validBits + " valid bits in " + bits + "-bit containers unsupported");
        }
      }
      skip(size - read + (size & 1), "rest of fmt chunk");
      Encoding encoding = WavFormat.encodingOf(tag, bits);
      if (encoding == null) {
        String what =
            WavFormat.encodingOf(tag, 16) != null
                    || WavFormat.encodingOf(tag, 32) != null
                    || WavFormat.encodingOf(tag, 8) != null
                ? "unsupported " + bits + "-bit samples for format tag " + tag
                : String.format("unsupported WAV format tag 0x%04X", tag);
        throw new AudioFileException(file, what + "; " + WavFormat.SUPPORTED);
      }
      if (channels < 1 || channels > 2) {
        throw new AudioFileException(file, "unsupported channel count " + channels + " (1 or 2)");
      }
      if (blockAlign != channels * bits / 8) {
        throw new AudioFileException(
            file,
            "block align " + blockAlign + " does not match " + channels + " × " + bits + " bits");
      }
      try {
        return new AudioFormat(encoding, (int) Math.min(rate, Integer.MAX_VALUE), channels);
      } catch (IllegalArgumentException e) {
        throw new AudioFileException(file, "unsupported WAV format: " + e.getMessage());
      }
    }

    private byte[] bytes(int n, String what) throws IOException {
      byte[] b = in.readNBytes(n);
      if (b.length < n) {
        throw new AudioFileException(file, "truncated WAV header: end of file in " + what);
      }
      position += n;
      return b;
    }

    private String fourCc(String what) throws IOException {
      return new String(bytes(4, what), StandardCharsets.ISO_8859_1);
    }

    private int u16(String what) throws IOException {
      byte[] b = bytes(2, what);
      return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
    }

    private long u32(String what) throws IOException {
      byte[] b = bytes(4, what);
      return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    private void skip(long n, String what) throws IOException {
      long skipped = in.skip(n);
      while (skipped < n && in.read() >= 0) {
        skipped++;
        skipped += in.skip(n - skipped);
      }
      if (skipped < n) {
        throw new AudioFileException(file, "truncated WAV header: end of file in " + what);
      }
      position += n;
    }
  }
}
