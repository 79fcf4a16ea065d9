package dev.switchboard.recordings;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.recordings.storage.RecordingStore;
import dev.switchboard.transcoding.PcmFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one call: a {@link CallEventListener} that only enqueues (never blocks, never does I/O on
 * the call's thread) and a writer on its own virtual thread that owns the files.
 *
 * <p>Overflow policy: when the bounded queue is full the frame or event is dropped and counted, and
 * the recording is marked {@code degraded}; the call goes on. The call's end is never dropped: it
 * waits in a slot of its own. Caller audio dropped this way becomes silence on the call clock, so
 * the channels stay aligned.
 *
 * <p>PCI pause/resume ({@link #pause}, {@link #resume}) may be called from any thread (flow step,
 * admin API); they take effect at the newest call-clock time the recorder has seen. The DTMF rule
 * of {@link RecordingConfig} acts in event order on the writer thread.
 */
public final class CallRecorder implements CallEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

  private sealed interface Cmd {}

  private record Caller(Duration at, PcmFrame frame) implements Cmd {}

  private record Agent(Duration at, PcmFrame frame) implements Cmd {}

  private record Event(CallEvent event) implements Cmd {}

  private record Pause(Duration at, String reason) implements Cmd {}

  private record Resume(Duration at) implements Cmd {}

  private final String callId;
  private final Path directory;
  private final RecordingConfig config;
  private final ArrayBlockingQueue<Cmd> queue;
  private final AtomicReference<CallEvent.CallEnded> pendingEnd = new AtomicReference<>();
  private final AtomicLong dropped = new AtomicLong();
  private final CompletableFuture<RecordingMetadata> finished = new CompletableFuture<>();
  private final RecordingWriter writer;
  private volatile long latestNanos;
  private java.util.function.Consumer<RecordingMetadata> publish = m -> {};

  private CallRecorder(Path directory, RecordingConfig config, CallContext context)
      throws IOException {
    this.callId = context.info().callId();
    this.directory = directory;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.writer = new RecordingWriter(directory, config, context);
  }

  /**
   * Creates the recording directory in {@code store} and starts the writer thread.
   *
   * @param onFinished called on the writer thread with the directory and final metadata (e.g. to
   *     index it)
   */
  public static CallRecorder start(
      RecordingStore store,
      RecordingConfig config,
      CallContext context,
      BiConsumer<Path, RecordingMetadata> onFinished)
      throws IOException {
    return start(store, config, context, onFinished, Thread.ofVirtual().factory());
  }

  /**
   * As {@link #start(RecordingStore, RecordingConfig, CallContext, BiConsumer)}, on {@code
   * threads}.
   */
  static CallRecorder start(
      RecordingStore store,
      RecordingConfig config,
      CallContext context,
      BiConsumer<Path, RecordingMetadata> onFinished,
      java.util.concurrent.ThreadFactory threads)
      throws IOException {
    Path dir = store.create(context.info().callId(), context.startedAt());
    CallRecorder r = new CallRecorder(dir, config, context);
    r.publish =
        m -> {
          try {
            store.completed(dir);
            if (onFinished != null) {
              onFinished.accept(dir, m);
            }
          } catch (IOException | RuntimeException e) {
            LOG.warn("call {}: publishing the recording failed", r.callId, e);
          }
        };
    Thread t = threads.newThread(r::run);
    t.setName("recorder-" + r.callId);
    t.start();
    return r;
  }

  public Path directory() {
    return directory;
  }

  /**
   * Completes with the final metadata once every file is closed and the recording was published
   * (the {@code onFinished} callback, e.g. indexing, has returned).
   */
  public CompletableFuture<RecordingMetadata> finished() {
    return finished;
  }

  /** Frames and events dropped by the overflow policy. */
  public long dropped() {
    return dropped.get();
  }

  // ---- listener: the call's control thread -------------------------------------------------

  @Override
  public void onEvent(CallEvent event) {
    seen(event.at());
    if (event instanceof CallEvent.CallEnded end) {
      pendingEnd.set(end); // terminal: never dropped
      return;
    }
    offer(new Event(event));
  }

  @Override
  public void onCallerAudio(Duration at, PcmFrame frame) {
    seen(at.plusNanos(frame.durationMicros() * 1000));
    offer(new Caller(at, frame));
  }

  @Override
  public void onAgentAudio(Duration at, PcmFrame frame) {
    offer(new Agent(at, frame));
  }

  // ---- PCI controls: any thread ------------------------------------------------------------

  /** Pauses recording (both channels silent, transcript redacted) until {@link #resume}. */
  public void pause(String reason) {
    offer(new Pause(Duration.ofNanos(latestNanos), reason == null ? "pci" : reason));
  }

  public void resume() {
    offer(new Resume(Duration.ofNanos(latestNanos)));
  }

  private void seen(Duration at) {
    long n = at.toNanos();
    if (n > latestNanos) {
      latestNanos = n;
    }
  }

  private void offer(Cmd c) {
    if (!queue.offer(c) && dropped.incrementAndGet() == 1) {
      LOG.warn("call {}: recorder queue full; recording marked degraded", callId);
    }
  }

  // ---- writer thread -----------------------------------------------------------------------

  private void run() {
    long flushNanos = config.flushInterval().toNanos();
    long lastFlush = System.nanoTime();
    List<Cmd> batch = new ArrayList<>(256);
    try {
      while (true) {
        Cmd first = queue.poll(flushNanos / 2, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, 255);
          for (Cmd c : batch) {
            handle(c);
          }
          batch.clear();
        } else if (pendingEnd.get() != null) {
          writer.event(pendingEnd.get()); // the queue is empty: everything before it is in
          break;
        }
        long now = System.nanoTime();
        if (now - lastFlush >= flushNanos) {
          writer.flush();
          lastFlush = now;
        }
      }
      long d = dropped.get();
      RecordingMetadata meta = writer.finish(d > 0, d);
      publish.accept(meta);
      finished.complete(meta);
    } catch (IOException | RuntimeException e) {
      LOG.error("call {}: recording failed; left for recovery", callId, e);
      writer.abandon();
      finished.completeExceptionally(e);
    } catch (InterruptedException e) {
      writer.abandon();
      finished.completeExceptionally(e);
      Thread.currentThread().interrupt();
    }
  }

  private void handle(Cmd c) throws IOException {
    switch (c) {
      case Caller a -> writer.callerAudio(a.at(), a.frame());
      case Agent a -> writer.agentAudio(a.at(), a.frame());
      case Event e -> writer.event(e.event());
      case Pause p -> writer.pause(p.at(), p.reason());
      case Resume r -> writer.resume(r.at());
    }
  }

  @Override
  public String toString() {
    return "CallRecorder[" + callId + " -> " + directory + "]";
  }
}
