package dev.switchboard.testkit.realtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/1.1 side of the fake's WebSocket opening handshake (RFC 6455 §4.2): reads the request
 * head, and answers 101 with the accept key, or an HTTP error. Stateless.
 *
 * @param target the request target, e.g. {@code /v1/realtime?model=gpt-realtime}
 * @param headers header names lower-cased; the last value of a repeated header wins
 */
record FakeUpgrade(String target, Map<String, String> headers) {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  /** Reads a request head up to its empty line; {@code null} if the peer closed first. */
  static FakeUpgrade read(BufferedInputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (head.length() >= MAX_HEAD_BYTES) {
        throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
      }
      head.append((char) b);
      matched = "\r\n\r\n".charAt(matched) == b ? matched + 1 : b == '\r' ? 1 : 0;
    }
    String[] lines = head.toString().split("\r\n");
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

  void accept(OutputStream out) throws IOException {
    String response =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + acceptKey(header("Sec-WebSocket-Key"))
            + "\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static void reject(OutputStream out, int status, String reason, String jsonBody)
      throws IOException {
    byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** §4.2.2: base64 of the SHA-1 of the client's key followed by the protocol's GUID. */
  static String acceptKey(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
