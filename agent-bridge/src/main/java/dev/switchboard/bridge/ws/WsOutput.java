package dev.switchboard.bridge.ws;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The sending half of a {@link WsConnection}: frames are encoded and masked into the pending buffer
 * under one short lock and, unless earlier bytes still wait for the socket, written at once on the
 * caller's thread with a non-blocking write. Only what the kernel would not take stays pending; the
 * event loop writes it when the channel turns writable (OP_WRITE). No send blocks.
 *
 * <p>High-water contract: a send's future is complete unless more than {@link #HIGH_WATER_BYTES}
 * wait for the network; then it completes once they have drained to that mark (the JDK contract of
 * one outstanding send is kept by callers that wait for it). Thread-safe.
 */
final class WsOutput {

  /** Pending bytes beyond which a send's future waits for the network. */
  static final int HIGH_WATER_BYTES = 64 * 1024;

  private static final int KEYS_PER_DRAW = 64;
  private static final int PENDING_INITIAL_BYTES = 4096;

  private final WebSocket socket;
  private final WsTransport transport;
  private final WsEventLoop loop;
  private final SecureRandom random;
  private final Consumer<Throwable> onFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private final byte[] keys = new byte[4 * KEYS_PER_DRAW];
  private SelectionKey key;

  // ---- guarded by lock ----
  private int keysLeft;
  private WsFrames.Buffer pending = new WsFrames.Buffer(PENDING_INITIAL_BYTES);
  private int pendingStart;
  private boolean writeBlocked;
  private CompletableFuture<WebSocket> drained;
  private boolean textInProgress;
  private boolean inputClosed;
  private int holds;

  private volatile boolean closed;
  private volatile boolean aborted;
  private volatile boolean finished;

  /**
   * @param socket what the send futures complete with
   * @param onFailure hears a write failure, on the loop thread and never under the lock
   */
  WsOutput(
      WebSocket socket,
      WsTransport transport,
      WsEventLoop loop,
      SecureRandom random,
      Consumer<Throwable> onFailure) {
    this.socket = socket;
    this.transport = transport;
    this.loop = loop;
    this.random = random;
    this.onFailure = onFailure;
  }

  /** Before the first send: the key whose OP_WRITE interest a stalled socket sets. */
  void attach(SelectionKey key) {
    this.key = key;
  }

  CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    byte[] utf8 = data.toString().getBytes(StandardCharsets.UTF_8);
    lock.lock();
    try {
      int opcode = textInProgress ? Rfc6455.OP_CONTINUATION : Rfc6455.OP_TEXT;
      textInProgress = !last;
      return send(opcode, last, utf8);
    } finally {
      lock.unlock();
    }
  }

  CompletableFuture<WebSocket> sendControl(int opcode, byte[] payload) {
    lock.lock();
    try {
      return send(opcode, true, payload);
    } finally {
      lock.unlock();
    }
  }

  /** Our close frame (section 5.5.1: nothing may follow it). */
  CompletableFuture<WebSocket> sendClose(byte[] payload) {
    lock.lock();
    try {
      CompletableFuture<WebSocket> f = send(Rfc6455.OP_CLOSE, true, payload);
      closed = true;
      finishIfBothClosed();
      return f;
    } finally {
      lock.unlock();
    }
  }

  /** The server's close frame arrived: once ours is on the wire too, the connection is done. */
  void inputClosed() {
    lock.lock();
    try {
      inputClosed = true;
      finishIfBothClosed();
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Under the lock: encodes, then writes inline unless earlier bytes still wait. */
  private CompletableFuture<WebSocket> send(int opcode, boolean fin, byte[] payload) {
    if (closed || aborted) {
      return CompletableFuture.failedFuture(new IOException("output closed"));
    }
    WsFrames.encode(opcode, fin, payload, 0, payload.length, nextMaskKey(), pending);
    if (!writeBlocked && holds == 0) {
      try {
        flush();
      } catch (IOException e) {
        // The caller learns from the future; the listener hears it on the loop thread.
        loop.execute(() -> onFailure.accept(e));
        return CompletableFuture.failedFuture(e);
      }
    }
    if (pendingLocked() <= HIGH_WATER_BYTES) {
      return CompletableFuture.completedFuture(socket);
    }
    if (drained == null) {
      drained = new CompletableFuture<>();
    }
    return drained;
  }

  /** Under the lock: writes what the socket takes; asks for OP_WRITE for the rest. */
  private void flush() throws IOException {
    pendingStart += transport.write(pending.bytes, pendingStart, pending.size - pendingStart);
    if (pendingStart == pending.size && transport.unsentBytes() == 0) {
      pendingStart = 0;
      pending.clear();
      if (pending.bytes.length > HIGH_WATER_BYTES * 4) {
        pending = new WsFrames.Buffer(PENDING_INITIAL_BYTES); // a burst's buffer is not kept
      }
      if (writeBlocked) {
        writeBlocked = false;
        WsEventLoop.removeInterest(key, SelectionKey.OP_WRITE);
      }
      return;
    }
    if (pendingStart > pending.size / 2) {
      // Keep the buffer from creeping forward while the socket is slow.
      System.arraycopy(pending.bytes, pendingStart, pending.bytes, 0, pending.size - pendingStart);
      pending.size -= pendingStart;
      pendingStart = 0;
    }
    if (!writeBlocked) {
      writeBlocked = true;
      loop.addInterest(key, SelectionKey.OP_WRITE);
    }
  }

  /**
   * Holds sends back until the matching {@link #release}: frames are encoded as usual but stay
   * pending, so the messages of one batch go out with one write. Holds nest.
   */
  void hold() {
    lock.lock();
    try {
      holds++;
    } finally {
      lock.unlock();
    }
  }

  /** Ends a {@link #hold}; the last one writes everything held (as an OP_WRITE would). */
  void release() {
    boolean write;
    lock.lock();
    try {
      if (holds == 0) {
        throw new IllegalStateException("release without hold");
      }
      write = --holds == 0 && !writeBlocked && pending.size > pendingStart;
    } finally {
      lock.unlock();
    }
    if (write) {
      writeAndRelease(false);
    }
  }

  /** Loop thread: the channel is writable again (or TLS must answer); writes what waits. */
  void onWritable() {
    writeAndRelease(true);
  }

  /**
   * Writes what waits, completes a waiting send once under the high-water mark and finishes a
   * closed connection; a failure goes to the listener, on the loop thread either way.
   */
  private void writeAndRelease(boolean onLoop) {
    CompletableFuture<WebSocket> release = null;
    IOException error = null;
    lock.lock();
    try {
      if (aborted) {
        return;
      }
      try {
        flush();
      } catch (IOException e) {
        error = e;
      }
      if (error == null && drained != null && pendingLocked() <= HIGH_WATER_BYTES) {
        release = drained;
        drained = null;
      }
      if (error == null) {
        finishIfBothClosed();
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      IOException e = error;
      if (onLoop) {
        onFailure.accept(e);
      } else {
        loop.execute(() -> onFailure.accept(e));
      }
    } else if (release != null) {
      release.complete(socket); // outside the lock: its callbacks may send again
    }
  }

  /**
   * Under the lock: once both close frames are through and ours is on the wire, TCP (and TLS, with
   * close_notify) closes (section 7.1.1).
   */
  private void finishIfBothClosed() {
    if (closed && inputClosed && !finished && !aborted && pendingLocked() == 0) {
      finished = true;
      transport.closeOutbound();
      closeChannel();
    }
  }

  boolean isFinished() {
    return finished;
  }

  /** Immediate: closes the channel, frees what waited and fails the waiting future. */
  void abort() {
    aborted = true;
    closed = true;
    closeChannel();
    CompletableFuture<WebSocket> release;
    lock.lock();
    try {
      release = drained;
      drained = null;
      pending = new WsFrames.Buffer(0);
      pendingStart = 0;
      writeBlocked = false;
    } finally {
      lock.unlock();
    }
    if (release != null) {
      release.completeExceptionally(new IOException("aborted"));
    }
  }

  private void closeChannel() {
    try {
      transport.channel.close(); // also cancels the selection key
    } catch (IOException ignored) {
      // already closed
    }
  }

  /** Bytes waiting for the network. */
  int pendingBytes() {
    lock.lock();
    try {
      return pendingLocked();
    } finally {
      lock.unlock();
    }
  }

  private int pendingLocked() {
    return pending.size - pendingStart + transport.unsentBytes();
  }

  /**
   * RFC 6455 section 5.3: a fresh, unpredictable key per frame from a strong source; drawn from
   * {@link SecureRandom} 64 keys at a time (one draw per 1.3 s of audio, not one per frame).
   */
  private int nextMaskKey() {
    if (keysLeft == 0) {
      random.nextBytes(keys);
      keysLeft = KEYS_PER_DRAW;
    }
    int i = 4 * --keysLeft;
    return ((keys[i] & 0xFF) << 24)
        | ((keys[i + 1] & 0xFF) << 16)
        | ((keys[i + 2] & 0xFF) << 8)
        | (keys[i + 3] & 0xFF);
  }
}
