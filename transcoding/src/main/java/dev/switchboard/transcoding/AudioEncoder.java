package dev.switchboard.transcoding;

/**
 * Turns linear PCM into encoded frames of one stream. Stateful codecs keep state between calls: one
 * encoder per stream, one thread at a time.
 */
public interface AudioEncoder {

  /** The encoded format it produces. */
  AudioFormat outputFormat();

  /** The PCM rate it expects. */
  int inputRateHz();

  EncodedFrame encode(PcmFrame frame);
}
