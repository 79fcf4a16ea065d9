package dev.switchboard.twilio.stream;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import dev.switchboard.twilio.metrics.TwilioMetrics;
import dev.switchboard.twilio.protocol.OutboundEncoder;
import dev.switchboard.twilio.protocol.StreamCodec;
import dev.switchboard.twilio.protocol.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Twilio call as an agent-bridge {@link CallTransport}: created by the voice webhook (so the
 * session can pre-warm its backend), bound to its Media Stream socket when {@code start} arrives.
 *
 * <p>Threads: socket events ({@code on*}) arrive on the socket's IO thread and are handed to the
 * {@link TransportListener} at once (it posts to the call's control queue); events before {@link
 * #start} are held in a small queue. Once the socket is bound the call's control loop runs on that
 * same IO thread ({@link #controlExecutor}). The {@link PlaybackSink} is called on the control
 * thread and only queues sends. Teardown flags are volatile; the rest is confined as stated per
 * method.
 */
public final class TwilioMediaTransport implements CallTransport {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioMediaTransport.class);

  /** Events held while the call session has not started the transport yet. */
  private static final int MAX_PENDING_EVENTS = 100;

  private final CallInfo info;
  private final String callSid;
  private final AfterStreamOutcomes outcomes;
  private final CallCompleter completer;
  private final TwilioMetrics metrics;
  private final int markIntervalMillis;
  private final UplinkFramer uplink = new UplinkFramer();
  private final Sink sink = new Sink();
  private final List<Consumer<TransportListener>> pending = new ArrayList<>();
  private final CompletableFuture<Void> bound = new CompletableFuture<>();
  private final SocketAffineExecutor control;
  private final IoThreadClock ticks = new IoThreadClock();
  private TransportListener listener;
  private volatile StreamSender sender;
  private volatile String streamSid;
  private volatile OutboundEncoder encoder;
  private volatile boolean endedByUs;
  private volatile boolean closedReported;

  /**
   * @param completer REST call control, or {@code null} to end calls by closing the stream only
   * @param markIntervalMillis most agent audio between two marks ({@link
   *     dev.switchboard.twilio.TwilioConfig#markIntervalMillis()})
   */
  public TwilioMediaTransport(
      CallInfo info,
      AfterStreamOutcomes outcomes,
      CallCompleter completer,
      TwilioMetrics metrics,
      int markIntervalMillis) {
    this.markIntervalMillis = markIntervalMillis;
    this.info = info;
    this.callSid = info.carrierCallId();
    this.outcomes = outcomes;
    this.completer = completer;
    this.metrics = metrics;
    this.control = new SocketAffineExecutor(info.callId());
  }

  // ---- CallTransport (control thread) -------------------------------------------------------

  @Override
  public CallInfo info() {
    return info;
  }

  @Override
  public AudioFormat wireFormat() {
    return AudioFormat.PCMU_8K;
  }

  @Override
  public int uplinkRateHz() {
    return 8000;
  }

  @Override
  public void start(TransportListener value) {
    List<Consumer<TransportListener>> held;
    synchronized (pending) {
      listener = value;
      held = List.copyOf(pending);
      pending.clear();
    }
    held.forEach(e -> e.accept(value));
  }

  @Override
  public PlaybackSink playback() {
    return sink;
  }

  /** The Media Stream socket's IO thread once bound (see {@link SocketAffineExecutor}). */
  @Override
  public java.util.concurrent.Executor controlExecutor() {
    return control;
  }

  /** The socket's IO-thread timers once bound (see {@link IoThreadClock}). */
  @Override
  public dev.switchboard.bridge.time.MediaClock tickClock() {
    return ticks;
  }

  /**
   * Ends the call from our side: through the REST API when configured ({@code Call.update} with
   * {@code Status=completed}), and always by closing the stream, after which the after-stream
   * webhook answers {@code <Hangup/>}. After a transfer only the stream is closed (the call goes on
   * to the {@code <Dial>}).
   */
  @Override
  public CompletableFuture<Void> hangUp(String reason) {
    endedByUs = true;
    outcomes.offer(callSid, new AfterStream.Hangup(reason));
    boolean transferring = outcomes.peekIsDial(callSid);
    CompletableFuture<Void> rest =
        completer == null || transferring
            ? CompletableFuture.completedFuture(null)
            : completer
                .complete(callSid)
                // Twilio does not request the action URL of a call completed over REST.
                .thenRun(() -> outcomes.take(callSid))
                .exceptionally(
                    e -> {
                      metrics.increment("rest.hangup.failed");
                      LOG.warn(
                          "call {}: REST hang-up failed ({}); closing the stream",
                          info.callId(),
                          e.getMessage());
                      return null;
                    });
    return rest.thenCompose(v -> closeStream(1000, "call ended"));
  }

  /**
   * Transfers with TwiML: the after-stream webhook answers {@code <Dial>target</Dial>} once the
   * stream is closed. A {@code stop} that follows is ours, not a caller hang-up.
   */
  @Override
  public CompletableFuture<TransferResult> transfer(String target) {
    if (sender == null) {
      return CompletableFuture.completedFuture(new TransferResult(false, "stream not connected"));
    }
    endedByUs = true;
    outcomes.offer(callSid, new AfterStream.Dial(target));
    metrics.increment("transfer.requested");
    return CompletableFuture.completedFuture(
        new TransferResult(true, "stream closing; Twilio dials via the Connect action URL"));
  }

  private CompletableFuture<Void> closeStream(int code, String reason) {
    StreamSender s = sender;
    return s == null ? CompletableFuture.completedFuture(null) : s.close(code, reason);
  }

  // ---- socket events (IO thread) ------------------------------------------------------------

  /** The {@code start} was accepted: the socket now belongs to this call. */
  void bind(StreamSender value, String sid) {
    this.encoder = new OutboundEncoder(sid);
    this.sender = value;
    this.streamSid = sid;
    control.bind(value.ioThread());
    ticks.bind(value.ioThread());
    bound.complete(null);
  }

  void onMedia(StreamMessage.Media m) {
    List<PcmFrame> frames = uplink.accept(m.audio(), m.timestampMillis());
    for (PcmFrame f : frames) {
      deliver(l -> l.onAudio(f));
    }
  }

  void onDtmf(char digit) {
    metrics.increment("stream.dtmf");
    deliver(l -> l.onDtmf(digit));
  }

  void onMarkEcho(String name) {
    deliver(l -> l.onMarkPlayed(name));
  }

  /** Twilio's {@code stop}: the caller hung up, unless we ended the stream ourselves. */
  void onStop() {
    reportClosed(endedByUs ? "stream stopped after our hang-up or transfer" : "caller hung up");
  }

  /** The socket closed (with or without {@code stop}). */
  void onSocketClosed() {
    reportClosed(endedByUs ? "stream closed by us" : "media stream closed without stop");
  }

  /** Nothing arrived for too long: the stream is being dropped and the call ends with it. */
  void onSilent(String reason) {
    reportClosed(reason);
  }

  /** The stream cannot carry the call (e.g. wrong media format): end it cleanly. */
  void onUnusable(String reason) {
    metrics.increment("stream.unusable");
    LOG.warn("call {}: media stream unusable: {}", info.callId(), reason);
    endedByUs = true;
    closeStream(1003, "unsupported stream");
    deliver(l -> l.onClosed("media stream unusable: " + reason, false));
    closedReported = true;
  }

  private void reportClosed(String reason) {
    if (closedReported) {
      return;
    }
    closedReported = true;
    boolean byCaller = !endedByUs && reason.equals("caller hung up");
    deliver(l -> l.onClosed(reason, byCaller));
  }

  private void deliver(Consumer<TransportListener> event) {
    TransportListener l = listener;
    if (l == null) {
      synchronized (pending) {
        l = listener;
        if (l == null) {
          if (pending.size() < MAX_PENDING_EVENTS) {
            pending.add(event);
          } else {
            metrics.increment("stream.prestart_dropped");
          }
          return;
        }
      }
    }
    event.accept(l);
  }

  /** Completes once a Media Stream socket is bound to this call. */
  public CompletableFuture<Void> bound() {
    return bound;
  }

  public String streamSid() {
    return streamSid;
  }

  /** Uplink gap statistics: gaps filled and milliseconds of silence inserted. */
  public long uplinkGaps() {
    return uplink.gaps();
  }

  public long uplinkFilledMillis() {
    return uplink.filledMillis();
  }

  /** Sends dropped by the bounded send queue (closed or congested socket). */
  public long sendsDropped() {
    StreamSender s = sender;
    return s == null ? 0 : s.dropped();
  }

  @Override
  public String toString() {
    return "twilio(" + info.callId() + ": " + uplink + ")";
  }

  /** μ-law {@code media} + {@code mark} + {@code clear} on the socket; control thread only. */
  private final class Sink implements PlaybackSink {

    @Override
    public int sampleRateHz() {
      return 8000;
    }

    @Override
    public void write(PcmFrame frame) {
      StreamSender s = sender;
      if (s == null) {
        metrics.increment("stream.media_before_bind");
        return;
      }
      if (frame.sampleRateHz() != 8000) {
        throw new IllegalArgumentException(
            "Twilio sink takes 8000 Hz frames, got " + frame.sampleRateHz() + " Hz");
      }
      short[] pcm = frame.samples();
      byte[] mulaw = new byte[pcm.length];
      G711.encodeUlaw(pcm, 0, mulaw, 0, pcm.length);
      s.sendUtf8(encoder.media(mulaw));
    }

    @Override
    public int markIntervalMillis() {
      return markIntervalMillis;
    }

    @Override
    public void mark(String name) {
      StreamSender s = sender;
      if (s != null) {
        s.sendUtf8(encoder.mark(name));
      }
    }

    /** Barge-in: Twilio drops its buffer and echoes every pending mark (core discards those). */
    @Override
    public void clear() {
      StreamSender s = sender;
      if (s != null) {
        metrics.increment("stream.clear");
        s.send(StreamCodec.encode(new StreamMessage.Clear(streamSid)));
      }
    }

    @Override
    public String toString() {
      return "encode(pcmu/8000) -> twilio media+mark/" + markIntervalMillis + "ms";
    }
  }
}
