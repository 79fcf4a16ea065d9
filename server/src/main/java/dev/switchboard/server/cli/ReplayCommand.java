package dev.switchboard.server.cli;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.recordings.RecordingConfig;
import dev.switchboard.recordings.RecordingFiles;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.index.CallQuery;
import dev.switchboard.recordings.index.IndexedCall;
import dev.switchboard.recordings.index.JdbcCallIndex;
import dev.switchboard.recordings.replay.ReplayReport;
import dev.switchboard.recordings.replay.ReplayRunner;
import dev.switchboard.recordings.replay.ScaledClock;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowRepository;
import dev.switchboard.server.wiring.CallConfigs;
import dev.switchboard.transcoding.AudioFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard replay}: feeds recorded callers through today's flow and backend and reports,
 * per turn, what the agent said then and now. One call by id or directory, or many by {@code
 * --since}/{@code --flow} from the call index, with a progress bar and a summary table.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay recorded calls (caller channel) through a fresh call and compare the agent's turns.",
      "Writes the new recording, transcript and replay-report.{json,md} beside it."
    })
public final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "CALL_ID_OR_DIR",
      description = "A call id from the index, or a recording directory.")
  String target;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description = "Replay calls started since: an ISO instant or 7d / 12h.")
  String since;

  @Option(
      names = "--flow",
      paramLabel = "NAME",
      description = "Only calls of this flow; also recorded as the replay's flow.")
  String flow;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "At most this many calls with --since (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--recordings",
      defaultValue = "recordings",
      paramLabel = "DIR",
      description = "Recordings root (default ${DEFAULT-VALUE}).")
  Path recordingsRoot;

  @Option(
      names = "--index",
      paramLabel = "JDBC_URL",
      description = "Call index (default jdbc:sqlite:RECORDINGS/calls.db).")
  String indexUrl;

  @Option(
      names = "--backend",
      defaultValue = OpenAiConfig.DEFAULT_URL,
      paramLabel = "URL",
      description = "Realtime WebSocket URL (default ${DEFAULT-VALUE}).")
  String backendUrl;

  @Option(
      names = "--model",
      defaultValue = OpenAiConfig.DEFAULT_MODEL,
      description = "Model (default ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--instructions",
      defaultValue = "You are a helpful phone agent.",
      description = "The agent's instructions.")
  String instructions;

  @Option(
      names = "--flows",
      paramLabel = "DIR",
      description =
          "Flows directory: replay with today's definition of the flow (--flow, else the call's"
              + " own flow). Without it, a plain session with --instructions.")
  Path flowsDir;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description = "File holding the API key (default: $OPENAI_API_KEY).")
  Path apiKeyFile;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description = "Clock speed-up for backends that accept audio faster than real time (1-32).")
  double speed;

  private FlowRepository flows;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if ((target == null) == (since == null)) {
      err.println("switchboard replay: give either CALL_ID_OR_DIR or --since (not both)");
      return 2;
    }
    try (JdbcCallIndex index = JdbcCallIndex.open(indexUrl(), null, null)) {
      FileSystemStore store = new FileSystemStore(recordingsRoot);
      Recordings recordings = new Recordings(store, index, RecordingConfig.defaults());
      List<Path> sources =
          target != null ? List.of(resolve(store, index, target)) : select(store, index);
      if (sources.isEmpty()) {
        out.println("no calls to replay");
        return 0;
      }
      String key = apiKey();
      ReplayRunner runner = new ReplayRunner(recordings);
      List<ReplayReport> reports = new ArrayList<>();
      int failures = 0;
      for (int i = 0; i < sources.size(); i++) {
        progress(err, i, sources.size(), sources.get(i).getFileName().toString());
        try {
          MediaClock clock = speed == 1 ? SystemMediaClock.get() : new ScaledClock(speed);
          Flow today = flowFor(sources.get(i));
          String m = today != null && today.model() != null ? today.model() : model;
          OpenAiRealtimeBackend backend =
              new OpenAiRealtimeBackend(
                  OpenAiConfig.of(key).withRealtimeUrl(backendUrl).withModel(m), clock);
          CallConfig config =
              today != null
                  ? new CallConfigs(HttpClient.newHttpClient(), System.getenv())
                      .forCall(today, backend.capabilities(), false)
                  : config();
          String label = today != null ? today.name() : flow;
          ReplayRunner.Result r =
              runner.replay(
                  sources.get(i), new ReplayRunner.Target(backend, config, label, m, clock));
          reports.add(r.report());
          if (sources.size() == 1) {
            out.println(r.report().toMarkdown());
            out.println("report: " + r.directory().resolve("replay-report.md"));
          }
        } catch (IOException | TimeoutException | RuntimeException e) {
          failures++;
          err.println();
          err.println(
              "switchboard replay: " + sources.get(i).getFileName() + ": " + e.getMessage());
        }
      }
      progress(err, sources.size(), sources.size(), "done");
      err.println();
      if (sources.size() > 1) {
        out.print(summary(reports));
        out.flush();
      }
      return failures == 0 ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println("switchboard replay: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("switchboard replay: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  /** Today's definition of the flow to replay with, or {@code null} without {@code --flows}. */
  private Flow flowFor(Path source) throws IOException {
    if (flowsDir == null) {
      return null;
    }
    if (flows == null) {
      flows = FlowRepository.ofDirectory(flowsDir);
    }
    String name =
        flow != null ? flow : RecordingMetadata.read(source.resolve(RecordingFiles.META)).flow();
    return flows
        .get(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "flow '"
                        + name
                        + "' is not in "
                        + flowsDir
                        + " (has "
                        + flows.all().keySet()
                        + ")"));
  }

  private String indexUrl() {
    return indexUrl != null ? indexUrl : "jdbc:sqlite:" + recordingsRoot.resolve("calls.db");
  }

  private CallConfig config() {
    return CallConfig.of(
        new SessionConfig(
            model,
            instructions,
            null,
            AudioFormat.PCM16_24K,
            AudioFormat.PCM16_24K,
            TurnDetection.ServerVad.defaults(),
            null,
            "gpt-4o-transcribe",
            null,
            null));
  }

  private String apiKey() throws IOException {
    if (apiKeyFile != null) {
      return Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
    }
    String env = System.getenv("OPENAI_API_KEY");
    if (env == null || env.isBlank()) {
      throw new IllegalArgumentException("no API key: set OPENAI_API_KEY or pass --api-key-file");
    }
    return env;
  }

  static Path resolve(FileSystemStore store, JdbcCallIndex index, String target)
      throws IOException {
    Path dir = Path.of(target);
    if (Files.isRegularFile(dir.resolve(RecordingFiles.META))) {
      return dir;
    }
    var row = index.get(target);
    if (row.isPresent()) {
      return store.resolve(row.get().path());
    }
    Path found = store.find(target);
    if (found == null) {
      throw new IllegalArgumentException(
          "no recording '" + target + "' in the index or under " + store.root());
    }
    return found;
  }

  private List<Path> select(FileSystemStore store, JdbcCallIndex index) {
    Instant from = Since.parse(since, Instant.now());
    CallQuery q =
        new CallQuery(from, null, null, flow, null, null, null, null, null, null, null, limit);
    return index.search(q).stream()
        .filter(c -> c.replayOf() == null)
        .map(IndexedCall::path)
        .map(store::resolve)
        .toList()
        .reversed();
  }

  static void progress(PrintWriter err, int done, int total, String what) {
    int width = 30;
    int filled = total == 0 ? width : done * width / total;
    err.printf(
        Locale.ROOT,
        "\r[%s%s] %d/%d %s",
        "#".repeat(filled),
        "-".repeat(width - filled),
        done,
        total,
        what);
    err.flush();
  }

  static String summary(List<ReplayReport> reports) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-40s %6s %8s %10s %10s %9s %12s %12s%n",
            "call",
            "turns",
            "changed",
            "lat then",
            "lat now",
            "barge-ins",
            "cost then",
            "cost now"));
    for (ReplayReport r : reports) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-40s %6d %8d %10s %10s %9s %12s %12s%n",
              r.callId(),
              r.turns().size(),
              r.changedTurns(),
              avg(r, true),
              avg(r, false),
              r.then().bargeIns() + "/" + r.now().bargeIns(),
              r.then().costUsd(),
              r.now().costUsd()));
    }
    return sb.toString();
  }

  private static String avg(ReplayReport r, boolean then) {
    var ms =
        r.turns().stream()
            .map(t -> then ? t.latencyThenMs() : t.latencyNowMs())
            .filter(v -> v != null)
            .mapToLong(Long::longValue)
            .average();
    return ms.isPresent() ? Math.round(ms.getAsDouble()) + " ms" : "–";
  }
}
