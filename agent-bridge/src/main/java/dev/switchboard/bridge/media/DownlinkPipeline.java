package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import java.util.List;

/**
 * Backend audio to carrier frames: decode → resample → re-chunk to 20 ms at the sink rate. Built by
 * {@link MediaPipelines#downlink}. Confined to the call's control thread.
 */
public final class DownlinkPipeline {

  private final AudioFormat backendFormat;
  private final Resampler resampler;
  private final Rechunker rechunker;
  private final String next;

  DownlinkPipeline(
      AudioFormat backendFormat, Resampler resampler, Rechunker rechunker, String next) {
    this.backendFormat = backendFormat;
    this.resampler = resampler;
    this.rechunker = rechunker;
    this.next = next;
  }

  /** Decodes one backend delta; returns the whole 20 ms frames it completes. */
  public List<PcmFrame> process(EncodedFrame audio) {
    if (!audio.format().equals(backendFormat)) {
      throw new IllegalArgumentException(
          "agent audio in " + audio.format() + ", expected " + backendFormat);
    }
    return rechunker.push(resampler.process(FrameCodec.decode(audio)));
  }

  /** End of a content part: the last partial frame padded with silence, or {@code null}. */
  public PcmFrame flush() {
    return rechunker.flush();
  }

  /** Forgets history (the stream was cut by a barge-in). */
  public void reset() {
    resampler.reset();
    rechunker.reset();
  }

  @Override
  public String toString() {
    return "decode(" + backendFormat + ") -> " + resampler + " -> " + rechunker + " -> " + next;
  }
}
