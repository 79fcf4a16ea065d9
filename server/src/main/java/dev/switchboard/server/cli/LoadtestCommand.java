package dev.switchboard.server.cli;

import dev.switchboard.testkit.twilio.TwilioLoadGenerator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard loadtest}: load generators against a running node. Only {@code twilio} for
 * now: simulated Twilio callers plus a fake OpenAI Realtime server, both from the testkit.
 */
@Command(
    name = "loadtest",
    mixinStandardHelpOptions = true,
    description = "Load-test a running Switchboard node.",
    subcommands = {LoadtestCommand.Twilio.class})
public final class LoadtestCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code switchboard loadtest twilio}: N simulated Twilio callers against the node at {@code
   * --url}, whose OpenAI backend must point at {@code ws://127.0.0.1:FAKE_PORT/v1/realtime} with
   * key {@code --fake-key}; prints transit both ways, egress lateness, underruns, barge-in latency
   * and, given {@code --server-pid}, the node's CPU seconds per call-minute and heap per call.
   */
  @Command(
      name = "twilio",
      mixinStandardHelpOptions = true,
      description = {
        "Simulated Twilio callers (5 s cycle: speech, silence, barge-in over the answer) and a"
            + " fake OpenAI Realtime server, against a running node.",
        "The node's OpenAI URL must be ws://127.0.0.1:<fake-port>/v1/realtime with key"
            + " <fake-key>."
      })
  public static final class Twilio implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--calls", required = true, description = "Concurrent calls.")
    int calls;

    @Option(
        names = "--duration",
        required = true,
        paramLabel = "SECONDS",
        description = "Measured seconds after the warm-up.")
    int durationSeconds;

    @Option(
        names = "--url",
        required = true,
        description = "The node's public base URL, e.g. http://127.0.0.1:18080.")
    String url;

    @Option(
        names = "--to",
        defaultValue = "+15550000001",
        description =
            "Number dialled: +15550000001 transcodes to 24 kHz, +15550000002 passes u-law"
                + " through (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(
        names = "--token",
        defaultValue = "load-test-token",
        description = "Twilio auth token the node validates signatures with.")
    String token;

    @Option(
        names = "--fake-port",
        defaultValue = "18790",
        description = "Port of the fake OpenAI Realtime server (default: ${DEFAULT-VALUE}).")
    int fakePort;

    @Option(
        names = "--fake-key",
        defaultValue = "sk-load",
        description = "API key the fake accepts.")
    String fakeKey;

    @Option(
        names = "--warm-up",
        defaultValue = "10",
        paramLabel = "SECONDS",
        description = "Seconds run before measuring (default: ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(
        names = "--server-pid",
        defaultValue = "-1",
        description = "The node's pid (same host) for CPU and live heap per call.")
    long serverPid;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      TwilioLoadGenerator.Options options;
      try {
        options =
            new TwilioLoadGenerator.Options(
                url,
                token,
                to,
                calls,
                durationSeconds,
                warmUpSeconds,
                fakePort,
                fakeKey,
                serverPid);
      } catch (IllegalArgumentException e) {
        err.println("switchboard loadtest twilio: " + e.getMessage());
        return 2;
      }
      TwilioLoadGenerator.Report report = TwilioLoadGenerator.run(options);
      out.print(report.text());
      out.flush();
      return report.closedEarly() == 0 ? 0 : 1;
    }
  }
}
