package dev.switchboard.server.cli;

import dev.switchboard.recordings.RecordingConfig;
import dev.switchboard.recordings.RecordingMetadata;
import dev.switchboard.recordings.Recordings;
import dev.switchboard.recordings.Retention;
import dev.switchboard.recordings.index.JdbcCallIndex;
import dev.switchboard.recordings.storage.FileSystemStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard recordings}: maintenance of the recordings store and call index — crash
 * recovery and retention — the same code the server runs at start-up and on its schedule.
 */
@Command(
    name = "recordings",
    mixinStandardHelpOptions = true,
    description = "Recordings maintenance: recover crashed recordings, apply retention.",
    subcommands = {RecordingsCommand.Recover.class, RecordingsCommand.RetentionRun.class})
public final class RecordingsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by the subcommands. */
  static class Where {
    @Option(
        names = "--recordings",
        defaultValue = "recordings",
        paramLabel = "DIR",
        description = "Recordings root (default ${DEFAULT-VALUE}).")
    Path root;

    @Option(
        names = "--index",
        paramLabel = "JDBC_URL",
        description = "Call index (default jdbc:sqlite:RECORDINGS/calls.db).")
    String indexUrl;

    String url() {
      return indexUrl != null ? indexUrl : "jdbc:sqlite:" + root.resolve("calls.db");
    }
  }

  @Command(
      name = "recover",
      mixinStandardHelpOptions = true,
      description = "Repair and index recordings left by a crash.")
  static final class Recover implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Where where = new Where();

    @Override
    public Integer call() throws IOException {
      try (JdbcCallIndex index = JdbcCallIndex.open(where.url(), null, null)) {
        Recordings r =
            new Recordings(new FileSystemStore(where.root), index, RecordingConfig.defaults());
        List<RecordingMetadata> done = r.recoverOnStartup();
        for (RecordingMetadata m : done) {
          spec.commandLine()
              .getOut()
              .println("recovered " + m.callId() + " (" + m.durationMs() + " ms)");
        }
        spec.commandLine().getOut().println(done.size() + " recordings recovered");
        return 0;
      }
    }
  }

  @Command(
      name = "retention",
      mixinStandardHelpOptions = true,
      description = "Delete recordings and index rows older than N days.")
  static final class RetentionRun implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--days",
        required = true,
        description = "Keep calls this many days (0 = forever) unless their flow says otherwise.")
    int days;

    @Option(
        names = "--flow-days",
        paramLabel = "FLOW=DAYS",
        description = "Per-flow retention, e.g. --flow-days billing=90.")
    Map<String, Integer> flowDays = new HashMap<>();

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (JdbcCallIndex index = JdbcCallIndex.open(where.url(), null, null)) {
        Retention.Result r =
            Retention.run(
                index,
                new FileSystemStore(where.root),
                new Retention.Policy(days, flowDays),
                Instant.now());
        out.println("deleted " + r.deletedCallIds().size() + " calls");
        r.failures().forEach(f -> spec.commandLine().getErr().println("failed: " + f));
        return r.failures().isEmpty() ? 0 : 1;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("switchboard recordings retention: " + e.getMessage());
        return 2;
      }
    }
  }
}
