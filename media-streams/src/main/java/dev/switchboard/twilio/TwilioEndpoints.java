package dev.switchboard.twilio;

import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.twilio.metrics.TwilioMetrics;
import dev.switchboard.twilio.protocol.StreamMessage;
import dev.switchboard.twilio.rest.RestCallControl;
import dev.switchboard.twilio.security.SignatureCheck;
import dev.switchboard.twilio.security.StreamTokens;
import dev.switchboard.twilio.security.TwilioSignatures;
import dev.switchboard.twilio.stream.AfterStream;
import dev.switchboard.twilio.stream.AfterStreamOutcomes;
import dev.switchboard.twilio.stream.CallCompleter;
import dev.switchboard.twilio.stream.MediaStreamSocket;
import dev.switchboard.twilio.stream.TwilioMediaTransport;
import dev.switchboard.twilio.twiml.Twiml;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio edge as embeddable Undertow {@link HttpHandler}s, mountable on a server the {@code
 * server} module owns (or on {@link TwilioServer} in tests):
 *
 * <ul>
 *   <li>{@code POST /twilio/voice}: signed voice webhook; picks the flow by {@code To}, pre-warms
 *       the backend session and answers {@code <Connect><Stream>} with a one-time token, or a
 *       polite refusal when over capacity or draining;
 *   <li>{@code POST /twilio/after-stream}: the {@code <Connect action>}: {@code <Dial>} for a
 *       transfer, otherwise {@code <Hangup/>};
 *   <li>{@code POST /twilio/status}: call and stream status callbacks, counted and reported;
 *   <li>{@code GET /twilio/media}: the signed Media Streams WebSocket upgrade.
 * </ul>
 *
 * Unsigned or wrongly signed requests get 403, logged with the reason and counted. Handlers run on
 * the IO thread and never block (bodies are read asynchronously; call work is posted).
 *
 * <p>Thread-safe.
 */
public final class TwilioEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioEndpoints.class);

  public static final String VOICE_PATH = "/twilio/voice";
  public static final String AFTER_STREAM_PATH = "/twilio/after-stream";
  public static final String STATUS_PATH = "/twilio/status";
  public static final String MEDIA_PATH = "/twilio/media";
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-zA-Z]{32}");
  private static final Pattern STATUS_WORD = Pattern.compile("[a-z-]{1,32}");

  private final TwilioConfig config;
  private final FlowSelector flows;
  private final MediaClock clock;
  private final Function<CallInfo, List<CallEventListener>> listeners;
  private final BiConsumer<CallInfo, Termination> onCallEnded;
  private final Consumer<StatusEvent> onStatus;
  private final CallCompleter completer;
  private final TwilioCallAdmission admission;
  private final TwilioSignatures signatures;
  private final StreamTokens tokens;
  private final AfterStreamOutcomes outcomes = new AfterStreamOutcomes();
  private final CallRegistry registry = new CallRegistry();
  private final TwilioMetrics metrics = new TwilioMetrics();
  private final AtomicInteger reserved = new AtomicInteger();
  private volatile boolean draining;
  private final Duration streamIdleTimeout;

  TwilioEndpoints(TwilioEndpointsBuilder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    if (b.flows == null && b.admission == null) {
      throw new IllegalArgumentException("flows or an admission is required");
    }
    this.flows = b.flows;
    this.admission = b.admission;
    this.clock = b.clock;
    this.listeners = b.listeners;
    this.onCallEnded = b.onCallEnded;
    this.onStatus = b.onStatus;
    this.streamIdleTimeout = b.streamIdleTimeout;
    this.signatures = new TwilioSignatures(config.authToken(), config.publicBaseUrl());
    this.tokens = new StreamTokens(config.streamConnectTimeout(), clock::nanoTime);
    this.completer =
        b.completer != null
            ? b.completer
            : config.restEnabled()
                ? new RestCallControl(
                    config.accountSid(),
                    config.authToken(),
                    config.restBaseUrl(),
                    Duration.ofSeconds(5))
                : null;
  }

  /** Default {@link Builder#streamIdleTimeout}: 500 missed frames. */
  public static final Duration DEFAULT_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(10);

  public static TwilioEndpointsBuilder builder() {
    return new TwilioEndpointsBuilder();
  }

  /** All four endpoints on their paths, for mounting under the server root. */
  public HttpHandler routes() {
    PathHandler p = Handlers.path();
    p.addExactPath(VOICE_PATH, voiceHandler());
    p.addExactPath(AFTER_STREAM_PATH, afterStreamHandler());
    p.addExactPath(STATUS_PATH, statusHandler());
    p.addExactPath(MEDIA_PATH, mediaHandler());
    return p;
  }

  public HttpHandler voiceHandler() {
    return webhook(VOICE_PATH, this::answerVoice);
  }

  public HttpHandler afterStreamHandler() {
    return webhook(AFTER_STREAM_PATH, this::answerAfterStream);
  }

  public HttpHandler statusHandler() {
    return webhook(STATUS_PATH, this::recordStatus);
  }

  /** The Media Streams upgrade: signed over {@code wss://host/path}, then the WebSocket. */
  public HttpHandler mediaHandler() {
    HttpHandler ws = MediaStreamSocket.upgradeHandler(this::bind, metrics, streamIdleTimeout);
    return exchange -> {
      SignatureCheck check =
          signatures.checkUpgrade(
              exchange.getRequestPath(), exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER));
      if (!check.valid()) {
        reject(exchange, MEDIA_PATH, check);
        return;
      }
      ws.handleRequest(exchange);
    };
  }

  /** Refuse new calls (politely) while draining; calls in progress go on. */
  public void draining(boolean value) {
    this.draining = value;
  }

  /** Calls from voice webhook until termination. */
  public int activeCalls() {
    return registry.size();
  }

  /** The session of an active call, or {@code null}. */
  public CallSession call(String callSid) {
    CallRegistry.Entry e = registry.get(callSid);
    return e == null ? null : e.session();
  }

  /** The transport of an active call, or {@code null}. */
  public TwilioMediaTransport transport(String callSid) {
    CallRegistry.Entry e = registry.get(callSid);
    return e == null ? null : e.transport();
  }

  public TwilioMetrics metrics() {
    return metrics;
  }

  // ---- webhooks -------------------------------------------------------------------------------

  /** Reads the form body without blocking, checks the signature, answers TwiML (or 204). */
  private HttpHandler webhook(String path, Function<Map<String, String>, String> answer) {
    return exchange -> {
      if (!Methods.POST.equals(exchange.getRequestMethod())) {
        exchange.setStatusCode(405);
        exchange.endExchange();
        return;
      }
      exchange.getRequestReceiver().setMaxBufferSize(WebhookForm.MAX_BODY_CHARS);
      exchange
          .getRequestReceiver()
          .receiveFullString(
              (ex, body) -> {
                Map<String, String> params = WebhookForm.parse(body);
                SignatureCheck check =
                    signatures.checkWebhook(
                        ex.getRequestPath(),
                        ex.getQueryString(),
                        params,
                        ex.getRequestHeaders().getFirst(SIGNATURE_HEADER));
                if (!check.valid()) {
                  reject(ex, path, check);
                  return;
                }
                metrics.increment("webhook." + path.substring(path.lastIndexOf('/') + 1));
                String twiml = answer.apply(params);
                if (twiml == null) {
                  ex.setStatusCode(204);
                  ex.endExchange();
                  return;
                }
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/xml; charset=utf-8");
                ex.getResponseSender().send(twiml, StandardCharsets.UTF_8);
              },
              (ex, error) -> {
                metrics.increment("webhook.bad_body");
                ex.setStatusCode(400);
                ex.endExchange();
              },
              StandardCharsets.UTF_8);
    };
  }

  private void reject(HttpServerExchange exchange, String path, SignatureCheck check) {
    metrics.increment("webhook.rejected." + check);
    LOG.warn(
        "{} from {} rejected with 403: signature {}",
        path,
        exchange.getSourceAddress(),
        check == SignatureCheck.MISSING ? "missing" : "does not match");
    exchange.setStatusCode(403);
    exchange.endExchange();
  }

  private String answerVoice(Map<String, String> p) {
    String callSid = p.getOrDefault("CallSid", "");
    if (!CALL_SID.matcher(callSid).matches()) {
      metrics.increment("voice.bad_call_sid");
      LOG.warn("voice webhook with malformed CallSid '{}'", abbreviate(callSid));
      return Twiml.hangUp();
    }
    if (draining) {
      return refuse("draining");
    }
    CallRegistry.Entry entry = registry.get(callSid);
    if (entry == null) {
      Admitted a = admission != null ? admit(callSid, p) : selectFlow(callSid, p);
      if (a.entry() == null) {
        return a.refusal();
      }
      entry = a.entry();
    }
    String token = tokens.issue(callSid);
    return Twiml.connectStream(
        signatures.webSocketUrl(MEDIA_PATH),
        signatures.publicUrl(AFTER_STREAM_PATH, null),
        Map.of("token", token, "callId", entry.transport().info().callId()));
  }

  /** Twilio-side capacity and {@link FlowSelector}: the endpoints run standalone. */
  private Admitted selectFlow(String callSid, Map<String, String> p) {
    TwilioFlow flow = flows.select(p.getOrDefault("To", ""), p);
    if (flow == null) {
      metrics.increment("voice.no_flow");
      return Admitted.refused(notInService());
    }
    if (reserved.incrementAndGet() > config.capacity()) {
      reserved.decrementAndGet();
      return Admitted.refused(refuse("capacity"));
    }
    TwilioMediaTransport transport = newTransport(callSid, p, flow.name());
    CallSession.Builder b =
        CallSession.builder()
            .transport(transport)
            .backend(flow.backend())
            .config(flow.callConfig())
            .clock(clock)
            .dtmfHandler(flow.dtmfHandler());
    listeners.apply(transport.info()).forEach(b::listener);
    return new Admitted(track(callSid, b.build(), transport, flow.name()), null);
  }

  /** The embedding server admits the call and builds its session. */
  private Admitted admit(String callSid, Map<String, String> p) {
    TwilioMediaTransport transport = newTransport(callSid, p, "");
    reserved.incrementAndGet();
    TwilioCallAdmission.Decision d;
    try {
      d = admission.admit(transport, p);
    } catch (RuntimeException e) {
      LOG.warn("call {}: admission failed", callSid, e);
      d = new TwilioCallAdmission.Decision.Refused("admission failed: " + e);
    }
    return switch (d) {
      case TwilioCallAdmission.Decision.Accepted a ->
          new Admitted(track(callSid, a.session(), transport, a.flowName()), null);
      case TwilioCallAdmission.Decision.Refused r -> {
        reserved.decrementAndGet();
        LOG.info("call {} refused: {}", callSid, r.reason());
        yield Admitted.refused(refuse("admission"));
      }
      case TwilioCallAdmission.Decision.NotServed n -> {
        reserved.decrementAndGet();
        metrics.increment("voice.no_flow");
        yield Admitted.refused(notInService());
      }
    };
  }

  private TwilioMediaTransport newTransport(String callSid, Map<String, String> p, String flow) {
    CallInfo info =
        new CallInfo(
            "tw-" + callSid,
            "twilio",
            callSid,
            p.getOrDefault("From", ""),
            p.getOrDefault("To", ""),
            Map.of("flow", flow, "direction", p.getOrDefault("Direction", "")));
    return new TwilioMediaTransport(
        info, outcomes, completer, metrics, config.markIntervalMillis());
  }

  /**
   * Registers a built session, pre-warms it and starts it when its Media Stream binds; ends it when
   * no stream connects in time.
   */
  private CallRegistry.Entry track(
      String callSid, CallSession session, TwilioMediaTransport transport, String flowName) {
    CallInfo info = transport.info();
    CallRegistry.Entry entry = new CallRegistry.Entry(session, transport, flowName);
    registry.putIfAbsent(callSid, entry);
    metrics.increment("calls.started");
    MediaClock.Timer noStream =
        clock.schedule(
            config.streamConnectTimeout(),
            () -> {
              if (!transport.bound().isDone()) {
                metrics.increment("calls.stream_never_connected");
                session.hangUp("media stream never connected");
              }
            });
    session
        .termination()
        .whenComplete(
            (t, e) -> {
              noStream.cancel();
              if (!transport.bound().isDone()) {
                // No stream ran, so Twilio will not ask the action URL: forget the outcome.
                outcomes.take(callSid);
              }
              registry.remove(callSid, entry);
              reserved.decrementAndGet();
              metrics.increment("calls.ended." + (t == null ? "ERROR" : t.result()));
              onCallEnded.accept(info, t);
            });
    transport.bound().thenRun(session::start);
    session.prewarm();
    return entry;
  }

  private static String notInService() {
    return Twiml.sayAndHangUp("Sorry, this number is not in service. Goodbye.");
  }

  /** The voice webhook's outcome: a tracked call, or the TwiML refusing it. */
  private record Admitted(CallRegistry.Entry entry, String refusal) {
    static Admitted refused(String twiml) {
      return new Admitted(null, twiml);
    }
  }

  private String refuse(String why) {
    metrics.increment("voice.refused." + why);
    String sorry = "Sorry, all our agents are busy right now.";
    return config.fallbackNumber() != null
        ? Twiml.sayAndDial(sorry + " Connecting you to a colleague.", config.fallbackNumber())
        : Twiml.sayAndHangUp(sorry + " Please call again later. Goodbye.");
  }

  private String answerAfterStream(Map<String, String> p) {
    AfterStream outcome = outcomes.take(p.get("CallSid"));
    return switch (outcome) {
      case AfterStream.Dial d -> {
        metrics.increment("after_stream.dial");
        yield Twiml.dial(d.target());
      }
      case AfterStream.Hangup h -> {
        metrics.increment("after_stream.hangup");
        yield Twiml.hangUp();
      }
    };
  }

  private String recordStatus(Map<String, String> p) {
    String callSid = p.getOrDefault("CallSid", "");
    String streamEvent = p.get("StreamEvent");
    String kind = streamEvent != null ? "stream" : "call";
    String status = streamEvent != null ? streamEvent : p.getOrDefault("CallStatus", "unknown");
    String word = STATUS_WORD.matcher(status).matches() ? status : "other";
    metrics.increment("status." + kind + "." + word);
    String detail = p.getOrDefault("StreamError", "");
    if (!detail.isEmpty()) {
      LOG.warn("call {}: stream error reported by Twilio: {}", callSid, abbreviate(detail));
    }
    onStatus.accept(new StatusEvent(callSid, kind, status, detail));
    return null;
  }

  // ---- streams -------------------------------------------------------------------------------

  /** IO thread: the {@code start} must name a call of ours and carry its one-time token. */
  private TwilioMediaTransport bind(StreamMessage.Start start) {
    CallRegistry.Entry e = registry.get(start.callSid());
    if (e == null || !tokens.redeem(start.callSid(), start.customParameters().get("token"))) {
      return null;
    }
    metrics.increment("stream.bound");
    return e.transport();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  @Override
  public String toString() {
    return "TwilioEndpoints[" + config.publicBaseUrl() + ", active=" + registry.size() + "]";
  }
}
