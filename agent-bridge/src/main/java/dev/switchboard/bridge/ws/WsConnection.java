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

/**
 * One open client WebSocket over a non-blocking (possibly TLS) channel, as a {@link WebSocket}.
 *
 * <p>Sending is {@link WsOutput}'s: written inline on the caller's thread, never blocking.
 *
 * <p>Receiving: on its {@link WsEventLoop} thread the connection reads what arrived, decodes it
 * ({@link WsFrameDecoder}), answers pings and the close handshake (RFC 6455 sections 5.5, 7.1.2)
 * and invokes the listener inline, one message at a time, as {@link #request demand} allows
 * (listeners therefore must not block: parse and hand off). With no demand the connection stops
 * reading (the kernel's buffer then pushes back on the server) until {@code request} is called.
 * After {@link #abort} or a failure the listener hears nothing more; {@code onError} or {@code
 * onClose} is invoked at most once.
 *
 * <p>Thread-safe. The decoder, the read buffer and the held frame belong to the loop thread.
 */
final class WsConnection implements WebSocket, WsEventLoop.Handler {

  /** Largest message accepted from the server (OpenAI deltas are a few KiB). */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** Normal closure (section 7.4.1). */
  private static final int NORMAL_CLOSURE = 1000;

  private final WsTransport transport;
  private final WsEventLoop loop;
  private final Listener listener;
  private final WsOutput output;
  private final AtomicBoolean terminal = new AtomicBoolean();
  private final AtomicLong demand = new AtomicLong();
  private SelectionKey key;

  // ---- loop thread ----
  private final ByteBuffer in;
  private final WsFrameDecoder decoder = new WsFrameDecoder(MAX_MESSAGE_BYTES);
  private int messageOpcode = -1;

  /** A decoded frame waiting for demand (a final data frame, a ping or a pong), or null. */
  private WsFrames.Header held;

  private volatile boolean readPaused;
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
    this.output = new WsOutput(this, transport, loop, random, this::fail);
  }

  /** Invokes {@code onOpen}, then hands the (non-blocking) channel to the loop. */
  void start() throws IOException {
    key = loop.register(transport.channel, this); // first: onOpen may send already
    output.attach(key);
    listener.onOpen(this);
    // Bytes that came with the upgrade answer are decoded on the loop like any others.
    loop.execute(this::onReadable);
    loop.addInterest(key, SelectionKey.OP_READ);
  }

  // ---- sending ----

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    return output.sendText(data, last);
  }

  /** See {@link WsClient#batch}. */
  void batch(Runnable sends) {
    output.hold();
    try {
      sends.run();
    } finally {
      output.release();
    }
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("binary messages are not used"));
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return sendControl(Rfc6455.OP_PING, message);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return sendControl(Rfc6455.OP_PONG, message);
  }

  private CompletableFuture<WebSocket> sendControl(int opcode, ByteBuffer message) {
    if (message.remaining() > Rfc6455.MAX_CONTROL_PAYLOAD) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("control payload over 125 bytes"));
    }
    byte[] payload = new byte[message.remaining()];
    message.get(payload);
    return output.sendControl(opcode, payload);
  }

  /** Idempotent: once our close frame is queued, later calls complete at once. */
  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    if (output.isClosed() && !aborted) {
      return CompletableFuture.completedFuture(this);
    }
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + Math.min(r.length, Rfc6455.MAX_CONTROL_PAYLOAD - 2)];
    payload[0] = (byte) (statusCode >>> 8);
    payload[1] = (byte) statusCode;
    System.arraycopy(r, 0, payload, 2, payload.length - 2);
    return output.sendClose(payload);
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
      output.onWritable();
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
      while (!aborted && !output.isFinished() && !inputClosed && !readPaused) {
        int n = transport.read(in);
        if (transport.wantsWrite()) {
          output.onWritable(); // e.g. a TLS 1.3 key update must be answered before reading on
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
      case Rfc6455.OP_PING -> {
        // Section 5.5.2: answer with a pong carrying the same application data.
        if (!output.isClosed()) {
          sendPong(controlPayload());
        }
        return true;
      }
      case Rfc6455.OP_PONG -> {
        return true;
      }
      case Rfc6455.OP_CLOSE -> {
        onCloseFrame();
        return false;
      }
      case Rfc6455.OP_CONTINUATION -> {
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
      case Rfc6455.OP_PING -> {
        CompletionStage<?> ignored = listener.onPing(this, controlPayload());
      }
      case Rfc6455.OP_PONG -> {
        CompletionStage<?> ignored = listener.onPong(this, controlPayload());
      }
      default -> {
        boolean text = messageOpcode == Rfc6455.OP_TEXT;
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
    output.inputClosed();
    if (!output.isClosed()) {
      // Echo the status code unless the listener closed already; TCP closes once it is sent.
      sendClose(code == 1005 ? NORMAL_CLOSURE : code, "");
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
    inputClosed = true;
    output.abort();
  }

  /** Test hook: bytes waiting for the network. */
  int pendingBytesForTest() {
    return output.pendingBytes();
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
    return output.isClosed();
  }

  @Override
  public boolean isInputClosed() {
    return inputClosed;
  }
}
