package dev.switchboard.bridge.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open client WebSocket over a connected (possibly TLS) socket, as a {@link WebSocket}.
 *
 * <p>Sending: {@code send*} encodes and masks the frame into the pending buffer under the output
 * lock and returns at once; a writer virtual thread, woken when the buffer turns non-empty, swaps
 * buffers and writes the whole batch with one socket write. The returned future is complete unless
 * more than {@link #HIGH_WATER_BYTES} wait for the network; then it completes once the writer has
 * drained them (the JDK contract of one outstanding send is kept by callers that wait for it).
 *
 * <p>Receiving: a reader virtual thread blocks in {@code read}, reassembles fragments, answers
 * pings and the close handshake (RFC 6455 sections 5.4, 5.5, 7.1.2) and invokes the listener one
 * message at a time, as {@link #request demand} allows. After {@link #abort} or a failure the
 * listener hears nothing more; {@code onError} or {@code onClose} is invoked at most once.
 *
 * <p>Thread-safe.
 */
final class WsConnection implements WebSocket {

  /** Pending bytes beyond which a send's future waits for the writer. */
  static final int HIGH_WATER_BYTES = 64 * 1024;

  /** Largest message accepted from the server (OpenAI deltas are a few KiB). */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** Normal closure (section 7.4.1). */
  private static final int NORMAL_CLOSURE = 1000;

  private static final int KEYS_PER_DRAW = 64;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Listener listener;
  private final SecureRandom random;
  private final ReentrantLock outLock = new ReentrantLock();
  private final Condition outReady = outLock.newCondition();
  private final ReentrantLock demandLock = new ReentrantLock();
  private final Condition demandReady = demandLock.newCondition();
  private final AtomicBoolean terminal = new AtomicBoolean();
  private final byte[] keys = new byte[4 * KEYS_PER_DRAW];
  private int keysLeft;
  private WsFrames.Buffer pending = new WsFrames.Buffer(4096);
  private WsFrames.Buffer writing = new WsFrames.Buffer(4096);
  private CompletableFuture<WebSocket> drained;
  private boolean textInProgress;
  private volatile boolean outputClosed;
  private volatile boolean inputClosed;
  private volatile boolean aborted;
  private long demand;

  WsConnection(Socket socket, InputStream in, Listener listener, SecureRandom random)
      throws IOException {
    this.socket = socket;
    this.in = in;
    this.out = socket.getOutputStream();
    this.listener = listener;
    this.random = random;
  }

  /** Invokes {@code onOpen} and starts the reader and writer threads. */
  void start(String name) {
    listener.onOpen(this);
    Thread.ofVirtual().name(name + "-writer").start(this::writeLoop);
    Thread.ofVirtual().name(name + "-reader").start(this::readLoop);
  }

  // ---- sending ----

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    byte[] utf8 = data.toString().getBytes(StandardCharsets.UTF_8);
    outLock.lock();
    try {
      int opcode = textInProgress ? WsFrames.OP_CONTINUATION : WsFrames.OP_TEXT;
      textInProgress = !last;
      return enqueue(opcode, last, utf8, utf8.length);
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
      CompletableFuture<WebSocket> f = enqueue(WsFrames.OP_CLOSE, true, payload, payload.length);
      outputClosed = true; // section 5.5.1: nothing after our close frame
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
      return enqueue(opcode, true, payload, payload.length);
    } finally {
      outLock.unlock();
    }
  }

  /** Under the output lock. */
  private CompletableFuture<WebSocket> enqueue(int opcode, boolean fin, byte[] payload, int len) {
    if (outputClosed || aborted) {
      return failed(new IOException("output closed"));
    }
    boolean wasEmpty = pending.size == 0;
    WsFrames.encode(opcode, fin, payload, 0, len, nextMaskKey(), pending);
    if (wasEmpty) {
      outReady.signal();
    }
    if (pending.size <= HIGH_WATER_BYTES) {
      return CompletableFuture.completedFuture(this);
    }
    if (drained == null) {
      drained = new CompletableFuture<>();
    }
    return drained;
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

  private void writeLoop() {
    while (true) {
      CompletableFuture<WebSocket> release;
      boolean closeAfter;
      outLock.lock();
      try {
        while (pending.size == 0 && !aborted && !(outputClosed && inputClosed)) {
          outReady.awaitUninterruptibly();
        }
        if (aborted) {
          return;
        }
        if (pending.size == 0) {
          // Both close frames are through (section 7.1.1): the connection is done.
          closeSocket();
          return;
        }
        WsFrames.Buffer b = writing;
        writing = pending;
        pending = b;
        release = drained;
        drained = null;
        closeAfter = outputClosed && inputClosed;
      } finally {
        outLock.unlock();
      }
      try {
        out.write(writing.bytes, 0, writing.size);
        out.flush();
        writing.clear();
      } catch (IOException e) {
        if (release != null) {
          release.completeExceptionally(e);
        }
        fail(e);
        return;
      }
      if (release != null) {
        release.complete(this);
      }
      if (closeAfter) {
        closeSocket();
        return;
      }
    }
  }

  // ---- receiving ----

  @Override
  public void request(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("demand must be positive, got " + n);
    }
    demandLock.lock();
    try {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      demandReady.signal();
    } finally {
      demandLock.unlock();
    }
  }

  /** Waits for demand and takes one unit; false once aborted. */
  private boolean takeDemand() {
    demandLock.lock();
    try {
      while (demand == 0 && !aborted) {
        demandReady.awaitUninterruptibly();
      }
      if (aborted) {
        return false;
      }
      demand--;
      return true;
    } finally {
      demandLock.unlock();
    }
  }

  private void readLoop() {
    WsFrames.Buffer message = new WsFrames.Buffer(8192);
    WsFrames.Buffer control = new WsFrames.Buffer(WsFrames.MAX_CONTROL_PAYLOAD);
    int messageOpcode = -1;
    try {
      while (true) {
        WsFrames.Header h = WsFrames.read(in, message, control, MAX_MESSAGE_BYTES);
        if (h.control()) {
          if (!onControl(h.opcode(), control)) {
            return;
          }
          continue;
        }
        if (h.opcode() == WsFrames.OP_CONTINUATION) {
          if (messageOpcode < 0) {
            throw new WsFrames.ProtocolError(1002, "continuation without a message (section 5.4)");
          }
        } else if (messageOpcode >= 0) {
          throw new WsFrames.ProtocolError(1002, "new message inside a fragmented one");
        } else {
          messageOpcode = h.opcode();
        }
        if (!h.fin()) {
          continue;
        }
        boolean text = messageOpcode == WsFrames.OP_TEXT;
        messageOpcode = -1;
        if (!takeDemand()) {
          return;
        }
        if (text) {
          listener.onText(this, utf8(message), true);
        } else {
          listener.onBinary(this, ByteBuffer.wrap(message.bytes, 0, message.size).slice(), true);
        }
        message.clear();
        if (message.bytes.length > 65536) {
          message = new WsFrames.Buffer(8192); // do not keep a rare huge message's buffer
        }
      }
    } catch (WsFrames.ProtocolError e) {
      sendClose(e.closeCode, "");
      fail(e);
    } catch (IOException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** Handles a control frame; false when reading is over. */
  private boolean onControl(int opcode, WsFrames.Buffer control) throws IOException {
    ByteBuffer payload = ByteBuffer.wrap(control.bytes, 0, control.size).asReadOnlyBuffer();
    switch (opcode) {
      case WsFrames.OP_PING -> {
        // Section 5.5.2: answer with a pong carrying the same application data.
        if (!outputClosed) {
          sendPong(payload.duplicate());
        }
        if (takeDemand()) {
          CompletionStage<?> ignored = listener.onPing(this, payload);
        }
        return true;
      }
      case WsFrames.OP_PONG -> {
        if (takeDemand()) {
          CompletionStage<?> ignored = listener.onPong(this, payload);
        }
        return true;
      }
      default -> {
        int code = 1005; // section 7.1.5: no status code present
        String reason = "";
        if (control.size == 1) {
          throw new WsFrames.ProtocolError(1002, "close payload of one byte (section 5.5.1)");
        }
        if (control.size >= 2) {
          code = ((control.bytes[0] & 0xFF) << 8) | (control.bytes[1] & 0xFF);
          reason = new String(control.bytes, 2, control.size - 2, StandardCharsets.UTF_8);
        }
        outLock.lock();
        try {
          inputClosed = true;
          outReady.signal();
        } finally {
          outLock.unlock();
        }
        if (terminal.compareAndSet(false, true) && !aborted) {
          CompletionStage<?> ignored = listener.onClose(this, code, reason);
        }
        if (!outputClosed) {
          // Section 5.5.1: echo the status code unless the listener closed already; the writer
          // closes TCP once it is sent.
          sendClose(code == 1005 ? NORMAL_CLOSURE : code, "");
        }
        return false;
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
    closeSocket();
    outLock.lock();
    try {
      outReady.signalAll();
      if (drained != null) {
        drained.completeExceptionally(new IOException("aborted"));
        drained = null;
      }
    } finally {
      outLock.unlock();
    }
    demandLock.lock();
    try {
      demandReady.signalAll();
    } finally {
      demandLock.unlock();
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
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
