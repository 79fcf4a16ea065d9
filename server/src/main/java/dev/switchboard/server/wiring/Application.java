package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.server.http.AdminApi;
import dev.switchboard.server.http.HealthHandlers;
import dev.switchboard.server.http.HttpServer;
import dev.switchboard.server.metrics.Metrics;
import dev.switchboard.server.recording.ServerRecordings;
import dev.switchboard.sip.SipServer;
import dev.switchboard.sip.SipStats;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server, assembled top to bottom in {@link #start}: flows → call registry → metrics →
 * backends → call router → HTTP (health, metrics, admin, Twilio under {@code /twilio}) → SIP →
 * background jobs (flow reload, backend probe). Both transports admit calls through the one {@link
 * CallRouter}, so capacity and drain are shared. {@link #drainAndClose()} is the graceful stop;
 * {@link #close()} the immediate one. Thread-safe.
 */
public final class Application implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final ServerConfig config;
  private final FlowRepository flows;
  private final CallRegistry calls;
  private final Metrics metrics;
  private final BackendFactory backends;
  private final CallRouter router;
  private final ServerRecordings recordings;
  private final HealthHandlers health;
  private final AdminApi admin;
  private final HttpServer http;
  private final TwilioWiring twilio;
  private final MediaClock clock;
  private volatile SipServer sip;
  private final ScheduledExecutorService jobs;
  private final BackendProbe probe;
  private final long startNanos;
  private final CompletableFuture<Long> ready = new CompletableFuture<>();
  private volatile long httpUpMillis = -1;

  private Application(
      ServerConfig config, Map<String, String> env, Executor callExecutor, MediaClock clock) {
    this.startNanos = System.nanoTime();
    this.config = config;
    this.clock = clock;
    this.flows =
        config.flows().dir().map(FlowRepository::ofDirectory).orElseGet(FlowRepository::bundled);
    this.calls = new CallRegistry(flows, config.maxConcurrentCalls(), Clock.systemUTC());
    this.metrics = new Metrics(PriceTable.gptRealtime());
    metrics.activeCalls(calls::inUse);
    this.backends = BackendFactory.fromConfig(config, clock);
    this.recordings = ServerRecordings.open(config.recordings());
    this.router =
        new CallRouter(
            calls,
            backends,
            new CallConfigs(HttpClient.newHttpClient(), env, recordings.mailbox()),
            metrics,
            clock,
            Clock.systemUTC(),
            callExecutor,
            recordings::listenersFor);
    this.probe =
        backends.openaiEndpoint().map(u -> new BackendProbe(u, Duration.ofSeconds(2))).orElse(null);
    this.health =
        new HealthHandlers(metrics)
            .check("http", this::httpStatus)
            .check("backend", () -> probe == null ? null : probe.status())
            .check("offline-backend", this::offlineStatus)
            .check("draining", () -> calls.draining() ? "server is draining" : null);
    this.admin = new AdminApi(config.adminToken(), calls, flows, recordings);
    this.http = new HttpServer(config.http().host(), config.http().port(), health, admin);
    this.twilio = TwilioWiring.create(config, router, calls, clock);
    http.mount(TwilioWiring.PREFIX, twilio.handler());
    this.jobs =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("switchboard-jobs").daemon().factory());
  }

  /**
   * Starts everything.
   *
   * @param callExecutor runs every call's control loop (tests); {@code null} for virtual threads
   */
  public static Application start(
      ServerConfig config, Map<String, String> env, Executor callExecutor) {
    Application app = new Application(config, env, callExecutor, SystemMediaClock.get());
    try {
      app.startListeners();
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  private void startListeners() {
    // Crash recovery walks the whole store: off the start-up path, on its own thread (the jobs
    // thread runs the first backend probe that start-up waits for).
    recordings.recoverInBackground(r -> Thread.ofVirtual().name("recordings-recovery").start(r));
    recordings.scheduleRetention(jobs, () -> flows.all().values(), Duration.ofHours(1));
    // The first backend probe runs while the listeners bind, so /readyz is truthful at once.
    CompletableFuture<Void> firstProbe =
        probe == null
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(probe::probe, jobs);
    // Speech models load in the background (3-6 s on two cores, beyond the start-up budget):
    // HTTP answers at once, /readyz reports ready when the offline backend can take calls.
    boolean offline = flows.all().values().stream().anyMatch(this::usesOffline);
    backends.offline().filter(o -> offline).ifPresent(OfflineBackends::startLoading);
    http.start();
    if (config.sip().enabled()) {
      sip = SipServer.start(SipWiring.sipConfig(config), SipCalls.handler(router), clock);
      SipStats stats = sip.stats();
      metrics.sipOutbound(
          stats.outboundAttempts::sum,
          stats.outboundAnswered::sum,
          stats::outboundFailuresByStatus);
    }
    firstProbe.join();
    if (probe != null) {
      jobs.scheduleWithFixedDelay(probe::probe, 10, 10, TimeUnit.SECONDS);
    }
    if (flows.directory().isPresent()) {
      long every = config.flows().reloadInterval().toMillis();
      jobs.scheduleWithFixedDelay(this::reloadFlows, every, every, TimeUnit.MILLISECONDS);
    }
    httpUpMillis = (System.nanoTime() - startNanos) / 1_000_000;
    CompletableFuture<?> models =
        offline
            ? backends.offline().orElseThrow().loaded()
            : CompletableFuture.completedFuture(null);
    models.whenComplete((m, e) -> ready.complete((System.nanoTime() - startNanos) / 1_000_000));
  }

  /** Whether a flow runs on the offline backend (directly, or by {@code backend: auto}). */
  private boolean usesOffline(dev.switchboard.server.flow.Flow f) {
    return backends.kindOf(f).equals("local")
        || f.fallback().kind() == dev.switchboard.server.flow.FlowAction.Kind.IVR;
  }

  /** Not ready while a flow answering calls on the offline backend cannot use it yet. */
  private String offlineStatus() {
    if (backends.offline().isEmpty()
        || flows.all().values().stream().noneMatch(f -> backends.kindOf(f).equals("local"))) {
      return null;
    }
    return backends.offline().get().status();
  }

  /**
   * Completes with the milliseconds from start to ready: HTTP bound and, when a flow needs it, the
   * offline speech models loaded (or failed: {@code /readyz} then says why).
   */
  public CompletableFuture<Long> ready() {
    return ready;
  }

  private String httpStatus() {
    return http == null || http.address() == null ? "not bound" : null;
  }

  private void reloadFlows() {
    try {
      flows.reloadIfChanged();
    } catch (RuntimeException e) {
      LOG.warn("flow reload failed; keeping the current flows", e);
    }
  }

  public InetSocketAddress httpAddress() {
    return http.address();
  }

  public CallRouter router() {
    return router;
  }

  public CallRegistry calls() {
    return calls;
  }

  public FlowRepository flows() {
    return flows;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The SIP edge, or {@code null} when {@code sip.enabled} is false. */
  public SipServer sip() {
    return sip;
  }

  /** The Twilio endpoints, empty when Twilio is not configured (requests get 403). */
  public java.util.Optional<dev.switchboard.twilio.TwilioEndpoints> twilio() {
    return twilio.endpoints();
  }

  public ServerRecordings recordings() {
    return recordings;
  }

  public HealthHandlers health() {
    return health;
  }

  /** The start-up summary (secrets redacted). */
  public String summary() {
    return StartupSummary.render(
        config,
        flows,
        backends,
        admin.enabled(),
        http.address(),
        httpUpMillis,
        sip == null ? null : sip.config(),
        twilio.offReason().orElse(null));
  }

  /**
   * Graceful stop: refuse new calls, let calls finish until the drain deadline, end the rest, then
   * stop listeners.
   */
  public void drainAndClose() {
    calls.startDrain();
    twilio.startDrain();
    SipServer s = sip;
    if (s != null) {
      s.drain(); // OPTIONS and INVITE get 503 (RFC 3261 §21.5.4) while calls finish
    }
    int ended = calls.drain(config.drainDeadline());
    LOG.info("drained; {} calls ended at the deadline", ended);
    close();
  }

  /** Immediate stop of listeners and jobs (calls are not waited for). Idempotent. */
  @Override
  public void close() {
    jobs.shutdownNow();
    SipServer s = sip;
    if (s != null) {
      sip = null;
      s.close();
    }
    http.close();
    metrics.close();
    recordings.close();
  }
}
