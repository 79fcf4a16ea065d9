package dev.switchboard.bridge.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte pipe under a {@link WsConnection}: plain TCP here, TLS in {@link WsTlsTransport}. Works
 * on the channel in whatever mode it is in: blocking during the opening handshake, non-blocking
 * once the connection is on its event loop (then a call never waits for the network).
 *
 * <p>Reads are made by one thread at a time (the connecting thread, then the loop thread); writes
 * by one thread at a time (the connection's output lock). A read and a write may overlap.
 */
abstract class WsTransport {

  /** Largest slice handed to one socket write (bounds the JDK's temporary direct buffer). */
  static final int MAX_WRITE_BYTES = 256 * 1024;

  final SocketChannel channel;
  private byte[] viewArray;
  private ByteBuffer view;

  WsTransport(SocketChannel channel) {
    this.channel = channel;
  }

  /**
   * Appends received application bytes to {@code app} (in write mode).
   *
   * @return bytes appended (0 when nothing was available), or -1 at the end of the stream
   */
  abstract int read(ByteBuffer app) throws IOException;

  /**
   * Writes as much of {@code b[off, off + len)} as the socket takes, after any bytes of this
   * transport's own still waiting.
   *
   * @return how many of the given bytes were taken (some may still wait in {@link #unsentBytes})
   */
  abstract int write(byte[] b, int off, int len) throws IOException;

  /** Bytes taken by {@link #write} but not yet on the socket. */
  int unsentBytes() {
    return 0;
  }

  /** True when bytes already received may yield application bytes without reading the socket. */
  boolean hasBufferedInput() {
    return false;
  }

  /**
   * True when the transport must write (e.g. a TLS key update answer) even with nothing to send.
   */
  boolean wantsWrite() {
    return false;
  }

  /** Ends the output politely where the protocol has a way (TLS close_notify); best effort. */
  void closeOutbound() {}

  /** How large the application read buffer must be. */
  int appBufferBytes() {
    return 16 * 1024;
  }

  /** A reusable view of {@code b[off, off + len)}; one array is usually reused for a long time. */
  final ByteBuffer view(byte[] b, int off, int len) {
    if (b != viewArray) {
      viewArray = b;
      view = ByteBuffer.wrap(b);
    }
    view.limit(off + len);
    view.position(off);
    return view;
  }

  /** Plain TCP. */
  static final class Plain extends WsTransport {

    Plain(SocketChannel channel) {
      super(channel);
    }

    @Override
    int read(ByteBuffer app) throws IOException {
      return channel.read(app);
    }

    @Override
    int write(byte[] b, int off, int len) throws IOException {
      int done = 0;
      while (done < len) {
        int slice = Math.min(len - done, MAX_WRITE_BYTES);
        int n = channel.write(view(b, off + done, slice));
        done += n;
        if (n < slice) {
          break; // the kernel's send buffer is full
        }
      }
      return done;
    }
  }
}
