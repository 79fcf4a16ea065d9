package dev.switchboard.sip.bench;

import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.SipCallHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.sip.media.MediaConfig;
import dev.switchboard.sip.rtp.LatenessHistogram;
import dev.switchboard.sip.rtp.PortRange;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.ua.SipCall;
import dev.switchboard.transcoding.PcmFrame;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bridge side of the sipp load benchmark (see sip/README.md): answers every call, plays a 2 s
 * tone then silence, counts caller audio, and every 10 s prints active calls, media timeouts and
 * the pacer's send lateness against the 20 ms grid (aggregated over ended calls).
 *
 * <p>Usage: {@code SipLoadBench PORT SECONDS}.
 */
public final class SipLoadBench {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    LatenessHistogram lateness = new LatenessHistogram();
    LongAdder frames = new LongAdder();
    LongAdder received = new LongAdder();
    LongAdder dropped = new LongAdder();
    LongAdder lateTicks = new LongAdder();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger maxActive = new AtomicInteger();
    SipCallHandler handler =
        new SipCallHandler() {
          @Override
          public CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady) {
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void start(CallTransport call) {
            started.incrementAndGet();
            call.start(
                new TransportListener() {
                  @Override
                  public void onAudio(PcmFrame frame) {
                    frames.increment();
                  }

                  @Override
                  public void onDtmf(char digit) {}

                  @Override
                  public void onMarkPlayed(String name) {}

                  @Override
                  public void onClosed(String reason, boolean byCaller) {
                    RtpStats stats = ((SipCall) call).finalMediaStats();
                    lateness.addAll(stats.pacerLateness);
                    received.add(stats.packetsReceived.sum());
                    dropped.add(stats.droppedTotal() - stats.droppedDuplicate.sum());
                    lateTicks.add(stats.pacerLateTicks.sum());
                  }
                });
            call.playback().write(tone(call.playback().sampleRateHz()));
          }

          @Override
          public void abandoned(CallInfo call, String reason) {}
        };
    MediaConfig media =
        MediaConfig.defaults(InetAddress.getLoopbackAddress(), "127.0.0.1")
            .withPorts(new PortRange(20_000, 29_999));
    SipConfig config = SipConfig.defaults("127.0.0.1", port, media).withMaxCalls(2000);
    try (SipServer server = SipServer.start(config, handler, SystemMediaClock.get())) {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        Thread.sleep(10_000);
        maxActive.accumulateAndGet(server.activeCalls(), Math::max);
        System.out.printf(
            "active=%d maxActive=%d started=%d %s callerFrames=%d | ended calls: rtpIn=%d"
                + " dropped=%d lateTicks=%d pacer[%s]%n",
            server.activeCalls(),
            maxActive.get(),
            started.get(),
            server.stats(),
            frames.sum(),
            received.sum(),
            dropped.sum(),
            lateTicks.sum(),
            lateness);
      }
    }
  }

  private static PcmFrame tone(int rateHz) {
    short[] s = new short[rateHz * 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / rateHz));
    }
    return new PcmFrame(s, rateHz);
  }

  private SipLoadBench() {}
}
