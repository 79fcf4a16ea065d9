package dev.switchboard.twilio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UplinkFramerTest {

  static EncodedFrame mulaw(short[] pcm, int from, int len) {
    byte[] out = new byte[len];
    short[] part = java.util.Arrays.copyOfRange(pcm, from, from + len);
    G711.encodeUlaw(part, 0, out, 0, len);
    return EncodedFrame.of(AudioFormat.PCMU_8K, out);
  }

  @Test
  void irregularChunksBecomeExact20msFramesOfTheSameTone() {
    short[] tone = Tones.sine(1000, -12, 400, 8000);
    UplinkFramer f = new UplinkFramer();
    List<PcmFrame> out = new ArrayList<>();
    int pos = 0;
    int[] sizes = {160, 100, 220, 160, 80, 240};
    int i = 0;
    while (pos + sizes[i % sizes.length] <= tone.length) {
      int n = sizes[i++ % sizes.length];
      out.addAll(f.accept(mulaw(tone, pos, n), pos / 8));
      pos += n;
    }
    assertThat(out).allMatch(p -> p.sampleCount() == 160 && p.sampleRateHz() == 8000);
    short[] joined = join(out);
    assertThat(Tones.goertzelDb(joined, 0, joined.length, 1000, 8000)).isGreaterThan(-13.5);
    assertThat(f.gaps()).isZero();
  }

  @Test
  void timestampGapIsFilledWithSilenceUpToTheCap() {
    short[] tone = Tones.sine(500, -12, 40, 8000);
    UplinkFramer f = new UplinkFramer();
    List<PcmFrame> out = new ArrayList<>(f.accept(mulaw(tone, 0, 160), 0));
    out.addAll(f.accept(mulaw(tone, 160, 160), 100)); // 80 ms lost
    assertThat(out).hasSize(2 + 4);
    short[] joined = join(out);
    assertThat(Tones.levelDbfs(joined, 160, 4 * 160)).isLessThan(-100);
    assertThat(Tones.levelDbfs(joined, 5 * 160, 160)).isGreaterThan(-20);
    assertThat(f.filledMillis()).isEqualTo(80);

    List<PcmFrame> big = f.accept(mulaw(tone, 0, 160), 10_000);
    assertThat(big).hasSize(UplinkFramer.MAX_FILL_MILLIS / 20 + 1);
    assertThat(f.gaps()).isEqualTo(2);
  }

  static short[] join(List<PcmFrame> frames) {
    short[] all = new short[frames.size() * 160];
    for (int i = 0; i < frames.size(); i++) {
      System.arraycopy(frames.get(i).samples(), 0, all, i * 160, 160);
    }
    return all;
  }
}
