package dev.switchboard.transcoding;

import dev.switchboard.transcoding.g711.G711Decoder;
import dev.switchboard.transcoding.g711.G711Encoder;
import dev.switchboard.transcoding.opus.OpusAudioDecoder;
import dev.switchboard.transcoding.opus.OpusAudioEncoder;
import dev.switchboard.transcoding.opus.OpusConfig;
import dev.switchboard.transcoding.pcm.LinearPcmDecoder;
import dev.switchboard.transcoding.pcm.LinearPcmEncoder;

/**
 * The one place that maps an {@link AudioFormat} to its codec. Every call returns a new instance
 * (codecs may be stateful: one per stream).
 *
 * <p>For Opus the format's rate is the PCM rate on the linear side (the bitstream itself is
 * rate-independent, RFC 6716 §2); a decoder accepts mono or stereo packets and outputs mono, an
 * encoder uses the {@link OpusConfig#voip(int) call defaults}.
 */
public final class Codecs {

  static final String SUPPORTED =
      "supported: pcmu/8000, pcma/8000, pcm16/RATE, f32/RATE (mono),"
          + " opus/{8000,12000,16000,24000,48000} (decoder also opus/RATE/2)";

  private Codecs() {}

  /**
   * @throws IllegalArgumentException naming the format and listing the supported ones
   */
  public static AudioDecoder decoder(AudioFormat format) {
    return switch (format.encoding()) {
      case PCMU, PCMA -> new G711Decoder(mono(format, "decoder").encoding());
      case PCM16, F32 -> new LinearPcmDecoder(mono(format, "decoder"));
      case OPUS -> new OpusAudioDecoder(opusRate(format, "decoder"));
    };
  }

  /**
   * @throws IllegalArgumentException naming the format and listing the supported ones
   */
  public static AudioEncoder encoder(AudioFormat format) {
    return switch (format.encoding()) {
      case PCMU, PCMA -> new G711Encoder(mono(format, "encoder").encoding());
      case PCM16, F32 -> new LinearPcmEncoder(mono(format, "encoder"));
      case OPUS ->
          new OpusAudioEncoder(OpusConfig.voip(opusRate(mono(format, "encoder"), "encoder")));
    };
  }

  private static AudioFormat mono(AudioFormat format, String role) {
    if (format.channels() != 1) {
      throw new IllegalArgumentException("no " + role + " for " + format + "; " + SUPPORTED);
    }
    return format;
  }

  private static int opusRate(AudioFormat format, String role) {
    if (!OpusConfig.isOpusRate(format.sampleRateHz())) {
      throw new IllegalArgumentException("no " + role + " for " + format + "; " + SUPPORTED);
    }
    return format.sampleRateHz();
  }
}
