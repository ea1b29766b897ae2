package io.shoal.flight;

import io.shoal.site.SiteException;
import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal site --config site.yaml}: serves one site until stopped (SIGTERM or Ctrl-C). */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description = "Serve one site's data over Arrow Flight SQL.")
public final class SiteCommand implements Callable<Integer> {
  /** Exit code for a configuration the site cannot start with (as picocli's usage errors). */
  static final int BAD_CONFIG = 2;
  /** Exit code for a site that cannot open its data. */
  static final int CANNOT_OPEN = 1;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "the site's YAML file")
  Path config;

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "overrides 'listen' in the file")
  String listen;

  /** Standalone entry point; {@code shoal site} reaches {@link #call()} through the command tree. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new SiteCommand()).execute(args));
  }

  @Override
  public Integer call() {
    SiteServer server;
    try {
      server = SiteServer.start(SiteConfig.load(config), listen);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return BAD_CONFIG;
    } catch (SiteException e) {
      System.err.println(config + ": " + e.getMessage());
      return CANNOT_OPEN;
    }
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
    return 0;
  }
}
