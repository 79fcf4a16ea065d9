package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;

/**
 * Caller PCM to backend audio: resample → encode in the session's input format. Built by {@link
 * MediaPipelines#uplink}. Confined to the call's control thread.
 */
public final class UplinkPipeline {

  private final Resampler resampler;
  private final AudioFormat backendFormat;
  private final String next;

  UplinkPipeline(Resampler resampler, AudioFormat backendFormat, String next) {
    this.resampler = resampler;
    this.backendFormat = backendFormat;
    this.next = next;
  }

  public EncodedFrame process(PcmFrame callerFrame) {
    return FrameCodec.encode(resampler.process(callerFrame), backendFormat);
  }

  @Override
  public String toString() {
    return resampler + " -> encode(" + backendFormat + ") -> " + next;
  }
}
