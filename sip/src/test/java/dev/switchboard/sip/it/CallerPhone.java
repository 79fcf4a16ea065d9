package dev.switchboard.sip.it;

import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.g711.G711;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The caller's RTP in bridge tests: a UDP socket on 127.0.0.1 that answers every packet the bridge
 * sends with 20 ms of the caller's PCMU tone (so it is paced by the bridge's own 20 ms clock, no
 * sleeps), and classifies what it hears by content: the agent's tone, the caller's own tone coming
 * back through the human's echo, or silence.
 */
final class CallerPhone implements AutoCloseable {

  enum Heard {
    AGENT,
    HUMAN,
    SILENCE,
    OTHER
  }

  private final DatagramSocket socket;
  private final double agentHz;
  private final double callerHz;
  private final short[] tone;
  private final List<Heard> heard = new ArrayList<>();
  private int toneOffset;
  private int sequence;

  CallerPhone(double agentHz, double callerHz) throws IOException {
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.socket.setSoTimeout(300);
    this.agentHz = agentHz;
    this.callerHz = callerHz;
    this.tone = Tones.steady(callerHz, 1.0, 8000);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Everything heard so far, one entry per 20 ms packet. */
  List<Heard> heard() {
    return List.copyOf(heard);
  }

  int count(Heard kind, int from) {
    int n = 0;
    for (int i = from; i < heard.size(); i++) {
      if (heard.get(i) == kind) {
        n++;
      }
    }
    return n;
  }

  /**
   * Exchanges packets until {@code done} holds for what was heard, or {@code timeout} passes
   * (bounded: a silent bridge only costs socket timeouts). Returns whether {@code done} held.
   */
  boolean exchangeUntil(Predicate<CallerPhone> done, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[1500];
    while (System.nanoTime() < deadline) {
      if (done.test(this)) {
        return true;
      }
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      }
      RtpPacket rtp;
      try {
        rtp = RtpPacket.parse(buf, p.getLength());
      } catch (RtpPacket.MalformedException e) {
        continue;
      }
      if (rtp.payloadType() != 0) {
        continue;
      }
      heard.add(classify(rtp.payload()));
      byte[] out = new byte[160];
      for (int i = 0; i < out.length; i++) {
        out[i] = G711.linearToUlaw(tone[toneOffset]);
        toneOffset = (toneOffset + 1) % tone.length;
      }
      byte[] packet =
          new RtpPacket(sequence == 0, 0, sequence, 160L * sequence, 0x5151, out).encode();
      sequence++;
      socket.send(new DatagramPacket(packet, packet.length, p.getSocketAddress()));
    }
    return done.test(this);
  }

  private Heard classify(byte[] ulaw) {
    short[] pcm = new short[ulaw.length];
    for (int i = 0; i < ulaw.length; i++) {
      pcm[i] = G711.ulawToLinear(ulaw[i]);
    }
    if (Tones.levelDbfs(pcm, 0, pcm.length) < -45) {
      return Heard.SILENCE;
    }
    double agent = Tones.goertzelDb(pcm, 0, pcm.length, agentHz, 8000);
    double caller = Tones.goertzelDb(pcm, 0, pcm.length, callerHz, 8000);
    if (agent > caller + 10) {
      return Heard.AGENT;
    }
    return caller > agent + 10 ? Heard.HUMAN : Heard.OTHER;
  }

  @Override
  public void close() {
    socket.close();
  }
}
