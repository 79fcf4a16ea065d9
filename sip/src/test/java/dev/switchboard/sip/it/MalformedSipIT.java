package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw datagrams at the SIP port: broken requests get 400, garbage is dropped, the server lives. */
class MalformedSipIT {

  SipServer server;
  int port;
  DatagramSocket socket;

  @BeforeEach
  void start() throws Exception {
    port = Sipp.freePort();
    server =
        SipServer.start(
            SipConfig.defaults("127.0.0.1", port, SippIT.media()),
            new RecordingHandler(),
            SystemMediaClock.get());
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(3000);
  }

  @AfterEach
  void stop() {
    socket.close();
    server.close();
  }

  @Test
  void badCseqGets400() throws Exception {
    assertThat(exchange(options("CSeq: notanumber OPTIONS"))).startsWith("SIP/2.0 400");
  }

  @Test
  void missingCallIdGets400OrIsDropped() throws Exception {
    String reply = exchange(options("X-Nothing: 1").replaceAll("Call-ID: [^\r]*\r\n", ""));
    assertThat(reply)
        .satisfiesAnyOf(r -> assertThat(r).startsWith("SIP/2.0 400"), r -> assertThat(r).isEmpty());
    // The server still answers a good request afterwards.
    assertThat(exchange(options("CSeq: 2 OPTIONS"))).startsWith("SIP/2.0 200");
  }

  @Test
  void binaryGarbageIsIgnoredAndTheServerStillAnswers() throws Exception {
    byte[] junk = new byte[200];
    new java.util.Random(7).nextBytes(junk);
    send(junk);
    assertThat(exchange(options("CSeq: 1 OPTIONS"))).startsWith("SIP/2.0 200");
  }

  private String options(String cseqLine) {
    int local = socket.getLocalPort();
    return "OPTIONS sip:4000@127.0.0.1:"
        + port
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:"
        + local
        + ";branch=z9hG4bK"
        + System.nanoTime()
        + "\r\n"
        + "From: <sip:probe@127.0.0.1:"
        + local
        + ">;tag=abc\r\n"
        + "To: <sip:4000@127.0.0.1>\r\n"
        + "Call-ID: probe-"
        + System.nanoTime()
        + "@127.0.0.1\r\n"
        + (cseqLine.startsWith("CSeq") ? cseqLine : "CSeq: 1 OPTIONS\r\n" + cseqLine)
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private String exchange(String request) throws Exception {
    send(request.getBytes(StandardCharsets.UTF_8));
    byte[] buf = new byte[4096];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
      return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      return "";
    }
  }

  private void send(byte[] data) throws Exception {
    socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
  }
}
