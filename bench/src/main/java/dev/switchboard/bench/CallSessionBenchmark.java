package dev.switchboard.bench;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.media.ResamplerFactory;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-frame overhead of the call core, each direction: one 20 ms caller frame through the uplink
 * (echo canceller, classifier, barge-in detector, encode, send) and one 20 ms agent delta through
 * the downlink (decode, re-chunk, pacer, tracker, sink write + mark). The control loop runs on the
 * benchmark thread; the clock advances 20 ms per frame; the resampler is the identity (8 kHz
 * backend) as the polyphase one is not wired yet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallSessionBenchmark {

  private final BenchClock clock = new BenchClock();
  private TransportListener transportListener;
  private BackendListener backendListener;
  private PcmFrame callerFrame;
  private BackendEvent.AudioDelta agentDelta;

  @Setup(Level.Trial)
  public void setUp() {
    short[] caller = new short[160];
    byte[] agent = new byte[320];
    for (int i = 0; i < 160; i++) {
      caller[i] = (short) (30 * Math.sin(i * 0.2)); // line noise: no barge-in
      short a = (short) (6000 * Math.sin(i * 0.35));
      agent[2 * i] = (byte) a;
      agent[2 * i + 1] = (byte) (a >> 8);
    }
    callerFrame = new PcmFrame(caller, 8000);
    agentDelta =
        new BackendEvent.AudioDelta(
            "r1", "item-1", 0, EncodedFrame.of(AudioFormat.PCM16_8K, agent));
    SessionConfig session =
        new SessionConfig(
            null,
            "",
            null,
            AudioFormat.PCM16_8K,
            AudioFormat.PCM16_8K,
            null,
            null,
            null,
            null,
            null);
    CallSession.builder()
        .transport(new BenchTransport())
        .backend(new BenchBackend())
        .config(CallConfig.of(session))
        .clock(clock)
        .executor(Runnable::run)
        .resamplers(ResamplerFactory.identityOnly())
        .build()
        .start();
    backendListener.onEvent(new BackendEvent.ResponseStarted("r1"));
  }

  /** Uplink while the agent is silent (echo canceller idle). */
  @Benchmark
  public void uplinkFrame() {
    clock.now += 20_000_000;
    transportListener.onAudio(callerFrame);
  }

  /** Downlink: one 20 ms agent delta to the carrier. */
  @Benchmark
  public void downlinkFrame() {
    clock.now += 20_000_000;
    backendListener.onEvent(agentDelta);
  }

  /** Both directions in one frame time, the canceller adapting on the agent's audio. */
  @Benchmark
  public void fullDuplexFrame() {
    clock.now += 20_000_000;
    backendListener.onEvent(agentDelta);
    transportListener.onAudio(callerFrame);
  }

  /** A clock the benchmark moves; timers never fire (pacing is driven by frames and marks). */
  static final class BenchClock implements MediaClock {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      return () -> {};
    }
  }

  final class BenchTransport implements CallTransport {
    private final PlaybackSink sink =
        new PlaybackSink() {
          @Override
          public int sampleRateHz() {
            return 8000;
          }

          @Override
          public void write(PcmFrame frame) {}

          @Override
          public void mark(String name) {
            transportListener.onMarkPlayed(name);
          }

          @Override
          public void clear() {}
        };

    @Override
    public CallInfo info() {
      return new CallInfo("bench", "bench", "bench", "a", "b", Map.of());
    }

    @Override
    public AudioFormat wireFormat() {
      return AudioFormat.PCMU_8K;
    }

    @Override
    public int uplinkRateHz() {
      return 8000;
    }

    @Override
    public void start(TransportListener listener) {
      transportListener = listener;
    }

    @Override
    public PlaybackSink playback() {
      return sink;
    }

    @Override
    public CompletableFuture<Void> hangUp(String reason) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<TransferResult> transfer(String target) {
      return CompletableFuture.completedFuture(new TransferResult(false, "bench"));
    }
  }

  final class BenchBackend implements RealtimeBackend {
    private final Capabilities caps =
        new Capabilities(
            Set.of(AudioFormat.PCM16_8K),
            Set.of(AudioFormat.PCM16_8K),
            true,
            true,
            false,
            true,
            null,
            true);

    @Override
    public String name() {
      return "bench";
    }

    @Override
    public Capabilities capabilities() {
      return caps;
    }

    @Override
    public CompletableFuture<RealtimeSession> connect(SessionConfig config, BackendListener l) {
      backendListener = l;
      return CompletableFuture.completedFuture(new NoopSession(caps, config));
    }
  }

  record NoopSession(Capabilities capabilities, SessionConfig config) implements RealtimeSession {
    @Override
    public void sendAudio(EncodedFrame audio) {}

    @Override
    public void commitInput() {}

    @Override
    public void clearInput() {}

    @Override
    public void createResponse(String instructions) {}

    @Override
    public void cancelResponse() {}

    @Override
    public void truncate(String itemId, int contentIndex, Duration heard) {}

    @Override
    public void deleteItem(String itemId) {}

    @Override
    public void sendToolResult(String callId, String outputJson, boolean thenRespond) {}

    @Override
    public void sendText(String text) {}

    @Override
    public void updateSession(SessionConfig config) {}

    @Override
    public void addConversationItem(String role, String text) {}

    @Override
    public void close() {}
  }
}
