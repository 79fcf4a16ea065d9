package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.sip.OutboundConfig;
import dev.switchboard.sip.SipCallHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.sip.TransferMode;
import dev.switchboard.sip.it.CallerPhone.Heard;
import dev.switchboard.sip.ua.SipCall;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.PcmFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transfer to a human by bridging, against real peers: a sipp caller whose RTP is a {@link
 * CallerPhone} socket, an "agent" handler playing a 1 kHz tone, and a sipp UAS as the human on the
 * bridge's outbound leg. Audio is checked by content: the caller's 700 Hz tone must come back
 * through the human's RTP echo once bridged, and the agent's tone must go on when a transfer fails.
 */
class BridgeTransferIT {

  static final double AGENT_HZ = 1000;
  static final double CALLER_HZ = 700;
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  final Agent agent = new Agent();
  SipServer server;
  CallerPhone phone;

  @BeforeEach
  void requireSipp() throws Exception {
    assumeTrue(Sipp.available(), "sipp not installed (Debian package sip-tester)");
    phone = new CallerPhone(AGENT_HZ, CALLER_HZ);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (phone != null) {
      phone.close();
    }
  }

  @Test
  void answeredHumanIsBridgedBothWaysAndTheirByeEndsTheCaller() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human =
        Sipp.startUas(
            dir, "uas_answer_bye.xml", Map.of("HOLD_MS", "3000"), humanPort, 30, "-rtp_echo");
    start(OutboundConfig.defaults());
    bridgeUntilTheHumanHangsUp("sip:human@127.0.0.1:" + humanPort, human, callIn());
  }

  /**
   * A target whose URI says {@code ;transport=tcp} is dialled over TCP: sipp listens on TCP only
   * ({@code -t t1}), so the INVITE, our ACK and BYE handling, and the bridge all prove the leg ran
   * over it.
   */
  @Test
  void aTcpTargetIsDialledOverTcpAndBridged() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human =
        Sipp.startUas(
            dir,
            "uas_answer_bye.xml",
            // Our Contact must name TCP (the scenario fails otherwise) and so must the human's,
            // so the in-dialog requests both ways stay on it.
            Map.of(
                "HOLD_MS",
                "3000",
                "[local_port]>",
                "[local_port];transport=tcp>",
                "regexp=\"sip:[^>]*\"",
                "regexp=\"sip:[^>]*;transport=tcp\""),
            humanPort,
            30,
            "-rtp_echo",
            "-t",
            "t1");
    start(OutboundConfig.defaults());
    bridgeUntilTheHumanHangsUp(
        "sip:human@127.0.0.1:" + humanPort + ";transport=tcp", human, callIn());
  }

  @Test
  void aTargetOnATransportWeDoNotListenOnFailsTheTransferAtOnce() throws Exception {
    SipConfig udpOnly =
        SipConfig.defaults("127.0.0.1", Sipp.freePort(), SippIT.media())
            .withOutbound(OutboundConfig.defaults())
            .withTransports(java.util.List.of("udp"));
    server = SipServer.start(udpOnly, agent, SystemMediaClock.get());
    Sipp.Run caller = callIn();

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:5099;transport=tcp")
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).isFalse();
    assertThat(result.detail()).contains("needs tcp, which sip.transports does not enable");
    assertAgentCarriesOn(call);
    Sipp.await(caller).assertPassed();
  }

  @Test
  void callerByeEndsTheHumansLegToo() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human =
        Sipp.startUas(dir, "uas_answer_wait_bye.xml", Map.of(), humanPort, 30, "-rtp_echo");
    start(OutboundConfig.defaults());
    Sipp.Run caller =
        Sipp.start(
            dir,
            "uac_bridged_caller_bye.xml",
            Map.of("CALLER_RTP_PORT", Integer.toString(phone.port()), "HANGUP_MS", "3000"),
            server.config().port(),
            30);

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:" + humanPort).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).as("transfer result %s", result).isTrue();
    call.hangUp("transferred to human");
    int bridgedAt = phone.heard().size();
    assertThat(phone.exchangeUntil(p -> p.count(Heard.HUMAN, bridgedAt) >= 25, WAIT)).isTrue();

    // The caller's BYE is answered and passed on: the human's scenario waits for our BYE.
    Sipp.await(caller).assertPassed();
    Sipp.await(human).assertPassed();
    assertThat(agent.listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo("caller hung up");
    assertThat(server.stats().bridgesActive.sum()).isZero();
  }

  @Test
  void busyHumanFailsTheTransferAndTheAgentCarriesOn() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human = Sipp.startUas(dir, "uas_reject.xml", Map.of("STATUS", "486"), humanPort, 20);
    start(OutboundConfig.defaults());
    Sipp.Run caller = callIn();

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:" + humanPort).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).isFalse();
    assertThat(result.detail()).contains("486");

    assertAgentCarriesOn(call);
    Sipp.await(human).assertPassed();
    Sipp.await(caller).assertPassed();
    assertThat(server.stats().outboundFailuresByStatus()).containsEntry(486, 1L);
  }

  @Test
  void unansweredHumanIsCancelledAfterTheRingTimeout() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human = Sipp.startUas(dir, "uas_no_answer.xml", Map.of(), humanPort, 20);
    start(OutboundConfig.defaults().withRingTimeout(Duration.ofSeconds(2)));
    Sipp.Run caller = callIn();

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:" + humanPort).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).isFalse();
    assertThat(result.detail()).contains("no answer within 2 s");

    // The human's scenario passes only if it got our CANCEL and our ACK for its 487.
    Sipp.await(human).assertPassed();
    assertAgentCarriesOn(call);
    Sipp.await(caller).assertPassed();
    assertThat(server.stats().outboundFailuresByStatus()).containsEntry(408, 1L);
    assertThat(server.stats().outboundCancelled.sum()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 407})
  void trunkChallengeIsAnsweredWithDigestCredentialsAndNumbersGoThroughTheTrunk(int challenge)
      throws Exception {
    boolean proxy = challenge == 407;
    String authHeader = proxy ? "Proxy-Authorization" : "Authorization";
    int trunkPort = Sipp.freePort();
    Sipp.Run trunk =
        Sipp.startUas(
            dir,
            "uas_auth_answer_bye.xml",
            Map.of(
                "CHALLENGE_STATUS",
                Integer.toString(challenge),
                "CHALLENGE_HEADER",
                proxy ? "Proxy-Authenticate" : "WWW-Authenticate",
                "AUTH_HEADER",
                authHeader,
                "CHECK",
                proxy
                    ? "<ereg regexp=\"response=.[0-9a-f]{32}.\" search_in=\"hdr\""
                        + " header=\"Proxy-Authorization:\" assign_to=\"authvalid\"/>"
                    : "<verifyauth assign_to=\"authvalid\" username=\"bridge\""
                        + " password=\"s3cret\"/>",
                "AUTH_USER",
                "bridge"),
            trunkPort,
            20,
            "-rtp_echo");
    start(
        OutboundConfig.defaults()
            .withProxy("sip:127.0.0.1:" + trunkPort)
            .withCredentials("bridge", "s3cret"));
    Sipp.Run caller = callIn();

    CallTransport call = agentTalks();
    TransferResult result = call.transfer("+15550001").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).as("transfer result %s", result).isTrue();
    call.hangUp("transferred to human");

    Sipp.await(trunk).assertPassed();
    Sipp.await(caller).assertPassed();
    assertThat(server.stats().outboundAuthRetries.sum()).isEqualTo(1);
    assertThat(server.stats().outboundAnswered.sum()).isEqualTo(1);
  }

  @Test
  void referRefusedByTheCallersSideFallsBackToBridging() throws Exception {
    agent.mode = TransferMode.REFER_THEN_BRIDGE;
    int humanPort = Sipp.freePort();
    Sipp.Run human =
        Sipp.startUas(
            dir, "uas_answer_bye.xml", Map.of("HOLD_MS", "1500"), humanPort, 30, "-rtp_echo");
    start(OutboundConfig.defaults());
    Sipp.Run caller = callIn("uac_refuses_refer.xml");

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:" + humanPort).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).as("transfer result %s", result).isTrue();
    assertThat(result.detail()).contains("bridged");
    call.hangUp("transferred to human");

    int bridgedAt = phone.heard().size();
    assertThat(phone.exchangeUntil(p -> p.count(Heard.HUMAN, bridgedAt) >= 25, WAIT))
        .as("bridged after the refused REFER: %s", phone.heard())
        .isTrue();
    Sipp.await(human).assertPassed();
    Sipp.await(caller).assertPassed();
    assertThat(server.stats().outboundAnswered.sum()).isEqualTo(1);
  }

  @Test
  void anAnswerRacingOurCancelIsAckedAndHungUp() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human = Sipp.startUas(dir, "uas_answer_after_cancel.xml", Map.of(), humanPort, 20);
    start(OutboundConfig.defaults().withRingTimeout(Duration.ofSeconds(1)));
    Sipp.Run caller = callIn();

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:" + humanPort).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).isFalse();
    // The human's scenario passes only if its late 200 OK got our ACK and then our BYE.
    Sipp.await(human).assertPassed();
    assertAgentCarriesOn(call);
    Sipp.await(caller).assertPassed();
    assertThat(server.stats().outboundAnswered.sum()).as("never bridged").isZero();
  }

  @Test
  void theHumanPutsTheBridgeOnHoldWithAReInvite() throws Exception {
    int humanPort = Sipp.freePort();
    Sipp.Run human =
        Sipp.startUas(dir, "uas_answer_hold_bye.xml", Map.of(), humanPort, 20, "-rtp_echo");
    start(OutboundConfig.defaults());
    Sipp.Run caller = callIn();

    CallTransport call = agentTalks();
    TransferResult result =
        call.transfer("sip:human@127.0.0.1:" + humanPort).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).as("transfer result %s", result).isTrue();
    call.hangUp("transferred to human");

    // The human's scenario checks our 200 OK answers its sendonly offer with recvonly.
    Sipp.await(human).assertPassed();
    Sipp.await(caller).assertPassed();
    assertThat(server.stats().reInvites.sum()).isEqualTo(1);
  }

  // ---- helpers ----

  /**
   * Transfers to {@code target} (a sipp human answering with {@code uas_answer_bye.xml} and {@code
   * -rtp_echo}) and checks the bridge both ways until the human's BYE ends the caller.
   */
  private void bridgeUntilTheHumanHangsUp(String target, Sipp.Run human, Sipp.Run caller)
      throws Exception {
    CallTransport call = agentTalks();
    TransferResult result = call.transfer(target).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.success()).as("transfer result %s", result).isTrue();
    // What the call core does on success: end its session, which hangs up its transport. The
    // bridge must survive it.
    call.hangUp("transferred to human");

    int bridgedAt = phone.heard().size();
    assertThat(phone.exchangeUntil(p -> p.count(Heard.HUMAN, bridgedAt) >= 50, WAIT))
        .as("the caller's tone comes back through the human's echo: %s", phone.heard())
        .isTrue();
    assertThat(phone.count(Heard.AGENT, bridgedAt + 5)).as("no agent audio once bridged").isZero();
    // The human hangs up: their BYE ends the caller's leg (the caller scenario waits for BYE).
    phone.exchangeUntil(p -> false, Duration.ofSeconds(1));
    Sipp.await(human).assertPassed();
    Sipp.await(caller).assertPassed();
    assertThat(agent.listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo("transfer target hung up");
    assertThat(server.activeCalls()).isZero();
    assertThat(server.stats().outboundAnswered.sum()).isEqualTo(1);
    assertThat(server.stats().bridgesActive.sum()).isZero();
    assertThat(server.stats().transfersSucceeded.sum()).isEqualTo(1);
  }

  private void assertAgentCarriesOn(CallTransport call) throws Exception {
    int failedAt = phone.heard().size();
    assertThat(phone.exchangeUntil(p -> p.count(Heard.AGENT, failedAt) >= 25, WAIT))
        .as("the agent's audio goes on after the failed transfer: %s", phone.heard())
        .isTrue();
    call.hangUp("agent says goodbye");
  }

  private void start(OutboundConfig outbound) throws Exception {
    SipConfig config =
        SipConfig.defaults("127.0.0.1", Sipp.freePort(), SippIT.media()).withOutbound(outbound);
    server = SipServer.start(config, agent, SystemMediaClock.get());
  }

  private Sipp.Run callIn() throws Exception {
    return callIn("uac_bridged_caller.xml");
  }

  private Sipp.Run callIn(String scenario) throws Exception {
    return Sipp.start(
        dir,
        scenario,
        Map.of("CALLER_RTP_PORT", Integer.toString(phone.port())),
        server.config().port(),
        30);
  }

  /** The call is up and the caller hears the agent; returns the agent's transport. */
  private CallTransport agentTalks() throws Exception {
    CallTransport call = agent.started.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(phone.exchangeUntil(p -> p.count(Heard.AGENT, 0) >= 10, WAIT))
        .as("the caller hears the agent: %s", phone.heard())
        .isTrue();
    return call;
  }

  /** Plays a steady tone as the agent and transfers by bridging. */
  static final class Agent implements SipCallHandler {
    final CompletableFuture<CallTransport> started = new CompletableFuture<>();
    final RecordingHandler.Call listener = new RecordingHandler.Call(null);
    volatile TransferMode mode = TransferMode.BRIDGE;

    @Override
    public CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady) {
      ((SipCall) call).transferMode(mode);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void start(CallTransport transport) {
      transport.start(listener);
      int rate = transport.playback().sampleRateHz();
      transport.playback().write(new PcmFrame(Tones.steady(AGENT_HZ, 20, rate), rate));
      started.complete(transport);
    }
  }
}
