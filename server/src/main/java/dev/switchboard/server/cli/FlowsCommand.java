package dev.switchboard.server.cli;

import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowParser;
import dev.switchboard.server.flow.InvalidFlowException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard flows validate DIR}: checks every flow file, printing precise problems. */
@Command(
    name = "flows",
    mixinStandardHelpOptions = true,
    description = "Work with flow files.",
    subcommands = {FlowsCommand.Validate.class})
public final class FlowsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Validates a directory (or single files). Exit 0 all valid, 1 any invalid, 2 bad arguments. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description =
          "Check every *.yaml flow in DIR (or the given files); exit 1 if any is invalid.")
  static final class Validate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE")
    List<Path> paths;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int bad = 0;
      int good = 0;
      for (Path p : paths) {
        List<Path> files;
        try {
          files = files(p);
        } catch (IOException e) {
          err.println("switchboard: cannot read " + p + ": " + e.getMessage());
          return 2;
        }
        for (Path f : files) {
          try {
            Flow flow = FlowParser.parse(f.getFileName().toString(), Files.readString(f));
            out.println(
                "ok       " + f + "  (flow " + flow.name() + ", version " + flow.version() + ")");
            good++;
          } catch (InvalidFlowException e) {
            bad++;
            err.println("INVALID  " + f);
            e.problems().forEach(m -> err.println("  - " + m));
          } catch (IOException e) {
            bad++;
            err.println("INVALID  " + f + ": cannot read: " + e.getMessage());
          }
        }
      }
      out.println(good + " valid, " + bad + " invalid");
      return bad == 0 ? 0 : 1;
    }

    private static List<Path> files(Path p) throws IOException {
      if (!Files.isDirectory(p)) {
        if (!Files.exists(p)) {
          throw new IOException("no such file or directory");
        }
        return List.of(p);
      }
      try (Stream<Path> s = Files.list(p)) {
        return s.filter(f -> f.getFileName().toString().matches("[^.].*\\.ya?ml"))
            .sorted()
            .toList();
      }
    }
  }
}
