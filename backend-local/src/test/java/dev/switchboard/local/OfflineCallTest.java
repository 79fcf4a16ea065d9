package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.tools.HangUpTool;
import dev.switchboard.bridge.tools.TransferTool;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.testkit.FakeTransport;
import dev.switchboard.testkit.ManualClock;
import dev.switchboard.testkit.RecordingCallListener;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The offline backend under the real call core ({@link CallSession}) and a fake transport on a
 * manual clock: the caller interrupts the greeting with "sales", the call core barges in (clears
 * playback, cancels, truncates), the flow confirms, the caller says "yes", and the call core's own
 * {@code transfer} tool transfers the call, exactly as with a cloud model.
 */
class OfflineCallTest {

  private static final int RATE = 8000;

  @Test
  void bargeInConfirmAndTransferThroughTheCallCore() {
    ManualClock clock = new ManualClock();
    short[] caller = new short[RATE * 20];
    mix(caller, Fixtures.pcm(Fixtures.first("sales").file()), 2.0);
    mix(caller, Fixtures.pcm(Fixtures.first("yes").file()), 9.5);
    FakeTransport transport = new FakeTransport(clock, "offline-1").callerSignal(caller);
    Capturing backend =
        new Capturing(
            new LocalBackend(
                LocalConfig.defaults(), SphinxRecognizer.shared(), FreeTtsSynthesizer.shared()));
    SessionConfig session =
        new SessionConfig(
            null, "", null, AudioFormat.PCMU_8K, AudioFormat.PCMU_8K, null, null, null, null, null);
    CallConfig config =
        CallConfig.of(session)
            .withGreeting("greet")
            .withTools(
                List.of(
                    new TransferTool(Map.of("sales", "sip:sales@pbx.example")), new HangUpTool()));
    RecordingCallListener events = new RecordingCallListener();
    CallSession.builder()
        .transport(transport)
        .backend(backend)
        .config(config)
        .clock(clock)
        .executor(Runnable::run)
        .listener(events)
        .build()
        .start();

    // Step the call 20 ms at a time; after each step let the offline session catch up, so the
    // manual clock and the session's worker stay in lock step (no sleeps, no wall clock).
    for (int step = 0; step < 20 * 50 && transport.transfers().isEmpty(); step++) {
      clock.advance(Duration.ofMillis(20));
      if (backend.session != null) {
        backend.session.flush().join();
      }
    }

    assertThat(transport.clears()).as("barge-in cleared playback").isGreaterThanOrEqualTo(1);
    assertThat(transport.transfers()).containsExactly("sip:sales@pbx.example");
    // The caller heard the greeting until they spoke, not all of it.
    assertThat(transport.clearTimes().get(0))
        .isBetween(Duration.ofMillis(2_000), Duration.ofMillis(3_000));
  }

  private static void mix(short[] into, PcmFrame what, double atSeconds) {
    short[] s = what.samples();
    int at = (int) (atSeconds * RATE);
    System.arraycopy(s, 0, into, at, Math.min(s.length, into.length - at));
  }

  /** Hands the call core the real backend and keeps its session for stepping. */
  private static final class Capturing implements RealtimeBackend {
    private final LocalBackend delegate;
    volatile LocalSession session;

    Capturing(LocalBackend delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public CompletableFuture<RealtimeSession> connect(
        SessionConfig config, BackendListener listener) {
      return delegate
          .connect(config, listener)
          .thenApply(
              s -> {
                session = (LocalSession) s;
                return s;
              });
    }
  }
}
