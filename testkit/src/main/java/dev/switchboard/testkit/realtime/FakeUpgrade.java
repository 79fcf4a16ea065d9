package dev.switchboard.testkit.realtime;

import dev.switchboard.bridge.ws.Rfc6455;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/1.1 side of the fake's WebSocket opening handshake (RFC 6455 §4.2): finds and parses the
 * request head, and builds the 101 answer with the accept key, or an HTTP error. Stateless.
 *
 * @param target the request target, e.g. {@code /v1/realtime?model=gpt-realtime}
 * @param headers header names lower-cased; the last value of a repeated header wins
 */
record FakeUpgrade(String target, Map<String, String> headers) {

  static final int MAX_HEAD_BYTES = 16 * 1024;

  /**
   * Where the request head in {@code b[0..length)} ends (the index after its empty line, RFC 9112
   * §2.1), or -1 while it is incomplete.
   */
  static int headEnd(byte[] b, int length) {
    for (int i = 3; i < length; i++) {
      if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Parses a complete request head (request line, headers, empty line). */
  static FakeUpgrade parse(byte[] b, int length) {
    String[] lines = new String(b, 0, length, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new FakeUpgrade(requestLine.length > 1 ? requestLine[1] : "", headers);
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** A WebSocket upgrade request with a key (RFC 6455 §4.2.1). */
  boolean isWebSocket() {
    String upgrade = header("Upgrade");
    return upgrade != null
        && upgrade.equalsIgnoreCase("websocket")
        && header("Sec-WebSocket-Key") != null;
  }

  /** The 101 answer that completes the handshake (§4.2.2). */
  byte[] acceptResponse() {
    String response =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + Rfc6455.acceptKey(header("Sec-WebSocket-Key"))
            + "\r\n\r\n";
    return response.getBytes(StandardCharsets.US_ASCII);
  }

  /** An HTTP error answer with a JSON body; the connection closes after it. */
  static byte[] rejectResponse(int status, String reason, String jsonBody) {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = java.util.Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }
}
