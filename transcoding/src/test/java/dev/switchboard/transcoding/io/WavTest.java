package dev.switchboard.transcoding.io;

import static dev.switchboard.transcoding.testing.Signals.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WavTest {

  @TempDir Path dir;

  /** Reads the whole file in frames of {@code frame} samples and checks every frame's length. */
  static short[] readAll(AudioReader reader, int frame) throws IOException {
    short[] all = new short[0];
    for (PcmFrame f; (f = reader.read(frame)) != null; ) {
      assertThat(f.sampleRateHz()).isEqualTo(reader.sampleRateHz());
      short[] grown = Arrays.copyOf(all, all.length + f.sampleCount());
      System.arraycopy(f.samples(), 0, grown, all.length, f.sampleCount());
      all = grown;
      if (f.sampleCount() < frame) {
        assertThat(reader.read(frame)).as("nothing after a short frame").isNull();
      }
    }
    return all;
  }

  /** What a sample becomes after storage in the format (G.711 quantises, the others are exact). */
  static short stored(short s, AudioFormat format) {
    return switch (format.encoding()) {
      case PCMU -> G711.ulawToLinear(G711.linearToUlaw(s));
      case PCMA -> G711.alawToLinear(G711.linearToAlaw(s));
      default -> s;
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"pcm16/16000", "f32/24000", "pcmu/8000", "pcma/8000"})
  void roundTripsEveryEncodingWithFramesOfAnySize(String text) throws IOException {
    AudioFormat format = AudioFormat.parse(text);
    int rate = format.sampleRateHz();
    short[] in = tone(440, rate, rate / 2 + 7, 0.7); // not a whole number of frames
    Path file = dir.resolve("a.wav");
    try (AudioWriter w = AudioFiles.openWriter(file, format)) {
      for (int off = 0; off < in.length; off += 160) {
        short[] f = Arrays.copyOfRange(in, off, Math.min(in.length, off + 160));
        w.write(new PcmFrame(f, rate));
      }
    }
    try (AudioReader r = AudioFiles.openReader(file, format)) {
      assertThat(r.format()).isEqualTo(format);
      short[] out = readAll(r, rate / 50);
      assertThat(out).hasSize(in.length);
      for (int i = 0; i < in.length; i++) {
        assertThat(out[i]).as("sample %d", i).isEqualTo(stored(in[i], format));
      }
    }
  }

  @Test
  void headerFollowsTheRiffLayout() throws IOException {
    Path file = dir.resolve("h.wav");
    try (WavWriter w = WavWriter.create(file, AudioFormat.parse("pcm16/8000/2"))) {
      w.writeStereo(PcmFrame.silence(8000, 10), PcmFrame.silence(8000, 10));
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.capacity()).isEqualTo(44 + 320);
    assertThat(ascii(b, 0)).isEqualTo("RIFF");
    assertThat(b.getInt(4)).isEqualTo(36 + 320);
    assertThat(ascii(b, 8) + ascii(b, 12)).isEqualTo("WAVEfmt ");
    assertThat(b.getShort(20)).isEqualTo((short) 1); // PCM
    assertThat(b.getShort(22)).isEqualTo((short) 2);
    assertThat(b.getInt(24)).isEqualTo(8000);
    assertThat(b.getInt(28)).isEqualTo(32000); // byte rate
    assertThat(b.getShort(32)).isEqualTo((short) 4); // block align
    assertThat(ascii(b, 36)).isEqualTo("data");
    assertThat(b.getInt(40)).isEqualTo(320);
  }

  @Test
  void oddSizedDataIsPaddedAndCountedInFact() throws IOException {
    Path file = dir.resolve("odd.wav");
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.PCMU_8K)) {
      w.write(new PcmFrame(new short[161], 8000));
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.capacity()).isEqualTo(58 + 162);
    assertThat(b.getInt(4)).isEqualTo(b.capacity() - 8);
    assertThat(ascii(b, 38)).isEqualTo("fact");
    assertThat(b.getInt(46)).isEqualTo(161);
    assertThat(b.getInt(54)).isEqualTo(161);
    try (AudioReader r = AudioFiles.openReader(file, null)) {
      assertThat(readAll(r, 1000)).hasSize(161);
    }
  }

  @Test
  void flushMakesAPartialFilePlayable() throws IOException {
    Path file = dir.resolve("live.wav");
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.PCM16_8K)) {
      w.write(new PcmFrame(tone(1000, 8000, 800, 0.5), 8000));
      w.flush();
      try (AudioReader r = AudioFiles.openReader(file, AudioFormat.PCM16_8K)) {
        assertThat(readAll(r, 160)).hasSize(800);
      }
      w.write(new PcmFrame(tone(1000, 8000, 400, 0.5), 8000));
    }
    try (AudioReader r = AudioFiles.openReader(file, AudioFormat.PCM16_8K)) {
      assertThat(readAll(r, 160)).hasSize(1200);
    }
  }

  @Test
  void stereoIsMixedDownToMono() throws IOException {
    Path file = dir.resolve("st.wav");
    short[] left = tone(1000, 8000, 320, 0.6);
    try (WavWriter w = WavWriter.create(file, AudioFormat.parse("pcm16/8000/2"))) {
      w.writeStereo(new PcmFrame(left, 8000), PcmFrame.silence(8000, 40));
    }
    try (AudioReader r = AudioFiles.openReader(file, null)) {
      short[] mono = readAll(r, 160);
      for (int i = 0; i < mono.length; i++) {
        assertThat(mono[i]).isEqualTo((short) (left[i] >> 1));
      }
    }
  }

  @Test
  void readsExtensibleFormatAndSkipsUnknownChunks() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
    b.put(bytes("RIFF")).putInt(0).put(bytes("WAVE"));
    b.put(bytes("LIST")).putInt(3).put(new byte[] {1, 2, 3, 0}); // odd size + pad
    b.put(bytes("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(16000);
    b.putInt(32000).putShort((short) 2).putShort((short) 16);
    b.putShort((short) 22).putShort((short) 16).putInt(4); // cbSize, valid bits, mask
    b.put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38});
    b.put(new byte[] {(byte) 0x9B, 0x71});
    b.put(bytes("data")).putInt(4).putShort((short) 1000).putShort((short) -1000);
    Path file = write("ext.wav", b);
    try (AudioReader r = AudioFiles.openReader(file, AudioFormat.PCM16_16K)) {
      assertThat(readAll(r, 10)).containsExactly(1000, -1000);
    }
  }

  @Test
  void streamingPlaceholderSizeMeansToEndOfFile() throws IOException {
    ByteBuffer b = header(1, 1, 8000, 16, 0xFFFF_FFFF, 6);
    b.putShort((short) 1).putShort((short) 2).putShort((short) 3);
    try (AudioReader r = AudioFiles.openReader(write("s.wav", b), null)) {
      assertThat(readAll(r, 160)).containsExactly(1, 2, 3);
    }
  }

  @Test
  void badFilesGiveErrorsNamingTheProblem() throws IOException {
    ByteBuffer ogg = ByteBuffer.allocate(12).put(bytes("OggS"));
    assertError(write("x.wav", ogg), "not a RIFF file: starts with 'OggS'");
    assertError(write("mp3.wav", header(0x55, 1, 8000, 0, 0, 0)), "format tag 0x0055");
    assertError(write("24.wav", header(1, 1, 8000, 24, 0, 0)), "24-bit");
    assertError(write("6ch.wav", header(1, 6, 8000, 16, 0, 0)), "channel count 6");
    assertError(write("ulaw16k.wav", header(7, 1, 16000, 8, 0, 0)), "8000 Hz only");
    ByteBuffer truncated = header(1, 1, 8000, 16, 1000, 10);
    assertError(write("t.wav", truncated), "truncated WAV data: header declares 1000 bytes");
    ByteBuffer cut = ByteBuffer.allocate(18).put(bytes("RIFF")).putInt(0).put(bytes("WAVEfmt "));
    assertError(write("cut.wav", cut), "truncated WAV header");
    ByteBuffer dataFirst = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    dataFirst.put(bytes("RIFF")).putInt(0).put(bytes("WAVEdata")).putInt(0);
    assertError(write("df.wav", dataFirst), "data chunk before fmt chunk");
  }

  @Test
  void declaredFormatMustMatchTheHeader() throws IOException {
    Path file = dir.resolve("m.wav");
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.PCM16_16K)) {
      w.write(PcmFrame.silence(16000, 20));
    }
    assertThatThrownBy(() -> AudioFiles.openReader(file, AudioFormat.PCMU_8K))
        .isInstanceOf(AudioFileException.class)
        .hasMessageContaining("holds pcm16/16000 but pcmu/8000 was expected");
  }

  private void assertError(Path file, String message) {
    assertThatThrownBy(() -> AudioFiles.openReader(file, null).close())
        .isInstanceOf(AudioFileException.class)
        .hasMessageContaining(file.getFileName().toString())
        .hasMessageContaining(message);
  }

  /** A canonical 44-byte header followed by room for {@code extra} bytes. */
  private static ByteBuffer header(
      int tag, int channels, int rate, int bits, int dataSize, int extra) {
    ByteBuffer b = ByteBuffer.allocate(44 + extra).order(ByteOrder.LITTLE_ENDIAN);
    int align = channels * bits / 8;
    b.put(bytes("RIFF")).putInt(36 + extra).put(bytes("WAVEfmt ")).putInt(16);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align);
    b.putShort((short) align).putShort((short) bits);
    b.put(bytes("data")).putInt(dataSize);
    return b;
  }

  private Path write(String name, ByteBuffer b) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String ascii(ByteBuffer b, int at) {
    return new String(b.array(), at, 4, StandardCharsets.US_ASCII);
  }
}
