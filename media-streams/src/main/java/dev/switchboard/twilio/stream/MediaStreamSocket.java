package dev.switchboard.twilio.stream;

import dev.switchboard.twilio.metrics.TwilioMetrics;
import dev.switchboard.twilio.protocol.ProtocolException;
import dev.switchboard.twilio.protocol.StreamCodec;
import dev.switchboard.twilio.protocol.StreamMessage;
import io.undertow.server.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Media Streams socket on its IO thread: parses each text message and hands it to the bound
 * call's transport. Until a valid {@code start} binds the socket, only {@code connected} is
 * expected; a {@code start} whose token does not match its call is closed with 1008 (policy
 * violation, RFC 6455 section 7.4.1). Malformed messages are logged with the call id, counted and
 * skipped; the call goes on. Unknown events are counted and ignored. WebSocket protocol errors
 * close the socket (see {@link StreamSocket}) and are logged and counted the same way.
 *
 * <p>Confined to the socket's IO thread.
 */
public final class MediaStreamSocket implements StreamSocket.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(MediaStreamSocket.class);

  /** Policy violation (RFC 6455 section 7.4.1). */
  static final int CLOSE_POLICY = 1008;

  /** Largest text message accepted (UTF-8 bytes); more closes the socket with 1009. */
  static final int MAX_MESSAGE_BYTES = StreamCodec.MAX_MESSAGE_CHARS * 4;

  private final StreamBinder binder;
  private final TwilioMetrics metrics;
  private final StreamSender sender;
  private TwilioMediaTransport transport;

  private MediaStreamSocket(StreamSocket socket, StreamBinder binder, TwilioMetrics metrics) {
    this.binder = binder;
    this.metrics = metrics;
    this.sender = new StreamSender(socket);
  }

  /**
   * The Undertow handler answering Media Streams upgrades (signature checked before it).
   *
   * @param idleTimeout how long a socket may stay silent before it is dropped and its call ends
   *     (Twilio sends a frame every 20 ms); {@link java.time.Duration#ZERO} never
   */
  public static HttpHandler upgradeHandler(
      StreamBinder binder, TwilioMetrics metrics, java.time.Duration idleTimeout) {
    return new StreamUpgrade(
        MAX_MESSAGE_BYTES,
        idleTimeout.toMillis(),
        why -> {
          metrics.increment("stream.upgrade_refused");
          LOG.warn("Media Streams upgrade refused: {}", why);
        },
        socket -> {
          metrics.increment("stream.connected");
          socket.start(new MediaStreamSocket(socket, binder, metrics));
        });
  }

  @Override
  public void onProtocolError(int code, String problem) {
    metrics.increment("stream.websocket_error");
    LOG.warn("call {}: WebSocket protocol error, closing with {}: {}", callId(), code, problem);
  }

  @Override
  public void onIdle(long silentMillis) {
    metrics.increment("stream.idle_timeout");
    LOG.warn("call {}: nothing from Twilio for {} ms: dropping the stream", callId(), silentMillis);
    if (transport != null) {
      transport.onSilent("media stream silent for " + silentMillis + " ms");
    }
  }

  @Override
  public void onClosed() {
    metrics.increment("stream.closed");
    if (transport != null) {
      transport.onSocketClosed();
    }
  }

  @Override
  public void onText(String text) {
    StreamMessage m;
    try {
      m = StreamCodec.parse(text);
    } catch (ProtocolException e) {
      metrics.increment("stream.protocol." + e.problem());
      LOG.warn("call {}: bad Media Streams message: {}", callId(), e.getMessage());
      if (e.problem() == ProtocolException.Problem.BAD_MEDIA_FORMAT) {
        if (transport != null) {
          transport.onUnusable(e.getMessage());
        } else {
          sender.close(1003, "unsupported media format");
        }
      }
      return;
    }
    switch (m) {
      case StreamMessage.Connected c -> {}
      case StreamMessage.Start s -> onStart(s);
      case StreamMessage.Media media -> {
        if (transport != null) {
          transport.onMedia(media);
        } else {
          metrics.increment("stream.before_start");
        }
      }
      case StreamMessage.Dtmf d -> {
        if (transport != null) {
          transport.onDtmf(d.digit());
        }
      }
      case StreamMessage.Mark mark -> {
        if (transport != null) {
          transport.onMarkEcho(mark.name());
        }
      }
      case StreamMessage.Stop s -> {
        if (transport != null) {
          transport.onStop();
        }
      }
      case StreamMessage.Unknown u -> {
        metrics.increment("stream.unknown_event");
        LOG.debug("call {}: ignoring unknown event '{}'", callId(), u.event());
      }
      case StreamMessage.PlayMedia p -> metrics.increment("stream.unknown_event");
      case StreamMessage.Clear c -> metrics.increment("stream.unknown_event");
    }
  }

  private void onStart(StreamMessage.Start start) {
    if (transport != null) {
      metrics.increment("stream.duplicate_start");
      return;
    }
    TwilioMediaTransport t = binder.bind(start);
    if (t == null) {
      metrics.increment("stream.rejected.token");
      LOG.warn(
          "stream {} for call {} rejected: unknown call or bad token",
          start.streamSid(),
          start.callSid());
      sender.close(CLOSE_POLICY, "stream not authorised");
      return;
    }
    transport = t;
    t.bind(sender, start.streamSid());
  }

  private String callId() {
    return transport == null ? "(unbound)" : transport.info().callId();
  }
}
