package dev.switchboard.bridge.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPipelinesTest {

  @Test
  void downlinkRechunksAnyDeltaSizesIntoExact20msFramesKeepingEverySample() {
    DownlinkPipeline d =
        MediaPipelines.downlink(AudioFormat.PCM16_8K, 8000, ResamplerFactory.identityOnly(), "x");
    short[] ramp = new short[1000];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = (short) (i * 7 - 3000);
    }
    List<PcmFrame> out = new ArrayList<>();
    int[] sizes = {13, 160, 301, 526};
    int pos = 0;
    for (int n : sizes) {
      short[] part = java.util.Arrays.copyOfRange(ramp, pos, pos + n);
      pos += n;
      out.addAll(d.process(FrameCodec.encode(new PcmFrame(part, 8000), AudioFormat.PCM16_8K)));
    }
    out.add(d.flush());
    assertThat(out).allMatch(f -> f.sampleCount() == 160);
    short[] joined = new short[out.size() * 160];
    for (int i = 0; i < out.size(); i++) {
      System.arraycopy(out.get(i).samples(), 0, joined, i * 160, 160);
    }
    assertThat(java.util.Arrays.copyOf(joined, 1000)).isEqualTo(ramp);
    assertThat(d.toString())
        .isEqualTo(
            "decode(pcm16/8000) -> resample 8000->8000 (pass-through) -> rechunk(160 samples @ 8000 Hz)"
                + " -> x");
  }

  @Test
  void uplinkEncodesForTheBackendAndG711RoundTrips() {
    UplinkPipeline u =
        MediaPipelines.uplink(8000, AudioFormat.PCMU_8K, ResamplerFactory.identityOnly(), "b");
    short[] s = dev.switchboard.transcoding.PcmFrame.silence(8000, 20).samples().clone();
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (8000 * Math.sin(i * 0.3));
    }
    EncodedFrame e = u.process(new PcmFrame(s, 8000));
    assertThat(e.format()).isEqualTo(AudioFormat.PCMU_8K);
    short[] back = FrameCodec.decode(e).samples();
    for (int i = 0; i < s.length; i++) {
      assertThat(Math.abs(back[i] - s[i])).isLessThanOrEqualTo(Math.abs(s[i]) / 16 + 16);
    }
  }

  @Test
  void missingResamplerNamesTheRates() {
    assertThatThrownBy(
            () ->
                MediaPipelines.downlink(
                    AudioFormat.PCM16_24K, 8000, ResamplerFactory.identityOnly(), "x"))
        .hasMessageContaining("24000 Hz -> 8000 Hz");
    assertThatThrownBy(
            () ->
                MediaPipelines.uplink(
                    8000, AudioFormat.parse("opus/48000"), ResamplerFactory.identityOnly(), "x"))
        .hasMessageContaining("opus/48000");
  }
}
