package dev.switchboard.server.wiring;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711Decoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The espeak-ng utterances in {@code fixtures/speech} (8 kHz μ-law WAV) and a caller timeline. */
final class SpeechFixtures {

  static final int RATE_HZ = 8000;

  private SpeechFixtures() {}

  /** The fixture's samples at 8 kHz. */
  static PcmFrame pcm(String file) {
    byte[] wav;
    try (InputStream in = SpeechFixtures.class.getResourceAsStream("/fixtures/speech/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource fixtures/speech/" + file);
      }
      wav = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12; // after "RIFF" size "WAVE": the chunk list (RIFF layout)
    while (pos + 8 <= wav.length) {
      String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
      int size = b.getInt(pos + 4);
      if (id.equals("data")) {
        byte[] ulaw = Arrays.copyOfRange(wav, pos + 8, Math.min(wav.length, pos + 8 + size));
        return new G711Decoder(Encoding.PCMU).decode(EncodedFrame.of(AudioFormat.PCMU_8K, ulaw));
      }
      pos += 8 + size + (size & 1);
    }
    throw new IllegalStateException(file + " has no data chunk");
  }

  /** A caller timeline of {@code seconds}, silent but for the utterances mixed in. */
  static short[] timeline(double seconds) {
    return new short[(int) (seconds * RATE_HZ)];
  }

  static void mix(short[] into, String file, double atSeconds) {
    short[] s = pcm(file).samples();
    int at = (int) (atSeconds * RATE_HZ);
    System.arraycopy(s, 0, into, at, Math.min(s.length, into.length - at));
  }

  /** RMS level of {@code samples[from, to)} in dBFS. */
  static double rmsDbfs(short[] samples, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) samples[i] * samples[i];
    }
    double rms = Math.sqrt(sum / Math.max(1, to - from));
    return 20 * Math.log10(Math.max(rms, 1e-9) / 32768);
  }
}
