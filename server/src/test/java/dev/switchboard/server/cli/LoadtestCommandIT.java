package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.Main;
import dev.switchboard.twilio.TwilioServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard loadtest twilio} end to end: 3 simulated callers for 3 s against a real
 * load-test node on loopback whose backend is the command's fake OpenAI server.
 */
class LoadtestCommandIT {

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static long number(String report, String regex) {
    Matcher m = Pattern.compile(regex).matcher(report);
    assertThat(m.find()).as("report line /%s/ in:%n%s", regex, report).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void reportsMediaBothWaysWithoutUnderruns() throws Exception {
    int port = freePort();
    int fakePort = freePort();
    try (TwilioServer node =
        TwilioServer.loadTestNode(
            "127.0.0.1",
            port,
            "it-token",
            "ws://127.0.0.1:" + fakePort + "/v1/realtime",
            "sk-it",
            10,
            1)) {
      PrintStream oldOut = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code;
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        code =
            Main.run(
                "loadtest",
                "twilio",
                "--calls",
                "3",
                "--duration",
                "3",
                "--warm-up",
                "3",
                "--url",
                "http://127.0.0.1:" + node.port(),
                "--token",
                "it-token",
                "--fake-port",
                String.valueOf(fakePort),
                "--fake-key",
                "sk-it");
      } finally {
        System.setOut(oldOut);
      }
      String report = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(report).isZero();
      // 3 callers x 3 s of 20 ms frames = 450 appends; allow for ramp and scheduling slack.
      assertThat(number(report, "uplink transit .*?n=(\\d+)")).as(report).isGreaterThan(300);
      // Each caller's 5 s cycle has its answer start within any 3 s window only sometimes, but
      // the agent frames of 3 calls over 6 s (warm-up + measured) never add up to nothing.
      assertThat(number(report, "underrun ticks: \\d+ of (\\d+) agent frames"))
          .as(report)
          .isPositive();
      assertThat(number(report, "underrun ticks: (\\d+)")).as(report).isZero();
      assertThat(number(report, "calls closed before the end: (\\d+)")).as(report).isZero();
      Matcher p50 = Pattern.compile("uplink transit .*?p50=([0-9.]+) ms").matcher(report);
      assertThat(p50.find()).isTrue();
      assertThat(Double.parseDouble(p50.group(1))).as(report).isBetween(0.0, 1000.0);
    }
  }
}
