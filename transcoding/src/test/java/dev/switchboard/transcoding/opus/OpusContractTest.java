package dev.switchboard.transcoding.opus;

import static dev.switchboard.transcoding.testing.Signals.concat;
import static dev.switchboard.transcoding.testing.Signals.frames;
import static dev.switchboard.transcoding.testing.Signals.tone;
import static dev.switchboard.transcoding.testing.Signals.toneSnrDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors, frame sizes, stereo peers and per-stream state. */
class OpusContractTest {

  private static final AudioFormat RTP_OPUS = new AudioFormat(Encoding.OPUS, 48000, 2);

  private static EncodedFrame packet(byte... bytes) {
    return new EncodedFrame(RTP_OPUS, bytes, 960);
  }

  @Test
  void corruptPacketsGiveAClearErrorAndTheStreamGoesOn() {
    OpusAudioDecoder decoder = new OpusAudioDecoder(48000);
    OpusAudioEncoder encoder = OpusAudioEncoder.voip(48000);
    List<byte[]> corrupt =
        List.of(
            new byte[0], // empty
            new byte[] {(byte) 0x7B}, // code 3 without its frame-count byte
            new byte[] {(byte) 0x7B, 0}, // code 3, zero frames
            new byte[] {(byte) 0x7B, 7}, // code 3, 7 × 20 ms > 120 ms
            new byte[] {(byte) 0x7A, (byte) 0xFB, 1, 2}); // code 2, first length past the end
    for (byte[] bytes : corrupt) {
      assertThatThrownBy(() -> decoder.decode(packet(bytes)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("corrupt Opus packet");
    }
    PcmFrame tone = new PcmFrame(tone(1000, 48000, 960, 0.5), 48000);
    assertThat(decoder.decode(encoder.encode(tone)).sampleCount()).isEqualTo(960);
  }

  @Test
  void framesOfOtherEncodingsAreRefusedByName() {
    OpusAudioDecoder decoder = new OpusAudioDecoder(24000);
    assertThatThrownBy(() -> decoder.decode(EncodedFrame.of(AudioFormat.PCMU_8K, new byte[160])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pcmu/8000");
    assertThatThrownBy(() -> decoder.conceal(100))
        .hasMessageContaining("2.5 ms")
        .hasMessageContaining("100");
  }

  @Test
  void configurationErrorsNameTheOffendingValue() {
    assertThatThrownBy(() -> OpusConfig.voip(44100)).hasMessageContaining("44100");
    assertThatThrownBy(() -> OpusConfig.voip(48000).withFrameMillis(30))
        .hasMessageContaining("30 ms");
    assertThatThrownBy(() -> OpusConfig.voip(48000).withBitrateBps(1000))
        .hasMessageContaining("1000");
    assertThatThrownBy(() -> new OpusAudioDecoder(22050)).hasMessageContaining("22050");
    OpusAudioEncoder encoder = OpusAudioEncoder.voip(24000);
    assertThatThrownBy(() -> encoder.encode(PcmFrame.silence(24000, 10)))
        .hasMessageContaining("480")
        .hasMessageContaining("240");
    assertThatThrownBy(() -> encoder.encode(PcmFrame.silence(16000, 20)))
        .hasMessageContaining("16000");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 20, 40, 60})
  void everyFrameDurationRoundTrips(int frameMillis) {
    OpusConfig config = OpusConfig.voip(24000).withFrameMillis(frameMillis);
    OpusAudioEncoder encoder = new OpusAudioEncoder(config);
    OpusAudioDecoder decoder = new OpusAudioDecoder(24000);
    List<PcmFrame> out = new ArrayList<>();
    int total = 24000 / config.frameSamples() * config.frameSamples(); // whole frames only
    for (PcmFrame frame : frames(tone(1000, 24000, total, 0.5), config.frameSamples(), 24000)) {
      EncodedFrame packet = encoder.encode(frame);
      assertThat(OpusPackets.samples(packet.payload(), 24000)).isEqualTo(config.frameSamples());
      out.add(decoder.decode(packet));
    }
    short[] pcm = concat(out);
    assertThat(pcm).hasSize(total);
    assertThat(toneSnrDb(pcm, 4800, pcm.length, 1000, 24000)).isGreaterThan(20);
  }

  /** RFC 7587: RTP Opus is opus/48000/2; a stereo sender must come out as one mono stream. */
  @Test
  void stereoPacketsDecodeToMono() throws Exception {
    OpusEncoder stereo = new OpusEncoder(48000, 2, OpusApplication.OPUS_APPLICATION_VOIP);
    stereo.setBitrate(64000);
    short[] left = tone(1000, 48000, 48000, 0.4);
    short[] interleaved = new short[2 * 960];
    byte[] buf = new byte[4000];
    OpusAudioDecoder decoder = new OpusAudioDecoder(24000);
    List<PcmFrame> out = new ArrayList<>();
    for (int f = 0; f < 50; f++) {
      for (int i = 0; i < 960; i++) {
        interleaved[2 * i] = left[f * 960 + i];
        interleaved[2 * i + 1] = left[f * 960 + i];
      }
      int n = stereo.encode(interleaved, 0, 960, buf, 0, buf.length);
      byte[] bytes = Arrays.copyOf(buf, n);
      assertThat(OpusPackets.isStereo(bytes)).isTrue();
      out.add(decoder.decode(new EncodedFrame(RTP_OPUS, bytes, 960)));
    }
    short[] pcm = concat(out);
    assertThat(pcm).hasSize(24000);
    assertThat(toneSnrDb(pcm, 2400, pcm.length, 1000, 24000)).isGreaterThan(20);
  }

  /** Two interleaved streams give exactly what each gives alone: no shared codec state. */
  @Test
  void streamsDoNotShareState() {
    short[] a = tone(1000, 16000, 16000, 0.5);
    short[] b = tone(440, 16000, 16000, 0.3);
    List<PcmFrame> aFrames = frames(a, 320, 16000);
    List<PcmFrame> bFrames = frames(b, 320, 16000);
    List<byte[]> aloneA = new ArrayList<>();
    List<short[]> aloneADecoded = new ArrayList<>();
    OpusAudioEncoder soloEnc = OpusAudioEncoder.voip(16000);
    OpusAudioDecoder soloDec = new OpusAudioDecoder(16000);
    for (PcmFrame f : aFrames) {
      EncodedFrame p = soloEnc.encode(f);
      aloneA.add(p.payload());
      aloneADecoded.add(soloDec.decode(p).samples());
    }
    OpusAudioEncoder encA = OpusAudioEncoder.voip(16000);
    OpusAudioEncoder encB = OpusAudioEncoder.voip(16000);
    OpusAudioDecoder decA = new OpusAudioDecoder(16000);
    OpusAudioDecoder decB = new OpusAudioDecoder(16000);
    for (int i = 0; i < aFrames.size(); i++) {
      EncodedFrame pa = encA.encode(aFrames.get(i));
      decB.decode(encB.encode(bFrames.get(i)));
      assertThat(pa.payload()).as("packet %d", i).isEqualTo(aloneA.get(i));
      assertThat(decA.decode(pa).samples()).as("pcm %d", i).isEqualTo(aloneADecoded.get(i));
    }
  }

  @Test
  void stagesNameThemselves() {
    assertThat(new OpusAudioDecoder(48000)).hasToString("opus-decode 48000 Hz");
    assertThat(OpusAudioEncoder.voip(24000))
        .hasToString("opus-encode 24000 Hz 20 ms 32 kbit/s fec");
  }
}
