package dev.switchboard.testkit.realtime;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.g711.G711;
import java.util.ArrayList;
import java.util.List;

/** Test tones as 20 ms frames, and a Goertzel detector to check audio by content. */
final class Tones {

  private Tones() {}

  /** {@code millis} of a tone (amplitude 0 = silence) as 20 ms frames in {@code format}. */
  static List<EncodedFrame> frames(AudioFormat format, double hz, double amplitude, int millis) {
    List<EncodedFrame> out = new ArrayList<>();
    int perFrame = format.samplesPer(20);
    for (int f = 0; f < millis / 20; f++) {
      short[] pcm = new short[perFrame];
      for (int i = 0; i < perFrame; i++) {
        long n = (long) f * perFrame + i;
        pcm[i] =
            (short)
                Math.round(
                    amplitude * 32767 * Math.sin(2 * Math.PI * hz * n / format.sampleRateHz()));
      }
      out.add(EncodedFrame.of(format, encode(format, pcm)));
    }
    return out;
  }

  static byte[] encode(AudioFormat format, short[] pcm) {
    byte[] out;
    switch (format.encoding()) {
      case PCMU -> {
        out = new byte[pcm.length];
        G711.encodeUlaw(pcm, 0, out, 0, pcm.length);
      }
      case PCMA -> {
        out = new byte[pcm.length];
        G711.encodeAlaw(pcm, 0, out, 0, pcm.length);
      }
      default -> {
        out = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
          out[2 * i] = (byte) pcm[i];
          out[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
      }
    }
    return out;
  }

  static short[] decode(List<EncodedFrame> frames) {
    int total = frames.stream().mapToInt(EncodedFrame::samples).sum();
    short[] out = new short[total];
    int pos = 0;
    for (EncodedFrame f : frames) {
      byte[] p = f.payload();
      if (f.format().encoding() == Encoding.PCMU) {
        G711.decodeUlaw(p, 0, out, pos, p.length);
      } else if (f.format().encoding() == Encoding.PCMA) {
        G711.decodeAlaw(p, 0, out, pos, p.length);
      } else {
        for (int i = 0; i < f.samples(); i++) {
          out[pos + i] = (short) ((p[2 * i] & 0xff) | (p[2 * i + 1] << 8));
        }
      }
      pos += f.samples();
    }
    return out;
  }

  /**
   * Relative power at {@code hz} (Goertzel), normalised by signal energy: 0..~0.5 for a pure tone.
   */
  static double powerRatio(short[] pcm, int rateHz, double hz) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / rateHz);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    for (short x : pcm) {
      double s = x + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
      energy += (double) x * x;
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return energy == 0 ? 0 : power / (energy * pcm.length);
  }
}
