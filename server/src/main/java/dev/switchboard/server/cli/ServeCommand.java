package dev.switchboard.server.cli;

import dev.switchboard.server.config.ConfigException;
import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.wiring.Application;
import dev.switchboard.server.wiring.LogSetup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard serve}: runs the server until SIGTERM/SIGINT. The first signal drains (new
 * calls refused, {@code /readyz} fails, calls finish until {@code drain.deadline}); a second signal
 * exits at once.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run Switchboard: HTTP (Twilio, admin API, /metrics, /healthz, /readyz) and SIP.",
      "With no configuration it answers on the bundled example flow."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML configuration file (environment variables override it).")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig cfg;
    try {
      cfg = ConfigLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("switchboard: " + e.getMessage());
      return 2;
    }
    LogSetup.configure(cfg.logFormat());
    Application app;
    try {
      app = Application.start(cfg, System.getenv(), null);
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("switchboard: cannot start: " + e.getMessage());
      return 1;
    }
    System.out.println(app.summary());
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicInteger signals = new AtomicInteger();
    Runnable onSignal =
        () -> {
          if (signals.incrementAndGet() > 1) {
            System.err.println("switchboard: second signal, exiting now");
            Runtime.getRuntime().halt(130);
          }
          Thread.ofPlatform()
              .name("switchboard-drain")
              .start(
                  () -> {
                    System.err.println("switchboard: draining (signal again to exit now)");
                    app.drainAndClose();
                    stopped.countDown();
                  });
        };
    Signals.onTermination(onSignal);
    stopped.await();
    return 0;
  }
}
