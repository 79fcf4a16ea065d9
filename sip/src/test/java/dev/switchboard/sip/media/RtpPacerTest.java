package dev.switchboard.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.rtp.TelephoneEvent;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The downlink pacer, ticked by hand: each tick is one 20 ms slot. */
class RtpPacerTest {

  final List<RtpPacket> sent = new ArrayList<>();
  final List<String> marks = new ArrayList<>();
  final RtpPacer pacer =
      new RtpPacer(
          media(Direction.SENDRECV), 0x1234, 65534, 0xFFFF_FF00L, sent::add, new RtpStats());

  RtpPacerTest() {
    pacer.onMarkPlayed(marks::add);
  }

  static NegotiatedMedia media(Direction direction) {
    return new NegotiatedMedia(AudioCodec.PCMU, 0, 101, 20, null, null, false, direction, false);
  }

  static PcmFrame tone(int millis) {
    short[] s = new short[8 * millis];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (10000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
    }
    return new PcmFrame(s, 8000);
  }

  static double rms(RtpPacket p) {
    double sum = 0;
    for (byte b : p.payload()) {
      double v = G711.ulawToLinear(b);
      sum += v * v;
    }
    return Math.sqrt(sum / p.payload().length);
  }

  @Test
  void idleSendsSilenceWithContinuousSequenceAndTimestamps() {
    for (int i = 0; i < 5; i++) {
      pacer.tick();
    }
    assertThat(sent).hasSize(5);
    for (int i = 1; i < sent.size(); i++) {
      assertThat(sent.get(i).sequence()).isEqualTo((sent.get(i - 1).sequence() + 1) & 0xFFFF);
      assertThat(sent.get(i).timestamp())
          .isEqualTo((sent.get(i - 1).timestamp() + 160) & 0xFFFF_FFFFL);
      assertThat(rms(sent.get(i))).isLessThan(10);
    }
    assertThat(sent.get(0).marker()).isTrue();
    assertThat(sent.get(1).marker()).isFalse();
  }

  @Test
  void audioLeavesOnePacketPerTickAndTheMarkFiresWithItsLastSample() {
    pacer.tick(); // idle
    pacer.write(tone(50)); // 2.5 packets
    pacer.mark("end");
    pacer.write(tone(20));
    pacer.tick();
    pacer.tick();
    assertThat(marks).isEmpty();
    pacer.tick(); // carries the last 10 ms before the mark and 10 ms after it
    assertThat(marks).containsExactly("end");
    pacer.tick();
    pacer.tick();
    assertThat(sent.get(1).marker()).as("talkspurt start").isTrue();
    assertThat(rms(sent.get(1))).isGreaterThan(5000);
    assertThat(rms(sent.get(4)))
        .as("last 20 ms: 10 ms tone then silence")
        .isBetween(3000.0, 6000.0);
    assertThat(rms(sent.get(5))).isLessThan(10);
  }

  @Test
  void clearDropsQueuedAudioAndItsMarksAtOnce() {
    pacer.write(tone(1000));
    pacer.mark("never");
    pacer.tick();
    pacer.clear();
    assertThat(pacer.queuedMillis()).isZero();
    pacer.tick();
    assertThat(rms(sent.get(1))).isLessThan(10);
    assertThat(marks).isEmpty();
  }

  @Test
  void holdSendsNothingButKeepsTheClock() {
    pacer.tick();
    pacer.update(media(Direction.RECVONLY));
    pacer.write(tone(100));
    pacer.tick();
    pacer.tick();
    assertThat(sent).hasSize(1);
    pacer.update(media(Direction.SENDRECV));
    pacer.tick();
    assertThat(sent.get(1).timestamp())
        .isEqualTo((sent.get(0).timestamp() + 3 * 160) & 0xFFFF_FFFFL);
    assertThat(rms(sent.get(1))).as("held audio plays after resume").isGreaterThan(5000);
  }

  @Test
  void dtmfIsSentAsRfc4733EventsWithOneTimestampAndThreeEnds() {
    pacer.sendDtmf("7", 100);
    for (int i = 0; i < 6; i++) {
      pacer.tick();
    }
    List<RtpPacket> events = sent.stream().filter(p -> p.payloadType() == 101).toList();
    assertThat(events).hasSize(4 + 3);
    assertThat(events.get(0).marker()).isTrue();
    assertThat(events)
        .allSatisfy(p -> assertThat(p.timestamp()).isEqualTo(events.get(0).timestamp()));
    List<TelephoneEvent> payloads =
        events.stream().map(p -> TelephoneEvent.parse(p.payload())).toList();
    assertThat(payloads).allSatisfy(e -> assertThat(e.digit()).isEqualTo('7'));
    assertThat(payloads.subList(4, 7)).allSatisfy(e -> assertThat(e.end()).isTrue());
    assertThat(payloads.get(6).duration()).isEqualTo(800);
    RtpPacket after = sent.get(sent.size() - 1);
    assertThat(after.payloadType()).isZero();
    assertThat(after.timestamp()).isEqualTo((events.get(0).timestamp() + 5 * 160) & 0xFFFF_FFFFL);
  }
}
