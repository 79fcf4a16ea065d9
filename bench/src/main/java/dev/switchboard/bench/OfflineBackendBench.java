package dev.switchboard.bench;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.local.LocalBackend;
import dev.switchboard.local.LocalConfig;
import dev.switchboard.local.LocalSession;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Figures for the offline backend on this machine (main-based: model loading and real-time pacing
 * do not fit JMH's iteration model). Run after {@code ./mvnw -B package -pl bench -am -DskipTests}:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.OfflineBackendBench [sessions]
 * </pre>
 *
 * <ol>
 *   <li>model load: Sphinx4 decoders + FreeTTS voice, cold, once per process;
 *   <li>end of caller speech → first agent audio, in one idle session (processing only; the
 *       end-of-turn silence is printed separately);
 *   <li>N concurrent sessions (default 20) fed in real time by a 20 ms pacer: the same latency
 *       under load, TTS real-time factor, and underruns (a delta arriving after the audio before it
 *       would have finished playing);
 *   <li>heap per call (used heap after GC with N sessions open, minus before, divided by N).
 * </ol>
 *
 * Caller speech is synthesised by FreeTTS at 8 kHz and sent as μ-law, so the benchmark needs no
 * fixture files.
 */
public final class OfflineBackendBench {

  private static final Map<String, String> TARGETS = Map.of("sales", "sip:sales@pbx.example");

  private OfflineBackendBench() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long t0 = System.nanoTime();
    SphinxRecognizer asr = SphinxRecognizer.shared();
    FreeTtsSynthesizer tts = FreeTtsSynthesizer.shared();
    System.out.printf(
        "model load: %.2f s (sphinx %d decoders: %d ms)%n",
        (System.nanoTime() - t0) / 1e9, asr.decoders(), asr.loadMillis());
    LocalConfig config = LocalConfig.defaults().withTransferTargets(TARGETS);
    LocalBackend backend = new LocalBackend(config, asr, tts);
    List<EncodedFrame> sales = speech(tts, "sales");
    List<EncodedFrame> yes = speech(tts, "yes");
    List<EncodedFrame> no = speech(tts, "no");
    System.out.printf(
        "end-of-turn silence (default, counted separately): %d ms%n",
        config.defaultSilenceMillis());

    Run single = run(backend, 1, sales, yes, no, 10, false);
    single.print("1 session, unpaced");
    long heapBefore = usedHeapAfterGc();
    Run loaded = run(backend, sessions, sales, yes, no, 1, true);
    loaded.print(sessions + " sessions, real-time paced");
    System.out.printf(
        "heap per call: %.1f MB (%d sessions open)%n",
        (loaded.heapWithSessions - heapBefore) / 1e6 / sessions, sessions);
    System.exit(0);
  }

  /** One or more sessions running the example flow: menu "sales", confirm "yes", repeated. */
  private static Run run(
      LocalBackend backend,
      int sessions,
      List<EncodedFrame> sales,
      List<EncodedFrame> yes,
      List<EncodedFrame> no,
      int rounds,
      boolean paced)
      throws Exception {
    Run run = new Run();
    List<LocalSession> open = new ArrayList<>();
    List<List<EncodedFrame>> scripts = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      Probe probe = new Probe(run);
      SessionConfig sc =
          new SessionConfig(
              null,
              "",
              null,
              AudioFormat.PCMU_8K,
              AudioFormat.PCMU_8K,
              null,
              null,
              null,
              null,
              List.of());
      LocalSession s = (LocalSession) backend.connect(sc, probe).join();
      open.add(s);
      List<EncodedFrame> script = new ArrayList<>(silence(200 + 40 * i)); // staggered starts
      script.addAll(silence(12_500)); // greeting and menu play out
      for (int r = 0; r < rounds; r++) {
        script.addAll(sales);
        script.addAll(silence(6_000)); // confirmation prompt
        // "no" returns to the menu for another round; the last round confirms and transfers.
        script.addAll(r == rounds - 1 ? yes : no);
        script.addAll(silence(r == rounds - 1 ? 3_000 : 12_500));
      }
      scripts.add(script);
      s.createResponse(null);
    }
    if (paced) {
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      int longest = scripts.stream().mapToInt(List::size).max().orElse(0);
      int[] tick = {0};
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      pacer.scheduleAtFixedRate(
          () -> {
            int t = tick[0]++;
            for (int i = 0; i < open.size(); i++) {
              if (t < scripts.get(i).size()) {
                open.get(i).sendAudio(scripts.get(i).get(t));
              }
            }
            if (t == longest / 2) {
              run.heapWithSessions = usedHeapAfterGc();
            }
            if (t >= longest) {
              done.countDown();
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
      done.await();
      pacer.shutdownNow();
    } else {
      for (int i = 0; i < open.size(); i++) {
        List<EncodedFrame> script = scripts.get(i);
        for (int f = 0; f < script.size(); f++) {
          open.get(i).sendAudio(script.get(f));
          if (f % 200 == 199) {
            open.get(i).flush().join();
          }
        }
      }
    }
    for (LocalSession s : open) {
      s.flush().join();
      run.dropped += s.droppedAudioFrames();
      s.close();
    }
    return run;
  }

  private static List<EncodedFrame> speech(FreeTtsSynthesizer tts, String text) {
    List<short[]> chunks = new ArrayList<>();
    tts.synthesize(text, 8000, p -> chunks.add(p.samples()));
    int n = chunks.stream().mapToInt(c -> c.length).sum();
    short[] all = new short[n];
    int pos = 0;
    for (short[] c : chunks) {
      System.arraycopy(c, 0, all, pos, c.length);
      pos += c.length;
    }
    List<EncodedFrame> out = new ArrayList<>(silence(250));
    out.addAll(frames(new PcmFrame(all, 8000)));
    return out;
  }

  static List<EncodedFrame> silence(int millis) {
    return frames(PcmFrame.silence(8000, millis));
  }

  private static List<EncodedFrame> frames(PcmFrame pcm) {
    short[] s = Arrays.copyOf(pcm.samples(), (pcm.sampleCount() + 159) / 160 * 160);
    byte[] ulaw = new G711Encoder(Encoding.PCMU).encode(new PcmFrame(s, 8000)).payload();
    List<EncodedFrame> out = new ArrayList<>();
    for (int i = 0; i < ulaw.length; i += 160) {
      out.add(EncodedFrame.of(AudioFormat.PCMU_8K, Arrays.copyOfRange(ulaw, i, i + 160)));
    }
    return out;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** Figures of one run, filled by the probes on the sessions' workers. */
  static final class Run {
    final ConcurrentLinkedQueue<Double> latencyMs = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Double> ttsRtf = new ConcurrentLinkedQueue<>();
    final java.util.concurrent.atomic.AtomicLong underruns =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong transcripts =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong transfers =
        new java.util.concurrent.atomic.AtomicLong();
    volatile long heapWithSessions;
    long dropped;

    void print(String label) {
      List<Double> l = new ArrayList<>(latencyMs);
      List<Double> r = new ArrayList<>(ttsRtf);
      Collections.sort(l);
      Collections.sort(r);
      System.out.printf(
          "%s: end of speech -> first agent audio p50 %.0f ms, p95 %.0f ms (n=%d); TTS RTF p50 %.4f"
              + " max %.4f (n=%d); underruns %d; caller turns %d; transfers %d; dropped frames %d%n",
          label,
          pct(l, 50),
          pct(l, 95),
          l.size(),
          pct(r, 50),
          pct(r, 100),
          r.size(),
          underruns.get(),
          transcripts.get(),
          transfers.get(),
          dropped);
    }

    private static double pct(List<Double> sorted, int p) {
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      return sorted.get(
          Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
  }

  /** Times one session's events. */
  static final class Probe implements dev.switchboard.bridge.backend.BackendListener {
    private final Run run;
    private long speechStoppedNanos;
    private long firstDeltaNanos;
    private long audioNanos;
    private long responseStartNanos;

    Probe(Run run) {
      this.run = run;
    }

    @Override
    public void onEvent(BackendEvent e) {
      long now = System.nanoTime();
      switch (e) {
        case BackendEvent.SpeechStopped s -> speechStoppedNanos = now;
        case BackendEvent.UserTranscript t -> run.transcripts.incrementAndGet();
        case BackendEvent.ResponseStarted r -> {
          responseStartNanos = now;
          firstDeltaNanos = 0;
          audioNanos = 0;
        }
        case BackendEvent.AudioDelta d -> {
          if (firstDeltaNanos == 0) {
            firstDeltaNanos = now;
            if (speechStoppedNanos != 0) {
              run.latencyMs.add((now - speechStoppedNanos) / 1e6);
              speechStoppedNanos = 0;
            }
          } else if (now - firstDeltaNanos > audioNanos) {
            run.underruns.incrementAndGet(); // this chunk came after the earlier ones had played
          }
          audioNanos += d.audio().durationMicros() * 1000;
        }
        case BackendEvent.AudioDone d -> {
          if (audioNanos > 0) {
            run.ttsRtf.add((double) (now - responseStartNanos) / audioNanos);
          }
        }
        case BackendEvent.ToolCall c -> {
          if (c.name().equals("transfer")) {
            run.transfers.incrementAndGet();
          }
        }
        default -> {}
      }
    }
  }
}
