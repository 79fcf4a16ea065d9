package dev.switchboard.sip.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.sip.CallSessionHandler;
import dev.switchboard.sip.SipCallHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.sip.it.AgentCallConfigs;
import dev.switchboard.sip.media.MediaConfig;
import dev.switchboard.sip.rtp.LatenessHistogram;
import dev.switchboard.sip.rtp.PortRange;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.ua.SipCall;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bridge side of the sipp load benchmark (see {@code sip/bench/sip-load.sh}): every call runs
 * the real call core ({@link CallSessionHandler} → {@link CallSession}) against {@link LoadBackend}
 * at 24 kHz PCM16, so G.711 8 kHz ↔ 24 kHz transcoding, VAD and barge-in detection run for every
 * call. Every 10 s it prints active calls, media timeouts, the RTP send lateness against each
 * call's 20 ms grid, uplink drops by reason, process CPU seconds per call-minute and heap (after
 * the last GC) per active call.
 *
 * <p>Usage: {@code SipLoadBench PORT SECONDS}.
 */
public final class SipLoadBench {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    List<SipCall> calls = new CopyOnWriteArrayList<>();
    LongAdder ended = new LongAdder();
    LoadBackend backend = new LoadBackend();
    CallConfig config = AgentCallConfigs.agent("load test");
    CallSessionHandler core =
        new CallSessionHandler(
            call ->
                CallSession.builder()
                    .backend(backend)
                    .config(config)
                    .clock(SystemMediaClock.get())
                    .listener(
                        e -> {
                          if (e instanceof CallEvent.CallEnded) {
                            ended.increment();
                          }
                        }));
    SipCallHandler handler =
        new SipCallHandler() {
          @Override
          public CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady) {
            calls.add((SipCall) call);
            return core.prepare(call, mediaReady);
          }

          @Override
          public void start(CallTransport call) {
            core.start(call);
          }

          @Override
          public void abandoned(CallInfo call, String reason) {
            core.abandoned(call, reason);
          }
        };
    MediaConfig media =
        MediaConfig.defaults(InetAddress.getLoopbackAddress(), "127.0.0.1")
            .withPorts(new PortRange(20_000, 29_999));
    SipConfig sip = SipConfig.defaults("127.0.0.1", port, media).withMaxCalls(2000);
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long idleHeap = heapAfterGc();
    try (SipServer server = SipServer.start(sip, handler, SystemMediaClock.get())) {
      System.out.println("SipLoadBench listening on 127.0.0.1:" + port + " " + media);
      long startNanos = System.nanoTime();
      long end = startNanos + seconds * 1_000_000_000L;
      long cpu0 = os.getProcessCpuTime();
      double callSeconds = 0;
      int maxActive = 0;
      for (int second = 1; System.nanoTime() < end; second++) {
        Thread.sleep(1000);
        int active = server.activeCalls();
        callSeconds += active;
        maxActive = Math.max(maxActive, active);
        if (second % 10 != 0 && System.nanoTime() < end) {
          continue;
        }
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        long heap = heapAfterGc();
        System.out.printf(
            "t=%ds active=%d maxActive=%d ended=%d %s backend[responses=%d cancels=%d]"
                + " cpu=%.1fs cpuPerCallMin=%.3fs heapPerCall=%dKiB | %s%n",
            second,
            active,
            maxActive,
            ended.sum(),
            server.stats(),
            backend.responses.sum(),
            backend.cancels.sum(),
            cpuSeconds,
            callSeconds == 0 ? 0 : cpuSeconds / (callSeconds / 60),
            active == 0 ? 0 : (heap - idleHeap) / active / 1024,
            media(calls));
      }
    }
  }

  /** Sums every call's RTP figures (ended and active). */
  private static String media(List<SipCall> calls) {
    LatenessHistogram lateness = new LatenessHistogram();
    long rx = 0;
    long tx = 0;
    long late = 0;
    long dup = 0;
    long overflow = 0;
    long other = 0;
    long lateTicks = 0;
    long concealed = 0;
    for (SipCall call : calls) {
      RtpStats s = call.finalMediaStats();
      lateness.addAll(s.pacerLateness);
      rx += s.packetsReceived.sum();
      tx += s.packetsSent.sum();
      late += s.droppedLate.sum();
      dup += s.droppedDuplicate.sum();
      overflow += s.droppedOverflow.sum();
      other +=
          s.droppedTotal()
              - s.droppedLate.sum()
              - s.droppedDuplicate.sum()
              - s.droppedOverflow.sum();
      lateTicks += s.pacerLateTicks.sum();
      concealed += s.concealedFrames.sum();
    }
    return String.format(
        "rtp rx=%d tx=%d uplinkDrops[late=%d overflow=%d dup=%d other=%d] concealed=%d"
            + " lateTicks=%d pacer[%s]",
        rx, tx, late, overflow, dup, other, concealed, lateTicks, lateness);
  }

  /** Heap in use after the last collection (all heap pools). */
  private static long heapAfterGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private SipLoadBench() {}
}
