package dev.switchboard.testkit.realtime;

import dev.switchboard.bridge.ws.Rfc6455;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The server end of one fake connection on a {@link FakeEventLoop}: the HTTP upgrade request, then
 * an RFC 6455 WebSocket with just what the fake needs (text messages, fragmented or not; ping →
 * pong; the closing handshake). Reads are non-blocking and parsed by a {@link FakeFrameReader} that
 * keeps partial frames across reads. Sends write at once, on the loop thread, with one non-blocking
 * write per frame; only what the kernel does not take waits, and goes out when the socket turns
 * writable (OP_WRITE). Nothing here ever blocks the loop.
 *
 * <p>Confined to the loop thread, except {@link #isOpen()} and {@link #closeNow()}.
 */
final class FakeWebSocket implements FakeEventLoop.Ready, FakeFrameReader.Frames {

  /** What arrives once the socket is open; called on the loop thread, must not block. */
  interface Handler {
    /** One text message; the bytes are valid only during the call. */
    void onText(byte[] utf8, int offset, int length);

    /** Once, when the socket is gone (either side, cleanly or not). */
    void onClosed();
  }

  /** Decides on an upgrade request: a handler to open the socket, or null after answering it. */
  interface Upgrader {
    Handler upgrade(FakeUpgrade request, FakeWebSocket socket);
  }

  private static final int MAX_MESSAGE_BYTES = 16 << 20;

  /** A client that stops reading is dropped past this much unsent data, as a server would. */
  private static final int MAX_PENDING_BYTES = 64 << 20;

  private final FakeEventLoop loop;
  private final SocketChannel channel;
  private final SelectionKey key;
  private final Upgrader upgrader;
  private final FakeFrameReader frames = new FakeFrameReader(MAX_MESSAGE_BYTES);
  private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
  private ByteBuffer pending; // read mode; null when everything went out
  private Handler handler; // null until upgraded
  private volatile boolean open = true;
  private boolean closeSent;
  private boolean closeAfterFlush;
  private boolean readingDone;
  private boolean closedNotified;

  /** Registers {@code channel} (connected, non-blocking) on {@code loop}; loop thread only. */
  FakeWebSocket(FakeEventLoop loop, SocketChannel channel, Upgrader upgrader) throws IOException {
    this.loop = loop;
    this.channel = channel;
    this.upgrader = upgrader;
    this.key = loop.register(channel, SelectionKey.OP_READ, this);
  }

  FakeEventLoop loop() {
    return loop;
  }

  boolean isOpen() {
    return open;
  }

  void sendText(String text) throws IOException {
    sendText(text.getBytes(StandardCharsets.UTF_8), null, null);
  }

  /** One text message made of up to three parts (null parts are skipped), one frame. */
  void sendText(byte[] a, byte[] b, byte[] c) throws IOException {
    if (closeSent) {
      throw new IOException("close frame already sent");
    }
    writeFrame(Rfc6455.OP_TEXT, a, b, c);
  }

  /** Starts the closing handshake (RFC 6455 §5.5.1); the socket closes when the peer answers. */
  void sendClose(int statusCode, String reason) {
    if (closeSent) {
      return;
    }
    closeSent = true;
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] status = {(byte) (statusCode >> 8), (byte) statusCode};
    writeFrame(Rfc6455.OP_CLOSE, status, r, null);
  }

  /** Answers the upgrade request with raw HTTP bytes (101, or an error before closing). */
  void writeHttp(byte[] response, boolean thenClose) {
    write(ByteBuffer.wrap(response));
    if (thenClose) {
      closeAfterFlush();
    }
  }

  /** Drops the TCP connection without a close frame; any thread. */
  void closeNow() {
    open = false;
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
    if (loop.inLoop()) {
      notifyClosed();
    } else {
      loop.execute(this::notifyClosed);
    }
  }

  @Override
  public void shutdown() {
    closeNow();
  }

  @Override
  public void ready(SelectionKey k) {
    if (k.isWritable()) {
      flush();
    }
    if (open && k.isValid() && k.isReadable()) {
      read();
    }
  }

  private void read() {
    int n;
    try {
      n = channel.read(in);
    } catch (IOException e) {
      n = -1; // reset
    }
    if (n < 0) {
      closeNow(); // the peer went away
      return;
    }
    if (readingDone) {
      in.clear(); // after a close, a violation or a refused upgrade nothing more is read
      return;
    }
    in.flip();
    if (handler == null && !readHead()) {
      in.compact();
      return;
    }
    int needed = frames.read(in, this);
    in.compact();
    if (needed < 0) {
      readingDone = true; // §5.5.1: nothing after a close frame
      in.clear();
    } else if (needed > in.capacity()) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, 2 * in.capacity()));
      in.flip();
      bigger.put(in);
      in = bigger;
    }
  }

  /** Until the request head is complete: then the upgrader decides. True once open. */
  private boolean readHead() {
    int end = FakeUpgrade.headEnd(in.array(), in.limit());
    if (end < 0) {
      if (in.limit() >= FakeUpgrade.MAX_HEAD_BYTES) {
        writeHttp(FakeUpgrade.rejectResponse(431, "Request Header Fields Too Large", "{}"), true);
        in.position(in.limit());
      }
      return false;
    }
    FakeUpgrade request = FakeUpgrade.parse(in.array(), end);
    in.position(end);
    handler = open ? upgrader.upgrade(request, this) : null;
    if (handler == null) {
      in.position(in.limit());
      readingDone = true;
      return false;
    }
    return true;
  }

  // ---- frames (FakeFrameReader.Frames) ----

  @Override
  public void text(byte[] utf8, int offset, int length) {
    if (open) {
      handler.onText(utf8, offset, length);
    }
  }

  @Override
  public void ping(byte[] payload, int offset, int length) {
    if (!closeSent) {
      byte[] copy = java.util.Arrays.copyOfRange(payload, offset, offset + length);
      writeFrame(Rfc6455.OP_PONG, copy, null, null); // §5.5.3: the same payload
    }
  }

  @Override
  public void close(int statusCode) {
    // §5.5.1: echo the peer's status (1000 if it gave none), then the TCP connection may close.
    sendClose(statusCode == 1005 ? 1000 : statusCode, "");
    closeAfterFlush();
  }

  @Override
  public void violation(int statusCode, String reason) {
    sendClose(statusCode, reason);
    closeAfterFlush();
  }

  // ---- writing ----

  /** A server's frames are never masked (RFC 6455 §5.1); header and payload in one write. */
  private void writeFrame(int opcode, byte[] a, byte[] b, byte[] c) {
    int n = len(a) + len(b) + len(c);
    int headerBytes = n < 126 ? 2 : n < 65_536 ? 4 : 10;
    ByteBuffer out = loop.sendScratch;
    if (headerBytes + n > out.capacity()) {
      out = ByteBuffer.allocate(headerBytes + n);
    }
    out.clear();
    out.put((byte) (0x80 | opcode));
    if (n < 126) {
      out.put((byte) n);
    } else if (n < 65_536) {
      out.put((byte) 126).putShort((short) n);
    } else {
      out.put((byte) 127).putLong(n);
    }
    put(out, a);
    put(out, b);
    put(out, c);
    out.flip();
    write(out);
  }

  private static void put(ByteBuffer out, byte[] part) {
    if (part != null) {
      out.put(part);
    }
  }

  private static int len(byte[] part) {
    return part == null ? 0 : part.length;
  }

  /** Writes now if nothing waits; keeps what the kernel did not take, in order. */
  private void write(ByteBuffer bytes) {
    if (!open) {
      return;
    }
    if (pending == null) {
      try {
        channel.write(bytes);
      } catch (IOException e) {
        closeNow();
        return;
      }
      if (!bytes.hasRemaining()) {
        return;
      }
    }
    int waiting = pending == null ? 0 : pending.remaining();
    if (waiting + bytes.remaining() > MAX_PENDING_BYTES) {
      System.err.println("fake realtime: client not reading, " + waiting + " bytes unsent: drop");
      closeNow();
      return;
    }
    ByteBuffer next = pending;
    if (next == null || next.capacity() - waiting < bytes.remaining()) {
      next = ByteBuffer.allocate(Math.max(64 * 1024, 2 * (waiting + bytes.remaining())));
      if (pending != null) {
        next.put(pending);
      }
    } else {
      next.compact();
    }
    next.put(bytes).flip();
    pending = next;
    key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
  }

  private void flush() {
    try {
      if (pending != null) {
        channel.write(pending);
      }
    } catch (IOException e) {
      closeNow();
      return;
    }
    if (pending == null || !pending.hasRemaining()) {
      pending = null;
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
      if (closeAfterFlush) {
        closeNow();
      }
    }
  }

  private void closeAfterFlush() {
    if (pending == null) {
      closeNow();
    } else {
      closeAfterFlush = true;
    }
  }

  private void notifyClosed() {
    if (closedNotified) {
      return;
    }
    closedNotified = true;
    if (handler != null) {
      handler.onClosed();
    }
  }
}
