package dev.switchboard.server.cli;

import dev.switchboard.server.config.ConfigException;
import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ConfigReference;
import dev.switchboard.server.config.ConfigValues;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard config show|validate|reference}. Secrets are always printed as {@code ****}.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show or check the effective configuration (file + environment).",
    subcommands = {ConfigCommand.Show.class, ConfigCommand.Reference.class})
public final class ConfigCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints each key's effective value and its source; exit 2 with every problem when invalid. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the effective configuration (secrets redacted).")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"-c", "--config"},
        paramLabel = "FILE",
        description = "YAML configuration file.")
    Path config;

    @Override
    public Integer call() {
      try {
        ConfigValues v = ConfigLoader.resolve(config, System.getenv());
        dev.switchboard.server.config.ServerConfig.from(v);
        v.describe().forEach(spec.commandLine().getOut()::println);
        return 0;
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("switchboard: " + e.getMessage());
        return 2;
      }
    }
  }

  /** The README's configuration table, generated from the key list. */
  @Command(
      name = "reference",
      mixinStandardHelpOptions = true,
      description = "Print the configuration reference table (Markdown).")
  static final class Reference implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().print(ConfigReference.markdownTable());
    }
  }
}
