package io.shoal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shoal} launcher: one entry point whose subcommands live in the modules that own them. */
@Command(
    name = "shoal",
    mixinStandardHelpOptions = true,
    version = "shoal 0.1.0-SNAPSHOT",
    description = "Query data where it lives: federated SQL over regional sites.",
    subcommands = {
      CommandLine.HelpCommand.class,
      io.shoal.examples.demo.DemoCommand.class,
      io.shoal.examples.bench.BenchCommand.class,
      io.shoal.flight.SiteCommand.class,
      io.shoal.driver.cli.CoordinatorCommand.class,
      io.shoal.driver.cli.SqlCommand.class,
      io.shoal.site.cli.ImportCommand.class
    })
public final class ShoalMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree. picocli's default exit code for usage errors is 2, which every subcommand keeps. */
  static CommandLine commandLine() {
    return new CommandLine(new ShoalMain());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
