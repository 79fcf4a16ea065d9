package dev.switchboard.transcoding.io;

import static dev.switchboard.transcoding.io.WavTest.readAll;
import static dev.switchboard.transcoding.io.WavTest.stored;
import static dev.switchboard.transcoding.testing.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"pcm16/24000", "f32/16000", "pcmu/8000", "pcma/8000"})
  void roundTripsEveryEncoding(String text) throws IOException {
    AudioFormat format = AudioFormat.parse(text);
    short[] in = tone(700, format.sampleRateHz(), 1234, 0.8);
    Path file = dir.resolve("a." + format.encoding().id());
    try (AudioWriter w = AudioFiles.openWriter(file, format)) {
      w.write(new PcmFrame(in, format.sampleRateHz()));
    }
    assertThat(Files.size(file)).isEqualTo(1234L * format.encoding().bytesPerSample());
    try (AudioReader r = AudioFiles.openReader(file, format)) {
      short[] out = readAll(r, 160);
      assertThat(out).hasSize(in.length);
      for (int i = 0; i < in.length; i++) {
        assertThat(out[i]).isEqualTo(stored(in[i], format));
      }
    }
  }

  @Test
  void encodedFramesPassThroughAndATrailingPartialSampleIsIgnored() throws IOException {
    Path file = dir.resolve("x.raw");
    Files.write(file, new byte[] {1, 0, 2, 0, 3});
    try (RawReader r = RawReader.open(file, AudioFormat.PCM16_8K)) {
      EncodedFrame f = r.readEncoded(10);
      assertThat(f.samples()).isEqualTo(2);
      assertThat(f.payload()).containsExactly(1, 0, 2, 0);
      assertThat(r.readEncoded(10)).isNull();
    }
  }

  @Test
  void rawNeedsAFormatAndRefusesOpus() {
    Path file = dir.resolve("x.ulaw");
    assertThatThrownBy(() -> AudioFiles.openReader(file, null))
        .isInstanceOf(AudioFileException.class)
        .hasMessageContaining("state its format");
    assertThatThrownBy(() -> AudioFiles.openWriter(file, AudioFormat.parse("opus/48000")))
        .isInstanceOf(AudioFileException.class)
        .hasMessageContaining("opus/48000");
  }
}
