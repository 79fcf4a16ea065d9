package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallMdc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A call's own executor tags every task with the call id for logging, and untags it after. */
class CallExecutorsTest {

  @Test
  void tasksRunWithTheCallIdInTheLoggingContextAndLeaveItClean() throws Exception {
    ExecutorService e = CallExecutors.forCall("call-42");
    try {
      CompletableFuture<String> during = new CompletableFuture<>();
      e.execute(() -> during.complete(MDC.get(CallMdc.KEY)));
      assertThat(during.get(5, TimeUnit.SECONDS)).isEqualTo("call-42");
    } finally {
      e.shutdown();
    }
    String[] inside = new String[1];
    CallMdc.tagged("call-7", () -> inside[0] = MDC.get(CallMdc.KEY)).run();
    assertThat(inside[0]).isEqualTo("call-7");
    assertThat(MDC.get(CallMdc.KEY)).as("removed after the task").isNull();
  }
}
