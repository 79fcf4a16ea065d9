package dev.switchboard.twilio.stream;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Non-blocking text sends on one Media Streams socket. Sends are queued here and handed to the
 * socket's IO thread in batches: one hop per batch instead of one per message (a send from another
 * thread queues a task and wakes the selector; on the IO thread the task runs after the current
 * one). Everything one drain finds leaves in one write: a playout pump's {@code media} + {@code
 * mark}, or a talkspurt's 100 ms lead, cost one wake-up and one syscall. At most {@link
 * #MAX_IN_FLIGHT} sends may wait for a drain. Overflow policy: a send beyond that, or one the
 * socket refuses because {@link StreamSocket#MAX_PENDING_BYTES} already wait for the peer, is
 * dropped and counted (a peer that stops reading for seconds is gone anyway; the transport's lead
 * is only 100 ms of audio, about 10 messages).
 *
 * <p>Thread-safe: the call's control thread sends, the IO thread writes.
 */
final class StreamSender {

  static final int MAX_IN_FLIGHT = 512;

  private final StreamSocket socket;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** {@code String} or UTF-8 {@code byte[]} text messages, in send order. */
  private final ConcurrentLinkedQueue<Object> queued = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;
  private volatile boolean closing;

  StreamSender(StreamSocket socket) {
    this.socket = socket;
  }

  /** The socket's IO thread (an event loop: tasks handed to it run later, in order). */
  org.xnio.XnioIoThread ioThread() {
    return socket.ioThread();
  }

  /** Queues {@code text}; false when dropped (closed or over the in-flight bound). */
  boolean send(String text) {
    return queue(text);
  }

  /** Queues a text message already encoded as UTF-8 (no String round trip); as {@link #send}. */
  boolean sendUtf8(byte[] text) {
    return queue(text);
  }

  private boolean queue(Object text) {
    if (closing || socket.closedFuture().isDone()) {
      dropped.incrementAndGet();
      return false;
    }
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    queued.add(text);
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        socket.ioThread().execute(drain);
      } catch (RejectedExecutionException e) {
        // The worker is shutting down: nothing queued here will be written.
        drainScheduled.set(false);
        discardQueued();
      }
    }
    return true;
  }

  /** On the IO thread: everything queued goes into the socket, then out with one write. */
  private void drain() {
    // Cleared before polling: a send racing with this loop is either polled here or schedules
    // the next drain (at worst an empty one).
    drainScheduled.set(false);
    Object text;
    boolean any = false;
    while ((text = queued.poll()) != null) {
      inFlight.decrementAndGet();
      byte[] utf8 = text instanceof byte[] b ? b : ((String) text).getBytes(StandardCharsets.UTF_8);
      if (socket.sendText(utf8)) {
        any = true;
      } else if (socket.open()) {
        dropped.incrementAndGet(); // the peer stopped reading
      } else {
        failed.incrementAndGet();
      }
    }
    if (any) {
      socket.flush();
    }
  }

  private void discardQueued() {
    while (queued.poll() != null) {
      inFlight.decrementAndGet();
      dropped.incrementAndGet();
    }
  }

  /**
   * Sends a close frame (RFC 6455 section 7.4 code) once, after everything queued; completes when
   * the socket closed (the peer answered, or {@link StreamSocket#CLOSE_TIMEOUT_MILLIS} passed).
   */
  CompletableFuture<Void> close(int code, String reason) {
    if (!closing && !socket.closedFuture().isDone()) {
      try {
        socket
            .ioThread()
            .execute(
                () -> {
                  drain();
                  closing = true;
                  socket.close(code, reason);
                });
      } catch (RejectedExecutionException e) {
        closing = true;
        return socket.closedFuture();
      }
    }
    return socket.closedFuture();
  }

  /** Drops the TCP connection at once. */
  void abort() {
    try {
      socket.ioThread().execute(socket::abort);
    } catch (RejectedExecutionException e) {
      // the worker is gone, and its connections with it
    }
  }

  CompletableFuture<Void> closedFuture() {
    return socket.closedFuture();
  }

  boolean open() {
    return !closing && !socket.closedFuture().isDone();
  }

  /** Sends queued for the IO thread and not yet handed to the socket. */
  int inFlight() {
    return inFlight.get();
  }

  long dropped() {
    return dropped.get();
  }

  long failed() {
    return failed.get();
  }
}
