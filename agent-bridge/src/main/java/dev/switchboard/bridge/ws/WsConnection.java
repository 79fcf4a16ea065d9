package dev.switchboard.bridge.ws;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open client WebSocket over a non-blocking (possibly TLS) channel, as a {@link WebSocket}.
 *
 * <p>Sending: {@code send*} encodes and masks the frame into the pending buffer under the output
 * lock and, unless earlier bytes still wait for the socket, writes it at once on the caller's
 * thread with a non-blocking write. Only what the kernel would not take stays pending; the event
 * loop writes it when the channel turns writable. No send ever blocks. The returned future is
 * complete unless more than {@link #HIGH_WATER_BYTES} wait for the network; then it completes once
 * they have drained below that mark (the JDK contract of one outstanding send is kept by callers
 * that wait for it).
 *
 * <p>Receiving: on its {@link WsEventLoop} thread the connection reads what arrived, decodes it
 * ({@link WsFrameDecoder}), answers pings and the close handshake (RFC 6455 sections 5.5, 7.1.2)
 * and invokes the listener inline, one message at a time, as {@link #request demand} allows
 * (listeners must therefore not block: parse and hand off). With no demand the connection stops
 * reading (the kernel's buffer then pushes back on the server) until {@code request} is called.
 * After {@link #abort} or a failure the listener hears nothing more; {@code onError} or {@code
 * onClose} is invoked at most once.
 *
 * <p>Thread-safe. The decoder, the read buffer and the held message belong to the loop thread; the
 * pending output and the transport's writes to the output lock.
 */
final class WsConnection implements WebSocket, WsEventLoop.Handler {

  /** Pending bytes beyond which a send's future waits for the network. */
  static final int HIGH_WATER_BYTES = 64 * 1024;

  /** Largest message accepted from the server (OpenAI deltas are a few KiB). */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** Normal closure (section 7.4.1). */
  private static final int NORMAL_CLOSURE = 1000;

  private static final int KEYS_PER_DRAW = 64;
  private static final int PENDING_INITIAL_BYTES = 4096;

  private final WsTransport transport;
  private final WsEventLoop loop;
  private final Listener listener;
  private final SecureRandom random;
  private final ReentrantLock outLock = new ReentrantLock();
  private final AtomicBoolean terminal = new AtomicBoolean();
  private final AtomicLong demand = new AtomicLong();
  private final byte[] keys = new byte[4 * KEYS_PER_DRAW];
  private SelectionKey key;

  // ---- guarded by outLock ----
  private int keysLeft;
  private WsFrames.Buffer pending = new WsFrames.Buffer(PENDING_INITIAL_BYTES);
  private int pendingStart;
  private boolean writeBlocked;
  private CompletableFuture<WebSocket> drained;
  private boolean textInProgress;
  private volatile boolean finished;

  // ---- loop thread ----
  private final ByteBuffer in;
  private final WsFrameDecoder decoder = new WsFrameDecoder(MAX_MESSAGE_BYTES);
  private int messageOpcode = -1;

  /** A decoded frame waiting for demand (a final data frame, a ping or a pong), or null. */
  private WsFrames.Header held;

  private volatile boolean readPaused;
  private volatile boolean outputClosed;
  private volatile boolean inputClosed;
  private volatile boolean aborted;

  /**
   * @param in the application read buffer in write mode, possibly already holding bytes that
   *     arrived right after the upgrade answer
   */
  WsConnection(
      WsTransport transport,
      ByteBuffer in,
      WsEventLoop loop,
      Listener listener,
      SecureRandom random) {
    this.transport = transport;
    this.in = in;
    this.loop = loop;
    this.listener = listener;
    this.random = random;
  }

  /** Invokes {@code onOpen}, then hands the (non-blocking) channel to the loop. */
  void start() throws IOException {
    key = loop.register(transport.channel, this); // first: onOpen may send already
    listener.onOpen(this);
    // Bytes that came with the upgrade answer are decoded on the loop like any others.
    loop.execute(this::onReadable);
    loop.addInterest(key, SelectionKey.OP_READ);
  }

  // ---- sending ----

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    byte[] utf8 = data.toString().getBytes(StandardCharsets.UTF_8);
    outLock.lock();
    try {
      int opcode = textInProgress ? WsFrames.OP_CONTINUATION : WsFrames.OP_TEXT;
      textInProgress = !last;
      return send(opcode, last, utf8, utf8.length);
    } finally {
      outLock.unlock();
    }
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    return failed(new UnsupportedOperationException("binary messages are not used"));
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return sendControl(WsFrames.OP_PING, message);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return sendControl(WsFrames.OP_PONG, message);
  }

  /** Idempotent: once our close frame is queued, later calls complete at once. */
  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    if (outputClosed && !aborted) {
      return CompletableFuture.completedFuture(this);
    }
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + Math.min(r.length, WsFrames.MAX_CONTROL_PAYLOAD - 2)];
    payload[0] = (byte) (statusCode >>> 8);
    payload[1] = (byte) statusCode;
    System.arraycopy(r, 0, payload, 2, payload.length - 2);
    outLock.lock();
    try {
      CompletableFuture<WebSocket> f = send(WsFrames.OP_CLOSE, true, payload, payload.length);
      outputClosed = true; // section 5.5.1: nothing after our close frame
      finishIfBothClosed();
      return f;
    } finally {
      outLock.unlock();
    }
  }

  private CompletableFuture<WebSocket> sendControl(int opcode, ByteBuffer message) {
    if (message.remaining() > WsFrames.MAX_CONTROL_PAYLOAD) {
      return failed(new IllegalArgumentException("control payload over 125 bytes"));
    }
    byte[] payload = new byte[message.remaining()];
    message.get(payload);
    outLock.lock();
    try {
      return send(opcode, true, payload, payload.length);
    } finally {
      outLock.unlock();
    }
  }

  /** Under the output lock: encodes, then writes inline unless earlier bytes still wait. */
  private CompletableFuture<WebSocket> send(int opcode, boolean fin, byte[] payload, int len) {
    if (outputClosed || aborted) {
      return failed(new IOException("output closed"));
    }
    WsFrames.encode(opcode, fin, payload, 0, len, nextMaskKey(), pending);
    if (!writeBlocked) {
      try {
        flushLocked();
      } catch (IOException e) {
        // The caller learns from the future; the listener hears it on the loop thread, never
        // under this lock.
        loop.execute(() -> fail(e));
        return failed(e);
      }
    }
    if (pendingBytes() <= HIGH_WATER_BYTES) {
      return CompletableFuture.completedFuture(this);
    }
    if (drained == null) {
      drained = new CompletableFuture<>();
    }
    return drained;
  }

  /** Under the output lock: writes what the socket takes; asks for OP_WRITE for the rest. */
  private void flushLocked() throws IOException {
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

  private int pendingBytes() {
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

  /** Loop thread: the channel is writable again (or TLS must answer); flush what waits. */
  private void onWritable() {
    CompletableFuture<WebSocket> release = null;
    IOException error = null;
    outLock.lock();
    try {
      if (aborted) {
        return;
      }
      try {
        flushLocked();
      } catch (IOException e) {
        error = e;
      }
      if (error == null && drained != null && pendingBytes() <= HIGH_WATER_BYTES) {
        release = drained;
        drained = null;
      }
      if (error == null) {
        finishIfBothClosed();
      }
    } finally {
      outLock.unlock();
    }
    if (error != null) {
      fail(error);
    } else if (release != null) {
      release.complete(this); // outside the lock: its callbacks may send again
    }
  }

  /**
   * Under the output lock: once both close frames are through and ours is on the wire, the
   * connection is done (section 7.1.1: the client closes TCP after the server, or promptly).
   */
  private void finishIfBothClosed() {
    if (outputClosed && inputClosed && !finished && !aborted && pendingBytes() == 0) {
      finished = true;
      transport.closeOutbound();
      closeChannel();
    }
  }

  // ---- receiving ----

  @Override
  public void request(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("demand must be positive, got " + n);
    }
    long d;
    do {
      d = demand.get();
    } while (!demand.compareAndSet(d, d + n < 0 ? Long.MAX_VALUE : d + n));
    // Pairs with pauseReading: it publishes readPaused, then looks at demand again.
    if (readPaused) {
      loop.execute(this::resumeReading);
    }
  }

  /** Takes one unit of demand; false when there is none. A CAS, no lock, per message. */
  private boolean takeDemand() {
    while (true) {
      long d = demand.get();
      if (d == 0) {
        return false;
      }
      if (d == Long.MAX_VALUE || demand.compareAndSet(d, d - 1)) {
        return true;
      }
    }
  }

  @Override
  public void onReady(int readyOps) {
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      onWritable();
    }
    if ((readyOps & SelectionKey.OP_READ) != 0) {
      onReadable();
    }
  }

  @Override
  public void onLoopError(Throwable error) {
    fail(error);
  }

  /** Loop thread: reads what arrived and delivers as demand allows. */
  private void onReadable() {
    try {
      while (!aborted && !finished && !inputClosed && !readPaused) {
        int n = transport.read(in);
        if (transport.wantsWrite()) {
          onWritable(); // e.g. a TLS 1.3 key update must be answered before reading on
        }
        in.flip();
        try {
          deliver();
        } finally {
          in.compact();
        }
        if (n < 0) {
          if (!inputClosed && !aborted) {
            throw new EOFException("the server closed the connection without a close frame");
          }
          return;
        }
        if (!transport.hasBufferedInput()) {
          return; // plain TCP: one read per readiness; the selector reports any rest
        }
      }
    } catch (WsFrames.ProtocolError e) {
      sendClose(e.closeCode, "");
      fail(e);
    } catch (IOException | RuntimeException e) {
      if (!aborted) {
        fail(e);
      }
    }
  }

  /** Loop thread: demand came back after a pause. */
  private void resumeReading() {
    if (!readPaused || aborted) {
      return;
    }
    readPaused = false;
    try {
      in.flip();
      try {
        deliver();
      } finally {
        in.compact();
      }
    } catch (WsFrames.ProtocolError e) {
      sendClose(e.closeCode, "");
      fail(e);
      return;
    } catch (IOException | RuntimeException e) {
      fail(e);
      return;
    }
    if (!readPaused && !inputClosed && !aborted) {
      loop.addInterest(key, SelectionKey.OP_READ);
      onReadable(); // TLS may hold whole records already read from the socket
    }
  }

  /** Loop thread: stops reading until {@link #request}; false if demand arrived meanwhile. */
  private boolean pauseReading() {
    readPaused = true;
    WsEventLoop.removeInterest(key, SelectionKey.OP_READ);
    if (demand.get() > 0) {
      readPaused = false;
      loop.addInterest(key, SelectionKey.OP_READ);
      return false;
    }
    return true;
  }

  /** Loop thread: decodes {@code in} (read mode) and delivers frames while demand lasts. */
  private void deliver() throws IOException {
    while (!aborted && !inputClosed) {
      if (held == null) {
        WsFrames.Header h = decoder.next(in);
        if (h == null) {
          return;
        }
        if (!accept(h)) {
          continue;
        }
        held = h;
      }
      if (!takeDemand()) {
        if (pauseReading()) {
          return;
        }
        continue;
      }
      WsFrames.Header h = held;
      held = null;
      dispatch(h);
    }
  }

  /**
   * Handles what needs no demand (fragments, pongs owed, the close handshake); true when the frame
   * must still be delivered to the listener.
   */
  private boolean accept(WsFrames.Header h) throws IOException {
    switch (h.opcode()) {
      case WsFrames.OP_PING -> {
        // Section 5.5.2: answer with a pong carrying the same application data.
        if (!outputClosed) {
          sendPong(controlPayload());
        }
        return true;
      }
      case WsFrames.OP_PONG -> {
        return true;
      }
      case WsFrames.OP_CLOSE -> {
        onCloseFrame();
        return false;
      }
      case WsFrames.OP_CONTINUATION -> {
        if (messageOpcode < 0) {
          throw new WsFrames.ProtocolError(1002, "continuation without a message (section 5.4)");
        }
      }
      default -> {
        if (messageOpcode >= 0) {
          throw new WsFrames.ProtocolError(1002, "new message inside a fragmented one");
        }
        messageOpcode = h.opcode();
      }
    }
    return h.fin();
  }

  private void dispatch(WsFrames.Header h) throws IOException {
    switch (h.opcode()) {
      case WsFrames.OP_PING -> {
        CompletionStage<?> ignored = listener.onPing(this, controlPayload());
      }
      case WsFrames.OP_PONG -> {
        CompletionStage<?> ignored = listener.onPong(this, controlPayload());
      }
      default -> {
        boolean text = messageOpcode == WsFrames.OP_TEXT;
        messageOpcode = -1;
        WsFrames.Buffer m = decoder.message;
        if (text) {
          String s = utf8(m);
          decoder.messageDelivered();
          listener.onText(this, s, true);
        } else {
          ByteBuffer copy = ByteBuffer.wrap(java.util.Arrays.copyOf(m.bytes, m.size));
          decoder.messageDelivered();
          listener.onBinary(this, copy, true);
        }
      }
    }
  }

  private ByteBuffer controlPayload() {
    WsFrames.Buffer c = decoder.control;
    return ByteBuffer.wrap(java.util.Arrays.copyOf(c.bytes, c.size)).asReadOnlyBuffer();
  }

  /** Section 5.5.1 / 7.1.2: the server's close frame; echo it unless ours went first. */
  private void onCloseFrame() throws IOException {
    WsFrames.Buffer control = decoder.control;
    int code = 1005; // section 7.1.5: no status code present
    String reason = "";
    if (control.size == 1) {
      throw new WsFrames.ProtocolError(1002, "close payload of one byte (section 5.5.1)");
    }
    if (control.size >= 2) {
      code = ((control.bytes[0] & 0xFF) << 8) | (control.bytes[1] & 0xFF);
      reason = new String(control.bytes, 2, control.size - 2, StandardCharsets.UTF_8);
    }
    inputClosed = true;
    WsEventLoop.removeInterest(key, SelectionKey.OP_READ);
    if (terminal.compareAndSet(false, true) && !aborted) {
      CompletionStage<?> ignored = listener.onClose(this, code, reason);
    }
    if (!outputClosed) {
      // Echo the status code unless the listener closed already; TCP closes once it is sent.
      sendClose(code == 1005 ? NORMAL_CLOSURE : code, "");
    } else {
      outLock.lock();
      try {
        finishIfBothClosed();
      } finally {
        outLock.unlock();
      }
    }
  }

  /** Section 8.1: text must be valid UTF-8; ASCII (all of OpenAI's JSON in practice) is direct. */
  private static String utf8(WsFrames.Buffer m) throws WsFrames.ProtocolError {
    byte[] b = m.bytes;
    int n = m.size;
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, 0, n));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new WsFrames.ProtocolError(1007, "text message is not valid UTF-8");
    }
  }

  // ---- teardown ----

  private void fail(Throwable error) {
    boolean first = terminal.compareAndSet(false, true);
    abortQuietly();
    if (first) {
      listener.onError(this, error);
    }
  }

  @Override
  public void abort() {
    terminal.set(true);
    abortQuietly();
  }

  private void abortQuietly() {
    aborted = true;
    outputClosed = true;
    inputClosed = true;
    closeChannel();
    CompletableFuture<WebSocket> release;
    outLock.lock();
    try {
      release = drained;
      drained = null;
      pending = new WsFrames.Buffer(0); // abort frees what waited for the network
      pendingStart = 0;
      writeBlocked = false;
    } finally {
      outLock.unlock();
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

  /** Test hook: bytes waiting for the network. */
  int pendingBytesForTest() {
    outLock.lock();
    try {
      return pendingBytes();
    } finally {
      outLock.unlock();
    }
  }

  /** Test hook: reading is paused for lack of demand. */
  boolean readPausedForTest() {
    return readPaused;
  }

  /** Test hook: the channel is closed. */
  boolean channelClosedForTest() {
    return !transport.channel.isOpen();
  }

  @Override
  public String getSubprotocol() {
    return "";
  }

  @Override
  public boolean isOutputClosed() {
    return outputClosed;
  }

  @Override
  public boolean isInputClosed() {
    return inputClosed;
  }

  private static <T> CompletableFuture<T> failed(Throwable t) {
    return CompletableFuture.failedFuture(t);
  }
}
