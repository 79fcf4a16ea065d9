package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.AudioFormat;

/** Wires each media direction of a call, top to bottom, in one short method. Stateless. */
public final class MediaPipelines {

  /** Carrier frames are 20 ms (Twilio Media Streams, RTP ptime 20). */
  public static final int FRAME_MILLIS = 20;

  private MediaPipelines() {}

  /** Backend output format → 20 ms PCM frames at {@code sinkRateHz}, handed to {@code next}. */
  public static DownlinkPipeline downlink(
      AudioFormat backendOutput, int sinkRateHz, ResamplerFactory resamplers, String next) {
    requireSupported(backendOutput);
    return new DownlinkPipeline(
        backendOutput,
        resamplers.create(backendOutput.sampleRateHz(), sinkRateHz),
        new Rechunker(sinkRateHz, FRAME_MILLIS),
        next);
  }

  /** Caller PCM at {@code uplinkRateHz} → backend input format, handed to {@code next}. */
  public static UplinkPipeline uplink(
      int uplinkRateHz, AudioFormat backendInput, ResamplerFactory resamplers, String next) {
    requireSupported(backendInput);
    return new UplinkPipeline(
        resamplers.create(uplinkRateHz, backendInput.sampleRateHz()), backendInput, next);
  }

  private static void requireSupported(AudioFormat f) {
    if (!FrameCodec.supports(f)) {
      throw new IllegalArgumentException(
          "backend audio format " + f + " is not supported: use pcm16, pcmu or pcma (mono)");
    }
  }
}
