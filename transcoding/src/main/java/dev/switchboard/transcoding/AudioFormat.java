package dev.switchboard.transcoding;

import java.util.Locale;

/**
 * An audio format: encoding, sample rate and channel count.
 *
 * <p>Parsed from and printed as {@code encoding/rate} (mono) or {@code encoding/rate/channels},
 * e.g. {@code pcmu/8000}, {@code pcm16/24000}, {@code opus/48000/2}.
 */
public record AudioFormat(Encoding encoding, int sampleRateHz, int channels) {

  public static final AudioFormat PCMU_8K = new AudioFormat(Encoding.PCMU, 8000, 1);
  public static final AudioFormat PCMA_8K = new AudioFormat(Encoding.PCMA, 8000, 1);
  public static final AudioFormat PCM16_8K = pcm16(8000);
  public static final AudioFormat PCM16_16K = pcm16(16000);
  public static final AudioFormat PCM16_24K = pcm16(24000);
  public static final AudioFormat PCM16_48K = pcm16(48000);

  public AudioFormat {
    if (encoding == null) {
      throw new IllegalArgumentException("encoding is required");
    }
    if (sampleRateHz < 1000 || sampleRateHz > 192_000) {
      throw new IllegalArgumentException("sample rate out of range: " + sampleRateHz + " Hz");
    }
    if (channels < 1 || channels > 2) {
      throw new IllegalArgumentException("channels must be 1 or 2, was " + channels);
    }
    if ((encoding == Encoding.PCMU || encoding == Encoding.PCMA) && sampleRateHz != 8000) {
      throw new IllegalArgumentException(encoding.id() + " is defined at 8000 Hz only");
    }
  }

  /** Mono 16-bit linear PCM at the given rate. */
  public static AudioFormat pcm16(int sampleRateHz) {
    return new AudioFormat(Encoding.PCM16, sampleRateHz, 1);
  }

  /** Samples per channel in {@code millis} milliseconds. */
  public int samplesPer(int millis) {
    return sampleRateHz * millis / 1000;
  }

  /**
   * Parses {@code encoding/rate[/channels]}, e.g. {@code pcmu/8000} or {@code pcm16/24000}.
   *
   * @throws IllegalArgumentException with a message naming the allowed values
   */
  public static AudioFormat parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("/");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "bad audio format '" + text + "': expected ENCODING/RATE, e.g. pcmu/8000, pcm16/24000");
    }
    Encoding encoding;
    try {
      encoding = Encoding.valueOf(parts[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown encoding '"
              + parts[0]
              + "' in '"
              + text
              + "': use pcm16, pcmu, pcma, opus or f32");
    }
    try {
      int rate = Integer.parseInt(parts[1]);
      int channels = parts.length == 3 ? Integer.parseInt(parts[2]) : 1;
      return new AudioFormat(encoding, rate, channels);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in audio format '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return encoding.id() + "/" + sampleRateHz + (channels == 1 ? "" : "/" + channels);
  }
}
