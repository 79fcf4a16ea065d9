package dev.switchboard.twilio.stream;

import dev.switchboard.bridge.ws.Rfc6455;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The server end of one Media Streams WebSocket (RFC 6455) on the raw connection Undertow hands
 * over after the upgrade ({@link StreamUpgrade}). Frames are parsed from the socket's bytes on its
 * XNIO IO thread, and what is queued for sending leaves with one non-blocking write per {@link
 * #flush}. It keeps to what a Media Stream needs: text messages (fragmented or not), ping → pong,
 * the closing handshake. Undertow's own WebSocket layer allocates a frame channel and a buffered
 * message per message and reads twice more after each one only to find nothing: at 300 calls {@code
 * perf} put it at 14 % of the node's IO-thread CPU besides its syscalls, and replacing it saved
 * about 8 % of the node's CPU.
 *
 * <p>A read that returns less than the buffer had room for drained the socket, so no second read is
 * made (the selector is level-triggered and calls again when more arrives). That holds for the
 * plain TCP listener Switchboard opens (TLS terminates at the proxy in front of the public URL); a
 * TLS conduit could hold decrypted bytes back. Protocol errors close with the RFC 6455 section
 * 7.4.1 code: 1002 (an unmasked client frame, reserved bits, a bad control frame, a continuation
 * out of place, an unknown opcode), 1003 (a binary message), 1007 (invalid UTF-8), 1009 (a message
 * over the limit). Sends to a peer that stops reading are refused once {@link #MAX_PENDING_BYTES}
 * wait for it.
 *
 * <p>Confined to the connection's IO thread, except {@link #ioThread()} and {@link
 * #closedFuture()}.
 */
final class StreamSocket implements ChannelListener<ConduitStreamSourceChannel> {

  /** What arrives on the socket; called on its IO thread, must not block. */
  interface Handler {
    void onText(String text);

    /** The peer broke the protocol; the socket is closing with {@code code}. */
    void onProtocolError(int code, String problem);

    /** Once, when the TCP connection is gone (either side, cleanly or not). */
    void onClosed();

    /** Nothing arrived for {@code silentMillis}; the socket is being dropped (then onClosed). */
    default void onIdle(long silentMillis) {}
  }

  /** Unsent bytes beyond which a send is refused: the peer has stopped reading. */
  static final int MAX_PENDING_BYTES = 256 * 1024;

  /** How long a peer may take to answer our close frame before the socket is dropped. */
  static final long CLOSE_TIMEOUT_MILLIS = 2000;

  private static final int READ_BUFFER_BYTES = 4096;

  private final StreamConnection connection;
  private final ConduitStreamSourceChannel source;
  private final ConduitStreamSinkChannel sink;
  private final int maxMessageBytes;
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  private final ChannelListener<ConduitStreamSinkChannel> writable = ch -> flush();
  private Handler handler;

  private ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES); // write mode between reads
  private int needed; // bytes the frame at the head of `in` needs, when more than it holds
  private byte[] message = new byte[0]; // a fragmented message being assembled
  private int messageLength;
  private boolean inMessage;
  private ByteBuffer out = ByteBuffer.allocate(2048); // write mode: bytes not yet written
  private boolean writeResumed;
  private boolean closeSent;
  private boolean closeReceived;
  private boolean closeAfterFlush;
  private boolean terminated;
  private long lastReadNanos = System.nanoTime();
  private long idleTimeoutNanos;

  StreamSocket(StreamConnection connection, int maxMessageBytes) {
    this.connection = connection;
    this.source = connection.getSourceChannel();
    this.sink = connection.getSinkChannel();
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Starts reading into {@code h}; IO thread. */
  void start(Handler h) {
    this.handler = h;
    source.getReadSetter().set(this);
    source.resumeReads();
  }

  /**
   * Drops the connection once nothing has arrived for {@code timeoutMillis} (a Media Stream sends a
   * frame every 20 ms for the whole call, so silence means the peer or the path is gone); 0 never.
   * Checked every half timeout on the IO thread; IO thread.
   */
  void idleTimeout(long timeoutMillis) {
    if (timeoutMillis > 0) {
      idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      scheduleIdleCheck();
    }
  }

  private void scheduleIdleCheck() {
    connection
        .getIoThread()
        .executeAfter(this::checkIdle, Math.max(1, idleTimeoutNanos / 2), TimeUnit.NANOSECONDS);
  }

  private void checkIdle() {
    if (terminated) {
      return;
    }
    long silent = System.nanoTime() - lastReadNanos;
    if (silent < idleTimeoutNanos) {
      scheduleIdleCheck();
      return;
    }
    if (handler != null) {
      handler.onIdle(TimeUnit.NANOSECONDS.toMillis(silent));
    }
    if (!closeSent) {
      sendClose(1001, "no data");
      flush();
    }
    terminate();
  }

  /** The connection's IO thread (an event loop: tasks handed to it run later, in order). */
  XnioIoThread ioThread() {
    return connection.getIoThread();
  }

  CompletableFuture<Void> closedFuture() {
    return closedFuture;
  }

  /** Open and no close frame sent: sends are still allowed. */
  boolean open() {
    return !terminated && !closeSent;
  }

  // ---- reading -----------------------------------------------------------------------------

  @Override
  public void handleEvent(ConduitStreamSourceChannel channel) {
    try {
      while (!terminated) {
        if (needed > in.capacity()) {
          ByteBuffer bigger = ByteBuffer.allocate(needed);
          in.flip();
          bigger.put(in);
          in = bigger;
        }
        int room = in.remaining();
        int n = channel.read(in);
        if (n < 0) {
          terminate(); // the peer went away without a close frame
          return;
        }
        if (n > 0) {
          lastReadNanos = System.nanoTime();
          in.flip();
          parse();
          in.compact();
        }
        if (n < room) {
          return; // drained: the selector calls again when more arrives
        }
      }
    } catch (IOException e) {
      terminate();
    }
  }

  /** Handles every whole frame in {@code in} (read mode); leaves a partial one for later. */
  private void parse() {
    needed = 0;
    while (!terminated && in.remaining() >= 2) {
      int p = in.position();
      int b0 = in.get(p) & 0xFF;
      int b1 = in.get(p + 1) & 0xFF;
      if ((b0 & 0x70) != 0) {
        fail(1002, "reserved bits set (no extension was negotiated)");
        return;
      }
      if ((b1 & 0x80) == 0) {
        fail(1002, "client frame not masked");
        return;
      }
      int opcode = b0 & 0x0F;
      boolean fin = (b0 & 0x80) != 0;
      long length = b1 & 0x7F;
      int header = 2;
      if (length == 126) {
        if (in.remaining() < 4) {
          return;
        }
        length = in.getShort(p + 2) & 0xFFFF;
        header = 4;
      } else if (length == 127) {
        if (in.remaining() < 10) {
          return;
        }
        length = in.getLong(p + 2);
        header = 10;
      }
      if (opcode >= Rfc6455.OP_CLOSE && (!fin || length > 125)) {
        fail(1002, "control frame fragmented or longer than 125 bytes");
        return;
      }
      if (length < 0 || length > maxMessageBytes) {
        fail(1009, "frame of " + length + " bytes (limit " + maxMessageBytes + ")");
        return;
      }
      int total = header + 4 + (int) length;
      if (in.remaining() < total) {
        needed = total;
        return;
      }
      byte[] a = in.array();
      int mask = in.arrayOffset() + p + header;
      int off = mask + 4;
      for (int i = 0; i < length; i++) {
        a[off + i] ^= a[mask + (i & 3)];
      }
      in.position(p + total);
      onFrame(opcode, fin, a, off, (int) length);
    }
  }

  private void onFrame(int opcode, boolean fin, byte[] a, int off, int len) {
    switch (opcode) {
      case Rfc6455.OP_TEXT -> {
        if (inMessage) {
          fail(1002, "a new message inside a fragmented one");
        } else if (fin) {
          deliver(a, off, len);
        } else {
          inMessage = true;
          messageLength = 0;
          append(a, off, len);
        }
      }
      case Rfc6455.OP_CONTINUATION -> {
        if (!inMessage) {
          fail(1002, "continuation frame without a message");
        } else if (messageLength + len > maxMessageBytes) {
          fail(1009, "message over " + maxMessageBytes + " bytes");
        } else {
          append(a, off, len);
          if (fin) {
            inMessage = false;
            deliver(message, 0, messageLength);
          }
        }
      }
      case Rfc6455.OP_BINARY -> fail(1003, "binary message (Media Streams are text)");
      case Rfc6455.OP_PING -> {
        if (!closeSent) {
          writeFrame(Rfc6455.OP_PONG, a, off, len);
          flush();
        }
      }
      case Rfc6455.OP_PONG -> {}
      case Rfc6455.OP_CLOSE -> onCloseFrame(a, off, len);
      default -> fail(1002, "unknown opcode " + opcode);
    }
  }

  private void append(byte[] a, int off, int len) {
    if (messageLength + len > message.length) {
      message = java.util.Arrays.copyOf(message, Math.max(messageLength + len, 2 * message.length));
    }
    System.arraycopy(a, off, message, messageLength, len);
    messageLength += len;
  }

  private void deliver(byte[] a, int off, int len) {
    if (closeSent) {
      return; // closing: the call is over on our side
    }
    String text;
    if (ascii(a, off, len)) {
      text = new String(a, off, len, StandardCharsets.ISO_8859_1);
    } else {
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(a, off, len))
                .toString();
      } catch (CharacterCodingException e) {
        fail(1007, "text message is not valid UTF-8");
        return;
      }
    }
    handler.onText(text);
  }

  private static boolean ascii(byte[] a, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      if (a[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** RFC 6455 section 5.5.1: answer a close we did not start; the server then closes TCP. */
  private void onCloseFrame(byte[] a, int off, int len) {
    closeReceived = true;
    if (len == 1) {
      fail(1002, "close frame with a one-byte body");
      return;
    }
    if (!closeSent) {
      int code = len >= 2 ? ((a[off] & 0xFF) << 8) | (a[off + 1] & 0xFF) : 1000;
      sendClose(code == 1005 || code == 1006 || code == 1015 ? 1000 : code, "");
    }
    closeAfterFlush = true;
    flush();
  }

  private void fail(int code, String problem) {
    if (handler != null) {
      handler.onProtocolError(code, problem);
    }
    close(code, problem);
  }

  // ---- writing -----------------------------------------------------------------------------

  /**
   * Queues one text message (UTF-8) without writing it; false when refused (closing, or the peer
   * stopped reading).
   */
  boolean sendText(byte[] utf8) {
    return open() && writeFrame(Rfc6455.OP_TEXT, utf8, 0, utf8.length);
  }

  /** Writes what is queued: one write for everything since the last flush. */
  void flush() {
    if (terminated) {
      return;
    }
    try {
      if (out.position() > 0) {
        out.flip();
        sink.write(out);
        out.compact();
      }
      boolean done = out.position() == 0 && sink.flush();
      if (!done && !writeResumed) {
        sink.getWriteSetter().set(writable);
        sink.resumeWrites();
        writeResumed = true;
      } else if (done) {
        if (writeResumed) {
          sink.suspendWrites();
          writeResumed = false;
        }
        if (closeAfterFlush) {
          terminate();
        }
      }
    } catch (IOException e) {
      terminate();
    }
  }

  /**
   * Sends a close frame (RFC 6455 section 7.4 code) once, after everything queued; the connection
   * closes when the peer answers, or after {@link #CLOSE_TIMEOUT_MILLIS} at the latest.
   */
  void close(int code, String reason) {
    if (terminated || closeSent) {
      return;
    }
    sendClose(code, reason);
    if (closeReceived) {
      closeAfterFlush = true;
    } else {
      XnioIoThread io = connection.getIoThread();
      io.executeAfter(this::terminate, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
    flush();
  }

  private void sendClose(int code, String reason) {
    byte[] why = reason.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(why.length, 123);
    byte[] body = new byte[2 + n];
    body[0] = (byte) (code >> 8);
    body[1] = (byte) code;
    System.arraycopy(why, 0, body, 2, n);
    writeFrame(Rfc6455.OP_CLOSE, body, 0, body.length);
    closeSent = true;
  }

  /** Drops the TCP connection at once. */
  void abort() {
    terminate();
  }

  /** A server frame (unmasked, section 5.1) into {@code out}; false when over the bound. */
  private boolean writeFrame(int opcode, byte[] payload, int off, int len) {
    int header = len < 126 ? 2 : len < 65_536 ? 4 : 10;
    int pending = out.position();
    if (pending + header + len > MAX_PENDING_BYTES && opcode != Rfc6455.OP_CLOSE) {
      return false;
    }
    if (out.remaining() < header + len) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * out.capacity(), pending + header + len));
      out.flip();
      bigger.put(out);
      out = bigger;
    }
    out.put((byte) (0x80 | opcode));
    if (len < 126) {
      out.put((byte) len);
    } else if (len < 65_536) {
      out.put((byte) 126).putShort((short) len);
    } else {
      out.put((byte) 127).putLong(len);
    }
    out.put(payload, off, len);
    return true;
  }

  // ---- closing -----------------------------------------------------------------------------

  private void terminate() {
    if (!terminated) {
      terminated = true;
      IoUtils.safeClose(connection);
    }
  }

  /** The connection closed (Undertow's close listener of the upgraded connection calls this). */
  void connectionClosed() {
    terminated = true;
    closedFuture.complete(null);
    if (handler != null) {
      handler.onClosed();
    }
  }
}
