package dev.switchboard.server.recording;

import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.recordings.CallContext;
import dev.switchboard.recordings.CallRecorder;
import dev.switchboard.recordings.RecordingConfig;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.Retention;
import dev.switchboard.recordings.index.CallIndex;
import dev.switchboard.recordings.index.JdbcCallIndex;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.tools.VoicemailTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings service as the server runs it: one {@link Recordings} (filesystem store under
 * {@code recordings.dir}, JDBC index — SQLite {@code calls.db} there unless {@code
 * recordings.indexUrl} says otherwise), a recorder per call as its flow's policy says, the live
 * recorders for the admin API's pause/resume, and voicemail spans cut from the recording when it
 * ends. Thread-safe.
 */
public final class ServerRecordings implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerRecordings.class);

  /** The offline backend costs nothing per token. */
  private static final PriceTable FREE =
      new PriceTable(
          BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  private final Recordings recordings;
  private final Recordings withOpusArchive;
  private final CallIndex index;
  private final RecordedMailbox mailbox = new RecordedMailbox();
  private final Map<String, CallRecorder> live = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Path>> finished = new ConcurrentHashMap<>();

  ServerRecordings(FileSystemStore store, CallIndex index, RecordingConfig baseConfig) {
    this.index = index;
    ProcessOwnedStore owned = new ProcessOwnedStore(store);
    this.recordings = new Recordings(owned, index, baseConfig);
    this.withOpusArchive = new Recordings(owned, index, baseConfig.withArchiveOpus(true));
  }

  /** Opens the store and the index named by the configuration (creating them if needed). */
  public static ServerRecordings open(ServerConfig.Recordings config) {
    try {
      FileSystemStore store = new FileSystemStore(config.dir());
      String url =
          config.indexUrl().orElse("jdbc:sqlite:" + store.root().resolve("calls.db").toString());
      CallIndex index =
          JdbcCallIndex.open(
              url, config.indexUser().orElse(null), config.indexPassword().orElse(null));
      return new ServerRecordings(store, index, RecordingConfig.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the recordings directory " + config.dir() + ": " + e.getMessage(), e);
    }
  }

  public Recordings recordings() {
    return recordings;
  }

  /** Where the offline IVR's voicemail spans go. */
  public VoicemailTool.Mailbox mailbox() {
    return mailbox;
  }

  /**
   * Repairs and indexes recordings a crash left, on {@code executor}: a large store takes a while
   * to walk, and start-up to {@code /readyz} must stay fast. Calls recorded meanwhile are safe:
   * {@link ProcessOwnedStore} hides this process's recordings from the scan.
   */
  public CompletableFuture<List<RecordingMetadata>> recoverInBackground(Executor executor) {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return recordings.recoverOnStartup();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            executor)
        .whenComplete(
            (done, e) -> {
              if (e != null) {
                LOG.error("recordings: crash recovery failed", e);
              } else if (!done.isEmpty()) {
                LOG.info("recordings: recovered {} recordings cut short by a crash", done.size());
              }
            });
  }

  /**
   * The call's recorder as its flow's {@code recording} policy says: none when off, Ogg Opus
   * archives beside the WAV when the format is {@code opus}. A recorder that cannot start (disk
   * full, permissions) is logged and the call goes on unrecorded.
   *
   * @param backendKind {@code openai} or {@code local}
   * @param startedAt the wall-clock instant of the call clock's origin
   */
  public List<CallEventListener> listenersFor(
      CallInfo info, Flow flow, String backendKind, Instant startedAt) {
    if (flow.recording() == null || !flow.recording().enabled()) {
      return List.of();
    }
    // format: opus keeps the stereo WAV (the admin API and QA replay read it) and adds the
    // Ogg Opus archives of both channels.
    Recordings service =
        "opus".equalsIgnoreCase(flow.recording().format()) ? withOpusArchive : recordings;
    boolean local = backendKind.equals("local");
    String model = flow.model() != null ? flow.model() : local ? "offline" : null;
    CallContext context =
        new CallContext(
            info,
            flow.name(),
            backendKind,
            model,
            local ? FREE : PriceTable.gptRealtime(),
            startedAt,
            null);
    CallRecorder recorder;
    try {
      recorder = service.startCall(context);
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "call {}: cannot start its recording; the call goes on unrecorded", info.callId(), e);
      return List.of();
    }
    String callId = info.callId();
    live.put(callId, recorder);
    mailbox.recording(callId);
    CompletableFuture<Path> done = new CompletableFuture<>();
    finished.put(callId, done);
    recorder
        .finished()
        .whenComplete(
            (meta, e) -> {
              live.remove(callId);
              finished.remove(callId);
              List<RecordedMailbox.Span> spans = mailbox.take(callId);
              if (e != null) {
                done.completeExceptionally(e);
                return;
              }
              storeVoicemail(recorder.directory(), callId, spans);
              done.complete(recorder.directory());
            });
    return List.of(recorder);
  }

  private void storeVoicemail(Path dir, String callId, List<RecordedMailbox.Span> spans) {
    if (spans.isEmpty()) {
      return;
    }
    try {
      List<String> files = VoicemailFiles.write(dir, spans);
      recordings.indexDirectory(dir); // the transcript now holds the messages: index them too
      LOG.info("call {}: voicemail stored in {} {}", callId, dir, files);
    } catch (IOException | RuntimeException e) {
      LOG.error("call {}: storing its voicemail failed; the call recording holds it", callId, e);
    }
  }

  /**
   * Runs retention every {@code period} for the flows that set {@code recording.retention}, read
   * afresh each run so flow edits apply; flows without it keep their recordings (the {@code
   * switchboard recordings retention} CLI handles those). Not scheduled when no flow sets it.
   */
  public Optional<ScheduledFuture<?>> scheduleRetention(
      ScheduledExecutorService jobs, Supplier<Collection<Flow>> flows, Duration period) {
    if (retentionPolicy(flows.get()).perFlowDays().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        jobs.scheduleAtFixedRate(
            () -> {
              try {
                Retention.Result r =
                    Retention.run(
                        index, recordings.store(), retentionPolicy(flows.get()), Instant.now());
                LOG.info(
                    "retention: deleted {} calls, {} failures",
                    r.deletedCallIds().size(),
                    r.failures().size());
              } catch (RuntimeException e) {
                LOG.error("retention run failed", e); // keep the schedule alive
              }
            },
            period.toMillis(),
            period.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  /** Per-flow days from each flow's {@code recording.retention} (rounded up to whole days). */
  static Retention.Policy retentionPolicy(Collection<Flow> flows) {
    Map<String, Integer> days = new HashMap<>();
    for (Flow f : flows) {
      Duration keep = f.recording() == null ? null : f.recording().retention();
      if (keep != null && !keep.isZero() && !keep.isNegative()) {
        days.put(f.name(), (int) Math.max(1, (keep.toHours() + 23) / 24));
      }
    }
    return new Retention.Policy(0, days);
  }

  /** The live call's recorder (for PCI pause/resume), if it is being recorded. */
  public Optional<CallRecorder> live(String callId) {
    return Optional.ofNullable(live.get(callId));
  }

  /**
   * Completes with the recording directory once the call's files, index row and voicemail are all
   * written; empty if the call is not recorded.
   */
  public Optional<CompletableFuture<Path>> finished(String callId) {
    return Optional.ofNullable(finished.get(callId));
  }

  @Override
  public void close() {
    index.close();
  }
}
