package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.sip.media.MediaConfig;
import dev.switchboard.sip.rtp.PortRange;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge as UAS against real sipp scenarios on 127.0.0.1. */
class SippIT {

  @TempDir Path dir;
  RecordingHandler handler;
  SipServer server;
  int port;

  @BeforeAll
  static void needsSipp() {
    assumeTrue(Sipp.available(), "sipp not installed (Debian package sip-tester)");
  }

  @BeforeEach
  void startServer() throws Exception {
    handler = new RecordingHandler();
    server = start(SipConfig.defaults("127.0.0.1", Sipp.freePort(), media()));
  }

  SipServer start(SipConfig config) {
    port = config.port();
    return SipServer.start(
        config.withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5)),
        handler,
        SystemMediaClock.get());
  }

  static MediaConfig media() {
    int base = 20_000 + 2 * ThreadLocalRandom.current().nextInt(15_000);
    return MediaConfig.defaults(InetAddress.getLoopbackAddress(), "127.0.0.1")
        .withPorts(new PortRange(base, base + 199));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void basicCallWithPcapAudioAndRfc4733DtmfThenCallerBye() throws Exception {
    Sipp.run(dir, "uac_pcap_dtmf_bye.xml", port, 20).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    assertThat(call.closed.get(5, TimeUnit.SECONDS)).contains("caller");
    assertThat(call.closedByCaller).isTrue();
    assertThat(call.info.to()).isEqualTo("4000");
    assertThat(call.info.from()).isEqualTo("+15551230001");
    assertThat(call.info.metadata())
        .containsEntry("x-customer-id", "42")
        .containsKey("p-asserted-identity");
    assertThat(call.receivedMillis()).isGreaterThan(2500);
    assertThat(call.levelDbfs()).as("caller audio level").isGreaterThan(-40);
    assertThat(call.digits.toString()).isEqualTo("1");
    assertThat(call.marks).containsExactly("greeting-end");
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void bridgeHangsUpWithBye() throws Exception {
    handler.script = call -> call.transport.hangUp("agent said goodbye");
    Sipp.run(dir, "uac_bridge_bye.xml", port, 15).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    assertThat(call.closed.get(5, TimeUnit.SECONDS)).isEqualTo("agent said goodbye");
    assertThat(call.closedByCaller).isFalse();
    assertThat(server.stats().byesSent.sum()).isEqualTo(1);
  }

  @Test
  void cancelWhileRingingGets487AndAbandonsThePrewarm() throws Exception {
    handler.prepare = info -> new CompletableFuture<>(); // backend never ready
    Sipp.run(dir, "uac_cancel.xml", port, 15).assertPassed();
    assertThat(handler.abandoned.get(5, TimeUnit.SECONDS)).contains("cancel");
    assertThat(handler.firstStarted).isNotDone();
    assertThat(server.stats().cancelled.sum()).isEqualTo(1);
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void backendNotReadyGets503WithRetryAfter() throws Exception {
    handler.prepare = info -> CompletableFuture.failedFuture(new IllegalStateException("down"));
    Sipp.await(Sipp.start(dir, "uac_rejected.xml", Map.of("STATUS", "503"), port, 15))
        .assertPassed();
    assertThat(handler.abandoned.get(5, TimeUnit.SECONDS)).contains("down");
  }

  @Test
  void reInviteHoldResumeAndUnsupportedCodec488KeepTheCall() throws Exception {
    Sipp.run(dir, "uac_reinvite.xml", port, 20).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    assertThat(call.closed.get(5, TimeUnit.SECONDS)).contains("caller");
    assertThat(server.stats().reInvites.sum()).isEqualTo(3);
    assertThat(server.stats().notAcceptable.sum()).isEqualTo(1);
    assertThat(server.stats().invites.sum()).as("re-INVITEs are not new calls").isEqualTo(1);
    assertThat(handler.calls).hasSize(1);
  }

  @Test
  void delayedOfferIsAnsweredInAck() throws Exception {
    Sipp.run(dir, "uac_delayed_offer.xml", port, 15).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    call.closed.get(5, TimeUnit.SECONDS);
    assertThat(call.transport.wireFormat().toString()).isEqualTo("pcma/8000");
    assertThat(handler.mediaReadyAtPrepare)
        .as("a delayed offer's call core is built and pre-warmed while ringing")
        .containsExactly(true);
    assertThat(call.levelDbfs()).as("pcap audio arrived").isGreaterThan(-40);
  }

  @Test
  void optionsProbe() throws Exception {
    Sipp.run(dir, "options.xml", port, 10).assertPassed();
    server.drain();
    Sipp.run(dir, "options_503.xml", port, 10).assertPassed();
    Sipp.await(Sipp.start(dir, "uac_rejected.xml", Map.of("STATUS", "503"), port, 10))
        .assertPassed();
  }

  @Test
  void malformedRequestsAreRejectedWithoutDisturbingACallInProgress() throws Exception {
    Sipp.Run call = Sipp.start(dir, "uac_basic.xml", Map.of(), port, 15);
    Sipp.run(dir, "malformed.xml", port, 10).assertPassed();
    Sipp.await(call).assertPassed();
    assertThat(server.stats().badRequests.sum()).isGreaterThanOrEqualTo(1);
    // 481 for the BYE outside any dialog comes from the JAIN-SIP dialog layer itself (sipp checks
    // it).
    assertThat(server.stats().methodNotAllowed.sum()).isEqualTo(1);
  }

  @Test
  void noCommonCodecGets488WithWarning() throws Exception {
    Sipp.run(dir, "uac_no_codec.xml", port, 10).assertPassed();
    assertThat(server.stats().notAcceptable.sum()).isEqualTo(1);
  }

  @Test
  void missingAckEndsTheCallWithBye() throws Exception {
    Sipp.run(dir, "uac_no_ack.xml", port, 20).assertPassed();
    assertThat(handler.abandoned.get(5, TimeUnit.SECONDS)).contains("ACK");
    assertThat(server.stats().ackTimeouts.sum()).isEqualTo(1);
  }

  @Test
  void dtmfBySipInfo() throws Exception {
    Sipp.run(dir, "uac_info_dtmf.xml", port, 15).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    call.closed.get(5, TimeUnit.SECONDS);
    assertThat(call.digits.toString()).isEqualTo("5#");
  }

  @Test
  void blindTransferByReferSucceedsAndHangsUp() throws Exception {
    handler.script =
        call -> call.transfer.complete(call.transport.transfer("sip:sales@127.0.0.1").join());
    Sipp.run(dir, "uac_refer_ok.xml", port, 20).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    TransferResult result = call.transfer.get(5, TimeUnit.SECONDS);
    assertThat(result.success()).isTrue();
    assertThat(result.detail()).contains("200");
    assertThat(call.closed.get(5, TimeUnit.SECONDS)).contains("transferred");
  }

  @Test
  void failedTransferKeepsTheCall() throws Exception {
    handler.script =
        call -> call.transfer.complete(call.transport.transfer("sip:sales@127.0.0.1").join());
    Sipp.run(dir, "uac_refer_busy.xml", port, 20).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    TransferResult result = call.transfer.get(5, TimeUnit.SECONDS);
    assertThat(result.success()).isFalse();
    assertThat(result.detail()).contains("486");
    assertThat(call.closed.get(5, TimeUnit.SECONDS)).contains("caller");
    assertThat(call.closedByCaller).isTrue();
  }

  @Test
  void sourceOutsideAllowlistGets403() throws Exception {
    server.close();
    handler = new RecordingHandler();
    server =
        start(
            SipConfig.defaults("127.0.0.1", Sipp.freePort(), media())
                .withAllowedSources(List.of("10.0.0.0/8")));
    Sipp.await(Sipp.start(dir, "uac_rejected.xml", Map.of("STATUS", "403"), port, 10))
        .assertPassed();
    assertThat(server.stats().forbidden.sum()).isEqualTo(1);
  }

  @Test
  void capacityReachedGets503() throws Exception {
    server.close();
    handler = new RecordingHandler();
    server = start(SipConfig.defaults("127.0.0.1", Sipp.freePort(), media()).withMaxCalls(1));
    Sipp.Run first = Sipp.start(dir, "uac_basic.xml", Map.of(), port, 15);
    handler.firstStarted.get(10, TimeUnit.SECONDS);
    Sipp.await(Sipp.start(dir, "uac_rejected.xml", Map.of("STATUS", "503"), port, 10))
        .assertPassed();
    Sipp.await(first).assertPassed();
  }

  @Test
  void twoConcurrentCallsStayIsolated() throws Exception {
    Sipp.Run one = Sipp.start(dir, "uac_pcap_dtmf_bye.xml", Map.of(), port, 20);
    Sipp.Run nine =
        Sipp.start(
            dir,
            "uac_pcap_dtmf_bye.xml",
            Map.of("dtmf_2833_1.pcap", "dtmf_2833_9.pcap", "+15551230001", "+15551230009"),
            port,
            20);
    Sipp.await(one).assertPassed();
    Sipp.await(nine).assertPassed();
    assertThat(handler.calls).hasSize(2);
    for (RecordingHandler.Call call : handler.calls.values()) {
      call.closed.get(5, TimeUnit.SECONDS);
      String expected = call.info.from().endsWith("9") ? "9" : "1";
      assertThat(call.digits.toString()).as("digits of %s", call.info.from()).isEqualTo(expected);
      assertThat(call.levelDbfs()).isGreaterThan(-40);
    }
  }

  @Test
  void basicCallOverTcp() throws Exception {
    Sipp.await(Sipp.start(dir, "uac_basic.xml", Map.of(), port, 15, "-t", "t1")).assertPassed();
    RecordingHandler.Call call = handler.firstStarted.get(5, TimeUnit.SECONDS);
    assertThat(call.closed.get(5, TimeUnit.SECONDS)).contains("caller");
    assertThat(call.info.metadata().get("sip.source")).startsWith("127.0.0.1:");
  }
}
