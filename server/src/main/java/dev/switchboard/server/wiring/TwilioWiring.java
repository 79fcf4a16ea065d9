package dev.switchboard.server.wiring;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.twilio.TwilioConfig;
import dev.switchboard.twilio.TwilioEndpoints;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio edge on the server's HTTP port under {@code /twilio}: the media-streams endpoints with
 * calls admitted by the {@link CallRouter}, or, when Twilio is not configured, a handler that
 * refuses every request with 403 and says why (an unsigned webhook must never start a call).
 */
final class TwilioWiring {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioWiring.class);

  static final String PREFIX = "/twilio";

  private final TwilioEndpoints endpoints;
  private final String offReason;
  private final HttpHandler handler;

  private TwilioWiring(TwilioEndpoints endpoints, String offReason, HttpHandler handler) {
    this.endpoints = endpoints;
    this.offReason = offReason;
    this.handler = handler;
  }

  static TwilioWiring create(
      ServerConfig config, CallRouter router, CallRegistry calls, MediaClock clock) {
    String off = offReason(config);
    if (off != null) {
      return new TwilioWiring(null, off, refuseAll(off));
    }
    TwilioConfig twilio =
        new TwilioConfig(
            config.publicUrl().orElseThrow(),
            config.twilio().authToken().orElseThrow(),
            config.twilio().accountSid().orElse(null),
            null,
            config.maxConcurrentCalls(),
            null,
            null,
            (int) config.twilioMarkInterval().toMillis());
    TwilioEndpoints endpoints =
        TwilioEndpoints.builder()
            .config(twilio)
            .admission(new TwilioAdmission(router))
            .clock(clock)
            .streamIdleTimeout(config.twilioStreamIdleTimeout())
            .build();
    HttpHandler media = endpoints.mediaHandler();
    HttpHandler voice = endpoints.voiceHandler();
    HttpHandler after = endpoints.afterStreamHandler();
    HttpHandler status = endpoints.statusHandler();
    HttpHandler routes =
        exchange -> {
          HttpHandler h =
              switch (exchange.getRequestPath()) {
                case TwilioEndpoints.VOICE_PATH -> voice;
                case TwilioEndpoints.AFTER_STREAM_PATH -> after;
                case TwilioEndpoints.STATUS_PATH -> status;
                case TwilioEndpoints.MEDIA_PATH -> calls.draining() ? null : media;
                default -> null;
              };
          if (h == null) {
            boolean draining = exchange.getRequestPath().equals(TwilioEndpoints.MEDIA_PATH);
            exchange.setStatusCode(draining ? 503 : 404);
            exchange.endExchange();
            return;
          }
          h.handleRequest(exchange);
        };
    return new TwilioWiring(endpoints, null, routes);
  }

  /** Why the endpoints refuse requests, or {@code null} when they are on. */
  static String offReason(ServerConfig config) {
    if (config.twilio().authToken().isEmpty()) {
      return "TWILIO_AUTH_TOKEN is unset, so X-Twilio-Signature cannot be validated";
    }
    if (config.publicUrl().isEmpty()) {
      return "SWITCHBOARD_PUBLIC_URL is unset, so signatures and the wss:// stream URL have no"
          + " host";
    }
    try {
      TwilioConfig.of(config.publicUrl().get(), config.twilio().authToken().get());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static HttpHandler refuseAll(String why) {
    String body = "Twilio endpoints are off: " + why + "\n";
    return exchange -> {
      LOG.warn(
          "{} {} refused with 403: {}",
          exchange.getRequestMethod(),
          exchange.getRequestPath(),
          why);
      exchange.setStatusCode(403);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
      exchange.getResponseSender().send(body);
    };
  }

  HttpHandler handler() {
    return handler;
  }

  Optional<TwilioEndpoints> endpoints() {
    return Optional.ofNullable(endpoints);
  }

  /** Why Twilio requests are refused, or empty when the endpoints are on. */
  Optional<String> offReason() {
    return Optional.ofNullable(offReason);
  }

  /** Politely refuse new calls and stream upgrades (calls in progress go on). */
  void startDrain() {
    if (endpoints != null) {
      endpoints.draining(true);
    }
  }
}
