package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.transcoding.g711.G711;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with no configuration on free ports: sipp calls the SIP edge, the bundled example
 * flow answers on the embedded offline backend (200 OK once the session is pre-warmed), the
 * greeting comes back as PCMU RTP to a socket this test owns (the SDP points there), and the
 * caller's BYE ends the call and frees its slot.
 */
class SipServeIT {

  @TempDir Path dir;
  private Application app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void sippCallGets200AndTheGreetingOverRtpThenByeEndsIt() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sipp")), "sipp not installed (sip-tester)");
    ServerConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_PORT", "0",
                "SWITCHBOARD_RECORDINGS_DIR", dir.resolve("recordings").toString()));
    app = Application.start(config, Map.of(), null);
    app.ready().get(60, TimeUnit.SECONDS);
    int sipPort = app.sip().config().port();
    assertThat(app.summary()).contains("SIP         udp+tcp 127.0.0.1:" + sipPort);

    List<byte[]> packets = new ArrayList<>();
    java.util.concurrent.CompletableFuture<dev.switchboard.bridge.call.Termination> ended = null;
    try (DatagramSocket rtp =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      rtp.setSoTimeout(200);
      String scenario = readScenario().replace("RTP_PORT", Integer.toString(rtp.getLocalPort()));
      Path file = dir.resolve("uac_example_call.xml");
      Files.writeString(file, scenario, java.nio.charset.StandardCharsets.ISO_8859_1);
      Process sipp =
          new ProcessBuilder(
                  "sipp",
                  "-sf",
                  file.toString(),
                  "-i",
                  "127.0.0.1",
                  "-p",
                  "0",
                  "-m",
                  "1",
                  "-timeout",
                  "20s",
                  "-timeout_error",
                  "-nostdin",
                  "-trace_err",
                  "-error_file",
                  dir.resolve("errors.log").toString(),
                  "127.0.0.1:" + sipPort)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sipp.out").toFile())
              .start();
      byte[] buf = new byte[2048];
      while (sipp.isAlive()) {
        if (ended == null && !app.calls().active().isEmpty()) {
          ended = app.calls().active().iterator().next().session().termination();
        }
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          rtp.receive(p);
          packets.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        } catch (SocketTimeoutException e) {
          // check whether sipp is done
        }
      }
      assertThat(sipp.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(sipp.exitValue())
          .as("sipp (200 OK, ACK, BYE answered): %s", Files.readString(dir.resolve("sipp.out")))
          .isZero();
    }

    short[] heard = pcmuPayloads(packets);
    int loud = VoiceCheck.loudFrames(heard, -40);
    double spread = VoiceCheck.levelSpreadDb(heard, -60);
    System.out.printf(
        "SipServeIT: %d RTP packets, greeting %d frames at speech level, spread %.1f dB%n",
        packets.size(), loud, spread);
    assertThat(packets.size()).as("RTP packets in 4 s of call").isGreaterThan(100);
    assertThat(loud).as("20 ms frames of greeting above -40 dBFS").isGreaterThan(25);
    assertThat(spread).as("speech level varies (not a tone, not noise)").isGreaterThan(6);
    assertThat(ended).as("the call was registered while it ran").isNotNull();
    assertThat(ended.get(10, TimeUnit.SECONDS).result())
        .as("the caller's BYE ended the call")
        .isEqualTo(dev.switchboard.bridge.call.Termination.Result.COMPLETED_CALLER_HANGUP);
    assertThat(app.calls().inUse()).as("the call's slot is free").isZero();
  }

  /** PCMU payloads of RTP packets (RFC 3550 §5.1 header, RFC 3551 payload type 0), in order. */
  private static short[] pcmuPayloads(List<byte[]> packets) {
    ByteArrayOutputStream mulaw = new ByteArrayOutputStream();
    for (byte[] p : packets) {
      if (p.length < 12 || (p[0] & 0xC0) != 0x80 || (p[1] & 0x7F) != 0) {
        continue; // not RTP version 2 PCMU (RTCP, telephone-event)
      }
      int header = 12 + 4 * (p[0] & 0x0F);
      if ((p[0] & 0x10) != 0) {
        header += 4 + 4 * (((p[header + 2] & 0xFF) << 8) | (p[header + 3] & 0xFF));
      }
      mulaw.write(p, header, p.length - header);
    }
    byte[] codes = mulaw.toByteArray();
    short[] pcm = new short[codes.length];
    G711.decodeUlaw(codes, 0, pcm, 0, codes.length);
    return pcm;
  }

  private static String readScenario() throws Exception {
    try (var in = SipServeIT.class.getResourceAsStream("/sipp/uac_example_call.xml")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
