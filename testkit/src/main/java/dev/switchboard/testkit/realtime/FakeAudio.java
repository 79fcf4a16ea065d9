package dev.switchboard.testkit.realtime;

import dev.switchboard.transcoding.g711.G711;

/**
 * Wire audio of the fake: the three OpenAI Realtime formats ({@code audio/pcm} 24 kHz PCM16
 * little-endian, {@code audio/pcmu}, {@code audio/pcma} at 8 kHz) to and from 24 kHz samples.
 */
enum FakeAudio {
  PCM16_24K(24000),
  PCMU_8K(8000),
  PCMA_8K(8000);

  final int sampleRateHz;

  FakeAudio(int sampleRateHz) {
    this.sampleRateHz = sampleRateHz;
  }

  /**
   * From either dialect's spelling (GA {@code {type:"audio/pcmu"}} or preview {@code g711_ulaw}).
   */
  static FakeAudio fromWire(String type) {
    return switch (type) {
      case "audio/pcmu", "g711_ulaw" -> PCMU_8K;
      case "audio/pcma", "g711_alaw" -> PCMA_8K;
      default -> PCM16_24K;
    };
  }

  /** Decodes wire bytes to samples at {@link #sampleRateHz}. */
  short[] decode(byte[] wire) {
    switch (this) {
      case PCM16_24K -> {
        short[] out = new short[wire.length / 2];
        for (int i = 0; i < out.length; i++) {
          out[i] = (short) ((wire[2 * i] & 0xff) | (wire[2 * i + 1] << 8));
        }
        return out;
      }
      case PCMU_8K -> {
        short[] out = new short[wire.length];
        G711.decodeUlaw(wire, 0, out, 0, wire.length);
        return out;
      }
      default -> {
        short[] out = new short[wire.length];
        G711.decodeAlaw(wire, 0, out, 0, wire.length);
        return out;
      }
    }
  }

  /**
   * Encodes 24 kHz samples; for 8 kHz formats it averages each group of three samples (a crude
   * low-pass, adequate for the test tones the fake plays).
   */
  byte[] encode24k(short[] pcm24k) {
    if (this == PCM16_24K) {
      byte[] out = new byte[pcm24k.length * 2];
      for (int i = 0; i < pcm24k.length; i++) {
        out[2 * i] = (byte) pcm24k[i];
        out[2 * i + 1] = (byte) (pcm24k[i] >> 8);
      }
      return out;
    }
    short[] pcm8k = new short[pcm24k.length / 3];
    for (int i = 0; i < pcm8k.length; i++) {
      pcm8k[i] = (short) ((pcm24k[3 * i] + pcm24k[3 * i + 1] + pcm24k[3 * i + 2]) / 3);
    }
    byte[] out = new byte[pcm8k.length];
    if (this == PCMU_8K) {
      G711.encodeUlaw(pcm8k, 0, out, 0, pcm8k.length);
    } else {
      G711.encodeAlaw(pcm8k, 0, out, 0, pcm8k.length);
    }
    return out;
  }

  /** A sine tone at 24 kHz. */
  static short[] tone24k(double frequencyHz, int millis, double amplitude) {
    short[] out = new short[24 * millis];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * frequencyHz * i / 24000));
    }
    return out;
  }
}
