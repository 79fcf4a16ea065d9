package dev.switchboard.twilio.stream;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Non-blocking text sends on one Media Streams socket. Sends are queued here and handed to the
 * socket's IO thread in batches: one hop per batch instead of one per message (an Undertow send
 * from another thread queues a task and wakes the selector each time; on the IO thread it writes at
 * once). A playout pump's {@code media} + {@code mark}, or a talkspurt's 100 ms lead, cost one
 * wake-up. At most {@link #MAX_IN_FLIGHT} sends may be queued or outstanding. Overflow policy: a
 * send beyond that is dropped and counted (a peer that stops reading for seconds is gone anyway;
 * the transport's lead is only 100 ms of audio, about 10 messages).
 *
 * <p>Thread-safe: the call's control thread sends, the IO thread writes and completes.
 */
final class StreamSender {

  static final int MAX_IN_FLIGHT = 512;

  /** How long a peer may take to answer our close frame before the socket is dropped. */
  static final long CLOSE_TIMEOUT_MILLIS = 2000;

  private final WebSocketChannel channel;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  /** {@code String} or UTF-8 {@code byte[]} text messages, in send order. */
  private final ConcurrentLinkedQueue<Object> queued = new ConcurrentLinkedQueue<>();

  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  private final WebSocketCallback<Void> done =
      new WebSocketCallback<>() {
        @Override
        public void complete(WebSocketChannel ch, Void context) {
          inFlight.decrementAndGet();
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
          inFlight.decrementAndGet();
          failed.incrementAndGet();
        }
      };

  StreamSender(WebSocketChannel channel) {
    this.channel = channel;
    channel.addCloseTask(ch -> closed.complete(null));
  }

  /** The socket's IO thread (an event loop: tasks handed to it run later, in order). */
  java.util.concurrent.Executor ioThread() {
    return channel.getIoThread();
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
    if (!channel.isOpen() || channel.isCloseFrameSent()) {
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
        channel.getIoThread().execute(drain);
      } catch (RejectedExecutionException e) {
        // The worker is shutting down: nothing queued here will be written.
        drainScheduled.set(false);
        discardQueued();
      }
    }
    return true;
  }

  /**
   * On the IO thread: writes everything queued. Two or more messages (a pump's {@code media} +
   * {@code mark}) are gathered into one write: Undertow queues the frames while explicit flushing
   * is on and its flush writes all queued frames with one gathering write. One loopback write costs
   * the sender the receiver's TCP work too, so this halves the downlink's syscalls.
   */
  private void drain() {
    // Cleared before polling: a send racing with this loop is either polled here or schedules
    // the next drain (at worst an empty one).
    drainScheduled.set(false);
    Object first = queued.poll();
    if (first == null) {
      return;
    }
    Object next = queued.poll();
    if (next == null) {
      write(first);
      return;
    }
    channel.setRequireExplicitFlush(true);
    try {
      write(first);
      do {
        write(next);
      } while ((next = queued.poll()) != null);
    } finally {
      channel.setRequireExplicitFlush(false);
      channel.flush();
    }
  }

  private void write(Object text) {
    if (text instanceof byte[] utf8) {
      WebSockets.sendText(ByteBuffer.wrap(utf8), channel, done);
    } else {
      WebSockets.sendText((String) text, channel, done);
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
   * the socket closed.
   */
  CompletableFuture<Void> close(int code, String reason) {
    if (channel.isOpen() && !channel.isCloseFrameSent()) {
      try {
        channel.getIoThread().execute(() -> closeOnIoThread(code, reason));
      } catch (RejectedExecutionException e) {
        abort();
      }
    }
    return closed;
  }

  private void closeOnIoThread(int code, String reason) {
    drain();
    if (channel.isOpen() && !channel.isCloseFrameSent()) {
      WebSockets.sendClose(code, reason, channel, null);
      // RFC 6455 section 7.1.1: the server closes TCP after the peer's close frame; a peer that
      // never answers must not keep the socket open.
      channel
          .getIoThread()
          .executeAfter(
              this::abort, CLOSE_TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  /** Drops the TCP connection at once. */
  void abort() {
    if (channel.isOpen()) {
      org.xnio.IoUtils.safeClose(channel);
    }
  }

  CompletableFuture<Void> closedFuture() {
    return closed;
  }

  boolean open() {
    return channel.isOpen() && !channel.isCloseFrameSent();
  }

  /** Sends queued or written but not yet completed. */
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
