package dev.switchboard.local;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711Decoder;
import dev.switchboard.transcoding.g711.G711Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The espeak-ng speech fixtures ({@code fixtures/make-fixtures.sh}): 8 kHz μ-law WAVs with a
 * manifest of expected meaning and grammar kind; helpers to add noise and cut 20 ms frames.
 */
public final class Fixtures {

  /** One fixture: file, expected meaning ("sales", "yes", "1234"), grammar kind. */
  public record Utterance(String file, String expected, String grammar) {}

  private Fixtures() {}

  public static List<Utterance> manifest() {
    List<Utterance> out = new ArrayList<>();
    for (String line : read("manifest.tsv").lines().toList()) {
      String[] f = line.split("\t");
      out.add(new Utterance(f[0], f[1], f[2]));
    }
    return out;
  }

  public static Utterance first(String expected) {
    return manifest().stream().filter(u -> u.expected().equals(expected)).findFirst().orElseThrow();
  }

  /** The μ-law samples of a fixture WAV (the bytes of its {@code data} chunk). */
  public static byte[] ulaw(String file) {
    byte[] wav = bytes(file);
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12; // after "RIFF" size "WAVE" (RIFF chunk layout)
    while (pos + 8 <= wav.length) {
      String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
      int size = b.getInt(pos + 4);
      if (id.equals("data")) {
        return Arrays.copyOfRange(wav, pos + 8, Math.min(wav.length, pos + 8 + size));
      }
      pos += 8 + size + (size & 1);
    }
    throw new IllegalStateException(file + " has no data chunk");
  }

  public static PcmFrame pcm(String file) {
    return new G711Decoder(Encoding.PCMU).decode(EncodedFrame.of(AudioFormat.PCMU_8K, ulaw(file)));
  }

  /** Adds white Gaussian noise at {@code dbfs} RMS (relative to full scale), seeded. */
  public static PcmFrame withNoise(PcmFrame clean, double dbfs, long seed) {
    Random r = new Random(seed);
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    short[] in = clean.samples();
    short[] out = new short[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] =
          (short) Math.max(-32768, Math.min(32767, Math.round(in[i] + sigma * r.nextGaussian())));
    }
    return new PcmFrame(out, clean.sampleRateHz());
  }

  /** 20 ms μ-law frames of {@code pcm} (8 kHz), the last one padded with silence. */
  public static List<EncodedFrame> ulawFrames(PcmFrame pcm) {
    short[] s = Arrays.copyOf(pcm.samples(), (pcm.sampleCount() + 159) / 160 * 160);
    EncodedFrame all = new G711Encoder(Encoding.PCMU).encode(new PcmFrame(s, 8000));
    List<EncodedFrame> out = new ArrayList<>();
    for (int i = 0; i < s.length; i += 160) {
      out.add(EncodedFrame.of(AudioFormat.PCMU_8K, Arrays.copyOfRange(all.payload(), i, i + 160)));
    }
    return out;
  }

  /** {@code millis} of μ-law digital silence in 20 ms frames. */
  public static List<EncodedFrame> silence(int millis) {
    return ulawFrames(PcmFrame.silence(8000, millis));
  }

  private static String read(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource fixtures/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
