package dev.switchboard.bridge.ws;

import java.nio.ByteBuffer;

/**
 * Incremental decoder of server frames (RFC 6455 section 5.2): fed whatever bytes a non-blocking
 * read produced, it keeps a partial header or payload across calls, so a frame may arrive one byte
 * at a time or many frames in one read.
 *
 * <p>Data frame payloads accumulate in {@link #message} (fragments of one message append, section
 * 5.4; the caller calls {@link #messageDelivered} once it is delivered), control frame payloads
 * replace {@link #control} (they may arrive between fragments). Confined to one thread (the
 * connection's IO thread).
 */
final class WsFrameDecoder {

  WsFrames.Buffer message = new WsFrames.Buffer(8192);
  final WsFrames.Buffer control = new WsFrames.Buffer(Rfc6455.MAX_CONTROL_PAYLOAD);

  private final int maxMessageBytes;

  /** Header bytes seen so far: 2 fixed, then 0, 2 or 8 bytes of extended length. */
  private final byte[] head = new byte[10];

  private int headSize;
  private int headNeeded = 2;
  private boolean inPayload;
  private boolean fin;
  private int opcode;
  private int frameLength;
  private int payloadLeft;
  private WsFrames.Buffer target;

  /**
   * @param maxMessageBytes longest message accepted (fragments together); longer ones are refused
   *     with close code 1009 (section 7.4.1)
   */
  WsFrameDecoder(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Consumes bytes of {@code in} up to the end of the next complete frame.
   *
   * @return that frame's header (its payload now in {@link #message} or {@link #control}), or
   *     {@code null} when {@code in} ran out first (every byte of it consumed and remembered)
   * @throws WsFrames.ProtocolError for masked frames, reserved bits, unknown opcodes, bad control
   *     frames or oversized payloads
   */
  WsFrames.Header next(ByteBuffer in) throws WsFrames.ProtocolError {
    if (!inPayload) {
      while (headSize < headNeeded) {
        if (!in.hasRemaining()) {
          return null;
        }
        head[headSize++] = in.get();
        if (headSize == 2) {
          headNeeded = checkFixedHeader();
        }
      }
      startPayload();
    }
    int n = Math.min(payloadLeft, in.remaining());
    in.get(target.bytes, target.size, n);
    target.size += n;
    payloadLeft -= n;
    if (payloadLeft > 0) {
      return null;
    }
    inPayload = false;
    headSize = 0;
    headNeeded = 2;
    return new WsFrames.Header(fin, opcode, frameLength);
  }

  /** Empties {@link #message} once delivered; a rare huge message's buffer is not kept. */
  void messageDelivered() {
    message.clear();
    if (message.bytes.length > 65536) {
      message = new WsFrames.Buffer(8192);
    }
  }

  /** Checks the first two octets; returns the header's full size (section 5.2). */
  private int checkFixedHeader() throws WsFrames.ProtocolError {
    int b0 = head[0] & 0xFF;
    int b1 = head[1] & 0xFF;
    if ((b0 & 0x70) != 0) {
      throw new WsFrames.ProtocolError(
          1002, "reserved bits set without an extension (section 5.2)");
    }
    if ((b1 & 0x80) != 0) {
      throw new WsFrames.ProtocolError(1002, "server frame is masked (section 5.1)");
    }
    fin = (b0 & 0x80) != 0;
    opcode = b0 & 0x0F;
    switch (opcode) {
      case Rfc6455.OP_CONTINUATION,
          Rfc6455.OP_TEXT,
          Rfc6455.OP_BINARY,
          Rfc6455.OP_CLOSE,
          Rfc6455.OP_PING,
          Rfc6455.OP_PONG -> {}
      default -> throw new WsFrames.ProtocolError(1002, "unknown opcode " + opcode);
    }
    int len7 = b1 & 0x7F;
    if ((opcode & 0x8) != 0 && (!fin || len7 > Rfc6455.MAX_CONTROL_PAYLOAD)) {
      throw new WsFrames.ProtocolError(
          1002, "control frame fragmented or over 125 bytes (section 5.5)");
    }
    return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
  }

  private void startPayload() throws WsFrames.ProtocolError {
    long len = head[1] & 0x7F;
    if (headNeeded == 4) {
      len = ((head[2] & 0xFFL) << 8) | (head[3] & 0xFF);
    } else if (headNeeded == 10) {
      len = 0;
      for (int k = 2; k < 10; k++) {
        len = (len << 8) | (head[k] & 0xFF);
      }
      if (len < 0) {
        throw new WsFrames.ProtocolError(1002, "64-bit length has its top bit set (section 5.2)");
      }
    }
    boolean isControl = (opcode & 0x8) != 0;
    target = isControl ? control : message;
    if (isControl) {
      control.clear();
    }
    if (len > maxMessageBytes - target.size) {
      throw new WsFrames.ProtocolError(1009, "message exceeds " + maxMessageBytes + " bytes");
    }
    frameLength = (int) len;
    payloadLeft = frameLength;
    target.ensure(frameLength);
    inPayload = true;
  }
}
