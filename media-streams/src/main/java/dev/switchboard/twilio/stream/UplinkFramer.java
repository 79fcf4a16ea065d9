package dev.switchboard.twilio.stream;

import dev.switchboard.bridge.media.Rechunker;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import java.util.ArrayList;
import java.util.List;

/**
 * Caller audio from Twilio {@code media} messages to 20 ms PCM frames at 8 kHz: fills timestamp
 * gaps with μ-law silence (capped), decodes μ-law (ITU-T G.711) and re-cuts to exact 160-sample
 * frames.
 *
 * <p>Twilio stamps each chunk with its presentation time since the stream started; a jump ahead of
 * the audio received means chunks were lost or suppressed upstream, and the backend's clock (server
 * VAD, {@code audio_start_ms}) only stays aligned with ours if the gap is filled. Gaps longer than
 * {@link #MAX_FILL_MILLIS} are filled only up to the cap: a long stall is not worth seconds of
 * silence queued towards the model. Chunks stamped earlier than expected (overlap, clock jitter)
 * are passed through unchanged.
 *
 * <p>Confined to the socket's IO thread.
 */
final class UplinkFramer {

  /** Longest silence inserted for one gap. */
  static final int MAX_FILL_MILLIS = 500;

  /** Jitter tolerated before a gap is filled (Twilio timestamps have 1 ms resolution). */
  static final int GAP_TOLERANCE_MILLIS = 5;

  private static final int RATE_HZ = 8000;

  private final Rechunker rechunker = new Rechunker(RATE_HZ, 20);
  private long expectedTimestampMillis = -1;
  private long filledMillis;
  private long gaps;

  /** Returns the whole 20 ms frames this chunk completes (possibly none). */
  List<PcmFrame> accept(EncodedFrame mulaw, long timestampMillis) {
    if (!AudioFormat.PCMU_8K.equals(mulaw.format())) {
      throw new IllegalArgumentException("Twilio audio must be pcmu/8000, got " + mulaw.format());
    }
    List<PcmFrame> out = new ArrayList<>(2);
    if (expectedTimestampMillis >= 0 && timestampMillis >= 0) {
      long gap = timestampMillis - expectedTimestampMillis;
      if (gap > GAP_TOLERANCE_MILLIS) {
        int fill = (int) Math.min(gap, MAX_FILL_MILLIS);
        gaps++;
        filledMillis += fill;
        out.addAll(rechunker.push(silence(fill)));
      }
    }
    byte[] p = mulaw.payload();
    short[] pcm = new short[p.length];
    G711.decodeUlaw(p, 0, pcm, 0, p.length);
    out.addAll(rechunker.push(new PcmFrame(pcm, RATE_HZ)));
    long durationMillis = p.length / 8L;
    expectedTimestampMillis =
        timestampMillis >= 0
            ? Math.max(expectedTimestampMillis, timestampMillis + durationMillis)
            : expectedTimestampMillis + durationMillis;
    return out;
  }

  /** Decoded μ-law silence (code 0xFF decodes to 0: G.711 Table 2a). */
  private static PcmFrame silence(int millis) {
    byte[] codes = new byte[millis * 8];
    java.util.Arrays.fill(codes, G711.ULAW_SILENCE);
    short[] pcm = new short[codes.length];
    G711.decodeUlaw(codes, 0, pcm, 0, codes.length);
    return new PcmFrame(pcm, RATE_HZ);
  }

  long gaps() {
    return gaps;
  }

  long filledMillis() {
    return filledMillis;
  }

  @Override
  public String toString() {
    return "gap-fill(max " + MAX_FILL_MILLIS + " ms) -> decode(pcmu/8000) -> " + rechunker;
  }
}
