package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.local.LocalBackend;
import dev.switchboard.local.LocalConfig;
import dev.switchboard.local.asr.SpeechRecognizer;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.local.tts.SpeechSynthesizer;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.IvrSteps;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded offline backend of each flow: one {@link LocalBackend} per flow version (its {@code
 * ivr} steps and {@code transfers}), all sharing the process-wide speech models.
 *
 * <p>Loading the models takes 3–6 s on two cores (Sphinx4 acoustic model, FreeTTS lexicon), more
 * than the start-up budget, so {@link #startLoading()} loads them on a background thread and the
 * offline backend is unavailable ({@link #status()}, {@code /readyz}, admission) until they are in.
 * Calls never wait for a model load. Thread-safe.
 */
public final class OfflineBackends {

  private static final Logger LOG = LoggerFactory.getLogger(OfflineBackends.class);

  /** The loaded models. */
  public record Models(SpeechRecognizer recognizer, SpeechSynthesizer synthesizer) {}

  private final CompletableFuture<Models> models = new CompletableFuture<>();
  private final Function<LocalConfig, RealtimeBackend> build;
  private final Map<String, Versioned> byFlow = new ConcurrentHashMap<>();
  private volatile boolean loading;
  private volatile long loadMillis = -1;

  private record Versioned(String version, RealtimeBackend backend) {}

  /**
   * @param build makes a flow's backend from its settings once the models are loaded (tests wrap
   *     the real backend to observe it)
   */
  private OfflineBackends(Function<Models, Function<LocalConfig, RealtimeBackend>> build) {
    this.build = cfg -> build.apply(models.join()).apply(cfg);
  }

  /** The process-wide Sphinx4 and FreeTTS models, loaded by {@link #startLoading()}. */
  public static OfflineBackends sharedModels() {
    return new OfflineBackends(m -> cfg -> new LocalBackend(cfg, m.recognizer(), m.synthesizer()));
  }

  /** Already-loaded models with a custom backend maker (tests). */
  public static OfflineBackends of(
      Models loaded, Function<Models, Function<LocalConfig, RealtimeBackend>> build) {
    OfflineBackends b = new OfflineBackends(build);
    b.loading = true;
    b.loadMillis = 0;
    b.models.complete(loaded);
    return b;
  }

  /** Starts loading the shared models on a background thread, once; later calls do nothing. */
  public synchronized OfflineBackends startLoading() {
    if (loading) {
      return this;
    }
    loading = true;
    Thread.ofPlatform()
        .name("offline-models")
        .daemon()
        .start(
            () -> {
              long t0 = System.nanoTime();
              try {
                SpeechRecognizer recognizer = SphinxRecognizer.shared();
                SpeechSynthesizer synthesizer = FreeTtsSynthesizer.shared();
                loadMillis = (System.nanoTime() - t0) / 1_000_000;
                LOG.info(
                    "offline speech models loaded in {} ms: {}, {}",
                    loadMillis,
                    recognizer,
                    synthesizer);
                models.complete(new Models(recognizer, synthesizer));
              } catch (RuntimeException | Error e) {
                LOG.error("loading the offline speech models failed", e);
                models.completeExceptionally(e);
              }
            });
    return this;
  }

  /** {@code null} when the offline backend can take calls, else why not. */
  public String status() {
    if (!loading) {
      return "speech models not loaded (no flow uses the offline backend)";
    }
    if (models.isCompletedExceptionally()) {
      return "speech models failed to load: "
          + models.exceptionNow().getClass().getSimpleName()
          + ": "
          + models.exceptionNow().getMessage();
    }
    return models.isDone() ? null : "speech models are loading";
  }

  /** Milliseconds the model load took, or -1 while loading. */
  public long loadMillis() {
    return loadMillis;
  }

  /** Completes when the models are loaded (start-up summary, tests). */
  public CompletableFuture<?> loaded() {
    return models;
  }

  /**
   * The offline backend of {@code flow}: its {@code ivr} steps (or the built-in example IVR when it
   * has none) with its {@code transfers} as targets; empty while the models load.
   */
  public Optional<RealtimeBackend> forFlow(Flow flow) {
    startLoading();
    if (status() != null) {
      return Optional.empty();
    }
    Versioned v =
        byFlow.compute(
            flow.name(),
            (name, old) ->
                old != null && old.version().equals(flow.version())
                    ? old
                    : new Versioned(flow.version(), build.apply(settings(flow))));
    return Optional.of(v.backend());
  }

  /** The offline backend's settings for a flow: IVR steps and transfer targets. */
  static LocalConfig settings(Flow flow) {
    LocalConfig base = LocalConfig.defaults().withTransferTargets(flow.transfers());
    return flow.ivr() == null ? base : base.withFlow(IvrSteps.parse(flow.name(), flow.ivr()));
  }
}
