package dev.switchboard.testkit.realtime;

import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base64 {@code delta} payloads of a scripted response, encoded once per (audio, wire format,
 * chunk size) and shared by every connection: at hundreds of simulated calls all answering with the
 * same tone, encoding each chunk per call would cost the generator more than the server under test.
 * Thread-safe.
 */
final class DeltaPayloads {

  /** Keyed by audio identity: scripts hold their arrays for the fake's lifetime. */
  private record Key(short[] pcm24k, FakeAudio format, int chunkSamples) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.pcm24k == pcm24k
          && k.format == format
          && k.chunkSamples == chunkSamples;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(pcm24k) * 31 + format.hashCode() * 7 + chunkSamples;
    }
  }

  private final ConcurrentHashMap<Key, byte[][]> cache = new ConcurrentHashMap<>();

  /**
   * The base64 (ASCII bytes; do not modify) of chunk {@code i} ({@code chunkSamples} at 24 kHz
   * each, the last one shorter).
   */
  byte[] chunk(short[] pcm24k, FakeAudio format, int chunkSamples, int i) {
    return cache.computeIfAbsent(new Key(pcm24k, format, chunkSamples), DeltaPayloads::encode)[i];
  }

  private static byte[][] encode(Key k) {
    int n = (k.pcm24k.length + k.chunkSamples - 1) / k.chunkSamples;
    byte[][] out = new byte[n][];
    for (int i = 0; i < n; i++) {
      int from = i * k.chunkSamples;
      int len = Math.min(k.chunkSamples, k.pcm24k.length - from);
      short[] chunk = new short[len];
      System.arraycopy(k.pcm24k, from, chunk, 0, len);
      out[i] = Base64.getEncoder().encode(k.format.encode24k(chunk));
    }
    return out;
  }
}
