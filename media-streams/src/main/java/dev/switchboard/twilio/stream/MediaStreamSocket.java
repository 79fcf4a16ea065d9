package dev.switchboard.twilio.stream;

import dev.switchboard.twilio.metrics.TwilioMetrics;
import dev.switchboard.twilio.protocol.ProtocolException;
import dev.switchboard.twilio.protocol.StreamCodec;
import dev.switchboard.twilio.protocol.StreamMessage;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Media Streams socket on the Undertow IO thread: parses each text message and hands it to the
 * bound call's transport. Until a valid {@code start} binds the socket, only {@code connected} is
 * expected; a {@code start} whose token does not match its call is closed with 1008 (policy
 * violation, RFC 6455 section 7.4.1). Malformed messages are logged with the call id, counted and
 * skipped; the call goes on. Unknown events are counted and ignored.
 *
 * <p>Confined to the socket's IO thread.
 */
public final class MediaStreamSocket extends AbstractReceiveListener {

  private static final Logger LOG = LoggerFactory.getLogger(MediaStreamSocket.class);

  /** Policy violation (RFC 6455 section 7.4.1). */
  static final int CLOSE_POLICY = 1008;

  private final StreamBinder binder;
  private final TwilioMetrics metrics;
  private final StreamSender sender;
  private TwilioMediaTransport transport;

  private MediaStreamSocket(WebSocketChannel channel, StreamBinder binder, TwilioMetrics metrics) {
    this.binder = binder;
    this.metrics = metrics;
    this.sender = new StreamSender(channel);
  }

  /** The Undertow callback accepting Media Streams upgrades (signature checked before it). */
  public static WebSocketConnectionCallback callback(StreamBinder binder, TwilioMetrics metrics) {
    return (WebSocketHttpExchange exchange, WebSocketChannel channel) -> {
      metrics.increment("stream.connected");
      MediaStreamSocket socket = new MediaStreamSocket(channel, binder, metrics);
      channel.getReceiveSetter().set(socket);
      channel.addCloseTask(ch -> socket.closed());
      channel.resumeReceives();
    };
  }

  @Override
  protected long getMaxTextBufferSize() {
    return StreamCodec.MAX_MESSAGE_CHARS * 4L;
  }

  @Override
  protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
    StreamMessage m;
    try {
      m = StreamCodec.parse(message.getData());
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

  private void closed() {
    metrics.increment("stream.closed");
    if (transport != null) {
      transport.onSocketClosed();
    }
  }

  private String callId() {
    return transport == null ? "(unbound)" : transport.info().callId();
  }
}
