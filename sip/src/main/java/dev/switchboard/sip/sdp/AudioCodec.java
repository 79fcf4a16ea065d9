package dev.switchboard.sip.sdp;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.Encoding;

/**
 * The audio codecs the SIP edge can carry, with the payload type we use when we write the offer and
 * the PCM rate the call core sees on each side.
 */
public enum AudioCodec {
  /** G.711 μ-law, RFC 3551 §4.5.14, static type 0. */
  PCMU(0, "pcmu", 8000, 1, AudioFormat.PCMU_8K, 8000),
  /** G.711 A-law, RFC 3551 §4.5.14, static type 8. */
  PCMA(8, "pcma", 8000, 1, AudioFormat.PCMA_8K, 8000),
  /**
   * Opus: always {@code opus/48000/2} in SDP whatever is really coded (RFC 7587 §7); decoded and
   * encoded at 24 kHz, the realtime models' rate, so no resampling is needed.
   */
  OPUS(111, "opus", 48000, 2, new AudioFormat(Encoding.OPUS, 24000, 1), 24000);

  private final int defaultPayloadType;
  private final String encodingName;
  private final int clockRateHz;
  private final int channels;
  private final AudioFormat pcmSideFormat;
  private final int pcmRateHz;

  AudioCodec(
      int defaultPayloadType,
      String encodingName,
      int clockRateHz,
      int channels,
      AudioFormat pcmSideFormat,
      int pcmRateHz) {
    this.defaultPayloadType = defaultPayloadType;
    this.encodingName = encodingName;
    this.clockRateHz = clockRateHz;
    this.channels = channels;
    this.pcmSideFormat = pcmSideFormat;
    this.pcmRateHz = pcmRateHz;
  }

  public int defaultPayloadType() {
    return defaultPayloadType;
  }

  public String encodingName() {
    return encodingName;
  }

  /** RTP clock rate (timestamp units per second). */
  public int clockRateHz() {
    return clockRateHz;
  }

  /** The format given to {@code Codecs.encoder/decoder}. */
  public AudioFormat codecFormat() {
    return pcmSideFormat;
  }

  /** PCM rate of decoded uplink frames and of the playback sink. */
  public int pcmRateHz() {
    return pcmRateHz;
  }

  /** RTP timestamp units per PCM sample. */
  public int timestampUnitsPerSample() {
    return clockRateHz / pcmRateHz;
  }

  public RtpMap rtpMap(int payloadType) {
    return new RtpMap(payloadType, encodingName, clockRateHz, channels);
  }

  /** Whether {@code map} names this codec (name and clock rate must match; RFC 3264 §6.1). */
  public boolean matches(RtpMap map) {
    return map.encodingName().equals(encodingName)
        && map.clockRateHz() == clockRateHz
        && (this != OPUS || map.channels() == 2 || map.channels() == 1);
  }

  /** The wire format string for logs and {@code CallTransport.wireFormat()}. */
  public AudioFormat wireFormat() {
    return switch (this) {
      case PCMU -> AudioFormat.PCMU_8K;
      case PCMA -> AudioFormat.PCMA_8K;
      case OPUS -> new AudioFormat(Encoding.OPUS, 48000, 2);
    };
  }
}
