package dev.switchboard.bridge.ws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread (a platform daemon thread) serving many WebSocket connections: it reads what
 * arrived, decodes and delivers it inline, and flushes what a sender could not write at once.
 *
 * <p>Why not a virtual thread per connection and direction: every 20 ms frame then cost a writer
 * wake-up and, per read, a park on the JDK poller and an unpark (read, EAGAIN, re-arm, poller
 * wake-up); at 500 calls that hand-off traffic and its kernel time dominated. Here a send writes on
 * the caller's thread and a read costs one {@code epoll_wait} shared by every ready connection.
 *
 * <p>Work posted with {@link #execute} runs on the loop thread between selections. Handlers must
 * not block: everything that runs here delays every other connection of this loop.
 */
final class WsEventLoop {

  /** What the loop calls back; invoked on the loop thread only. */
  interface Handler {
    /** The channel is ready for the operations in {@code readyOps}. */
    void onReady(int readyOps);

    /** An unexpected failure while serving this handler; it is dropped from the loop. */
    void onLoopError(Throwable error);
  }

  /**
   * System property: number of shared loop threads; default half the cores, at least one (the other
   * half runs the calls' media work, which the listeners hand off to).
   */
  static final String THREADS_PROPERTY = "switchboard.ws.ioThreads";

  private static final Logger LOG = LoggerFactory.getLogger(WsEventLoop.class);
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private static volatile WsEventLoop[] shared;
  private static final AtomicInteger SHARED_NEXT = new AtomicInteger();

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  WsEventLoop() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("ws-io-" + NEXT_ID.incrementAndGet())
            .unstarted(this::run);
    thread.start();
  }

  /** The next of the process's shared loops, round robin; created on first use. */
  static WsEventLoop next() {
    WsEventLoop[] loops = shared;
    if (loops == null) {
      synchronized (WsEventLoop.class) {
        loops = shared;
        if (loops == null) {
          int n =
              Integer.getInteger(
                  THREADS_PROPERTY, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
          if (n < 1) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be at least 1, got " + n);
          }
          loops = new WsEventLoop[n];
          for (int i = 0; i < n; i++) {
            loops[i] = new WsEventLoop();
          }
          shared = loops;
        }
      }
    }
    return loops[Math.floorMod(SHARED_NEXT.getAndIncrement(), loops.length)];
  }

  /**
   * Registers a non-blocking channel with no interest yet; callable from any thread (since JDK 11
   * registration does not wait for a selection in progress).
   */
  SelectionKey register(SocketChannel channel, Handler handler) throws ClosedChannelException {
    return channel.register(selector, 0, handler);
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop thread soon (never inline, even when called there). */
  void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /**
   * Adds interest in {@code ops}. An interest change takes effect at the next selection, so from
   * another thread it must wake the loop (one eventfd write; only on the rare paths: a stalled
   * socket, demand returning).
   */
  void addInterest(SelectionKey key, int ops) {
    if (!key.isValid()) {
      return;
    }
    try {
      key.interestOpsOr(ops);
    } catch (java.nio.channels.CancelledKeyException e) {
      return; // closed meanwhile
    }
    if (!inLoop()) {
      selector.wakeup();
    }
  }

  /** Removes interest in {@code ops}; no wake-up needed (a spurious readiness is harmless). */
  static void removeInterest(SelectionKey key, int ops) {
    try {
      key.interestOpsAnd(~ops);
    } catch (java.nio.channels.CancelledKeyException e) {
      // closed meanwhile
    }
  }

  private void run() {
    while (true) {
      try {
        selector.select(this::dispatch);
      } catch (IOException e) {
        LOG.error("WebSocket selector failed; retrying", e);
      }
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("WebSocket loop task failed", e);
        }
      }
    }
  }

  private void dispatch(SelectionKey key) {
    Handler handler = (Handler) key.attachment();
    try {
      if (key.isValid()) {
        handler.onReady(key.readyOps());
      }
    } catch (RuntimeException | Error e) {
      key.cancel();
      handler.onLoopError(e);
    }
  }
}
