package dev.switchboard.server;

import dev.switchboard.server.cli.ConfigCommand;
import dev.switchboard.server.cli.FlowsCommand;
import dev.switchboard.server.cli.LoadtestCommand;
import dev.switchboard.server.cli.RecordingsCommand;
import dev.switchboard.server.cli.ReplayCommand;
import dev.switchboard.server.cli.ServeCommand;
import dev.switchboard.server.cli.TranscodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code switchboard.jar}: the {@code switchboard} command and its subcommands. */
@Command(
    name = "switchboard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Telephony voice-agent bridge: SIP and Twilio calls to realtime speech models.",
    subcommands = {
      ServeCommand.class,
      ConfigCommand.class,
      FlowsCommand.class,
      TranscodeCommand.class,
      ReplayCommand.class,
      RecordingsCommand.class,
      LoadtestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
