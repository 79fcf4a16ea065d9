package dev.switchboard.testkit.twilio;

import dev.switchboard.testkit.Signals;
import dev.switchboard.testkit.realtime.FakeObserver;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Drives N simulated Twilio callers against a running Switchboard whose OpenAI backend points at
 * the {@link FakeRealtimeServer} this generator runs, and reports:
 *
 * <ul>
 *   <li>uplink transit: caller frame sent → the matching {@code input_audio_buffer.append} arrives
 *       at the fake (frame k ↔ append k: the bridge sends one append per 20 ms caller frame);
 *   <li>downlink transit: the fake sends a response's first delta → the caller receives its first
 *       frame (the start of a talkspurt, before any pacing applies);
 *   <li>egress lateness (frame arrival minus due time in its talkspurt) and underruns;
 *   <li>barge-in latency: caller speech onset → {@code clear};
 *   <li>the server's CPU seconds and live heap per call (given its pid).
 * </ul>
 *
 * Every caller repeats a 5 s cycle: 1 s of speech-like audio, 1.5 s of silence (the fake's server
 * VAD ends the turn and answers with a 3 s tone), 1 s of speech over the answer (barge-in), 1.5 s
 * of silence. Transit figures include both loopback hops and the simulator's and fake's own JSON
 * work: an upper bound of the server's share.
 *
 * <p>Calls are dialled one after another so fake connection i belongs to caller i.
 */
public final class TwilioLoadGenerator {

  /**
   * What to run.
   *
   * @param url the Switchboard node's public base URL, e.g. {@code http://127.0.0.1:18080}
   * @param to the number dialled (selects the flow: transcoding or μ-law passthrough)
   * @param fakePort port of the fake OpenAI Realtime server the node's backend points at
   * @param serverPid the node's pid for CPU and heap figures, or -1 to skip them
   */
  public record Options(
      String url,
      String authToken,
      String to,
      int calls,
      int durationSeconds,
      int warmUpSeconds,
      int fakePort,
      String fakeKey,
      long serverPid) {

    public Options {
      if (calls < 1 || durationSeconds < 1 || warmUpSeconds < 0) {
        throw new IllegalArgumentException(
            "need calls >= 1, duration >= 1 s, warm-up >= 0 s; got calls="
                + calls
                + " duration="
                + durationSeconds
                + " warm-up="
                + warmUpSeconds);
      }
    }
  }

  /** The figures of one run; {@link #text()} is the printed report. */
  public record Report(
      long uplinkFrames,
      double uplinkP50Millis,
      double uplinkP99Millis,
      long downlinkTalkspurts,
      double downlinkP50Millis,
      double downlinkP99Millis,
      long agentFrames,
      double latenessP99Millis,
      long underrunTicks,
      long bargeIns,
      long closedEarly,
      double cpuSecondsPerCallMinute,
      double heapKibPerCall,
      String text) {}

  static final int WARM_UP_SECONDS = 10;

  /** System property: event-loop threads of the fake backend (default 1). */
  public static final String FAKE_IO_THREADS_PROPERTY = "switchboard.fake.ioThreads";

  /**
   * System property: phases of the 20 ms grid the callers are spread over (1–20, default 10). Real
   * Twilio calls start at independent moments; more phases spread the uplink more evenly.
   */
  public static final String TICK_SLOTS_PROPERTY = "switchboard.load.tickSlots";

  private TwilioLoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Options o =
        new Options(
            a.getOrDefault("url", "http://127.0.0.1:18080"),
            a.getOrDefault("token", "load-test-token"),
            a.getOrDefault("to", "+15550000001"),
            Integer.parseInt(a.getOrDefault("calls", "50")),
            Integer.parseInt(a.getOrDefault("duration", "30")),
            Integer.parseInt(a.getOrDefault("warm-up", String.valueOf(WARM_UP_SECONDS))),
            Integer.parseInt(a.getOrDefault("fake-port", "18790")),
            a.getOrDefault("fake-key", "sk-load"),
            Long.parseLong(a.getOrDefault("server-pid", "-1")));
    System.out.println(run(o).text());
    System.exit(0);
  }

  /**
   * Starts the fake OpenAI Realtime server on {@link Options#fakePort()}, runs the load against the
   * node and returns the figures.
   */
  public static Report run(Options o) throws Exception {
    Taps taps = new Taps(o.calls());
    try (FakeRealtimeServer fake =
        FakeRealtimeServer.builder()
            .apiKey(o.fakeKey())
            .port(o.fakePort())
            .deltaPauseMillis(50)
            .recordAudioEvents(false)
            // One event loop serves every fake connection; more only if a profile shows it busy.
            .ioThreads(Integer.getInteger(FAKE_IO_THREADS_PROPERTY, 1))
            .defaultResponse(ScriptedResponse.tone(440, 3000, "an answer"))
            .observer(taps)
            .start()) {
      return run(o, fake, taps);
    }
  }

  /** Fake-side timestamps, matched to simulators by connection index. */
  static final class Taps implements FakeObserver {
    final AtomicLongArray appends;
    final AtomicLongArray firstDeltaNanos;
    final Histogram uplink = new Histogram();
    volatile List<TwilioSimulator> sims = List.of();

    Taps(int calls) {
      appends = new AtomicLongArray(calls);
      firstDeltaNanos = new AtomicLongArray(calls);
    }

    @Override
    public void onAppend(int index, long nanoTime) {
      if (index >= appends.length()) {
        return;
      }
      long k = appends.getAndIncrement(index);
      List<TwilioSimulator> s = sims;
      if (index < s.size()) {
        long sent = s.get(index).sentNanos(k);
        if (sent > 0) {
          uplink.recordMicros((nanoTime - sent) / 1000);
        }
      }
    }

    @Override
    public void onFirstDelta(int index, long nanoTime) {
      if (index < firstDeltaNanos.length()) {
        firstDeltaNanos.set(index, nanoTime);
      }
    }
  }

  /** Runs the load and returns the report. */
  static Report run(Options o, FakeRealtimeServer fake, Taps taps) throws Exception {
    String javaHome = System.getProperty("java.home");
    long baseHeapKib = o.serverPid() > 0 ? ProcessProbe.liveHeapKib(o.serverPid(), javaHome) : -1;
    ScheduledExecutorService timer =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "load-timer");
              t.setDaemon(true);
              return t;
            });
    TickDriver driver = new TickDriver(Integer.getInteger(TICK_SLOTS_PROPERTY, 10));
    short[] speech = Signals.speechLike(42, 1000, -20, 8000, false);
    short[] silence = new short[12_000];
    Histogram downlink = new Histogram();
    List<TwilioSimulator> sims = new ArrayList<>();
    List<ScheduledFuture<?>> scripts = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(7);
    long rampStart = System.nanoTime();
    for (int i = 0; i < o.calls(); i++) {
      TwilioSimulator sim = TwilioSimulator.create(o.url(), o.authToken(), o.to(), 10_000 + i);
      sim.stopRecording();
      sim.dial();
      fake.awaitConnection(i, Duration.ofSeconds(30));
      int index = i;
      sim.onTalkspurt(
          t -> {
            long sent = taps.firstDeltaNanos.get(index);
            if (sent > 0 && t - sent < 1_000_000_000L) {
              downlink.recordMicros((t - sent) / 1000);
            }
          });
      sims.add(sim);
      taps.sims = List.copyOf(sims);
      sim.connect();
      sim.runRealTime(driver);
      scripts.add(
          timer.scheduleAtFixedRate(
              () -> {
                sim.say(speech);
                sim.say(silence);
                sim.say(speech);
                sim.say(silence);
              },
              rnd.nextInt(5000),
              5000,
              TimeUnit.MILLISECONDS));
    }
    double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
    // Warm-up: JIT and the first turns of every call settle before anything is measured.
    TimeUnit.SECONDS.sleep(o.warmUpSeconds());
    taps.uplink.reset();
    downlink.reset();
    sims.forEach(TwilioSimulator::resetStats);
    double cpuStart = o.serverPid() > 0 ? ProcessProbe.cpuSeconds(o.serverPid()) : 0;
    long ownPid = ProcessHandle.current().pid();
    double ownCpuStart = ProcessProbe.cpuSeconds(ownPid);
    long fakeCpuStart = fake.ioCpuNanos();
    long tickCpuStart = driver.cpuNanos();
    long steadyStart = System.nanoTime();
    TimeUnit.SECONDS.sleep(o.durationSeconds());
    double steadySeconds = (System.nanoTime() - steadyStart) / 1e9;
    double cpu = o.serverPid() > 0 ? ProcessProbe.cpuSeconds(o.serverPid()) - cpuStart : -1;
    double ownCpu = ProcessProbe.cpuSeconds(ownPid) - ownCpuStart;
    double fakeCpu = (fake.ioCpuNanos() - fakeCpuStart) / 1e9;
    double tickCpu = (driver.cpuNanos() - tickCpuStart) / 1e9;
    // Every timing figure is taken before the heap probe: GC.class_histogram stops the node for
    // about 100 ms (a full collection and a heap-inspection safepoint), which every call hears as
    // a gap. That pause is the probe's, not the node's.
    Histogram uplink = new Histogram();
    uplink.addAll(taps.uplink);
    Histogram downlinkSeen = new Histogram();
    downlinkSeen.addAll(downlink);
    Histogram lateness = new Histogram();
    Histogram bargeIn = new Histogram();
    long underruns = 0;
    long media = 0;
    long closedEarly = 0;
    long maxLag = 0;
    for (TwilioSimulator s : sims) {
      lateness.addAll(s.egressLateness());
      bargeIn.addAll(s.bargeInLatency());
      underruns += s.underrunTicks();
      media += s.mediaReceived();
      closedEarly += s.closed().isDone() ? 1 : 0;
      maxLag = Math.max(maxLag, s.maxPlayoutLagMillis());
    }
    long steadyHeapKib = o.serverPid() > 0 ? ProcessProbe.liveHeapKib(o.serverPid(), javaHome) : -1;
    scripts.forEach(f -> f.cancel(false));
    for (TwilioSimulator s : sims) {
      s.hangUp();
    }
    for (TwilioSimulator s : sims) {
      try {
        s.closed().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        s.close();
      }
    }
    timer.shutdownNow();
    driver.close();
    double cpuPerCallMinute = cpu / o.calls() / (steadySeconds / 60);
    double heapPerCall = (steadyHeapKib - baseHeapKib) / (double) o.calls();
    StringBuilder r = new StringBuilder();
    r.append(
        String.format(
            "Twilio load: %d calls to %s, measured %.0f s after a %d s warm-up (ramp %.1f s)%n",
            o.calls(), o.to(), steadySeconds, o.warmUpSeconds(), rampSeconds));
    r.append("  uplink transit (caller frame -> backend append): ").append(uplink).append('\n');
    r.append("  downlink transit (first delta -> first media):   ")
        .append(downlinkSeen)
        .append('\n');
    r.append("  egress lateness (arrival - due in talkspurt):    ").append(lateness).append('\n');
    r.append(
        String.format(
            "  underrun ticks: %d of %d agent frames; simulator max playout lag %d ms%n",
            underruns, media, maxLag));
    r.append("  barge-in latency (speech onset -> clear):        ").append(bargeIn).append('\n');
    r.append(String.format("  calls closed before the end: %d%n", closedEarly));
    r.append(
        String.format(
            "  generator CPU (callers + fake backend): %.1f s = %.2f cores; %.3f CPU s per"
                + " call-minute%n",
            ownCpu, ownCpu / steadySeconds, ownCpu / o.calls() / (steadySeconds / 60)));
    r.append(
        String.format(
            "    of which fake backend event loop %.1f s (%.3f per call-minute), caller tick driver"
                + " %.1f s (%.3f)%n",
            fakeCpu,
            fakeCpu / o.calls() / (steadySeconds / 60),
            tickCpu,
            tickCpu / o.calls() / (steadySeconds / 60)));
    if (o.serverPid() > 0) {
      r.append(
          String.format(
              "  server CPU: %.1f s over %.0f s = %.2f cores; %.3f CPU s per call-minute%n",
              cpu, steadySeconds, cpu / steadySeconds, cpuPerCallMinute));
      r.append(
          String.format(
              "  server live heap: %d KiB idle, %d KiB with %d calls = %.0f KiB per call%n",
              baseHeapKib, steadyHeapKib, o.calls(), heapPerCall));
    }
    boolean probed = o.serverPid() > 0;
    return new Report(
        uplink.count(),
        uplink.percentileMillis(0.5),
        uplink.percentileMillis(0.99),
        downlinkSeen.count(),
        downlinkSeen.percentileMillis(0.5),
        downlinkSeen.percentileMillis(0.99),
        media,
        lateness.percentileMillis(0.99),
        underruns,
        bargeIn.count(),
        closedEarly,
        probed ? cpuPerCallMinute : Double.NaN,
        probed ? heapPerCall : Double.NaN,
        r.toString());
  }
}
