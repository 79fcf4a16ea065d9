package dev.switchboard.twilio.stream;

import dev.switchboard.bridge.ws.Rfc6455;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The RFC 6455 opening handshake (section 4.2) of a Media Streams socket on Undertow: checks the
 * request, answers 101 with {@code Sec-WebSocket-Accept} and hands the raw connection to a {@link
 * StreamSocket} on its IO thread. Bytes the client sent right behind its request are not lost:
 * Undertow keeps them in front of the upgraded connection's reads. Refusals: 405 for a method other
 * than GET, 400 for a request that is not a WebSocket upgrade or has a malformed key, 426 with
 * {@code Sec-WebSocket-Version: 13} for another protocol version. No subprotocol or extension is
 * negotiated (Twilio asks for none). Stateless.
 */
final class StreamUpgrade implements HttpHandler {

  private static final HttpString SEC_WEBSOCKET_KEY = new HttpString("Sec-WebSocket-Key");
  private static final HttpString SEC_WEBSOCKET_VERSION = new HttpString("Sec-WebSocket-Version");
  private static final HttpString SEC_WEBSOCKET_ACCEPT = new HttpString("Sec-WebSocket-Accept");

  private final int maxMessageBytes;
  private final long idleTimeoutMillis;
  private final Consumer<String> onRefused;
  private final Consumer<StreamSocket> onOpen;

  /**
   * @param onOpen called on the socket's IO thread once the 101 went out; it must call {@link
   *     StreamSocket#start}
   */
  StreamUpgrade(int maxMessageBytes, Consumer<StreamSocket> onOpen) {
    this(maxMessageBytes, 0, onOpen);
  }

  /**
   * @param idleTimeoutMillis drop a socket on which nothing arrived for this long (0: never), see
   *     {@link StreamSocket#idleTimeout}
   */
  StreamUpgrade(int maxMessageBytes, long idleTimeoutMillis, Consumer<StreamSocket> onOpen) {
    this(maxMessageBytes, idleTimeoutMillis, why -> {}, onOpen);
  }

  /**
   * @param onRefused hears why a request was refused (for the log and a counter), on the IO thread
   */
  StreamUpgrade(
      int maxMessageBytes,
      long idleTimeoutMillis,
      Consumer<String> onRefused,
      Consumer<StreamSocket> onOpen) {
    this.maxMessageBytes = maxMessageBytes;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.onRefused = onRefused;
    this.onOpen = onOpen;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    HeaderMap h = exchange.getRequestHeaders();
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      refuse(exchange, StatusCodes.METHOD_NOT_ALLOWED, "a WebSocket upgrade is a GET");
      return;
    }
    if (!"websocket".equalsIgnoreCase(trim(h.getFirst(Headers.UPGRADE)))
        || !hasToken(h.getFirst(Headers.CONNECTION), "upgrade")) {
      refuse(exchange, StatusCodes.BAD_REQUEST, "not a WebSocket upgrade");
      return;
    }
    if (!"13".equals(trim(h.getFirst(SEC_WEBSOCKET_VERSION)))) {
      exchange.getResponseHeaders().put(SEC_WEBSOCKET_VERSION, "13");
      refuse(exchange, StatusCodes.UPGRADE_REQUIRED, "only WebSocket version 13 is supported");
      return;
    }
    String key = trim(h.getFirst(SEC_WEBSOCKET_KEY));
    if (!validKey(key)) {
      refuse(exchange, StatusCodes.BAD_REQUEST, "missing or malformed Sec-WebSocket-Key");
      return;
    }
    exchange.getResponseHeaders().put(SEC_WEBSOCKET_ACCEPT, Rfc6455.acceptKey(key));
    exchange.upgradeChannel(
        "websocket",
        (connection, upgraded) -> {
          StreamSocket socket = new StreamSocket(connection, maxMessageBytes);
          upgraded.getConnection().addCloseListener(c -> socket.connectionClosed());
          onOpen.accept(socket);
          socket.idleTimeout(idleTimeoutMillis);
        });
    exchange.endExchange();
  }

  /** Section 4.1: a base64-encoded 16-byte value. */
  static boolean validKey(String key) {
    if (key == null || key.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean hasToken(String header, String token) {
    if (header == null) {
      return false;
    }
    for (String t : header.split(",")) {
      if (t.trim().toLowerCase(Locale.ROOT).equals(token)) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private void refuse(HttpServerExchange exchange, int status, String why) {
    onRefused.accept(status + " " + why);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseSender().send(why + "\n");
  }
}
