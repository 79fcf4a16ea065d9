package dev.switchboard.server.cli;

/**
 * SIGTERM and SIGINT handling. Uses {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * exported for exactly this) because a JVM shutdown hook cannot see a second signal: it runs once,
 * and the drain must be interruptible by a second Ctrl-C or {@code docker stop} escalation.
 */
final class Signals {

  private Signals() {}

  @SuppressWarnings("sunapi")
  static void onTermination(Runnable handler) {
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.run());
    }
  }
}
