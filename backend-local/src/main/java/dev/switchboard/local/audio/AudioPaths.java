package dev.switchboard.local.audio;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.g711.G711Decoder;
import dev.switchboard.transcoding.g711.G711Encoder;
import dev.switchboard.transcoding.resample.Resamplers;
import java.util.Set;
import java.util.function.Function;

/**
 * The offline backend's two media paths, each wired in one factory: caller audio in the session's
 * input format → PCM at the input rate (for the VAD) and 16 kHz PCM (the acoustic model's rate,
 * through the transcoding polyphase resampler); synthesised PCM → the session's output format.
 */
public final class AudioPaths {

  /** Formats the backend accepts from the caller. */
  public static final Set<AudioFormat> INPUT_FORMATS =
      Set.of(
          AudioFormat.PCMU_8K,
          AudioFormat.PCMA_8K,
          AudioFormat.PCM16_8K,
          AudioFormat.PCM16_16K,
          AudioFormat.PCM16_24K);

  /** Formats the backend can produce. */
  public static final Set<AudioFormat> OUTPUT_FORMATS =
      Set.of(
          AudioFormat.PCMU_8K,
          AudioFormat.PCMA_8K,
          AudioFormat.PCM16_8K,
          AudioFormat.PCM16_16K,
          AudioFormat.PCM16_24K);

  private AudioPaths() {}

  /** Decodes caller frames to PCM at the input rate (8, 16 or 24 kHz). */
  public static Function<EncodedFrame, PcmFrame> decoder(AudioFormat input) {
    requireIn(input, INPUT_FORMATS, "input");
    return switch (input.encoding()) {
      case PCMU, PCMA -> new G711Decoder(input.encoding())::decode;
      default -> f -> Pcm16.fromLittleEndian(f.payload(), input.sampleRateHz());
    };
  }

  /** Input rate → 16 kHz for the recogniser; {@code null} when the input is already 16 kHz. */
  public static Resampler toRecognizerRate(AudioFormat input) {
    return input.sampleRateHz() == 16000 ? null : Resamplers.create(input.sampleRateHz(), 16000);
  }

  /**
   * Synthesiser PCM at {@code synthRateHz} → output frames. Stateful (resampler history): one per
   * response stream.
   */
  public static Function<PcmFrame, EncodedFrame> encoder(AudioFormat output, int synthRateHz) {
    requireIn(output, OUTPUT_FORMATS, "output");
    Resampler rs =
        output.sampleRateHz() == synthRateHz
            ? null
            : Resamplers.create(synthRateHz, output.sampleRateHz());
    Function<PcmFrame, PcmFrame> resample = rs == null ? f -> f : rs::process;
    return switch (output.encoding()) {
      case PCMU, PCMA -> {
        G711Encoder enc = new G711Encoder(output.encoding());
        yield f -> enc.encode(resample.apply(f));
      }
      default -> f -> EncodedFrame.of(output, Pcm16.toLittleEndian(resample.apply(f).samples()));
    };
  }

  /** The synthesiser rate to ask for: 8 kHz voice for narrowband outputs, 16 kHz otherwise. */
  public static int synthRateFor(AudioFormat output) {
    return output.sampleRateHz() == 16000 ? 16000 : 8000;
  }

  private static void requireIn(AudioFormat f, Set<AudioFormat> allowed, String what) {
    if (!allowed.contains(f) || f.encoding() == Encoding.OPUS) {
      throw new IllegalArgumentException(
          "the offline backend does not support "
              + what
              + " format "
              + f
              + "; use one of "
              + allowed);
    }
  }
}
