package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.opus.OpusConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens audio files by extension: {@code .wav} is WAV, {@code .opus} and {@code .ogg} are Ogg Opus,
 * anything else is raw samples in the stated format.
 */
public final class AudioFiles {

  private AudioFiles() {}

  /**
   * Opens {@code file} for reading.
   *
   * @param declared for raw files, their format (required); for WAV, the format the caller expects
   *     (checked against the header) or null to accept any; for Ogg Opus, null (decode at 48 kHz)
   *     or {@code opus/RATE} to decode at RATE
   * @throws AudioFileException if the contents are unsupported or differ from {@code declared}
   */
  public static AudioReader openReader(Path file, AudioFormat declared) throws IOException {
    return switch (kind(file)) {
      case WAV -> {
        WavReader reader = WavReader.open(file);
        if (declared != null && !declared.equals(reader.format())) {
          reader.close();
          throw new AudioFileException(
              file, "holds " + reader.format() + " but " + declared + " was expected");
        }
        yield reader;
      }
      case OGG_OPUS -> {
        if (declared != null && declared.encoding() != Encoding.OPUS) {
          throw new AudioFileException(
              file, "is Ogg Opus, but " + declared + " was declared (use opus/RATE or none)");
        }
        int rate = declared == null ? 48_000 : declared.sampleRateHz();
        if (!OpusConfig.isOpusRate(rate)) {
          throw new AudioFileException(
              file,
              "cannot decode Opus at " + rate + " Hz: use 8000, 12000, 16000, 24000 or 48000");
        }
        yield OggOpusReader.open(file, rate);
      }
      case RAW -> {
        if (declared == null) {
          throw new AudioFileException(
              file, "raw audio has no header: state its format, e.g. pcmu/8000 or pcm16/24000");
        }
        yield RawReader.open(file, declared);
      }
    };
  }

  /**
   * Creates (or truncates) {@code file} for writing {@code format}. For Ogg Opus the format's rate
   * is the PCM input rate; it is encoded with the call defaults minus FEC.
   */
  public static AudioWriter openWriter(Path file, AudioFormat format) throws IOException {
    return switch (kind(file)) {
      case WAV -> WavWriter.create(file, format);
      case OGG_OPUS -> {
        if (format.encoding() != Encoding.OPUS && format.encoding() != Encoding.PCM16) {
          throw new AudioFileException(file, "Ogg Opus holds Opus, not " + format);
        }
        if (format.channels() != 1 || !OpusConfig.isOpusRate(format.sampleRateHz())) {
          throw new AudioFileException(
              file,
              "Ogg Opus writing needs mono at 8000, 12000, 16000, 24000 or 48000 Hz, not "
                  + format);
        }
        yield OggOpusWriter.create(
            file, OpusConfig.voip(format.sampleRateHz()).withInbandFec(false, 0));
      }
      case RAW -> RawWriter.create(file, format);
    };
  }

  private enum Kind {
    WAV,
    OGG_OPUS,
    RAW
  }

  private static Kind kind(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".wav")) {
      return Kind.WAV;
    }
    if (name.endsWith(".opus") || name.endsWith(".ogg")) {
      return Kind.OGG_OPUS;
    }
    return Kind.RAW;
  }
}
