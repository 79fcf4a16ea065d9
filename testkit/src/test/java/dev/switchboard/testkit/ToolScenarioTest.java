package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.tools.HangUpTool;
import dev.switchboard.bridge.tools.Tool;
import dev.switchboard.bridge.tools.ToolContext;
import dev.switchboard.bridge.tools.TransferTool;
import dev.switchboard.bridge.transport.TransferResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Tool calls through a call, on a manual clock. */
class ToolScenarioTest {

  /** Echoes its arguments after {@code delay} on the manual clock. */
  private static Tool lookup(ManualClock clock, Duration delay) {
    return new Tool() {
      @Override
      public ToolDefinition definition() {
        return new ToolDefinition("lookup", "Looks things up.", null);
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(2);
      }

      @Override
      public CompletableFuture<String> invoke(String args, ToolContext ctx) {
        CompletableFuture<String> f = new CompletableFuture<>();
        clock.schedule(delay, () -> f.complete("{\"found\":" + args + "}"));
        return f;
      }
    };
  }

  @Test
  void toolRoundTripReturnsResultAndAsksForResponse() {
    CallHarness h = new CallHarness("tool");
    h.backend.at(
        Duration.ofSeconds(1),
        new BackendEvent.ToolCall("r1", "i1", "call-1", "lookup", "{\"q\":\"x\"}"));
    h.start(c -> c.withTools(List.of(lookup(h.clock, Duration.ofMillis(300)))));
    h.runUntil(2);

    assertThat(h.session().config().tools()).extracting(ToolDefinition::name).contains("lookup");
    assertThat(h.session().toolResults())
        .containsExactly(
            new ScriptedSession.ToolResult("call-1", "{\"found\":{\"q\":\"x\"}}", true));
    CallEvent.ToolResult r = h.events.events(CallEvent.ToolResult.class).getFirst();
    assertThat(r.ok()).isTrue();
    assertThat(r.took()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void slowToolTimesOutWithErrorResult() {
    CallHarness h = new CallHarness("tool-timeout");
    h.backend.at(
        Duration.ofSeconds(1), new BackendEvent.ToolCall("r1", "i1", "c1", "lookup", "{}"));
    h.start(c -> c.withTools(List.of(lookup(h.clock, Duration.ofSeconds(10)))));
    h.runUntil(4);

    ScriptedSession.ToolResult r = h.session().toolResults().getFirst();
    assertThat(r.json()).contains("\"ok\":false").contains("timed out after 2000 ms");
    assertThat(h.events.events(CallEvent.ToolResult.class).getFirst().ok()).isFalse();
    assertThat(h.call.termination()).isNotDone();
  }

  @Test
  void hangUpToolLetsTheGoodbyePlayThenEnds() {
    CallHarness h = new CallHarness("bye");
    h.backend.at(
        Duration.ofSeconds(1), new BackendEvent.ToolCall("r1", "i1", "c1", HangUpTool.NAME, "{}"));
    h.start(c -> c.withTools(List.of(new HangUpTool())));
    h.runUntil(1.1);
    // The model answers the tool result with a 2 s goodbye.
    h.session().deliver(new BackendEvent.ResponseStarted("r2"));
    short[] bye = CallHarness.agentTone(2, 523);
    byte[] pcm = new byte[bye.length * 2];
    for (int i = 0; i < bye.length; i++) {
      pcm[2 * i] = (byte) bye[i];
      pcm[2 * i + 1] = (byte) (bye[i] >> 8);
    }
    h.session()
        .deliver(
            new BackendEvent.AudioDelta(
                "r2",
                "bye",
                0,
                dev.switchboard.transcoding.EncodedFrame.of(
                    dev.switchboard.transcoding.AudioFormat.PCM16_8K, pcm)));
    h.session().deliver(new BackendEvent.AudioDone("r2", "bye", 0));
    h.session().deliver(new BackendEvent.ResponseDone("r2", "completed", null));
    h.runUntil(2.5);
    assertThat(h.call.termination()).isNotDone();
    h.runUntil(4);

    Termination t = h.call.termination().join();
    assertThat(t.result()).isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
    assertThat(h.heardSecondsFrom(1.1)).isBetween(1.98, 2.02);
    assertThat(h.transport.hangUps()).hasSize(1);
    assertThat(h.session().toolResults().getFirst().thenRespond()).isTrue();
  }

  @Test
  void transferToNamedTargetEndsCallAsTransferred() {
    CallHarness h = new CallHarness("xfer");
    h.backend.at(
        Duration.ofSeconds(1),
        new BackendEvent.ToolCall("r1", "i1", "c1", TransferTool.NAME, "{\"target\":\"sales\"}"));
    h.start(c -> c.withTools(List.of(new TransferTool(Map.of("sales", "sip:sales@pbx.example")))));
    h.runUntil(2);

    assertThat(h.transport.transfers()).containsExactly("sip:sales@pbx.example");
    assertThat(h.call.termination().join().result()).isEqualTo(Termination.Result.TRANSFERRED);
  }

  @Test
  void failedOrUnknownTransferGoesBackToTheModelAndCallContinues() {
    CallHarness h = new CallHarness("xfer-fail");
    h.transport.transferOutcome(t -> new TransferResult(false, "486 Busy Here"));
    h.backend.at(
        Duration.ofSeconds(1),
        new BackendEvent.ToolCall("r1", "i1", "c1", TransferTool.NAME, "{\"target\":\"sales\"}"));
    h.backend.at(
        Duration.ofSeconds(2),
        new BackendEvent.ToolCall("r2", "i2", "c2", TransferTool.NAME, "{\"target\":\"ceo\"}"));
    h.start(c -> c.withTools(List.of(new TransferTool(Map.of("sales", "sip:sales@pbx.example")))));
    h.runUntil(3);

    assertThat(h.session().toolResults()).hasSize(2);
    assertThat(h.session().toolResults().get(0).json()).contains("486 Busy Here");
    assertThat(h.session().toolResults().get(1).json()).contains("unknown transfer target 'ceo'");
    assertThat(h.transport.transfers()).containsExactly("sip:sales@pbx.example");
    assertThat(h.call.termination()).isNotDone();
  }
}
