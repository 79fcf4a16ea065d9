package dev.switchboard.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.SipStats;
import dev.switchboard.sip.media.RtpPacer;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bridge direction into a hand-ticked pacer: content, rate conversion, overflow, digits. */
class MediaRelayTest {

  final List<RtpPacket> sent = new ArrayList<>();
  final SipStats stats = new SipStats();

  RtpPacer pacer(AudioCodec codec, int pt) {
    return new RtpPacer(
        new NegotiatedMedia(codec, pt, 101, 20, null, null, false, Direction.SENDRECV, false),
        1,
        0,
        0,
        sent::add,
        new RtpStats());
  }

  @Test
  void opusRatePcmIsResampledToTheG711LegAndKeepsItsTone() {
    RtpPacer out = pacer(AudioCodec.PCMA, 8);
    MediaRelay relay = new MediaRelay("test", out, stats);
    short[] tone = Tones.steady(700, 0.4, 24000);
    for (int i = 0; i < 20; i++) {
      short[] frame = new short[480];
      System.arraycopy(tone, i * 480, frame, 0, 480);
      relay.onAudio(new PcmFrame(frame, 24000));
      out.tick();
    }
    assertThat(sent).hasSize(20);
    // Skip the resampler's start-up; the rest carries the 700 Hz tone, not noise.
    short[] last = alaw(sent.get(19).payload());
    assertThat(Tones.goertzelDb(last, 0, last.length, 700, 8000)).isGreaterThan(-25);
    assertThat(Tones.goertzelDb(last, 0, last.length, 1500, 8000)).isLessThan(-45);
  }

  @Test
  void aStalledLegDropsFramesBeyondTheQueueBoundAndCountsThem() {
    RtpPacer out = pacer(AudioCodec.PCMU, 0);
    MediaRelay relay = new MediaRelay("test", out, stats);
    for (int i = 0; i < 30; i++) {
      relay.onAudio(new PcmFrame(Tones.steady(700, 0.02, 8000), 8000)); // never ticked
    }
    assertThat(out.queuedMillis()).isLessThanOrEqualTo(MediaRelay.MAX_QUEUE_MILLIS + 20);
    assertThat(stats.bridgeFramesDropped.sum()).isEqualTo(30 - 11);
  }

  @Test
  void digitsAreResentAsTelephoneEvents() {
    RtpPacer out = pacer(AudioCodec.PCMU, 0);
    MediaRelay relay = new MediaRelay("test", out, stats);
    relay.onDtmf('5');
    relay.onDtmf('x'); // not a DTMF digit: ignored, no exception
    out.tick();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).payloadType()).isEqualTo(101);
    assertThat(sent.get(0).payload()[0]).isEqualTo((byte) 5);
  }

  @Test
  void aDetachedCoreSinkNoLongerReachesTheCaller() {
    RtpPacer out = pacer(AudioCodec.PCMU, 0);
    CoreSink sink = new CoreSink(out);
    sink.write(new PcmFrame(Tones.steady(1000, 0.1, 8000), 8000));
    assertThat(out.queuedMillis()).isEqualTo(100);
    sink.detach();
    assertThat(out.queuedMillis()).as("queued agent audio dropped").isZero();
    sink.write(new PcmFrame(Tones.steady(1000, 0.1, 8000), 8000));
    sink.clear();
    out.write(new PcmFrame(Tones.steady(700, 0.04, 8000), 8000)); // the human's audio
    assertThat(out.queuedMillis()).isEqualTo(40);
  }

  private static short[] alaw(byte[] payload) {
    short[] pcm = new short[payload.length];
    for (int i = 0; i < payload.length; i++) {
      pcm[i] = G711.alawToLinear(payload[i]);
    }
    return pcm;
  }
}
