package dev.switchboard.testkit.realtime;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The server end of one RFC 6455 WebSocket after the opening handshake, just what the fake needs:
 * text messages (fragmented or not), ping → pong, the closing handshake. Sends write each frame
 * with one socket write; receives run on the caller of {@link #readLoop} (a virtual thread per
 * connection), so a message costs neither a hand-off to an IO thread nor a wake-up of one — at
 * hundreds of simulated calls the general-purpose server's per-message machinery cost more than the
 * server under test. Sends are thread-safe.
 */
final class FakeWebSocket {

  /** What arrives. */
  interface Handler {
    void onText(String text);

    /** Once, when the socket is gone (either side, cleanly or not). */
    void onClosed();
  }

  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int MAX_MESSAGE_BYTES = 16 << 20;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Object sendLock = new Object();
  private volatile boolean open = true;
  private boolean closeSent;

  FakeWebSocket(Socket socket, BufferedInputStream in) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(in);
    this.out = socket.getOutputStream();
  }

  boolean isOpen() {
    return open;
  }

  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    synchronized (sendLock) {
      if (closeSent) {
        throw new IOException("close frame already sent");
      }
      writeFrame(OP_TEXT, payload);
    }
  }

  /** Starts the closing handshake (RFC 6455 §5.5.1); the socket closes when the peer answers. */
  void sendClose(int statusCode, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[2 + r.length];
    payload[0] = (byte) (statusCode >> 8);
    payload[1] = (byte) statusCode;
    System.arraycopy(r, 0, payload, 2, r.length);
    synchronized (sendLock) {
      if (closeSent) {
        return;
      }
      closeSent = true;
      try {
        writeFrame(OP_CLOSE, payload);
      } catch (IOException e) {
        closeNow();
      }
    }
  }

  /** Drops the TCP connection without a close frame. */
  void closeNow() {
    open = false;
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** A server's frames are never masked (RFC 6455 §5.1); header and payload in one write. */
  private void writeFrame(int opcode, byte[] payload) throws IOException {
    int n = payload.length;
    int headerBytes = n < 126 ? 2 : n < 65_536 ? 4 : 10;
    byte[] frame = new byte[headerBytes + n];
    frame[0] = (byte) (0x80 | opcode);
    if (n < 126) {
      frame[1] = (byte) n;
    } else if (n < 65_536) {
      frame[1] = 126;
      frame[2] = (byte) (n >> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) n >> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, headerBytes, n);
    out.write(frame);
  }

  /** Reads messages until the socket closes; then {@link Handler#onClosed()}. */
  void readLoop(Handler handler) {
    byte[] message = new byte[4096];
    int messageLength = 0;
    int messageOpcode = OP_TEXT;
    try {
      while (true) {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        long length = b1 & 0x7F;
        if ((b1 & 0x80) == 0) {
          // RFC 6455 §5.1: a server closes the connection on an unmasked client frame.
          sendClose(1002, "unmasked client frame");
          return;
        }
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        if (length < 0 || messageLength + length > MAX_MESSAGE_BYTES) {
          sendClose(1009, "message too big");
          return;
        }
        byte[] mask = new byte[4];
        in.readFully(mask);
        int n = (int) length;
        boolean control = opcode >= OP_CLOSE;
        byte[] target = message;
        int at = messageLength;
        if (control) {
          target = new byte[n];
          at = 0;
        } else if (messageLength + n > message.length) {
          message =
              java.util.Arrays.copyOf(message, Math.max(message.length * 2, messageLength + n));
          target = message;
        }
        in.readFully(target, at, n);
        for (int i = 0; i < n; i++) {
          target[at + i] ^= mask[i & 3];
        }
        switch (opcode) {
          case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
            if (opcode != OP_CONTINUATION) {
              messageOpcode = opcode;
            }
            messageLength += n;
            if (fin) {
              if (messageOpcode == OP_TEXT) {
                handler.onText(new String(message, 0, messageLength, StandardCharsets.UTF_8));
              }
              messageLength = 0;
            }
          }
          case OP_PING -> {
            synchronized (sendLock) {
              if (!closeSent) {
                writeFrame(OP_PONG, target);
              }
            }
          }
          case OP_CLOSE -> {
            // Echo the peer's status code, then the TCP connection may close (§5.5.1).
            int status = n >= 2 ? ((target[0] & 0xff) << 8) | (target[1] & 0xff) : 1000;
            sendClose(status, "");
            return;
          }
          default -> {
            // pong or a reserved opcode: nothing to do
          }
        }
      }
    } catch (EOFException e) {
      // the peer went away
    } catch (IOException e) {
      // reset, or closed by us
    } finally {
      closeNow();
      handler.onClosed();
    }
  }
}
