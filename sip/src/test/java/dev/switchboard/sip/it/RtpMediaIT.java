package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.sip.media.MediaConfig;
import dev.switchboard.sip.media.RtpCallMedia;
import dev.switchboard.sip.rtp.PortRange;
import dev.switchboard.sip.rtp.RtpEndpoint;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.Codecs;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One call's RTP media against a plain UDP socket peer on 127.0.0.1. */
class RtpMediaIT {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  DatagramSocket peer;
  DatagramSocket stranger;
  RtpCallMedia media;
  RecordingHandler.Call listener;

  @BeforeEach
  void setUp() throws Exception {
    peer = new DatagramSocket(0, LOOPBACK);
    stranger = new DatagramSocket(0, LOOPBACK);
    peer.setSoTimeout(2000);
    MediaConfig config = SippIT.media().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(600));
    PortRange.Pair ports = config.ports().bind(LOOPBACK);
    RtpEndpoint endpoint = new RtpEndpoint("it", ports, new RtpStats(), System::nanoTime);
    // The SDP names a wrong port: symmetric RTP must latch onto where packets really come from.
    NegotiatedMedia negotiated =
        new NegotiatedMedia(
            AudioCodec.PCMU,
            0,
            101,
            20,
            new InetSocketAddress(LOOPBACK, 9),
            new InetSocketAddress(LOOPBACK, 10),
            false,
            Direction.SENDRECV,
            false);
    media = new RtpCallMedia("it", endpoint, negotiated, SystemMediaClock.get(), config);
    listener = new RecordingHandler.Call(null);
  }

  @AfterEach
  void tearDown() {
    media.close();
    peer.close();
    stranger.close();
  }

  @Test
  void latchesOnTheFirstValidSourceCountsGarbageAndSendsPacedAudioBack() throws Exception {
    java.util.concurrent.CompletableFuture<String> timeout =
        new java.util.concurrent.CompletableFuture<>();
    media.start(listener, timeout::complete);
    send(peer, new byte[] {1, 2, 3}); // short
    byte[] v1 = new byte[172];
    v1[0] = 0x40;
    send(peer, v1); // RTP version 1
    send(peer, new RtpPacket(false, 96, 1, 0, 5, new byte[160]).encode()); // PT not negotiated
    for (int seq = 0; seq < 25; seq++) {
      send(peer, new RtpPacket(seq == 0, 0, seq, 160L * seq, 7, toneUlaw(seq)).encode());
      send(stranger, new RtpPacket(false, 0, seq, 160L * seq, 8, new byte[160]).encode());
    }
    media.playback().write(RecordingHandler.tone(8000, 1000, 400));
    media.playback().mark("done");

    // The peer hears our tone, paced, at its real (latched) address.
    double loudest = 0;
    long previous = -1;
    for (int i = 0; i < 30; i++) {
      byte[] buf = new byte[400];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      peer.receive(p);
      RtpPacket rtp = RtpPacket.parse(buf, p.getLength());
      if (previous >= 0) {
        assertThat(rtp.sequence()).isEqualTo((int) ((previous + 1) & 0xFFFF));
      }
      previous = rtp.sequence();
      loudest = Math.max(loudest, rms(rtp.payload()));
    }
    assertThat(loudest).isGreaterThan(4000);

    RtpStats stats = media.stats();
    assertThat(stats.droppedShort.sum()).isEqualTo(1);
    assertThat(stats.droppedBadVersion.sum()).isEqualTo(1);
    assertThat(stats.droppedUnknownPayloadType.sum()).isEqualTo(1);
    assertThat(stats.droppedForeignSource.sum()).isEqualTo(25);
    assertThat(stats.packetsReceived.sum()).isEqualTo(25);
    assertThat(listener.marks).containsExactly("done");
    assertThat(listener.levelDbfs()).as("decoded caller tone").isGreaterThan(-20);

    // Then the peer goes quiet: the steady media timeout fires.
    assertThat(timeout.get(5, TimeUnit.SECONDS)).contains("media timeout");
  }

  @Test
  void codecChangeToOpusMidCallCarriesTonesBothWaysAtTheCallsFixedRate() throws Exception {
    media.start(listener, reason -> {});
    InetSocketAddress peerAddress = new InetSocketAddress(LOOPBACK, peer.getLocalPort());
    media.update(
        new NegotiatedMedia(
            AudioCodec.OPUS,
            111,
            -1,
            20,
            peerAddress,
            new InetSocketAddress(LOOPBACK, stranger.getLocalPort()), // RTCP elsewhere
            false,
            Direction.SENDRECV,
            false));
    assertThat(media.callRateHz()).isEqualTo(8000);
    assertThat(media.playback().sampleRateHz()).as("the call core keeps 8 kHz").isEqualTo(8000);

    // Us -> caller: the agent's 8 kHz tone leaves as Opus with the same SSRC. Caller -> us: one
    // packet of a 24 kHz Opus 1 kHz tone per packet received, so the caller is paced by our pacer.
    media.playback().write(RecordingHandler.tone(8000, 1000, 600));
    AudioEncoder encoder = Codecs.encoder(AudioCodec.OPUS.codecFormat());
    short[] callerTone = Tones.sine(1000, -10, 1000, 24000);
    AudioDecoder decoder = Codecs.decoder(AudioCodec.OPUS.codecFormat());
    short[] heard = new short[0];
    long ssrc = -1;
    int sent = 0;
    for (int i = 0; i < 100 && (heard.length < 24000 / 2 || listener.audio.size() < 30); i++) {
      if (sent < 50) {
        short[] frame = Arrays.copyOfRange(callerTone, 480 * sent, 480 * (sent + 1));
        byte[] payload = encoder.encode(new PcmFrame(frame, 24000)).payload();
        send(peer, new RtpPacket(sent == 0, 111, sent, 960L * sent, 7, payload).encode());
        sent++;
      }
      byte[] buf = new byte[1500];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      peer.receive(p);
      RtpPacket rtp = RtpPacket.parse(buf, p.getLength());
      if (rtp.payloadType() != 111) {
        continue; // PCMU sent before the change
      }
      ssrc = ssrc < 0 ? rtp.ssrc() : ssrc;
      assertThat(rtp.ssrc()).isEqualTo(ssrc);
      PcmFrame f =
          decoder.decode(new EncodedFrame(AudioCodec.OPUS.codecFormat(), rtp.payload(), 480));
      short[] grown = Arrays.copyOf(heard, heard.length + f.sampleCount());
      System.arraycopy(f.samples(), 0, grown, heard.length, f.sampleCount());
      heard = grown;
    }
    double agentDb = 0;
    for (int off = 0; off + 2400 <= heard.length; off += 480) {
      agentDb =
          Math.max(agentDb == 0 ? -150 : agentDb, Tones.goertzelDb(heard, off, 2400, 1000, 24000));
    }
    assertThat(agentDb).as("agent tone through Opus at the caller").isGreaterThan(-16);

    short[] up =
        listener.audio.stream().map(PcmFrame::samples).reduce(new short[0], RtpMediaIT::concat);
    assertThat(listener.audio).allSatisfy(f -> assertThat(f.sampleRateHz()).isEqualTo(8000));
    assertThat(up.length).isGreaterThanOrEqualTo(30 * 160);
    assertThat(Tones.goertzelDb(up, up.length / 2, 1600, 1000, 8000))
        .as("caller's Opus tone reaches the call core at 8 kHz")
        .isGreaterThan(-16);
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] toneUlaw(int seq) {
    byte[] out = new byte[160];
    for (int i = 0; i < 160; i++) {
      out[i] =
          G711.linearToUlaw(
              (short) (8000 * Math.sin(2 * Math.PI * 500 * (seq * 160 + i) / 8000.0)));
    }
    return out;
  }

  private static double rms(byte[] ulaw) {
    double sum = 0;
    for (byte b : ulaw) {
      double v = G711.ulawToLinear(b);
      sum += v * v;
    }
    return Math.sqrt(sum / ulaw.length);
  }

  private void send(DatagramSocket from, byte[] data) throws Exception {
    from.send(new DatagramPacket(data, data.length, LOOPBACK, media.localPort()));
  }
}
