package dev.switchboard.testkit;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An in-memory carrier leg on a {@link ManualClock}, faithful to Twilio Media Streams playout:
 *
 * <ul>
 *   <li>written audio plays back to back on a virtual playout clock from the moment it is written
 *       into an idle buffer; what the caller heard is recorded sample by sample ({@link #heard()});
 *   <li>a mark echoes when everything written before it has played (plus {@code markEchoDelay});
 *   <li>{@code clear} stops playout at once, drops unplayed audio and echoes every pending mark
 *       immediately ("Twilio will send back mark messages for any pending marks").
 * </ul>
 *
 * The uplink delivers one 20 ms frame every 20 ms from {@link #start}: the scripted caller signal
 * plus, optionally, line echo of what the caller heard and noise. Driven by the test thread.
 */
public final class FakeTransport implements CallTransport {

  private static final int RATE = 8000;
  private static final int FRAME = 160;

  private final ManualClock clock;
  private final CallInfo info;
  private final Sink sink = new Sink();
  private final Map<String, ManualClockTimer> pendingMarks = new LinkedHashMap<>();
  private final List<String> hangUps = new ArrayList<>();
  private final List<String> transfers = new ArrayList<>();
  private short[] heard = new short[RATE * 30];
  private short[] caller = new short[0];
  private short[] noise = new short[0];
  private EchoPath echo;
  private Duration markEchoDelay = Duration.ZERO;
  private Function<String, TransferResult> transferOutcome =
      t -> new TransferResult(true, "200 OK");
  private TransportListener listener;
  private long playEndNanos;
  private long framesSent;
  private int clears;
  private final List<Duration> clearTimes = new ArrayList<>();
  private int marksEchoedByClear;
  private boolean closed;

  public FakeTransport(ManualClock clock, String callId) {
    this.clock = clock;
    this.info = new CallInfo(callId, "fake", "CA" + callId, "+15550001", "+15550002", Map.of());
  }

  /** The caller's voice, sample 0 at clock time 0, 8 kHz. */
  public FakeTransport callerSignal(short[] samples) {
    this.caller = samples;
    return this;
  }

  /** Returns the agent's audio to the uplink through {@code path}, plus {@code noise}. */
  public FakeTransport lineEcho(EchoPath path, short[] noiseSamples) {
    this.echo = path;
    this.noise = noiseSamples;
    return this;
  }

  public FakeTransport markEchoDelay(Duration d) {
    this.markEchoDelay = d;
    return this;
  }

  public FakeTransport transferOutcome(Function<String, TransferResult> f) {
    this.transferOutcome = f;
    return this;
  }

  @Override
  public CallInfo info() {
    return info;
  }

  @Override
  public AudioFormat wireFormat() {
    return AudioFormat.PCMU_8K;
  }

  @Override
  public int uplinkRateHz() {
    return RATE;
  }

  @Override
  public void start(TransportListener l) {
    this.listener = l;
    clock.schedule(Duration.ofMillis(20), this::uplinkTick);
  }

  private void uplinkTick() {
    if (closed) {
      return;
    }
    long end = clock.nanoTime() * RATE / 1_000_000_000L;
    short[] frame = new short[FRAME];
    for (int i = 0; i < FRAME; i++) {
      int idx = (int) (end - FRAME + i);
      double v = idx >= 0 && idx < caller.length ? caller[idx] : 0;
      if (echo != null) {
        v += echo.echoAt(heard, idx);
        v += noise.length == 0 ? 0 : noise[Math.floorMod(idx, noise.length)];
      }
      frame[i] = (short) Math.clamp(Math.round(v), -32768, 32767);
    }
    clock.schedule(Duration.ofMillis(20), this::uplinkTick);
    listener.onAudio(new PcmFrame(frame, RATE));
  }

  /** The caller presses a key. */
  public void pressDigit(char digit) {
    listener.onDtmf(digit);
  }

  /** The caller hangs up. */
  public void callerHangsUp() {
    closed = true;
    listener.onClosed("caller hung up", true);
  }

  @Override
  public PlaybackSink playback() {
    return sink;
  }

  @Override
  public CompletableFuture<Void> hangUp(String reason) {
    hangUps.add(reason);
    closed = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<TransferResult> transfer(String target) {
    transfers.add(target);
    return CompletableFuture.completedFuture(transferOutcome.apply(target));
  }

  /** What the caller heard, 8 kHz, sample 0 at clock time 0. */
  public short[] heard() {
    return heard;
  }

  public List<String> hangUps() {
    return hangUps;
  }

  public List<String> transfers() {
    return transfers;
  }

  public int clears() {
    return clears;
  }

  /** Call-clock times of every {@code clear}. */
  public List<Duration> clearTimes() {
    return clearTimes;
  }

  public int marksEchoedByClear() {
    return marksEchoedByClear;
  }

  public long framesSent() {
    return framesSent;
  }

  private interface ManualClockTimer {
    void cancel();
  }

  /** The carrier's playout buffer. */
  private final class Sink implements PlaybackSink {
    @Override
    public int sampleRateHz() {
      return RATE;
    }

    @Override
    public void write(PcmFrame frame) {
      if (frame.sampleRateHz() != RATE) {
        throw new IllegalArgumentException("sink wants 8000 Hz, got " + frame.sampleRateHz());
      }
      long now = clock.nanoTime();
      long start = Math.max(now, playEndNanos);
      int at = (int) (start * RATE / 1_000_000_000L);
      if (at + frame.sampleCount() > heard.length) {
        heard = Arrays.copyOf(heard, Math.max(heard.length * 2, at + frame.sampleCount()));
      }
      System.arraycopy(frame.samples(), 0, heard, at, frame.sampleCount());
      playEndNanos = start + frame.durationMicros() * 1000;
      framesSent++;
    }

    @Override
    public void mark(String name) {
      long echoAt = Math.max(clock.nanoTime(), playEndNanos) + markEchoDelay.toNanos();
      var t =
          clock.schedule(
              Duration.ofNanos(echoAt - clock.nanoTime()),
              () -> {
                pendingMarks.remove(name);
                listener.onMarkPlayed(name);
              });
      pendingMarks.put(name, t::cancel);
    }

    @Override
    public void clear() {
      clears++;
      long now = clock.nanoTime();
      clearTimes.add(Duration.ofNanos(now));
      int from = (int) (now * RATE / 1_000_000_000L);
      int to = (int) Math.min(heard.length, playEndNanos * RATE / 1_000_000_000L + 1);
      if (to > from) {
        Arrays.fill(heard, from, to, (short) 0);
      }
      playEndNanos = now;
      List<String> names = new ArrayList<>(pendingMarks.keySet());
      pendingMarks.values().forEach(ManualClockTimer::cancel);
      pendingMarks.clear();
      for (String n : names) {
        marksEchoedByClear++;
        listener.onMarkPlayed(n);
      }
    }

    @Override
    public String toString() {
      return "FakeTransport.sink(8000 Hz)";
    }
  }
}
