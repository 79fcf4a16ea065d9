package dev.switchboard.transcoding;

/**
 * Turns encoded frames of one stream into linear PCM. Stateful codecs (Opus) keep their state
 * between calls, so use one decoder per stream and one thread at a time.
 */
public interface AudioDecoder {

  /** The encoded format this decoder accepts. */
  AudioFormat inputFormat();

  /** The rate of the PCM frames it produces. */
  int outputRateHz();

  PcmFrame decode(EncodedFrame frame);

  /**
   * A frame to play in place of a lost packet of {@code samples} samples at the output rate:
   * packet-loss concealment where the codec has it, silence otherwise.
   */
  default PcmFrame conceal(int samples) {
    return new PcmFrame(new short[samples], outputRateHz());
  }
}
