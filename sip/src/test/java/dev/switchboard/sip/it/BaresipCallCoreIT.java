package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.sip.CallSessionHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.testkit.Tones;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * baresip as two human callers at once against the real call core (SIP edge → {@code CallSession} →
 * OpenAI backend → {@code FakeRealtimeServer}): each hears its own agent's tone, each agent hears
 * its own caller's espeak-ng speech, barge-in is measured on baresip's own files, DTMF reaches the
 * model, and the caller's hang-up closes the backend session.
 */
class BaresipCallCoreIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final int BARGE_INS = 6;

  /**
   * The bar is p50 ≤ 150 ms. Measured here on a shared, loaded 2-core machine over eight runs: p50
   * 60–180 ms (p95 60–360 ms); the {@code clearOnPause=false} baseline p50 60–200 ms, often nearly
   * constant within a run: on SIP the call core feeds the pacer just in time, so clearing it saves
   * little, and the figure is mostly baresip's 20 ms packets plus our uplink jitter buffer's delay
   * (40 ms, raised by late packets at call start and lowered one step per 5 s) plus load. Too close
   * to the bar to assert it here, so a looser bound catches regressions and the figures are
   * printed.
   */
  static final double ASSERTED_P50_MILLIS = 250;

  @TempDir Path dir;
  SipServer server;
  final List<AutoCloseable> closeLast = new ArrayList<>();

  @BeforeAll
  static void needsPeers() {
    assumeTrue(BaresipCaller.available(), "baresip (with aufile, sndfile, ctrl_tcp) not installed");
    assumeTrue(CallerAudio.available(), "espeak-ng or sox not installed");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    for (AutoCloseable c : closeLast.reversed()) {
      c.close();
    }
  }

  @Test
  void twoCallersEachHearOnlyTheirAgentBargeInPressKeysAndHangUp() throws Exception {
    short[] utterance = CallerAudio.speech(dir, "sorry", "Sorry, one moment please");
    // Onsets every 3 s, the two callers 1.5 s apart: the utterance (about 1.3 s), the fake's 500
    // ms end-of-speech silence and the next reply's start leave the agent talking again before
    // the next onset.
    Path micA = mic("mic-a.wav", utterance, 2.0);
    Path micB = mic("mic-b.wav", utterance, 3.5);
    // Caller A's agent clears the pacer at speech onset (the default); caller B's is the
    // baseline: clearOnPause=false lets the audio already queued at the pacer play out.
    BaresipAgent agentA = closing(new BaresipAgent(440, 20_000, BargeInPolicy.defaults()));
    BaresipAgent agentB =
        closing(new BaresipAgent(1000, 20_000, BargeInPolicy.defaults().withClearOnPause(false)));
    startServer(agentA, agentB);
    BaresipCaller callerA = closing(BaresipCaller.start(dir.resolve("a"), micA));
    BaresipCaller callerB = closing(BaresipCaller.start(dir.resolve("b"), micB));
    callerA.dial("sip:agent-a@127.0.0.1:" + server.config().port());
    callerB.dial("sip:agent-b@127.0.0.1:" + server.config().port());
    callerA.awaitEvent("CALL_ESTABLISHED", WAIT);
    callerB.awaitEvent("CALL_ESTABLISHED", WAIT);

    awaitBargeIns(agentA, BARGE_INS, Duration.ofSeconds(30));
    awaitBargeIns(agentB, BARGE_INS, Duration.ofSeconds(10));
    callerA.sendDigit('5');
    callerB.sendDigit('7');
    FakeConnection backendA = agentA.fake.awaitConnection(0, WAIT);
    FakeConnection backendB = agentB.fake.awaitConnection(0, WAIT);
    assertThat(modelText(backendA)).as("A's model").contains("'5'").doesNotContain("'7'");
    assertThat(modelText(backendB)).as("B's model").contains("'7'").doesNotContain("'5'");

    long hangUpNanos = System.nanoTime();
    callerA.hangUp();
    backendA.closedFuture().get(5, TimeUnit.SECONDS);
    long closedMillis = (System.nanoTime() - hangUpNanos) / 1_000_000;
    callerB.hangUp();
    backendB.closedFuture().get(5, TimeUnit.SECONDS);
    for (BaresipAgent agent : List.of(agentA, agentB)) {
      assertThat(agent.ended.get(5, TimeUnit.SECONDS).termination().result())
          .isEqualTo(Termination.Result.COMPLETED_CALLER_HANGUP);
    }
    callerA.awaitEvent("CALL_CLOSED", WAIT);
    callerB.awaitEvent("CALL_CLOSED", WAIT);
    assertThat(closedMillis).as("caller BYE -> backend WebSocket closed (ms)").isLessThan(2000);

    short[] heardA = callerA.heard();
    short[] heardB = callerB.heard();
    short[] sentA = callerA.sent();
    short[] sentB = callerB.sent();
    assertHearsOnly(heardA, 440, 1000);
    assertHearsOnly(heardB, 1000, 440);
    assertAgentHeardOnlyItsCaller(agentA, sentA, sentB, utterance.length / 8);
    assertAgentHeardOnlyItsCaller(agentB, sentB, sentA, utterance.length / 8);

    List<Double> bargeIn = bargeInMillis("A", sentA, heardA);
    List<Double> baseline = bargeInMillis("B", sentB, heardB);
    System.out.printf(
        "barge-in on baresip's files (speech onset in its enc dump -> agent silent in its dec"
            + " dump): p50=%.0f p95=%.0f ms %s; baseline clearOnPause=false: p50=%.0f p95=%.0f ms"
            + " %s; bridge onset->clear p50=%.0f ms; receive dump starts %d / %d ms after the send"
            + " dump; caller BYE -> backend closed %d ms%n",
        BargeInTimeline.percentile(bargeIn, 50),
        BargeInTimeline.percentile(bargeIn, 95),
        BargeInTimeline.millis(bargeIn),
        BargeInTimeline.percentile(baseline, 50),
        BargeInTimeline.percentile(baseline, 95),
        BargeInTimeline.millis(baseline),
        BargeInTimeline.percentile(decisionMillis(agentA), 50),
        (sentA.length - heardA.length) / 8,
        (sentB.length - heardB.length) / 8,
        closedMillis);
    assertThat(BargeInTimeline.percentile(bargeIn, 50))
        .as("barge-in p50 (ms) on what the caller heard (bar 150, asserted loosely)")
        .isLessThanOrEqualTo(ASSERTED_P50_MILLIS);
  }

  @Test
  void agentHangsUpWithTheToolAfterItsGoodbyeAndBaresipSeesTheBye() throws Exception {
    Path silentMic = dir.resolve("silence.wav");
    CallerAudio.write8k(silentMic, new short[30 * CallerAudio.RATE_HZ]);
    // The greeting is a hang_up call; the reply to its result, the goodbye, is 700 ms of 440 Hz.
    BaresipAgent agent =
        closing(
            new BaresipAgent(
                440,
                700,
                BargeInPolicy.defaults(),
                ScriptedResponse.functionCall("hang_up", "{\"reason\":\"caller is done\"}")));
    startServer(agent, agent);
    BaresipCaller caller = closing(BaresipCaller.start(dir.resolve("c"), silentMic));
    caller.dial("sip:agent-a@127.0.0.1:" + server.config().port());
    caller.awaitEvent("CALL_ESTABLISHED", WAIT);

    caller.awaitEvent("CALL_CLOSED", WAIT);
    assertThat(agent.ended.get(5, TimeUnit.SECONDS).termination().result())
        .isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
    agent.fake.awaitConnection(0, WAIT).closedFuture().get(5, TimeUnit.SECONDS);
    short[] heard = caller.heard();
    assertThat(toneDb(heard, 440))
        .as("the goodbye was heard before the BYE (dB)")
        .isGreaterThan(-20);
    int audible = 0;
    for (short v : heard) {
      audible += Math.abs(v) >= BargeInTimeline.SILENT ? 1 : 0;
    }
    assertThat(audible * 1000 / CallerAudio.RATE_HZ)
        .as("ms of the 700 ms goodbye heard")
        .isBetween(600, 800);
  }

  /**
   * Latency of each barge-in: from the speech onset in what baresip sent to the first 10 ms of
   * silence in what it received, the dumps aligned at their ends ({@link BargeInTimeline}).
   */
  private List<Double> bargeInMillis(String caller, short[] sent, short[] heard) {
    int skew = sent.length - heard.length;
    assertThat(skew)
        .as(
            "caller %s: the receive dump (%d samples) starts after the send dump (%d), by under 1 s",
            caller, heard.length, sent.length)
        .isBetween(0, CallerAudio.RATE_HZ);
    List<Integer> onsets = BargeInTimeline.onsets(sent, 500);
    assertThat(onsets)
        .as("caller %s speech onsets in what baresip sent", caller)
        .hasSize(BARGE_INS);
    List<Double> out = new ArrayList<>();
    for (int onset : onsets) {
      int stop = BargeInTimeline.agentStop(heard, onset - skew);
      assertThat(stop)
          .as(
              "caller %s: the agent was talking at the onset at sample %d (dumps: sent %d, heard"
                  + " %d samples; onsets %s)",
              caller, onset, sent.length, heard.length, onsets)
          .isPositive();
      out.add((stop + skew - onset) * 1000.0 / CallerAudio.RATE_HZ);
    }
    return out;
  }

  private static void assertHearsOnly(short[] heard, double ownHz, double otherHz) {
    double own = toneDb(heard, ownHz);
    double other = toneDb(heard, otherHz);
    assertThat(own)
        .as("own agent's %s Hz tone in what the caller heard (dB)", ownHz)
        .isGreaterThan(-30);
    assertThat(other)
        .as("other agent's %s Hz tone in what the caller heard (dB)", otherHz)
        .isLessThan(own - 30);
  }

  /**
   * The backend received its own caller's utterances and no one else's: {@link #BARGE_INS} bursts
   * of speech (the last may be cut by the hang-up), each no longer than one utterance, about 3 s
   * apart. The callers speak 1.5 s apart, so the other caller's audio would add bursts in between
   * or merge with these into longer ones. Bursts shorter than 300 ms are left out (blips of 20–60
   * ms show up about 0.5 s after each utterance); spacing and lengths allow for packets the uplink
   * jitter buffer drops when a loaded machine stalls it.
   */
  private static void assertAgentHeardOnlyItsCaller(
      BaresipAgent agent, short[] ownCaller, short[] otherCaller, int utteranceMillis) {
    short[] received24k = agent.receivedAudio24k();
    short[] received = new short[received24k.length / 3];
    for (int i = 0; i < received.length; i++) {
      received[i] = received24k[3 * i]; // 8 kHz is plenty to find where speech is
    }
    // Complete bursts only: the hang-up may cut the last utterance short.
    int end = received.length - CallerAudio.RATE_HZ / 2;
    List<int[]> bursts =
        BargeInTimeline.bursts(received, 500).stream()
            .filter(b -> b[1] - b[0] >= 2400 && b[1] < end)
            .toList();
    List<String> shown = bursts.stream().map(b -> b[0] / 8 + "+" + (b[1] - b[0]) / 8).toList();
    double[] envelope = Envelopes.of(received24k, 24_000);
    System.out.printf(
        "agent %.0f Hz: speech bursts at %s ms; loudness correlation with own caller %.2f, other"
            + " %.2f%n",
        agent.toneHz,
        shown,
        Envelopes.bestCorrelation(envelope, Envelopes.of(ownCaller, CallerAudio.RATE_HZ), 500),
        Envelopes.bestCorrelation(envelope, Envelopes.of(otherCaller, CallerAudio.RATE_HZ), 500));
    assertThat(bursts.size())
        .as("agent %s Hz: caller speech bursts received %s", agent.toneHz, shown)
        .isBetween(BARGE_INS - 1, BARGE_INS);
    for (int i = 0; i < bursts.size(); i++) {
      assertThat((bursts.get(i)[1] - bursts.get(i)[0]) / 8)
          .as("agent %s Hz: ms of burst %d of %s (one utterance)", agent.toneHz, i, shown)
          .isLessThanOrEqualTo(utteranceMillis + 200);
      if (i > 0) {
        assertThat((bursts.get(i)[0] - bursts.get(i - 1)[0]) / 8)
            .as("agent %s Hz: ms between received bursts %s", agent.toneHz, shown)
            .isBetween(2_000, 3_300);
      }
    }
  }

  private static List<Double> decisionMillis(BaresipAgent agent) {
    return agent.events.stream()
        .filter(e -> e instanceof CallEvent.BargeIn)
        .map(e -> ((CallEvent.BargeIn) e).decisionLatency().toNanos() / 1e6)
        .toList();
  }

  private Path mic(String name, short[] utterance, double firstOnsetSeconds) throws Exception {
    short[] mic = new short[30 * CallerAudio.RATE_HZ];
    for (int i = 0; i < BARGE_INS; i++) {
      int at = (int) Math.round((firstOnsetSeconds + 3.0 * i) * CallerAudio.RATE_HZ);
      System.arraycopy(utterance, 0, mic, at, utterance.length);
    }
    Path wav = dir.resolve(name);
    CallerAudio.write8k(wav, mic);
    return wav;
  }

  private void startServer(BaresipAgent a, BaresipAgent b) throws Exception {
    CallSessionHandler handler =
        new CallSessionHandler(call -> (call.info().to().contains("agent-a") ? a : b).session());
    server =
        SipServer.start(
            SipConfig.defaults("127.0.0.1", Sipp.freePort(), SippIT.media()),
            handler,
            SystemMediaClock.get());
  }

  private static void awaitBargeIns(BaresipAgent agent, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (bargeIns(agent) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "agent " + agent.toneHz + " Hz: " + bargeIns(agent) + " barge-ins, expected " + count);
      }
      Thread.sleep(50); // bounded poll while real processes talk in real time
    }
  }

  private static long bargeIns(BaresipAgent agent) {
    return agent.events.stream().filter(e -> e instanceof CallEvent.BargeIn).count();
  }

  private static String modelText(FakeConnection c) {
    return c.received().await("conversation.item.create", WAIT).toString();
  }

  private <T extends AutoCloseable> T closing(T c) {
    closeLast.add(c);
    return c;
  }

  /** Strongest {@code hz} over half-second windows (dB relative to a full-scale sine). */
  static double toneDb(short[] s, double hz) {
    int window = CallerAudio.RATE_HZ / 2;
    double best = -150;
    for (int off = 0; off + window <= s.length; off += window) {
      best = Math.max(best, Tones.goertzelDb(s, off, window, hz, CallerAudio.RATE_HZ));
    }
    return best;
  }
}
