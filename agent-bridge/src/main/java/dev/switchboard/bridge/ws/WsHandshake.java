package dev.switchboard.bridge.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client side of the RFC 6455 opening handshake (section 4.1): an HTTP/1.1 {@code GET} with
 * {@code Upgrade: websocket}, then a check of the server's {@code 101} answer, including {@code
 * Sec-WebSocket-Accept} = base64(SHA-1(key + GUID)) (section 4.2.2 item 5.4).
 */
final class WsHandshake {

  private static final int MAX_RESPONSE_HEAD_BYTES = 16 * 1024;

  private final String key;

  private WsHandshake(String key) {
    this.key = key;
  }

  /** A handshake with a fresh 16-byte nonce (section 4.1: randomly selected). */
  static WsHandshake create(SecureRandom random) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    return new WsHandshake(Base64.getEncoder().encodeToString(nonce));
  }

  String key() {
    return key;
  }

  /** Writes the upgrade request; header names and values must not contain CR or LF. */
  void writeRequest(OutputStream out, URI uri, Map<String, String> headers) throws IOException {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
    int defaultPort = secure ? 443 : 80;
    String host =
        uri.getPort() < 0 || uri.getPort() == defaultPort
            ? uri.getHost()
            : uri.getHost() + ":" + uri.getPort();
    StringBuilder b = new StringBuilder(256);
    b.append("GET ").append(path).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host).append("\r\n");
    b.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    b.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
    b.append("Sec-WebSocket-Version: 13\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (hasLineBreak(h.getKey()) || hasLineBreak(h.getValue())) {
        // Never echo the value: it may be a credential.
        throw new IllegalArgumentException("header " + h.getKey().strip() + " contains CR or LF");
      }
      b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    b.append("\r\n");
    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * Reads the answer head byte by byte (the frames after it stay in {@code in}) and checks it.
   *
   * @throws WsHandshakeException when the server answers anything but a valid {@code 101}
   */
  void readResponse(InputStream in) throws IOException {
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new WsHandshakeException(0, "not an HTTP answer: " + abbreviate(lines[0]));
    }
    int code;
    try {
      code = Integer.parseInt(status[1]);
    } catch (NumberFormatException e) {
      throw new WsHandshakeException(0, "bad HTTP status line: " + abbreviate(lines[0]));
    }
    if (code != 101) {
      throw new WsHandshakeException(code, "server answered HTTP " + code + " to the upgrade");
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        fields.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    if (!"websocket".equalsIgnoreCase(fields.get("upgrade"))
        || !fields.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
      throw new WsHandshakeException(101, "101 answer without Upgrade: websocket");
    }
    if (!expectedAccept().equals(fields.get("sec-websocket-accept"))) {
      throw new WsHandshakeException(101, "Sec-WebSocket-Accept does not match our key");
    }
  }

  String expectedAccept() {
    return Rfc6455.acceptKey(key);
  }

  private static String readHead(InputStream in) throws IOException {
    byte[] buf = new byte[512];
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new WsHandshakeException(0, "connection closed during the upgrade");
      }
      if (n == buf.length) {
        if (n >= MAX_RESPONSE_HEAD_BYTES) {
          throw new WsHandshakeException(0, "upgrade answer head over 16 KiB");
        }
        buf = java.util.Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = (byte) b;
      if (n >= 4 && buf[n - 4] == '\r' && buf[n - 3] == '\n' && buf[n - 2] == '\r' && b == '\n') {
        return new String(buf, 0, n - 4, StandardCharsets.ISO_8859_1);
      }
    }
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
