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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's media, wired in one place: {@code RTP endpoint → Uplink → listener} and {@code call
 * core → RtpPacer → RTP endpoint}.
 *
 * <p>Two threads per call share the 20 ms beat. At each deadline of the call's grid on the {@link
 * MediaScheduler} (absolute deadlines with the call's own phase; a late send does not shift the
 * grid) the send thread only sends the packet the pacer prepared and wakes this call's media
 * worker, a virtual thread that then does everything heavy: prepare the next packet (fill,
 * resample, encode), play the uplink out of the jitter buffer (decode, PLC, hand-off to the call
 * core), RTCP reports and the media timeouts. Each send's lateness against its ideal grid time is
 * recorded in {@link RtpStats#pacerLateness}.
 *
 * <p>The call's PCM rate is fixed when the media is created: a re-INVITE to a codec with another
 * PCM rate is resampled inside the pacer and the uplink, so the call core never sees it change.
 *
 * <p>Lifecycle: created when the SDP is settled, {@link #start} once the call core listens, {@link
 * #update} on re-INVITE, {@link #close} exactly once (idempotent).
 */
public final class RtpCallMedia implements AutoCloseable, RtpEndpoint.Receiver {

  private static final Logger log = LoggerFactory.getLogger(RtpCallMedia.class);
  static final long TICK_NANOS = 20_000_000L;

  private final String callId;
  private final RtpEndpoint endpoint;
  private final MediaClock clock;
  private final MediaConfig config;
  private final RtpStats stats;
  private final RtpPacer pacer;
  private final RtcpSession rtcp;
  private final long ssrc;
  private final int callRateHz;
  private final AtomicInteger pendingWork = new AtomicInteger();

  private volatile Uplink uplink;
  private volatile TransportListener listener;
  private volatile Consumer<String> onTimeout = reason -> {};
  private volatile boolean closed;
  private volatile long lastReceiveNanos;
  private volatile boolean anyReceived;
  private long nextRtcpNanos;
  private MediaScheduler.Registration grid;
  private Thread worker;

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
    this.callRateHz = media.codec().pcmRateHz();
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
    this.uplink = new Uplink(callId, media, callRateHz, stats);
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

  /** The PCM rate the call core sees for the whole call (the first negotiated codec's). */
  public int callRateHz() {
    return callRateHz;
  }

  public int localPort() {
    return endpoint.rtpPort();
  }

  /** Starts receiving and the 20 ms tick; {@code onTimeout} is told when media stops. */
  public synchronized void start(TransportListener listener, Consumer<String> onTimeout) {
    this.listener = listener;
    this.onTimeout = onTimeout;
    pacer.onMarkPlayed(listener::onMarkPlayed);
    long startNanos = clock.nanoTime();
    lastReceiveNanos = startNanos;
    nextRtcpNanos = startNanos + config.rtcpInterval().toNanos();
    endpoint.start(this);
    pacer.prepareNext();
    worker = Thread.ofVirtual().name("rtp-work-" + callId).start(this::workLoop);
    grid = config.scheduler().register(this::onDeadline, TICK_NANOS, System.nanoTime());
    log.info("call {}: media {} | {} | local port {}", callId, uplink, pacer, endpoint.rtpPort());
  }

  /** Applies a re-INVITE: new remote address (re-latch), direction, or codec. */
  public synchronized void update(NegotiatedMedia media) {
    if (uplink.media().codec().clockRateHz() != media.codec().clockRateHz()) {
      rtcp.clockRate(media.codec().clockRateHz());
    }
    // A fresh uplink: new decoder if the codec changed, and a jitter buffer that re-anchors on the
    // (possibly new) path.
    uplink = new Uplink(callId, media, callRateHz, stats);
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

  /**
   * The send thread at this call's deadline: send what was prepared, wake the worker. Nothing here
   * may block or do heavy work: every call on this send thread waits behind it.
   */
  private boolean onDeadline(long deadlineNanos, long nowNanos, int skippedPeriods) {
    if (closed) {
      return false;
    }
    long latenessNanos = nowNanos - deadlineNanos;
    stats.pacerLateness.record(latenessNanos);
    if (skippedPeriods > 0) {
      stats.pacerSkippedTicks.add(skippedPeriods);
    } else if (latenessNanos >= TICK_NANOS) {
      stats.pacerLateTicks.increment();
    }
    pacer.sendDue();
    if (pendingWork.getAndIncrement() == 0) {
      LockSupport.unpark(worker);
    }
    return true;
  }

  /** The call's media worker: one round of heavy work per wake-up, however many ticks passed. */
  private void workLoop() {
    while (!closed) {
      if (pendingWork.getAndSet(0) == 0) {
        LockSupport.park(this);
        continue;
      }
      try {
        work(clock.nanoTime());
      } catch (RuntimeException e) {
        // A bug in one stage must not end the call's media: counted in the log, next tick retries.
        log.warn("call {}: media work failed: {}", callId, e.toString(), e);
      }
    }
  }

  private void work(long now) {
    pacer.prepareNext();
    TransportListener l = listener;
    Uplink u = uplink;
    // The jitter buffer plays out by time, so one round after several missed ticks plays all due.
    u.jitterMillis(rtcp.jitterMillis());
    u.tick(now, l);
    if (now >= nextRtcpNanos) {
      nextRtcpNanos = now + config.rtcpInterval().toNanos();
      endpoint.sendRtcp(rtcp.report(pacer.timestamp(), now));
    }
    checkTimeout(now);
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
      if (grid != null) {
        grid.cancel();
      }
      if (worker != null) {
        LockSupport.unpark(worker);
      }
    }
    endpoint.close();
    log.info("call {}: media closed: {}", callId, stats);
  }
}
