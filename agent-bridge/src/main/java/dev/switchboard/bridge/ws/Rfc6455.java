package dev.switchboard.bridge.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What every end of an RFC 6455 WebSocket here shares: the opcodes (section 5.2), the control-frame
 * limit (section 5.5) and the opening handshake's accept key (section 4.2.2). Used by the bridge's
 * client, the Twilio edge's Media Streams server and the testkit's fake backend.
 */
public final class Rfc6455 {

  public static final int OP_CONTINUATION = 0x0;
  public static final int OP_TEXT = 0x1;
  public static final int OP_BINARY = 0x2;
  public static final int OP_CLOSE = 0x8;
  public static final int OP_PING = 0x9;
  public static final int OP_PONG = 0xA;

  /** Control frames carry at most 125 bytes (section 5.5). */
  public static final int MAX_CONTROL_PAYLOAD = 125;

  /** Section 1.3. */
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private Rfc6455() {}

  /** {@code Sec-WebSocket-Accept} for a {@code Sec-WebSocket-Key}: base64(SHA-1(key + GUID)). */
  public static String acceptKey(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
