package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow's {@code transferMode: bridge} reaches the SIP edge: {@code serve} with a flows
 * directory, a sipp caller presses 0 (the flow's DTMF transfer), the bridge dials a sipp UAS
 * "human" on an outbound leg, and when the human hangs up the caller gets our BYE. The bridged call
 * keeps its capacity slot until the bridge ends. Outbound-leg metrics are on {@code /metrics}.
 */
class SipBridgeServeIT {

  @TempDir Path dir;
  private Application app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void dtmfTransferInABridgeFlowDialsTheHumanAndTheirByeEndsTheCall() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sipp")), "sipp not installed (sip-tester)");
    int humanPort = freePort();
    Path flows = Files.createDirectories(dir.resolve("flows"));
    Files.writeString(
        flows.resolve("desk.yaml"),
        """
        name: desk
        answers: {default: true}
        greeting: {mode: agent_first, instructions: Greet the caller.}
        transfers:
          human: sip:human@127.0.0.1:%d
        transferMode: bridge
        dtmf:
          "0": {action: transfer, target: human}
        """
            .formatted(humanPort));
    ServerConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_PORT", "0",
                "SWITCHBOARD_FLOWS_DIR", flows.toString(),
                "SWITCHBOARD_RECORDINGS_DIR", dir.resolve("rec").toString()));
    app = Application.start(config, Map.of(), null);
    app.ready().get(60, TimeUnit.SECONDS);
    int sipPort = app.sip().config().port();

    Process human =
        sipp("uas_answer_bye.xml", Map.of("HOLD_MS", "2000"), humanPort, null, "-rtp_echo");
    Process caller = sipp("uac_dtmf_transfer.xml", Map.of(), freePort(), sipPort);

    // While the bridge relays caller and human, the agent's session is over (transferred) but the
    // call still holds its capacity slot: its RTP legs are still ours.
    Await.until(
        "the bridge is up and the agent's session has ended",
        Duration.ofSeconds(20),
        () -> app.sip().stats().bridgesActive.sum() == 1 && app.calls().active().isEmpty());
    assertThat(app.calls().inUse()).as("a bridged call keeps its slot").isEqualTo(1);

    assertThat(human.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(human.exitValue())
        .as("the human was dialled, answered and hung up: %s", log("uas_answer_bye"))
        .isZero();
    assertThat(caller.waitFor(40, TimeUnit.SECONDS)).isTrue();
    assertThat(caller.exitValue())
        .as("the caller got our BYE after the human's: %s", log("uac_dtmf_transfer"))
        .isZero();
    Await.until(
        "the slot is given back once the bridge ended",
        Duration.ofSeconds(20),
        () -> app.calls().inUse() == 0);
    assertThat(app.sip().stats().outboundAnswered.sum()).isEqualTo(1);
    assertThat(app.sip().stats().transfersSucceeded.sum()).isEqualTo(1);
    assertThat(app.metrics().scrape())
        .contains("switchboard_sip_outbound_attempts_total 1.0")
        .contains("switchboard_sip_outbound_answered_total 1.0");
  }

  private Process sipp(
      String scenario,
      Map<String, String> replace,
      int localPort,
      Integer remotePort,
      String... extra)
      throws IOException {
    String text;
    try (var in = SipBridgeServeIT.class.getResourceAsStream("/sipp/" + scenario)) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    for (Map.Entry<String, String> e : replace.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    String name = scenario.replace(".xml", "");
    Path file = dir.resolve(scenario);
    Files.writeString(file, text, StandardCharsets.ISO_8859_1);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sipp",
                "-sf",
                file.toString(),
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(localPort),
                "-mp",
                Integer.toString(freePort() & ~1),
                "-m",
                "1",
                "-timeout",
                "30s",
                "-timeout_error",
                "-nostdin",
                "-trace_err",
                "-error_file",
                dir.resolve(name + ".errors.log").toString()));
    cmd.addAll(List.of(extra));
    if (remotePort != null) {
      cmd.add("127.0.0.1:" + remotePort);
    }
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .start();
  }

  private String log(String name) throws IOException {
    Path errors = dir.resolve(name + ".errors.log");
    return Files.exists(errors) ? Files.readString(errors) : "";
  }

  private static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
