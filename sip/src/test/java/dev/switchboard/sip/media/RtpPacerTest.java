package dev.switchboard.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.rtp.TelephoneEvent;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.EncodedFrame;
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

  @Test
  void audioWrittenAfterSilenceWasPreparedStillLeavesAtTheNextDeadline() {
    pacer.tick();
    pacer.prepareNext(); // silence built ahead by the media worker
    pacer.write(tone(40));
    pacer.tick();
    assertThat(rms(sent.get(1)))
        .as("the agent audio, not the prepared silence")
        .isGreaterThan(5000);
    assertThat(sent.get(1).marker()).as("talkspurt start").isTrue();
    assertThat(sent.get(1).sequence()).isEqualTo((sent.get(0).sequence() + 1) & 0xFFFF);
    assertThat(sent.get(1).timestamp()).isEqualTo((sent.get(0).timestamp() + 160) & 0xFFFF_FFFFL);
  }

  @Test
  void bargeInDropsThePreparedAudioPacketAndReusesItsSequenceNumber() {
    RtpStats stats = new RtpStats();
    RtpPacer p = new RtpPacer(media(Direction.SENDRECV), 1, 100, 1000, sent::add, stats);
    p.onMarkPlayed(marks::add);
    p.write(tone(1000));
    p.mark("never");
    p.tick();
    long unprepared = stats.pacerUnprepared.sum();
    p.prepareNext(); // the next 20 ms of agent audio, encoded but not sent
    p.clear();
    p.tick();
    assertThat(rms(sent.get(1))).as("prepared audio was not sent after clear").isLessThan(10);
    assertThat(sent.get(1).sequence()).isEqualTo(101);
    assertThat(sent.get(1).timestamp()).isEqualTo(1160);
    assertThat(marks).isEmpty();
    assertThat(stats.pacerUnprepared.sum())
        .as("clear built the silence ahead")
        .isEqualTo(unprepared);
  }

  @Test
  void aMarkTakenIntoPreparedSilenceSurvivesItsRebuild() {
    pacer.tick();
    pacer.mark("greeting-done");
    pacer.prepareNext();
    pacer.write(tone(20));
    pacer.tick();
    assertThat(marks).containsExactly("greeting-done");
    assertThat(rms(sent.get(1))).isGreaterThan(5000);
  }

  @Test
  void codecChangeToOpusKeepsTheCallRateSsrcAndSequenceAndCarriesTheTone() {
    pacer.tick();
    pacer.write(tone(20));
    pacer.prepareNext(); // audio prepared as PCMU goes back to the queue on the change
    pacer.update(
        new NegotiatedMedia(
            AudioCodec.OPUS, 111, -1, 20, null, null, false, Direction.SENDRECV, false));
    assertThat(pacer.sampleRateHz()).as("the call core keeps its 8 kHz").isEqualTo(8000);
    pacer.write(tone(400));
    for (int i = 0; i < 21; i++) {
      pacer.tick();
    }
    List<RtpPacket> opus = sent.subList(1, sent.size());
    assertThat(opus).allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(111));
    assertThat(opus).allSatisfy(p -> assertThat(p.ssrc()).isEqualTo(0x1234));
    for (int i = 1; i < opus.size(); i++) {
      assertThat(opus.get(i).sequence()).isEqualTo((opus.get(i - 1).sequence() + 1) & 0xFFFF);
      assertThat(opus.get(i).timestamp())
          .as("48 kHz RTP clock (RFC 7587 §4.1)")
          .isEqualTo((opus.get(i - 1).timestamp() + 960) & 0xFFFF_FFFFL);
    }
    assertThat(opus.get(0).sequence()).isEqualTo((sent.get(0).sequence() + 1) & 0xFFFF);
    AudioDecoder decoder = Codecs.decoder(AudioCodec.OPUS.codecFormat());
    short[] pcm24k = new short[480 * opus.size()];
    for (int i = 0; i < opus.size(); i++) {
      PcmFrame f =
          decoder.decode(
              new EncodedFrame(AudioCodec.OPUS.codecFormat(), opus.get(i).payload(), 480));
      System.arraycopy(f.samples(), 0, pcm24k, 480 * i, 480);
    }
    // 420 ms of 1 kHz tone at -10 dBFS went in at 8 kHz; it comes out of Opus at 24 kHz.
    assertThat(Tones.goertzelDb(pcm24k, 2400, 4800, 1000, 24000)).isGreaterThan(-16);
    assertThat(Tones.goertzelDb(pcm24k, 2400, 4800, 3000, 24000))
        .as("no imaging from the 8 -> 24 kHz resampler")
        .isLessThan(-40);
  }
}
