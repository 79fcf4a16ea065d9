package dev.switchboard.sip.media;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.rtp.RtpEndpoint;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's media, wired in one place: {@code RTP endpoint → Uplink → listener} and {@code call
 * core → RtpPacer → RTP endpoint}, both driven by one 20 ms tick on the {@link MediaClock} grid
 * (absolute deadlines, so a late tick does not shift the grid). The tick also runs RTCP reports and
 * the media timeouts.
 *
 * <p>Lifecycle: created when the SDP is settled, {@link #start} once the call core listens, {@link
 * #update} on re-INVITE, {@link #close} exactly once (idempotent).
 */
public final class RtpCallMedia implements AutoCloseable, RtpEndpoint.Receiver {

  private static final Logger log = LoggerFactory.getLogger(RtpCallMedia.class);
  static final long TICK_NANOS = 20_000_000L;

  /** Ticks a late timer may catch up with bursts before the grid is reset. */
  private static final int MAX_CATCH_UP_TICKS = 5;

  private final String callId;
  private final RtpEndpoint endpoint;
  private final MediaClock clock;
  private final MediaConfig config;
  private final RtpStats stats;
  private final RtpPacer pacer;
  private final RtcpSession rtcp;
  private final long ssrc;

  private volatile Uplink uplink;
  private volatile TransportListener listener;
  private volatile Consumer<String> onTimeout = reason -> {};
  private volatile boolean closed;
  private volatile long lastReceiveNanos;
  private volatile boolean anyReceived;
  private long startNanos;
  private long nextTickNanos;
  private long nextRtcpNanos;
  private MediaClock.Timer timer;

  public RtpCallMedia(
      String callId,
      RtpEndpoint endpoint,
      NegotiatedMedia media,
      MediaClock clock,
      MediaConfig config) {
    this.callId = callId;
    this.endpoint = endpoint;
    this.clock = clock;
    this.config = config;
    this.stats = endpoint.stats();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // RFC 3550 §5.1: random initial sequence, timestamp and SSRC.
    this.ssrc = random.nextLong(1, 0x1_0000_0000L);
    this.pacer =
        new RtpPacer(
            media,
            ssrc,
            random.nextInt(0x10000),
            random.nextLong(0x1_0000_0000L),
            new PacketSender() {
              @Override
              public void send(RtpPacket packet) {
                endpoint.sendRtp(packet);
              }

              @Override
              public String toString() {
                return endpoint.toString();
              }
            },
            stats);
    this.rtcp = new RtcpSession(ssrc, callId + "@switchboard", media.codec().clockRateHz(), stats);
    this.uplink = new Uplink(callId, media, stats);
    endpoint.expect(media.remoteRtp(), media.remoteRtcp(), media.rtcpMux());
  }

  public PlaybackSink playback() {
    return pacer;
  }

  public RtpPacer pacer() {
    return pacer;
  }

  public RtpStats stats() {
    return stats;
  }

  public NegotiatedMedia media() {
    return uplink.media();
  }

  public int localPort() {
    return endpoint.rtpPort();
  }

  /** Starts receiving and the 20 ms tick; {@code onTimeout} is told when media stops. */
  public synchronized void start(TransportListener listener, Consumer<String> onTimeout) {
    this.listener = listener;
    this.onTimeout = onTimeout;
    pacer.onMarkPlayed(listener::onMarkPlayed);
    startNanos = clock.nanoTime();
    lastReceiveNanos = startNanos;
    nextTickNanos = startNanos + TICK_NANOS;
    nextRtcpNanos = startNanos + config.rtcpInterval().toNanos();
    endpoint.start(this);
    timer = clock.schedule(Duration.ofNanos(TICK_NANOS), this::dispatch);
    log.info("call {}: media {} | {} | local port {}", callId, uplink, pacer, endpoint.rtpPort());
  }

  /** Applies a re-INVITE: new remote address (re-latch), direction, or codec. */
  public synchronized void update(NegotiatedMedia media) {
    if (uplink.media().codec().clockRateHz() != media.codec().clockRateHz()) {
      rtcp.clockRate(media.codec().clockRateHz());
    }
    // A fresh uplink: new decoder if the codec changed, and a jitter buffer that re-anchors on the
    // (possibly new) path.
    uplink = new Uplink(callId, media, stats);
    pacer.update(media);
    endpoint.expect(media.remoteRtp(), media.remoteRtcp(), media.rtcpMux());
    lastReceiveNanos = clock.nanoTime();
    log.info(
        "call {}: media updated to {} {} -> {}",
        callId,
        media.codec(),
        media.direction(),
        media.remoteRtp());
  }

  @Override
  public boolean acceptsPayloadType(int payloadType) {
    return uplink.accepts(payloadType);
  }

  @Override
  public void onRtp(RtpPacket packet, long arrivalNanos) {
    lastReceiveNanos = arrivalNanos;
    anyReceived = true;
    TransportListener l = listener;
    if (l == null) {
      return;
    }
    rtcp.onRtp(packet, arrivalNanos);
    uplink.onPacket(packet, arrivalNanos, l);
  }

  @Override
  public void onRtcp(byte[] data, int length, long arrivalNanos) {
    // RTCP proves the peer is alive (it may legitimately send no RTP while holding us).
    lastReceiveNanos = arrivalNanos;
    rtcp.onRtcp(data, length, arrivalNanos);
  }

  /** Runs on the clock's timer thread: hand the tick to the media executor at once. */
  private void dispatch() {
    config.tickExecutor().execute(this::onTimer);
  }

  private void onTimer() {
    if (closed) {
      return;
    }
    long now = clock.nanoTime();
    int ticks = 0;
    synchronized (this) {
      while (nextTickNanos <= now && ticks < MAX_CATCH_UP_TICKS) {
        stats.pacerLateness.record(now - nextTickNanos);
        tick(now);
        nextTickNanos += TICK_NANOS;
        ticks++;
      }
      if (nextTickNanos <= now) {
        stats.pacerLateTicks.increment();
        nextTickNanos = now + TICK_NANOS; // too far behind: start a new grid
      }
      if (!closed) {
        timer = clock.schedule(Duration.ofNanos(nextTickNanos - now), this::dispatch);
      }
    }
    if (ticks > 1) {
      stats.pacerLateTicks.add(ticks - 1);
    }
    checkTimeout(now);
  }

  private void tick(long now) {
    pacer.tick();
    TransportListener l = listener;
    Uplink u = uplink;
    u.jitterMillis(rtcp.jitterMillis());
    u.tick(now, l);
    if (now >= nextRtcpNanos) {
      nextRtcpNanos = now + config.rtcpInterval().toNanos();
      endpoint.sendRtcp(rtcp.report(pacer.timestamp(), now));
    }
  }

  private void checkTimeout(long now) {
    if (!uplink.media().direction().weReceive()) {
      lastReceiveNanos = now; // on hold (inactive/sendonly from us): no media expected
      return;
    }
    Duration limit = anyReceived ? config.steadyTimeout() : config.initialTimeout();
    if (now - lastReceiveNanos > limit.toNanos()) {
      String reason =
          (anyReceived ? "media timeout: no RTP for " : "no RTP received within ")
              + limit.toMillis()
              + " ms";
      log.warn("call {}: {} ({})", callId, reason, stats);
      lastReceiveNanos = now;
      onTimeout.accept(reason);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (timer != null) {
        timer.cancel();
      }
    }
    endpoint.close();
    log.info("call {}: media closed: {}", callId, stats);
  }
}
