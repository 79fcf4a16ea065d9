package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The production control loop: one virtual thread per call, fed from other threads. */
class CallSessionThreadingIT {

  @Test
  void controlLoopRunsOnTheCallsOwnVirtualThread() throws Exception {
    ManualClock clock = new ManualClock();
    FakeTransport transport = new FakeTransport(clock, "vt-1");
    ScriptedBackend backend = new ScriptedBackend(clock).connectDelay(Duration.ZERO);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
    CountDownLatch connecting = new CountDownLatch(1);
    CountDownLatch connected = new CountDownLatch(1);
    CallSession call =
        CallSession.builder()
            .transport(transport)
            .backend(backend)
            .config(CallConfig.of(CallHarness.sessionConfig()).withGreeting("Hello"))
            .clock(clock)
            .listener(
                (CallEvent e) -> {
                  threads.add(Thread.currentThread().getName());
                  virtual.add(Thread.currentThread().isVirtual());
                  if (e instanceof CallEvent.BackendConnectStarted) {
                    connecting.countDown();
                  } else if (e instanceof CallEvent.BackendConnected) {
                    connected.countDown();
                  }
                })
            .build()
            .start();
    assertThat(connecting.await(5, TimeUnit.SECONDS)).isTrue();
    // Fires the scripted connect on this thread once the call's thread has scheduled it.
    for (int i = 0; i < 500 && !connected.await(10, TimeUnit.MILLISECONDS); i++) {
      clock.advance(Duration.ZERO);
    }
    assertThat(connected.getCount()).isZero();
    call.hangUp("test done");
    Termination t = call.termination().get(5, TimeUnit.SECONDS);

    assertThat(t.result()).isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
    assertThat(threads).containsOnly("call-vt-1");
    assertThat(virtual).containsOnly(true);
    assertThat(backend.session().createResponses()).containsExactly("Hello");
  }
}
