package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.server.metrics.Metrics;
import dev.switchboard.testkit.FakeTransport;
import dev.switchboard.testkit.ManualClock;
import dev.switchboard.testkit.ScriptedBackend;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admission, capacity, drain, DTMF rules and call metrics, on a manual clock with test doubles. */
class CallRouterTest {

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock();
  private final ScriptedBackend backend = new ScriptedBackend(clock);
  private final Metrics metrics = new Metrics(PriceTable.gptRealtime());
  private CallRegistry registry;
  private CallRouter router;

  @AfterEach
  void close() {
    metrics.close();
  }

  private void setUp(int maxCalls, String flowYaml, boolean backendAvailable) throws Exception {
    Files.writeString(dir.resolve("desk.yaml"), flowYaml);
    FlowRepository flows = FlowRepository.ofDirectory(dir);
    registry = new CallRegistry(flows, maxCalls, Clock.systemUTC());
    metrics.activeCalls(registry::inUse);
    BackendFactory backends =
        new BackendFactory(
            backendAvailable ? Map.of("openai", backend) : Map.of(), Optional.empty());
    router =
        new CallRouter(
            registry,
            backends,
            new CallConfigs(HttpClient.newHttpClient(), Map.of()),
            metrics,
            clock,
            Clock.systemUTC(),
            Runnable::run,
            info -> List.of());
  }

  private static final String DESK =
      """
      answers: {default: true}
      backend: {type: openai}
      transfers: {human: "sip:desk@pbx"}
      dtmf:
        "0": {action: transfer, target: human}
        "#": {action: hangup}
      """;

  private static CallInfo call(String id) {
    return new CallInfo(id, "sip", "sip-" + id, "+15550000001", "sip:desk@switchboard", Map.of());
  }

  private CallSession startCall(String id, FakeTransport transport) {
    Admission a = router.admit(call(id));
    assertThat(a).isInstanceOf(Admission.Admitted.class);
    return router.start((Admission.Admitted) a, transport).orElseThrow();
  }

  @Test
  void callsBeyondTheLimitAreRefusedWith503AndTheSlotComesBackWhenACallEnds() throws Exception {
    setUp(1, DESK, true);
    FakeTransport first = new FakeTransport(clock, "c1");
    CallSession s = startCall("c1", first);
    clock.advance(Duration.ofMillis(500));

    Admission second = router.admit(call("c2"));
    assertThat(second)
        .isEqualTo(
            new Admission.Rejected(
                Admission.Reason.AT_CAPACITY, 503, "at capacity (1 concurrent calls)"));

    first.callerHangsUp();
    clock.advance(Duration.ofSeconds(3));
    assertThat(s.termination())
        .isCompletedWithValueMatching(
            t -> t.result() == Termination.Result.COMPLETED_CALLER_HANGUP);
    assertThat(router.admit(call("c3"))).isInstanceOf(Admission.Admitted.class);
    assertThat(metrics.scrape())
        .contains("switchboard_calls_rejected_total{reason=\"at_capacity\",transport=\"sip\"} 1.0")
        .contains("switchboard_calls_total{flow=\"desk\",result=\"completed_caller_hangup\"} 1.0")
        .contains("switchboard_call_setup_seconds_bucket");
  }

  @Test
  void drainRefusesNewCallsWhileTheActiveCallFinishes() throws Exception {
    setUp(5, DESK, true);
    FakeTransport active = new FakeTransport(clock, "c1");
    CallSession s = startCall("c1", active);
    clock.advance(Duration.ofMillis(500));

    registry.startDrain();
    assertThat(router.admit(call("c2")))
        .isInstanceOfSatisfying(
            Admission.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(Admission.Reason.DRAINING);
              assertThat(r.sipStatus()).isEqualTo(503);
            });
    assertThat(s.termination()).as("the active call goes on").isNotDone();

    active.callerHangsUp();
    clock.advance(Duration.ofSeconds(3));
    assertThat(registry.drain(Duration.ofSeconds(1))).as("nothing left to end").isZero();
    assertThat(s.termination().join().result())
        .isEqualTo(Termination.Result.COMPLETED_CALLER_HANGUP);
  }

  @Test
  void callsStillActiveAtTheDrainDeadlineEndAsDrained() throws Exception {
    setUp(5, DESK, true);
    FakeTransport active = new FakeTransport(clock, "c1");
    CallSession s = startCall("c1", active);
    clock.advance(Duration.ofMillis(500));

    // The session's teardown steps run on the manual clock; advance it from another thread while
    // drain() waits (bounded: drain gives up after its own timeouts).
    Thread ticker =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!s.termination().isDone()) {
                    clock.advance(Duration.ofMillis(20));
                    Thread.onSpinWait();
                  }
                });
    assertThat(registry.drain(Duration.ofMillis(50))).isEqualTo(1);
    ticker.join(Duration.ofSeconds(5));
    assertThat(s.termination().join().result()).isEqualTo(Termination.Result.DRAINED);
    assertThat(active.hangUps()).isNotEmpty();
  }

  @Test
  void withoutItsBackendAFlowWithApologyFallbackIsRefusedBeforeAnswering() throws Exception {
    setUp(5, "answers: {default: true}\nbackend: {type: openai}\n", false);
    assertThat(router.admit(call("c1")))
        .isInstanceOfSatisfying(
            Admission.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(Admission.Reason.BACKEND_UNAVAILABLE);
              assertThat(r.detail()).contains("OPENAI_API_KEY is not set");
            });
    assertThat(registry.inUse()).isZero();
  }

  @Test
  void withoutItsBackendAFlowWithTransferFallbackHandsTheCallerOver() throws Exception {
    setUp(5, DESK + "fallback: {action: transfer, target: human}\n", false);
    FakeTransport t = new FakeTransport(clock, "c1");
    Admission a = router.admit(call("c1"));
    assertThat(router.start((Admission.Admitted) a, t)).isEmpty();
    assertThat(t.transfers()).containsExactly("sip:desk@pbx");
    assertThat(registry.inUse()).isZero();
  }

  @Test
  void dtmfRulesTransferAndHangUp() throws Exception {
    setUp(5, DESK, true);
    FakeTransport t =
        new FakeTransport(clock, "c1").transferOutcome(x -> new TransferResult(true, "202"));
    CallSession s = startCall("c1", t);
    clock.advance(Duration.ofMillis(500));
    t.pressDigit('0');
    clock.advance(Duration.ofSeconds(3));
    assertThat(t.transfers()).containsExactly("sip:desk@pbx");
    assertThat(s.termination()).isDone();
    assertThat(s.termination().join().result()).isEqualTo(Termination.Result.TRANSFERRED);

    FakeTransport t2 = new FakeTransport(clock, "c2");
    CallSession s2 = startCall("c2", t2);
    clock.advance(Duration.ofMillis(500));
    t2.pressDigit('#');
    clock.advance(Duration.ofSeconds(3));
    assertThat(s2.termination().join().result())
        .isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
  }

  @Test
  void activeCallsAreListedWithTheirFlowAndBackend() throws Exception {
    setUp(5, DESK, true);
    startCall("c1", new FakeTransport(clock, "c1"));
    assertThat(registry.active())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.flow().name()).isEqualTo("desk");
              assertThat(c.backend()).isEqualTo("openai");
              assertThat(c.state().mode()).isEqualTo("listening");
            });
    assertThat(metrics.scrape()).contains("switchboard_calls_active 1.0");
  }
}
