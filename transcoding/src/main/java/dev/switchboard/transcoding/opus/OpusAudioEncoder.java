package dev.switchboard.transcoding.opus;

import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;

/**
 * Mono Opus encoder (VOIP application) for one stream: each {@link #encode} call takes exactly one
 * frame of {@link OpusConfig#frameSamples()} samples and returns one packet.
 *
 * <p>Not thread-safe: one instance per stream, used by one thread at a time (the encoder carries
 * prediction state from packet to packet).
 */
public final class OpusAudioEncoder implements AudioEncoder {

  /** RFC 6716 §3.2.1: at most 1275 bytes per frame, and a packet holds at most 3 of 20 ms. */
  private static final int MAX_PACKET_BYTES = 4000;

  private final OpusConfig config;
  private final AudioFormat outputFormat;
  private final OpusEncoder encoder;
  private final byte[] packet = new byte[MAX_PACKET_BYTES];

  public OpusAudioEncoder(OpusConfig config) {
    this.config = config;
    this.outputFormat = new AudioFormat(Encoding.OPUS, config.sampleRateHz(), 1);
    try {
      encoder = new OpusEncoder(config.sampleRateHz(), 1, OpusApplication.OPUS_APPLICATION_VOIP);
    } catch (OpusException | RuntimeException e) {
      throw new IllegalStateException("cannot create Opus encoder for " + config, e);
    }
    encoder.setBitrate(config.bitrateBps());
    encoder.setComplexity(config.complexity());
    encoder.setUseInbandFEC(config.inbandFec());
    encoder.setPacketLossPercent(config.expectedPacketLossPercent());
    encoder.setUseDTX(config.dtx());
  }

  /** An encoder with the {@link OpusConfig#voip(int) call defaults}. */
  public static OpusAudioEncoder voip(int sampleRateHz) {
    return new OpusAudioEncoder(OpusConfig.voip(sampleRateHz));
  }

  public OpusConfig config() {
    return config;
  }

  /**
   * Samples (at the input rate) by which decoded audio lags the input: the encoder's look-ahead.
   * Ogg Opus writes it as the pre-skip (RFC 7845 §4.2).
   */
  public int lookaheadSamples() {
    return encoder.getLookahead();
  }

  @Override
  public AudioFormat outputFormat() {
    return outputFormat;
  }

  @Override
  public int inputRateHz() {
    return config.sampleRateHz();
  }

  @Override
  public EncodedFrame encode(PcmFrame frame) {
    if (frame.sampleRateHz() != config.sampleRateHz()) {
      throw new IllegalArgumentException(
          this + " needs " + config.sampleRateHz() + " Hz input, got " + frame.sampleRateHz());
    }
    int samples = config.frameSamples();
    if (frame.sampleCount() != samples) {
      throw new IllegalArgumentException(
          this + " needs frames of " + samples + " samples, got " + frame.sampleCount());
    }
    int bytes;
    try {
      bytes = encoder.encode(frame.samples(), 0, samples, packet, 0, packet.length);
    } catch (OpusException | RuntimeException e) {
      throw new IllegalStateException(this + " failed: " + e.getMessage(), e);
    }
    return new EncodedFrame(outputFormat, Arrays.copyOf(packet, bytes), samples);
  }

  @Override
  public String toString() {
    return "opus-encode "
        + config.sampleRateHz()
        + " Hz "
        + config.frameMillis()
        + " ms "
        + config.bitrateBps() / 1000
        + " kbit/s"
        + (config.inbandFec() ? " fec" : "")
        + (config.dtx() ? " dtx" : "");
  }
}
