package io.shoal.examples.bench;

import io.shoal.examples.demo.DemoException;
import io.shoal.tpch.TpchQueries;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code shoal bench}: TPC-H over three site processes on loopback vs the same queries on one DuckDB
 * holding all rows (the split's oracle), in the same run, on the same machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks federated TPC-H: three regional sites on 127.0.0.1 vs one DuckDB with every row.",
      "Prints per-query medians, CPU and ratios, COUNT(*) latency and Q5 planning time, with the targets."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--sf", defaultValue = "1", description = "TPC-H scale factor (default: ${DEFAULT-VALUE})")
  double sf;

  @Option(names = "--dir", defaultValue = "shoal-bench", description = "working folder (default: ./${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--runs", defaultValue = "3", description = "measured runs per query and side at least, after the warm-up (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--queries",
      split = ",",
      paramLabel = "N",
      description = "TPC-H queries to run, e.g. 1,6,14 (default: all 22)")
  List<Integer> queries;

  @Option(names = "--keep", description = "reuse the data in --dir if an earlier run imported the same --sf")
  boolean keep;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description = "per-run query timeout; a query that exceeds it prints 'timeout' (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  @Option(
      names = "--site-cache",
      defaultValue = "memory",
      paramLabel = "none|memory",
      description = "the sites' table cache (site YAML `cache:`; default: ${DEFAULT-VALUE})")
  String siteCache;

  @Option(
      names = "--site-threads",
      paramLabel = "N",
      description = "DuckDB threads per site (default: the cores divided among the three sites)")
  Integer siteThreads;

  @Option(
      names = "--latency-runs",
      defaultValue = "200",
      hidden = true,
      description = "runs of the COUNT(*) latency probe (default: ${DEFAULT-VALUE})")
  int latencyRuns;

  @Option(
      names = "--latency-warmups",
      defaultValue = "" + TpchBenchmark.COUNT_WARMUPS,
      hidden = true,
      description = "runs of the COUNT(*) latency probe before it measures (default: ${DEFAULT-VALUE})")
  int latencyWarmups;

  @Option(
      names = "--warmup-passes",
      defaultValue = "" + TpchBenchmark.WARMUP_PASSES,
      hidden = true,
      description = "passes over every query on both sides before measuring (default: ${DEFAULT-VALUE})")
  int warmupPasses;

  @Option(
      names = "--min-measured-ms",
      defaultValue = "" + TpchBenchmark.MIN_MEASURED_MS,
      hidden = true,
      description = "each query's measured runs add up to at least this, per side (default: ${DEFAULT-VALUE})")
  int minMeasuredMs;

  @Option(
      names = "--plan-runs",
      defaultValue = "5",
      hidden = true,
      description = "runs of the Q5 planning probe (default: ${DEFAULT-VALUE})")
  int planRuns;

  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand() {
    this(System.out, System.err);
  }

  BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the benchmark without the launcher (the {@code shoal bench} subcommand is the usual way). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() {
    String bad = validate();
    if (bad != null) {
      err.println("shoal bench: " + bad);
      return 2;
    }
    List<Integer> chosen = queries == null ? IntStream.rangeClosed(1, TpchQueries.COUNT).boxed().toList() : queries;
    BenchCluster cluster =
        new BenchCluster(
            dir, sf, siteCache, siteThreads == null ? BenchCluster.defaultSiteThreads() : siteThreads,
            line -> err.println("shoal bench: warning: " + line));
    // Ctrl-C during a long run must not leave site processes behind.
    Thread hook = new Thread(cluster::stop, "shoal-bench-stop-sites");
    Runtime.getRuntime().addShutdownHook(hook);
    String step = "prepare";
    try {
      out.printf(Locale.ROOT, "== TPC-H sf=%s in %s%n", fmtSf(), cluster.setup().dir());
      long t0 = System.nanoTime();
      boolean reused = cluster.prepare(keep, line -> out.println("  " + line));
      out.printf(
          Locale.ROOT, "   %s in %.1f s%n", reused ? "reused earlier data (--keep)" : "generated and imported",
          (System.nanoTime() - t0) / 1e9);

      step = "start sites";
      t0 = System.nanoTime();
      List<Long> sitePids = new ArrayList<>();
      for (var r : cluster.start()) {
        out.println("  site " + r.site() + " (pid " + r.pid() + ") listening on " + r.address());
        sitePids.add(r.pid());
      }
      out.printf(
          Locale.ROOT, "   started in %.1f s (site cache: %s, DuckDB threads per site: %d, cores here: %d)%n",
          (System.nanoTime() - t0) / 1e9, siteCache,
          siteThreads == null ? BenchCluster.defaultSiteThreads() : siteThreads,
          Runtime.getRuntime().availableProcessors());

      step = "benchmark";
      out.printf(
          Locale.ROOT,
          "== %d quer%s, federated (%s) vs single DuckDB (%s): warm-up, then per query and side the median of at least"
              + " %d runs and %d ms, in rounds; CPU = coordinator + sites vs the single DuckDB; timeout %d s%n",
          chosen.size(), chosen.size() == 1 ? "y" : "ies", cluster.jdbcUrl(), cluster.oracle(), runs, minMeasuredMs,
          timeoutSeconds);
      Path oracle = cluster.oracle();
      // This JVM is the coordinator during federated runs and the single DuckDB during single runs.
      CpuClock coordinatorAndSites = CpuClock.thisProcess().plus(CpuClock.processes(sitePids));
      try (TimedRunner fed = new TimedRunner(() -> DriverManager.getConnection(cluster.jdbcUrl()), coordinatorAndSites);
          TimedRunner one = new TimedRunner(() -> openOracle(oracle), CpuClock.thisProcess())) {
        new TpchBenchmark(fed, one, runs, Duration.ofSeconds(timeoutSeconds), out)
            .countRuns(latencyRuns, latencyWarmups)
            .warmup(warmupPasses, Duration.ofMillis(minMeasuredMs))
            .planRuns(planRuns)
            .run(chosen);
      } catch (SQLException e) {
        throw new DemoException("benchmark", "cannot connect: " + TimedRunner.firstLine(e), e);
      }
      step = "stop sites";
      cluster.stop();
      out.println("bench finished");
      return 0;
    } catch (DemoException e) {
      err.println("shoal bench: " + e.step() + ": " + e.getMessage());
      cluster.stop();
      return 1;
    } catch (RuntimeException | Error e) {
      // A bug or a missing class: still one line, and no site left running.
      err.println("shoal bench: " + step + ": " + TimedRunner.firstLine(e) + " (" + e.getClass().getSimpleName() + ")");
      cluster.stop();
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down: the hook runs anyway
      }
    }
  }

  /** A usage problem as one line, or null. */
  String validate() {
    if (!(sf > 0)) return "--sf must be positive, got " + sf;
    if (runs < 1) return "--runs must be at least 1, got " + runs;
    if (latencyRuns < 1) return "--latency-runs must be at least 1, got " + latencyRuns;
    if (latencyWarmups < 0) return "--latency-warmups must be at least 0, got " + latencyWarmups;
    if (planRuns < 1) return "--plan-runs must be at least 1, got " + planRuns;
    if (warmupPasses < 0) return "--warmup-passes must be at least 0, got " + warmupPasses;
    if (minMeasuredMs < 0) return "--min-measured-ms must be at least 0, got " + minMeasuredMs;
    if (timeoutSeconds < 1) return "--timeout must be at least 1 second, got " + timeoutSeconds;
    if (!siteCache.equals("none") && !siteCache.equals("memory")) {
      return "--site-cache is none or memory, not " + siteCache;
    }
    if (siteThreads != null && siteThreads < 1) return "--site-threads must be at least 1, got " + siteThreads;
    if (queries != null) {
      if (queries.isEmpty()) return "--queries needs at least one query number";
      List<Integer> seen = new ArrayList<>();
      for (int q : queries) {
        if (q < 1 || q > TpchQueries.COUNT) return "--queries: TPC-H has queries 1 to 22, not " + q;
        if (seen.contains(q)) return "--queries: query " + q + " is listed twice";
        seen.add(q);
      }
    }
    return null;
  }

  /** The oracle DuckDB, read-only: the benchmark must not change the reference data. */
  static Connection openOracle(Path oracle) throws SQLException {
    if (!Files.isRegularFile(oracle)) {
      throw new SQLException("the oracle database " + oracle + " is missing; run without --keep to regenerate it");
    }
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + oracle, p);
  }

  private String fmtSf() {
    return sf == Math.rint(sf) ? Long.toString((long) sf) : Double.toString(sf);
  }
}
