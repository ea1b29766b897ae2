package io.shoal.examples.demo;

import io.shoal.tpch.TpchSplit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code shoal demo}: TPC-H split over three regional sites on loopback, served by three real site
 * processes, then a tour of federated queries through the JDBC driver. With {@code --serve} the
 * sites stay up for other clients (SQL shell, DBeaver) until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the three-region demo: generates TPC-H, splits it over sites eu, us and apac,",
      "starts one site process per region on 127.0.0.1 and tours federated queries."
    })
public final class DemoCommand implements Callable<Integer> {

  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @Option(names = "--sf", defaultValue = "0.01", description = "TPC-H scale factor (default: ${DEFAULT-VALUE})")
  double sf;

  @Option(names = "--dir", defaultValue = "shoal-demo", description = "working folder (default: ./${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--serve", description = "keep the sites running after the tour until Ctrl-C")
  boolean serve;

  @Option(
      names = "--base-port",
      defaultValue = "47471",
      description = "port of the first site; the others use the next ones (default: ${DEFAULT-VALUE})")
  int basePort;

  @Option(names = "--keep", description = "reuse the data in --dir if an earlier run imported the same --sf")
  boolean keep;

  @Option(
      names = "--lake",
      description = {
        "put the sites' tables in a local S3-compatible store (S3Proxy) under an Iceberg REST catalog,",
        "both started by the demo on 127.0.0.1; the sites read them through their file caches"
      })
  boolean lake;

  private final PrintStream out;
  private final PrintStream err;

  public DemoCommand() {
    this(System.out, System.err);
  }

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the demo without the launcher (the {@code shoal demo} subcommand is the usual way). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() {
    if (!(sf > 0)) {
      err.println("shoal demo: --sf must be positive, got " + sf);
      return 2;
    }
    if (basePort < 1 || basePort + TpchSplit.SITES.size() - 1 > 65535) {
      err.println("shoal demo: --base-port must leave room for " + TpchSplit.SITES.size() + " ports below 65536");
      return 2;
    }
    DemoSetup setup = new DemoSetup(dir, sf, basePort);
    SiteProcesses sites =
        new SiteProcesses(setup.logsDir(), line -> err.println("shoal demo: warning: " + line));
    io.shoal.examples.lake.LakeServers[] lakeServers = new io.shoal.examples.lake.LakeServers[1];
    // Ctrl-C at any point (also during --serve) must not leave site processes behind.
    Thread hook = new Thread(() -> {
      sites.stopAll();
      if (lakeServers[0] != null) lakeServers[0].close();
    }, "shoal-demo-stop-sites");
    Runtime.getRuntime().addShutdownHook(hook);
    String step = "generate";
    try {
      int total = 5;
      List<String> names = TpchSplit.SITES.stream().map(TpchSplit.Site::name).toList();
      // Data imported into the lake is reused only by another --lake run, and the other way round.
      boolean reuse = keep && setup.hasCompleteData() && lake == java.nio.file.Files.isDirectory(setup.lakeDir());
      if (lake) {
        step = "start the lake";
        lakeServers[0] = startLake(setup, reuse);
        try {
          setup.withLake(lakeServers[0].siteCatalog());
        } catch (java.io.IOException e) {
          throw new DemoException("start the lake", "cannot write the lake's secret file: " + e.getMessage(), e);
        }
      }
      if (reuse) {
        heading(1, total, "TPC-H sf=" + fmtSf() + ": reusing the data in " + setup.dir() + " (--keep)");
        step = "configure";
        setup.writeSiteConfigs();
      } else {
        long t = heading(1, total, "Generating TPC-H sf=" + fmtSf() + " into " + setup.tpchDir());
        setup.generate(line -> out.println("  " + line));
        done(t);
        step = "import";
        t = heading(2, total, "Writing site configs and importing each region's tables into its Iceberg catalog");
        for (Path yaml : setup.writeSiteConfigs()) out.println("  wrote " + yaml);
        setup.importAll(line -> out.println("  " + line));
        setup.markComplete();
        done(t);
      }

      step = "configure";
      long t = heading(3, total, "Writing the coordinator config");
      out.println("  wrote " + setup.writeCoordinator());
      done(t);

      step = "start sites";
      t = heading(4, total, "Starting " + names.size() + " site processes (logs in " + setup.logsDir() + ")");
      List<Path> yamls = names.stream().map(setup::siteYaml).toList();
      for (SiteProcesses.Running r : sites.startAll(names, yamls, START_TIMEOUT)) {
        out.println("  site " + r.site() + " (pid " + r.pid() + ") listening on " + r.address());
      }
      done(t);

      step = "tour";
      t = heading(5, total, "A tour of federated queries over " + setup.jdbcUrl());
      int ok;
      try (Connection conn = DriverManager.getConnection(setup.jdbcUrl())) {
        ok = new Tour(out).run(conn);
      } catch (SQLException e) {
        throw new DemoException(
            "tour", "cannot connect to " + setup.jdbcUrl() + ": " + Tour.firstLine(e.getMessage()), e);
      }
      out.println();
      done(t);

      if (serve) {
        out.println("tour finished: " + ok + " queries OK");
        serve(setup);
        return 0; // not reached: the JVM exits on Ctrl-C through the shutdown hook
      }
      step = "stop sites";
      sites.stopAll();
      stopLake(lakeServers[0]);
      out.println("demo finished: " + ok + " queries OK");
      return 0;
    } catch (DemoException e) {
      err.println("shoal demo: " + e.step() + ": " + e.getMessage());
      sites.stopAll();
      stopLake(lakeServers[0]);
      return 1;
    } catch (RuntimeException | Error e) {
      // A bug or a missing class (e.g. no driver jar): still one line, and no site left running.
      err.println("shoal demo: " + step + ": " + Tour.firstLine(String.valueOf(e.getMessage()))
          + " (" + e.getClass().getSimpleName() + ")");
      sites.stopAll();
      stopLake(lakeServers[0]);
      return 1;
    } finally {
      if (!serve) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
          // already shutting down: the hook runs anyway
        }
      }
    }
  }

  /**
   * Starts S3Proxy and the REST catalog on loopback, with their data in {@code <dir>/lake} (emptied
   * unless the data is reused). Their jars come from {@code examples/lake-servers/target}, found
   * through {@code -Dshoal.home} (set by bin/shoal) or {@code -Dshoal.lake.servers.dir}.
   */
  private io.shoal.examples.lake.LakeServers startLake(DemoSetup setup, boolean reuse) throws DemoException {
    long t = heading(0, 5, "Starting the lake: S3Proxy and an Iceberg REST catalog on 127.0.0.1");
    String home = System.getProperty("shoal.home", ".");
    Path servers = Path.of(System.getProperty("shoal.lake.servers.dir", home + "/examples/lake-servers/target"));
    try {
      if (!reuse) deleteTree(setup.lakeDir());
      io.shoal.examples.lake.LakeServers l = io.shoal.examples.lake.LakeServers.start(servers, setup.lakeDir());
      out.println("  object store " + l.storeEndpoint() + " (bucket " + io.shoal.examples.lake.LakeServers.BUCKET
          + "), REST catalog " + l.catalogUri() + " (logs in " + setup.lakeDir() + ")");
      done(t);
      return l;
    } catch (java.io.IOException e) {
      throw new DemoException("start the lake", e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("start the lake", "interrupted", e);
    }
  }

  private static void stopLake(io.shoal.examples.lake.LakeServers l) {
    if (l != null) l.close();
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!java.nio.file.Files.exists(root)) return;
    try (var walk = java.nio.file.Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
    }
  }

  private void serve(DemoSetup setup) throws DemoException {
    out.println("The sites keep running. Connect with:");
    out.println("  JDBC URL:  " + setup.jdbcUrl());
    out.println("  SQL shell: " + sqlShellCommand(setup));
    out.println("  (the JVM needs --add-opens=java.base/java.nio=ALL-UNNAMED; see examples/docs/dbeaver.md)");
    out.println("Press Ctrl-C to stop the sites.");
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("serve", "interrupted");
    }
  }

  /** The launcher command that opens a SQL shell on the demo. */
  static String sqlShellCommand(DemoSetup setup) {
    return "bin/shoal sql '" + setup.jdbcUrl() + "'";
  }

  private String fmtSf() {
    return sf == Math.rint(sf) ? Long.toString((long) sf) : Double.toString(sf);
  }

  private long heading(int n, int total, String what) {
    out.println();
    out.printf(Locale.ROOT, "== [%d/%d] %s%n", n, total, what);
    return System.nanoTime();
  }

  private void done(long t0) {
    out.printf(Locale.ROOT, "   done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
