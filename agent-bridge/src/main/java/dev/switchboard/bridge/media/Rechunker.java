package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-cuts a PCM stream into exact frames of {@code frameMillis} (backends send deltas of any size;
 * carriers want 20 ms: Twilio 160-byte μ-law frames, RTP ptime 20). Confined to one thread.
 */
public final class Rechunker {

  private final int sampleRateHz;
  private final int frameSamples;
  private short[] partial;
  private int partialLength;

  public Rechunker(int sampleRateHz, int frameMillis) {
    this.sampleRateHz = sampleRateHz;
    this.frameSamples = sampleRateHz * frameMillis / 1000;
    this.partial = new short[frameSamples];
  }

  /** Appends {@code in} and returns the whole frames now complete. */
  public List<PcmFrame> push(PcmFrame in) {
    if (in.sampleRateHz() != sampleRateHz) {
      throw new IllegalArgumentException(
          "expected " + sampleRateHz + " Hz, got " + in.sampleRateHz() + " Hz");
    }
    List<PcmFrame> out = new ArrayList<>(in.sampleCount() / frameSamples + 1);
    short[] s = in.samples();
    int pos = 0;
    while (pos < s.length) {
      int n = Math.min(frameSamples - partialLength, s.length - pos);
      System.arraycopy(s, pos, partial, partialLength, n);
      partialLength += n;
      pos += n;
      if (partialLength == frameSamples) {
        out.add(new PcmFrame(partial, sampleRateHz));
        partial = new short[frameSamples];
        partialLength = 0;
      }
    }
    return out;
  }

  /** Pads the partial frame with silence and returns it, or {@code null} if none. */
  public PcmFrame flush() {
    if (partialLength == 0) {
      return null;
    }
    PcmFrame f = new PcmFrame(partial, sampleRateHz);
    partial = new short[frameSamples];
    partialLength = 0;
    return f;
  }

  /** Drops the partial frame. */
  public void reset() {
    partialLength = 0;
  }

  @Override
  public String toString() {
    return "rechunk(" + frameSamples + " samples @ " + sampleRateHz + " Hz)";
  }
}
