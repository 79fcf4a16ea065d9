package dev.switchboard.local.asr;

import dev.switchboard.transcoding.PcmFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * CMU Sphinx4 grammar recognition shared by every call of the process: a pool of {@link
 * SphinxDecoder}s, one per core by default (decoding is CPU-bound, so more decoders than cores only
 * adds memory). A call borrows a decoder for one utterance (about 0.1–0.3× the utterance's length)
 * and gives it back; calls beyond the pool wait on their virtual threads.
 *
 * <p>Loading takes a few seconds and happens once per process ({@link #shared()}), off the call
 * path: the server loads it at start-up, tests share it across classes.
 */
public final class SphinxRecognizer implements SpeechRecognizer {

  private static final Logger SPHINX_LOGGER = Logger.getLogger("edu.cmu.sphinx");
  private static volatile SphinxRecognizer shared;

  private final BlockingQueue<SphinxDecoder> idle;
  private final Path grammarDir;
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final long loadMillis;
  private final java.util.concurrent.atomic.AtomicInteger loaded =
      new java.util.concurrent.atomic.AtomicInteger();

  private SphinxRecognizer(int decoders) {
    long t0 = System.nanoTime();
    try {
      grammarDir = Files.createTempDirectory("switchboard-jsgf");
      grammarDir.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for recognition grammars", e);
    }
    Grammar initial = Grammar.phrases(List.of("yes", "no"));
    ensureWritten(initial);
    idle = new ArrayBlockingQueue<>(decoders);
    idle.addAll(load(1, initial));
    loadMillis = (System.nanoTime() - t0) / 1_000_000;
    loaded.set(1);
    if (decoders > 1) {
      // Calls can start on the first decoder; the others join the pool when ready, so start-up
      // waits for one model load, not for one per core.
      Thread.ofPlatform()
          .daemon()
          .name("sphinx-load")
          .start(
              () -> {
                for (SphinxDecoder d : load(decoders - 1, initial)) {
                  idle.add(d);
                  loaded.incrementAndGet();
                }
              });
    }
  }

  /** The process-wide recogniser, loaded on first use with one decoder per available core. */
  public static SphinxRecognizer shared() {
    SphinxRecognizer s = shared;
    if (s == null) {
      synchronized (SphinxRecognizer.class) {
        s = shared;
        if (s == null) {
          s = new SphinxRecognizer(Math.max(1, Runtime.getRuntime().availableProcessors()));
          shared = s;
        }
      }
    }
    return s;
  }

  /** How long loading the model for the first decoder took (start-up log and benchmark). */
  public long loadMillis() {
    return loadMillis;
  }

  /** Decoders loaded so far (the pool grows to one per core in the background). */
  public int decoders() {
    return loaded.get();
  }

  @Override
  public int sampleRateHz() {
    return 16000;
  }

  @Override
  public String recognize(PcmFrame utterance, Grammar grammar) {
    if (utterance.sampleRateHz() != 16000) {
      throw new IllegalArgumentException(
          "the en-US model needs 16000 Hz audio, got " + utterance.sampleRateHz() + " Hz");
    }
    ensureWritten(grammar);
    byte[] pcm = dev.switchboard.local.audio.Pcm16.toLittleEndian(utterance.samples());
    SphinxDecoder d;
    try {
      d = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
    try {
      return d.decode(pcm, grammar);
    } finally {
      idle.add(d);
    }
  }

  private void ensureWritten(Grammar g) {
    if (written.contains(g.name())) {
      return;
    }
    synchronized (written) {
      if (written.add(g.name())) {
        try {
          Path file = grammarDir.resolve(g.name() + ".gram");
          Files.writeString(file, g.jsgf());
          file.toFile().deleteOnExit();
        } catch (IOException e) {
          written.remove(g.name());
          throw new UncheckedIOException("cannot write grammar " + g.name(), e);
        }
      }
    }
  }

  private List<SphinxDecoder> load(int n, Grammar initial) {
    // Sphinx4's configuration manager installs its own formatter on the JUL root logger and logs
    // every utterance at INFO: keep the process's logging as it was and Sphinx at WARNING.
    Logger root = Logger.getLogger("");
    Handler[] handlers = root.getHandlers();
    Level level = root.getLevel();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<SphinxDecoder>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> new SphinxDecoder(grammarDir, initial)));
      }
      List<SphinxDecoder> out = new ArrayList<>();
      for (Future<SphinxDecoder> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw new IllegalStateException("loading the Sphinx4 model failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the Sphinx4 model", e);
    } finally {
      pool.shutdown();
      for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      for (Handler h : handlers) {
        root.addHandler(h);
      }
      root.setLevel(level);
      SPHINX_LOGGER.setLevel(Level.WARNING);
    }
  }

  @Override
  public String toString() {
    return "sphinx4-grammar(" + decoders() + " decoders, en-US 16 kHz)";
  }
}
