package dev.switchboard.transcoding.io;

import static dev.switchboard.transcoding.io.WavTest.readAll;
import static dev.switchboard.transcoding.testing.Signals.bestLag;
import static dev.switchboard.transcoding.testing.Signals.correlation;
import static dev.switchboard.transcoding.testing.Signals.speechLike;
import static dev.switchboard.transcoding.testing.Signals.tone;
import static dev.switchboard.transcoding.testing.Signals.toneSnrDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.opus.OpusAudioEncoder;
import dev.switchboard.transcoding.opus.OpusConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OggOpusTest {

  @TempDir Path dir;

  /**
   * The Ogg CRC is the unreflected CRC-32 with init 0 and no final XOR. Its check value over
   * "123456789" is the POSIX cksum check value 0x765E7680 without cksum's final inversion.
   */
  @Test
  void crcIsTheUnreflectedOggVariant() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    int crc = OggCrc.update(0, check, 0, check.length);
    assertThat(crc).isEqualTo(0x765E7680 ^ 0xFFFFFFFF);
    CRC32 zip = new CRC32();
    zip.update(check);
    assertThat((long) crc & 0xFFFFFFFFL).isNotEqualTo(zip.getValue());
  }

  private Path writeOpus(String name, int rateHz, short[] signal, int chunk) throws IOException {
    Path file = dir.resolve(name);
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.parse("opus/" + rateHz))) {
      for (int off = 0; off < signal.length; off += chunk) {
        short[] f = Arrays.copyOfRange(signal, off, Math.min(signal.length, off + chunk));
        w.write(new PcmFrame(f, rateHz));
      }
    }
    return file;
  }

  /**
   * Pre-skip and end trimming make the decoded file exactly as long as the input and aligned with
   * it (RFC 7845 §4.2, §4.5): the best lag is within a few samples of zero.
   */
  @ParameterizedTest
  @ValueSource(ints = {48000, 16000})
  void decodesToTheSameLengthAlignedWithTheInput(int decodeRateHz) throws IOException {
    short[] in48 = speechLike(48000, 48000 + 333);
    Path file = writeOpus("s.opus", 48000, in48, 441);
    try (AudioReader r = AudioFiles.openReader(file, AudioFormat.parse("opus/" + decodeRateHz))) {
      assertThat(r.sampleRateHz()).isEqualTo(decodeRateHz);
      short[] out = readAll(r, decodeRateHz / 50);
      assertThat(out).hasSize((int) ((long) in48.length * decodeRateHz / 48000));
      short[] ref = speechLike(decodeRateHz, out.length);
      int from = decodeRateHz / 10;
      int to = out.length - decodeRateHz / 10;
      int lag = bestLag(ref, out, from, to, decodeRateHz / 100);
      assertThat(lag).as("alignment in samples").isLessThanOrEqualTo(decodeRateHz / 4000);
      assertThat(correlation(ref, out, lag, from, to)).isGreaterThan(0.85);
    }
  }

  @Test
  void pagesCarryHeadersGranulesAndEndOfStream() throws IOException {
    Path file = writeOpus("t.opus", 24000, tone(1000, 24000, 24000 * 3, 0.5), 480);
    List<OggPacketReader.Packet> packets = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      OggPacketReader reader = new OggPacketReader(file, in);
      for (OggPacketReader.Packet p; (p = reader.next()) != null; ) {
        packets.add(p);
      }
    }
    byte[] head = packets.get(0).data();
    assertThat(new String(head, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
    assertThat(head[9]).isEqualTo((byte) 1); // mono
    int preSkip = (head[10] & 0xFF) | (head[11] & 0xFF) << 8;
    int lookahead48k = OpusAudioEncoder.voip(24000).lookaheadSamples() * 2;
    assertThat(preSkip).isEqualTo(lookahead48k);
    assertThat(new String(packets.get(1).data(), 0, 8, StandardCharsets.US_ASCII))
        .isEqualTo("OpusTags");
    long previous = 0;
    for (OggPacketReader.Packet p : packets.subList(2, packets.size())) {
      if (p.granule() >= 0) {
        assertThat(p.granule()).isGreaterThan(previous);
        previous = p.granule();
      }
    }
    OggPacketReader.Packet last = packets.get(packets.size() - 1);
    assertThat(last.endOfStream()).isTrue();
    assertThat(last.granule()).isEqualTo(preSkip + 3 * 48000);
  }

  @Test
  void flushedFileIsReadableWhileStillBeingWritten() throws IOException {
    Path file = dir.resolve("live.opus");
    try (AudioWriter w =
        OggOpusWriter.create(file, OpusConfig.voip(16000).withInbandFec(false, 0))) {
      for (int i = 0; i < 10; i++) {
        w.write(new PcmFrame(tone(1000, 16000, 320, 0.5), 16000));
      }
      w.flush();
      try (AudioReader r = AudioFiles.openReader(file, null)) {
        short[] out = readAll(r, 960);
        assertThat(out.length).isBetween(9 * 960 - 312, 10 * 960);
      }
    }
  }

  @Test
  void opusPacketsPassThroughUnchanged() throws IOException {
    OpusAudioEncoder encoder = OpusAudioEncoder.voip(48000);
    List<EncodedFrame> sent = new ArrayList<>();
    Path file = dir.resolve("p.ogg");
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.parse("opus/48000"))) {
      short[] signal = tone(1000, 48000, 48000, 0.5);
      for (int off = 0; off < signal.length; off += 960) {
        EncodedFrame p =
            encoder.encode(new PcmFrame(Arrays.copyOfRange(signal, off, off + 960), 48000));
        sent.add(p);
        w.write(p);
      }
      assertThatThrownBy(() -> w.write(PcmFrame.silence(48000, 20)))
          .isInstanceOf(IllegalStateException.class);
    }
    try (OggOpusReader r = OggOpusReader.open(file, 48000)) {
      for (EncodedFrame expected : sent) {
        EncodedFrame got = r.readPacket();
        assertThat(got.payload()).isEqualTo(expected.payload());
        assertThat(got.samples()).isEqualTo(960);
      }
      assertThat(r.readPacket()).isNull();
    }
    try (AudioReader r = AudioFiles.openReader(file, null)) {
      short[] out = readAll(r, 960);
      assertThat(toneSnrDb(out, 4800, out.length - 4800, 1000, 48000)).isGreaterThan(20);
    }
  }

  @Test
  void corruptionIsDetectedByTheCrcAndNamed() throws IOException {
    Path file = writeOpus("c.opus", 16000, tone(1000, 16000, 16000, 0.5), 320);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 10] ^= 0x40;
    Files.write(file, bytes);
    assertThatThrownBy(
            () -> {
              try (AudioReader r = AudioFiles.openReader(file, null)) {
                readAll(r, 960);
              }
            })
        .isInstanceOf(AudioFileException.class)
        .hasMessageContaining("fails its CRC");
    Path wav = dir.resolve("w.opus");
    Files.write(wav, "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> AudioFiles.openReader(wav, null))
        .isInstanceOf(AudioFileException.class)
        .hasMessageContaining("not an Ogg file");
  }
}
