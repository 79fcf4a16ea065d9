package dev.switchboard.transcoding;

import static dev.switchboard.transcoding.testing.Signals.tone;
import static dev.switchboard.transcoding.testing.Signals.toneSnrDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.g711.G711;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecsTest {

  @ParameterizedTest
  @ValueSource(strings = {"pcm16/8000", "pcm16/24000", "f32/16000", "f32/48000"})
  void linearFormatsRoundTripSampleExactly(String text) {
    AudioFormat format = AudioFormat.parse(text);
    short[] samples = {0, 1, -1, 12345, -12345, Short.MAX_VALUE, Short.MIN_VALUE};
    EncodedFrame encoded =
        Codecs.encoder(format).encode(new PcmFrame(samples, format.sampleRateHz()));
    assertThat(encoded.payload()).hasSize(samples.length * format.encoding().bytesPerSample());
    assertThat(encoded.samples()).isEqualTo(samples.length);
    PcmFrame decoded = Codecs.decoder(format).decode(encoded);
    assertThat(decoded.samples()).containsExactly(samples);
    assertThat(decoded.sampleRateHz()).isEqualTo(format.sampleRateHz());
  }

  @Test
  void pcm16IsLittleEndian() {
    EncodedFrame frame = EncodedFrame.of(AudioFormat.PCM16_8K, new byte[] {0x34, 0x12});
    assertThat(Codecs.decoder(AudioFormat.PCM16_8K).decode(frame).samples())
        .containsExactly((short) 0x1234);
  }

  @Test
  void g711FormatsUseTheBitExactTables() {
    short[] samples = {0, 1000, -1000, 32000};
    PcmFrame frame = new PcmFrame(samples, 8000);
    byte[] ulaw = Codecs.encoder(AudioFormat.PCMU_8K).encode(frame).payload();
    byte[] alaw = Codecs.encoder(AudioFormat.PCMA_8K).encode(frame).payload();
    for (int i = 0; i < samples.length; i++) {
      assertThat(ulaw[i]).isEqualTo(G711.linearToUlaw(samples[i]));
      assertThat(alaw[i]).isEqualTo(G711.linearToAlaw(samples[i]));
    }
    assertThat(
            Codecs.decoder(AudioFormat.PCMU_8K)
                .decode(EncodedFrame.of(AudioFormat.PCMU_8K, ulaw))
                .samples()[1])
        .isEqualTo(G711.ulawToLinear(ulaw[1]));
  }

  @Test
  void opusFormatsCarryATone() {
    AudioFormat opus = AudioFormat.parse("opus/24000");
    AudioEncoder encoder = Codecs.encoder(opus);
    AudioDecoder decoder = Codecs.decoder(AudioFormat.parse("opus/24000/2"));
    assertThat(decoder.toString()).isEqualTo("opus-decode 24000 Hz");
    short[] in = tone(1000, 24000, 24000, 0.5);
    short[] out = new short[in.length];
    for (int off = 0; off < in.length; off += 480) {
      short[] f = Arrays.copyOfRange(in, off, off + 480);
      PcmFrame decoded = decoder.decode(encoder.encode(new PcmFrame(f, 24000)));
      System.arraycopy(decoded.samples(), 0, out, off, 480);
    }
    assertThat(toneSnrDb(out, 2400, out.length, 1000, 24000)).isGreaterThan(20);
  }

  @Test
  void unsupportedFormatsAreNamedWithTheSupportedList() {
    assertThatThrownBy(() -> Codecs.decoder(AudioFormat.parse("opus/44100")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opus/44100")
        .hasMessageContaining("supported: pcmu/8000");
    assertThatThrownBy(() -> Codecs.encoder(AudioFormat.parse("opus/48000/2")))
        .hasMessageContaining("opus/48000/2");
    assertThatThrownBy(() -> Codecs.decoder(AudioFormat.parse("pcm16/8000/2")))
        .hasMessageContaining("pcm16/8000/2");
  }
}
