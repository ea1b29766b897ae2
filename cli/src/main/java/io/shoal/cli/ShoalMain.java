package io.shoal.cli;

import io.shoal.protocol.ShoalVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shoal} launcher: one entry point whose subcommands live in the modules that own them. */
@Command(
    name = "shoal",
    mixinStandardHelpOptions = true,
    versionProvider = ShoalMain.VersionProvider.class,
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

  /** {@code shoal --version}: the version every part reports. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"shoal " + ShoalVersion.VERSION};
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree. picocli's default exit code for usage errors is 2, which every subcommand keeps. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ShoalMain());
    // Commands report the errors they expect in one line; this is the net for the ones they do not:
    // still one line, and the stack trace only when asked for (SHOAL_DEBUG=1).
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
          cmd.getErr().println("shoal " + cmd.getCommandName() + ": " + msg);
          if ("1".equals(System.getenv("SHOAL_DEBUG"))) e.printStackTrace(cmd.getErr());
          else cmd.getErr().println("(set SHOAL_DEBUG=1 to see where it failed)");
          return 1;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
