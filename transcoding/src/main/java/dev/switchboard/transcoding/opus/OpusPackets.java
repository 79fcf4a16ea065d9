package dev.switchboard.transcoding.opus;

/**
 * Reads what an Opus packet's table-of-contents byte says about it (RFC 6716 §3.1) without decoding
 * it: duration and channel count. Used to stamp {@code EncodedFrame}s and Ogg granule positions.
 */
public final class OpusPackets {

  /** RFC 6716 §3.2.1: a packet never holds more than 120 ms of audio. */
  private static final int MAX_SAMPLES_48K = 5760;

  private OpusPackets() {}

  /**
   * Audio duration of {@code packet} in samples per channel at 48 kHz.
   *
   * @throws IllegalArgumentException if the packet is empty or its TOC is inconsistent
   */
  public static int samples48k(byte[] packet) {
    if (packet.length == 0) {
      throw new IllegalArgumentException("corrupt Opus packet: empty (RFC 6716 §3.4 R1)");
    }
    int toc = packet[0] & 0xFF;
    int frames =
        switch (toc & 0x3) {
          case 0 -> 1;
          case 1, 2 -> 2;
          default -> {
            if (packet.length < 2) {
              throw new IllegalArgumentException(
                  "corrupt Opus packet: code 3 without frame count byte (RFC 6716 §3.2.5)");
            }
            yield packet[1] & 0x3F;
          }
        };
    int total = frames * frameSamples48k(toc >> 3);
    if (frames == 0 || total > MAX_SAMPLES_48K) {
      throw new IllegalArgumentException(
          "corrupt Opus packet: "
              + frames
              + " frames totalling "
              + total / 48
              + " ms (RFC 6716 §3.2.5 allows 1 frame to 120 ms)");
    }
    return total;
  }

  /** Audio duration of {@code packet} in samples per channel at {@code sampleRateHz}. */
  public static int samples(byte[] packet, int sampleRateHz) {
    return (int) ((long) samples48k(packet) * sampleRateHz / 48_000);
  }

  /** Whether the packet was coded in stereo (the TOC's {@code s} bit, RFC 6716 §3.1). */
  public static boolean isStereo(byte[] packet) {
    return packet.length > 0 && (packet[0] & 0x4) != 0;
  }

  /** RFC 6716 §3.1 Table 2: frame size of each TOC configuration, in 48 kHz samples. */
  private static int frameSamples48k(int config) {
    if (config < 12) { // SILK-only: 10, 20, 40, 60 ms
      return new int[] {480, 960, 1920, 2880}[config & 3];
    }
    if (config < 16) { // hybrid: 10, 20 ms
      return (config & 1) == 0 ? 480 : 960;
    }
    return 120 << (config & 3); // CELT-only: 2.5, 5, 10, 20 ms
  }
}
