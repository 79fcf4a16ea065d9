package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.local.LocalBackend;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.server.metrics.Metrics;
import dev.switchboard.server.tools.VoicemailTool;
import dev.switchboard.testkit.FakeTransport;
import dev.switchboard.testkit.ManualClock;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled example flow with no key and no configuration: {@link CallRouter} → {@link
 * CallSession} → the embedded offline backend (real Sphinx4 and FreeTTS models) → {@link
 * FakeTransport} on a manual clock. The caller speaks espeak-ng utterances; the flow's own transfer
 * targets and the server's IVR tools do the rest.
 */
class OfflineCallRouterTest {

  private final ManualClock clock = new ManualClock();
  private final Metrics metrics = new Metrics(PriceTable.gptRealtime());
  private final List<String> voicemail = new CopyOnWriteArrayList<>();
  private final OfflineSteps steps = new OfflineSteps(clock);
  private final CallRouter router;

  OfflineCallRouterTest() {
    FlowRepository flows = FlowRepository.bundled();
    CallRegistry registry = new CallRegistry(flows, 5, Clock.systemUTC());
    OfflineBackends offline =
        OfflineBackends.of(
            new OfflineBackends.Models(SphinxRecognizer.shared(), FreeTtsSynthesizer.shared()),
            m -> cfg -> steps.observe(new LocalBackend(cfg, m.recognizer(), m.synthesizer())));
    VoicemailTool.Mailbox mailbox =
        new VoicemailTool.Mailbox() {
          @Override
          public void started(CallInfo call, String box, int maxSeconds) {
            voicemail.add("start " + box);
          }

          @Override
          public void stopped(CallInfo call, String box, long startMs, long endMs, boolean speech) {
            voicemail.add("stop " + box + " " + (endMs - startMs) + " ms speech=" + speech);
          }
        };
    router =
        new CallRouter(
            registry,
            new BackendFactory(Map.of(), Optional.empty(), offline),
            new CallConfigs(HttpClient.newHttpClient(), Map.of(), mailbox),
            metrics,
            clock,
            Clock.systemUTC(),
            Runnable::run,
            info -> List.of());
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void sayingSupportThenYesTransfersToTheFlowsSupportTarget() {
    short[] caller = SpeechFixtures.timeline(20);
    // "support" over the menu prompt (barge-in), "yes" after the confirmation question.
    SpeechFixtures.mix(caller, "u02-support.wav", 2.0);
    SpeechFixtures.mix(caller, "u28-yes.wav", 9.5);
    FakeTransport transport = new FakeTransport(clock, "ivr-1").callerSignal(caller);
    CallSession call = start(transport);

    steps.run(20, () -> !transport.transfers().isEmpty());

    assertThat(transport.transfers()).containsExactly("sip:support@localhost");
    assertThat(call.termination()).as("the call ended").isDone();
    assertThat(call.termination().join().result()).isEqualTo(Termination.Result.TRANSFERRED);
    // The greeting was spoken before the caller cut in: speech-level audio in the first 2 s.
    assertThat(SpeechFixtures.rmsDbfs(transport.heard(), 0, 2 * SpeechFixtures.RATE_HZ))
        .as("greeting energy")
        .isGreaterThan(-35);
    assertThat(transport.clears()).as("barge-in on the menu prompt").isGreaterThanOrEqualTo(1);
  }

  @Test
  void pressingThreeTakesAVoicemailEndedByHashThenSaysGoodbye() {
    short[] caller = SpeechFixtures.timeline(40);
    FakeTransport transport = new FakeTransport(clock, "ivr-2").callerSignal(caller);
    CallSession call = start(transport);

    steps.run(2, () -> false);
    transport.pressDigit('3');
    steps.run(10, () -> voicemail.contains("start general"));
    // Recording starts after the prompt and beep (about 4.5 s); the caller speaks after them, well
    // inside the 6 s a voicemail waits for a first word, then presses # a second after.
    double now = clock.nanoTime() / 1e9;
    SpeechFixtures.mix(caller, "u03-leave_a_message.wav", now + 6.5);
    steps.run(9, () -> false);
    transport.pressDigit('#');
    long hashNanos = clock.nanoTime();
    steps.run(14, () -> call.termination().isDone());
    // The IVR's goodbye (about 3.5 s) plays, then the call ends: not after the 15 s hang-up grace.
    assertThat(Duration.ofNanos(clock.nanoTime() - hashNanos)).isLessThan(Duration.ofSeconds(8));

    assertThat(voicemail).first().isEqualTo("start general");
    assertThat(voicemail).as("%s", voicemail).hasSize(2);
    assertThat(voicemail.get(1)).startsWith("stop general").endsWith("speech=true");
    assertThat(call.termination()).as("the call ended").isDone();
    assertThat(call.termination().join().result())
        .isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
    assertThat(transport.transfers()).isEmpty();
  }

  private CallSession start(FakeTransport transport) {
    Admission a = router.admit(transport.info());
    assertThat(a).isInstanceOf(Admission.Admitted.class);
    return router.start((Admission.Admitted) a, transport).orElseThrow();
  }
}
