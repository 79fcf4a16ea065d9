package dev.switchboard.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The uplink on hand-made times: jitter buffer, decoder and the call-rate resampler. */
class UplinkTest {

  static final long MS = 1_000_000L;

  @Test
  void opusAfterACodecChangeReachesTheCallCoreAtTheCallsEightKilohertz() {
    NegotiatedMedia opus =
        new NegotiatedMedia(
            AudioCodec.OPUS, 111, -1, 20, null, null, false, Direction.SENDRECV, false);
    RtpStats stats = new RtpStats();
    Uplink uplink = new Uplink("t", opus, 8000, stats);
    List<PcmFrame> heard = new ArrayList<>();
    TransportListener listener = listener(heard);
    AudioEncoder encoder = Codecs.encoder(AudioCodec.OPUS.codecFormat());
    short[] tone = Tones.sine(1000, -10, 600, 24000);
    long t0 = 1_000 * MS;
    for (int i = 0; i < 30; i++) {
      short[] frame = new short[480];
      System.arraycopy(tone, 480 * i, frame, 0, 480);
      byte[] payload = encoder.encode(new PcmFrame(frame, 24000)).payload();
      uplink.onPacket(
          new RtpPacket(i == 0, 111, i, 960L * i, 7, payload), t0 + i * 20 * MS, listener);
      uplink.tick(t0 + i * 20 * MS, listener);
    }
    for (int i = 30; i < 36; i++) {
      uplink.tick(t0 + i * 20 * MS, listener);
    }
    assertThat(heard).isNotEmpty().allSatisfy(f -> assertThat(f.sampleRateHz()).isEqualTo(8000));
    short[] pcm = heard.stream().map(PcmFrame::samples).reduce(new short[0], UplinkTest::concat);
    assertThat(pcm.length)
        .as("a 160-sample 8 kHz frame per 20 ms packet")
        .isGreaterThanOrEqualTo(30 * 160);
    assertThat(Tones.goertzelDb(pcm, 1600, 2400, 1000, 8000)).isGreaterThan(-16);
    assertThat(stats.droppedTotal()).isZero();
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = new short[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static TransportListener listener(List<PcmFrame> heard) {
    return new TransportListener() {
      @Override
      public void onAudio(PcmFrame frame) {
        heard.add(frame);
      }

      @Override
      public void onDtmf(char digit) {}

      @Override
      public void onMarkPlayed(String name) {}

      @Override
      public void onClosed(String reason, boolean byCaller) {}
    };
  }
}
