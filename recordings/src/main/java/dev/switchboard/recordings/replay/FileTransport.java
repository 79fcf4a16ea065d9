package dev.switchboard.recordings.replay;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A call whose caller is a recording: the caller channel is delivered as 20 ms frames on the
 * injected clock, one per 20 ms from {@link #start} (scheduled against absolute due times, so the
 * stream does not drift); agent audio plays out on a modelled carrier buffer that echoes marks when
 * played and, like Twilio's {@code clear}, echoes pending marks at once when cleared. When the
 * recording ends the caller "hangs up" after {@code tail} of agent silence (time for the last
 * reply).
 *
 * <p>Thread-safe: frames and mark echoes come from clock timers; sink calls from the call's control
 * thread.
 */
public final class FileTransport implements CallTransport {

  private static final int FRAME_MILLIS = 20;

  private final CallInfo info;
  private final short[] caller;
  private final int rateHz;
  private final int frameSamples;
  private final MediaClock clock;
  private final Duration tail;
  private final Sink sink = new Sink();
  private final List<String> transfers = new ArrayList<>();
  private TransportListener listener;
  private long startNanos;
  private boolean closed;
  private MediaClock.Timer next;

  public FileTransport(CallInfo info, PcmFrame callerAudio, MediaClock clock, Duration tail) {
    this.info = info;
    this.caller = callerAudio.samples();
    this.rateHz = callerAudio.sampleRateHz();
    this.frameSamples = rateHz * FRAME_MILLIS / 1000;
    this.clock = clock;
    this.tail = tail;
  }

  @Override
  public CallInfo info() {
    return info;
  }

  @Override
  public AudioFormat wireFormat() {
    return AudioFormat.pcm16(rateHz);
  }

  @Override
  public int uplinkRateHz() {
    return rateHz;
  }

  @Override
  public synchronized void start(TransportListener l) {
    this.listener = l;
    this.startNanos = clock.nanoTime();
    scheduleFrame(0);
  }

  private void scheduleFrame(int k) {
    long due = startNanos + (k + 1L) * FRAME_MILLIS * 1_000_000L;
    next = clock.schedule(Duration.ofNanos(Math.max(0, due - clock.nanoTime())), () -> frame(k));
  }

  private void frame(int k) {
    TransportListener l;
    PcmFrame f = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      l = listener;
      int off = k * frameSamples;
      if (off < caller.length) {
        short[] s = new short[frameSamples];
        System.arraycopy(caller, off, s, 0, Math.min(frameSamples, caller.length - off));
        f = new PcmFrame(s, rateHz);
        scheduleFrame(k + 1);
      } else {
        next = clock.schedule(tail, this::callerHangsUp);
      }
    }
    if (f != null) {
      l.onAudio(f);
    }
  }

  private void callerHangsUp() {
    TransportListener l;
    synchronized (this) {
      if (closed) {
        return;
      }
      // A caller waits for the agent to finish: hang up only after `tail` of agent silence, so a
      // reply still playing when the recording ends is heard out, not cut (the call's own maximum
      // duration bounds this).
      long quietFrom = sink.playEndNanos + tail.toNanos();
      long now = clock.nanoTime();
      if (now < quietFrom) {
        next = clock.schedule(Duration.ofNanos(quietFrom - now), this::callerHangsUp);
        return;
      }
      closed = true;
      l = listener;
    }
    l.onClosed("end of recording", true);
  }

  @Override
  public PlaybackSink playback() {
    return sink;
  }

  @Override
  public synchronized CompletableFuture<Void> hangUp(String reason) {
    closed = true;
    if (next != null) {
      next.cancel();
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Replays place no real transfer: the agent is told it failed, and the report shows it. */
  @Override
  public synchronized CompletableFuture<TransferResult> transfer(String target) {
    transfers.add(target);
    return CompletableFuture.completedFuture(
        new TransferResult(false, "replay: transfer to " + target + " not placed"));
  }

  public synchronized List<String> transfers() {
    return List.copyOf(transfers);
  }

  @Override
  public String toString() {
    return "FileTransport[" + info.callId() + ", " + rateHz + " Hz]";
  }

  /** The modelled carrier buffer. */
  private final class Sink implements PlaybackSink {
    private final Map<String, MediaClock.Timer> pendingMarks = new LinkedHashMap<>();
    private long playEndNanos;

    @Override
    public int sampleRateHz() {
      return rateHz;
    }

    @Override
    public void write(PcmFrame frame) {
      synchronized (FileTransport.this) {
        long now = clock.nanoTime();
        playEndNanos = Math.max(now, playEndNanos) + frame.durationMicros() * 1000;
      }
    }

    @Override
    public void mark(String name) {
      synchronized (FileTransport.this) {
        long delay = Math.max(0, playEndNanos - clock.nanoTime());
        pendingMarks.put(name, clock.schedule(Duration.ofNanos(delay), () -> echo(name)));
      }
    }

    private void echo(String name) {
      TransportListener l;
      synchronized (FileTransport.this) {
        if (pendingMarks.remove(name) == null || closed) {
          return;
        }
        l = listener;
      }
      l.onMarkPlayed(name);
    }

    @Override
    public void clear() {
      List<String> names;
      TransportListener l;
      synchronized (FileTransport.this) {
        playEndNanos = clock.nanoTime();
        names = new ArrayList<>(pendingMarks.keySet());
        pendingMarks.values().forEach(MediaClock.Timer::cancel);
        pendingMarks.clear();
        l = listener;
      }
      for (String n : names) {
        l.onMarkPlayed(n); // Twilio echoes every pending mark on clear
      }
    }

    @Override
    public String toString() {
      return "FileTransport.sink(" + rateHz + " Hz)";
    }
  }
}
