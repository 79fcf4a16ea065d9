package dev.switchboard.transcoding.opus;

import static dev.switchboard.transcoding.testing.Signals.bestLag;
import static dev.switchboard.transcoding.testing.Signals.concat;
import static dev.switchboard.transcoding.testing.Signals.correlation;
import static dev.switchboard.transcoding.testing.Signals.frames;
import static dev.switchboard.transcoding.testing.Signals.peakFrequencyHz;
import static dev.switchboard.transcoding.testing.Signals.speechLike;
import static dev.switchboard.transcoding.testing.Signals.tone;
import static dev.switchboard.transcoding.testing.Signals.toneSnrDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opus round trips judged by content: tone purity, correlation after delay compensation. */
class OpusCodecTest {

  static short[] roundTrip(OpusConfig config, short[] signal) {
    OpusAudioEncoder encoder = new OpusAudioEncoder(config);
    OpusAudioDecoder decoder = new OpusAudioDecoder(config.sampleRateHz());
    List<PcmFrame> out = new ArrayList<>();
    for (PcmFrame frame : frames(signal, config.frameSamples(), config.sampleRateHz())) {
      EncodedFrame packet = encoder.encode(frame);
      assertThat(packet.samples()).isEqualTo(config.frameSamples());
      PcmFrame decoded = decoder.decode(packet);
      assertThat(decoded.sampleCount()).isEqualTo(config.frameSamples());
      out.add(decoded);
    }
    return concat(out);
  }

  /**
   * A 1 kHz tone at −6 dBFS through 32 kbit/s Opus. Measured with Concentus 1.0.2: tone-to-residual
   * ratio 26 dB at 48 and 24 kHz, 31 dB at 16 kHz. The threshold of 20 dB sits well under that yet
   * far above what a wrong pitch, a dropout or a click every frame would give (a frame-rate click
   * alone brings it near 10 dB).
   */
  @ParameterizedTest
  @ValueSource(ints = {48000, 24000, 16000})
  void toneSurvivesAtEveryRate(int rateHz) {
    short[] in = tone(1000, rateHz, rateHz, 0.5);
    short[] out = roundTrip(OpusConfig.voip(rateHz), in);
    int from = rateHz / 10; // skip the encoder's start-up
    double snr = toneSnrDb(out, from, out.length, 1000, rateHz);
    assertThat(peakFrequencyHz(out, from, out.length, rateHz, 200, 3000))
        .isCloseTo(1000, within(10.0));
    assertThat(snr).isGreaterThan(20);
  }

  /**
   * Regression for Concentus 1.0.2 decoding fullband hybrid packets (what browsers send) to silence
   * below 48 kHz: a 48 kHz sender must be heard by a 24, 16 or 8 kHz receiver.
   */
  @ParameterizedTest
  @ValueSource(ints = {24000, 16000, 12000, 8000})
  void fullbandSenderIsHeardAtLowerDecodeRates(int decodeRateHz) {
    OpusAudioEncoder encoder = OpusAudioEncoder.voip(48000);
    OpusAudioDecoder decoder = new OpusAudioDecoder(decodeRateHz);
    List<PcmFrame> out = new ArrayList<>();
    for (PcmFrame frame : frames(tone(1000, 48000, 48000, 0.5), 960, 48000)) {
      PcmFrame decoded = decoder.decode(encoder.encode(frame));
      assertThat(decoded.sampleRateHz()).isEqualTo(decodeRateHz);
      assertThat(decoded.sampleCount()).isEqualTo(decodeRateHz / 50);
      out.add(decoded);
    }
    short[] pcm = concat(out);
    assertThat(toneSnrDb(pcm, decodeRateHz / 10, pcm.length, 1000, decodeRateHz)).isGreaterThan(20);
  }

  @ParameterizedTest
  @ValueSource(ints = {48000, 24000, 16000})
  void speechLikeSignalSurvivesAtEveryRate(int rateHz) {
    short[] in = speechLike(rateHz, rateHz);
    short[] out = roundTrip(OpusConfig.voip(rateHz), in);
    int from = rateHz / 10;
    int to = in.length - rateHz / 20;
    int lag = bestLag(in, out, from, to, rateHz / 50);
    double corr = correlation(in, out, lag, from, to);
    // Measured 0.94 at every rate; 0.85 still rejects a misaligned or band-limited-to-mush result.
    assertThat(corr).isGreaterThan(0.85);
  }
}
