package dev.switchboard.bridge.ws;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS over a {@link SocketChannel} with the JDK's {@link SSLEngine}: records are wrapped on the
 * sender's thread and unwrapped on the loop thread ({@code SSLEngine} allows one wrap and one
 * unwrap to run at the same time). The handshake runs blocking on the connecting thread; the peer's
 * host name is verified as for HTTPS (RFC 2818 section 3.1, RFC 6125) and sent as SNI.
 */
final class WsTlsTransport extends WsTransport {

  private static final byte[] NOTHING = new byte[0];

  /** TLS record header: type, version (2), length (2) (RFC 8446 section 5.1). */
  private static final int RECORD_HEADER_BYTES = 5;

  private final SSLEngine engine;

  /** Received, not yet unwrapped ciphertext; write mode. */
  private ByteBuffer netIn;

  /** Wrapped, not yet written ciphertext; read mode. Guarded by the writers' lock. */
  private ByteBuffer netOut;

  WsTlsTransport(SocketChannel channel, SSLContext context, String host, int port) {
    super(channel);
    engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters params = engine.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(params);
    int packetBytes = engine.getSession().getPacketBufferSize();
    netIn = ByteBuffer.allocateDirect(packetBytes);
    netOut = ByteBuffer.allocateDirect(packetBytes).flip();
  }

  /**
   * Runs the TLS handshake on a blocking channel; application bytes that arrive with its last
   * flight land in {@code app}.
   *
   * @throws javax.net.ssl.SSLHandshakeException when the peer's certificate is not trusted or does
   *     not match the host name
   */
  void handshake(ByteBuffer app) throws IOException {
    engine.beginHandshake();
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP -> {
          write(NOTHING, 0, 0);
          while (netOut.hasRemaining()) {
            channel.write(netOut);
          }
        }
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (read(app) < 0) {
            throw new EOFException("connection closed during the TLS handshake");
          }
        }
        case NEED_TASK -> runTasks();
        case FINISHED, NOT_HANDSHAKING -> {
          return;
        }
      }
    }
  }

  @Override
  int appBufferBytes() {
    return engine.getSession().getApplicationBufferSize();
  }

  @Override
  int read(ByteBuffer app) throws IOException {
    int produced = 0;
    boolean socketRead = false;
    while (true) {
      netIn.flip();
      SSLEngineResult r;
      try {
        r = engine.unwrap(netIn, app);
      } finally {
        netIn.compact();
      }
      produced += r.bytesProduced();
      HandshakeStatus hs = r.getHandshakeStatus();
      if (hs == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      switch (r.getStatus()) {
        case OK -> {
          if (hs == HandshakeStatus.NEED_WRAP || hs == HandshakeStatus.FINISHED) {
            // NEED_WRAP: the caller writes (wantsWrite) before more can be unwrapped. FINISHED:
            // the handshake's last flight; reading on would wait for data the peer has no reason
            // to send yet.
            return produced;
          }
          if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && hs != HandshakeStatus.NEED_TASK) {
            return produced;
          }
        }
        case BUFFER_OVERFLOW -> {
          // The application buffer is full: its reader drains it and calls again
          // (hasBufferedInput says there is more).
          return produced;
        }
        case BUFFER_UNDERFLOW -> {
          if (socketRead) {
            return produced;
          }
          int packetBytes = engine.getSession().getPacketBufferSize();
          if (netIn.capacity() < packetBytes) {
            netIn = ByteBuffer.allocateDirect(packetBytes).put(netIn.flip());
          }
          int n = channel.read(netIn);
          socketRead = true;
          if (n < 0) {
            return produced > 0 ? produced : -1;
          }
          if (n == 0) {
            return produced;
          }
        }
        case CLOSED -> {
          // The peer's close_notify (RFC 8446 section 6.1): the end of its stream.
          return produced > 0 ? produced : -1;
        }
      }
    }
  }

  @Override
  boolean hasBufferedInput() {
    int have = netIn.position();
    if (have < RECORD_HEADER_BYTES) {
      return false;
    }
    int length = ((netIn.get(3) & 0xFF) << 8) | (netIn.get(4) & 0xFF);
    return have >= RECORD_HEADER_BYTES + length;
  }

  @Override
  boolean wantsWrite() {
    return engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
  }

  @Override
  int write(byte[] b, int off, int len) throws IOException {
    int taken = 0;
    while (true) {
      if (netOut.hasRemaining()) {
        channel.write(netOut);
        if (netOut.hasRemaining()) {
          return taken;
        }
      }
      if (taken == len && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
        return taken;
      }
      netOut.clear();
      SSLEngineResult r;
      try {
        // One record carries at most 16 KiB of plaintext (RFC 8446 section 5.1).
        r = engine.wrap(view(b, off + taken, Math.min(len - taken, 16 * 1024)), netOut);
      } finally {
        netOut.flip();
      }
      taken += r.bytesConsumed();
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runTasks();
      }
      switch (r.getStatus()) {
        case OK -> {}
        case BUFFER_OVERFLOW ->
            netOut = ByteBuffer.allocateDirect(engine.getSession().getPacketBufferSize()).flip();
        case BUFFER_UNDERFLOW -> throw new SSLException("TLS wrap underflow");
        case CLOSED -> {
          if (netOut.hasRemaining()) {
            channel.write(netOut);
          }
          if (taken < len) {
            throw new SSLException("TLS output already closed");
          }
          return taken;
        }
      }
    }
  }

  @Override
  int unsentBytes() {
    return netOut.remaining();
  }

  @Override
  void closeOutbound() {
    engine.closeOutbound();
    try {
      write(NOTHING, 0, 0); // close_notify (RFC 8446 section 6.1); not waited for
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
