package io.shoal.examples.bench;

import io.shoal.examples.bench.TimedRunner.Failed;
import io.shoal.examples.bench.TimedRunner.Ok;
import io.shoal.examples.bench.TimedRunner.Outcome;
import io.shoal.examples.bench.TimedRunner.TimedOut;
import io.shoal.examples.demo.TextTable;
import io.shoal.tpch.TpchQueries;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The TPC-H federation benchmark proper, given a federated and a single-DuckDB runner: a warm-up
 * phase, then every query on both sides in {@link #ROUNDS} rounds (per query and side the median
 * of at least {@code runs} runs and of enough runs to fill {@code minMeasured}, each round's runs
 * after one unmeasured run, with the CPU the measured runs used), then the warm latency of a tiny
 * query, then Q5's planning time. Prints the figures next to the project's targets.
 */
final class TpchBenchmark {

  /** Ratio (federated / single DuckDB) targets per query. */
  static final Map<Integer, Double> QUERY_TARGETS = Map.of(1, 1.3, 6, 1.3);

  static final double TOTAL_TARGET = 2.0;
  static final double COUNT_P50_TARGET_MS = 10.0;
  static final String COUNT_SQL = "SELECT COUNT(*) FROM orders";
  /**
   * Federated COUNT(*) runs that open the warm-up phase. A site's Flight path takes about 2000
   * calls to settle (a single site's COUNT(*) p50: 4 ms after 200 calls, 2 ms after 2000): 1000
   * queries are 3000 site calls.
   */
  static final int COUNT_WARMUPS = 1000;
  static final int COUNT_RUNS = 50;
  /** Passes over every query on both sides before any is measured. */
  static final int WARMUP_PASSES = 2;
  /** Each query's measured runs on each side add up to at least this. */
  static final int MIN_MEASURED_MS = 1000;
  /** Rounds over all queries that the measured runs are spread over. */
  static final int ROUNDS = 5;
  static final int PLAN_QUERY = 5;
  static final int PLAN_RUNS = 5;

  static final List<String> HEADER =
      List.of("query", "federated ms", "single ms", "ratio", "CPU fed ms", "CPU single ms", "CPU ratio", "bytes moved", "target");

  /** One query's figures. */
  record Row(int query, Outcome federated, Outcome single, OptionalLong bytes) {}

  private final TimedRunner federated;
  private final TimedRunner single;
  private final int runs;
  private final Duration timeout;
  private final PrintStream out;
  private int countRuns = COUNT_RUNS;
  private int countWarmups = COUNT_WARMUPS;
  private int planRuns = PLAN_RUNS;
  private int warmupPasses = WARMUP_PASSES;
  private Duration minMeasured = Duration.ofMillis(MIN_MEASURED_MS);
  private final BytesMoved bytesMoved = new BytesMoved();

  TpchBenchmark(TimedRunner federated, TimedRunner single, int runs, Duration timeout, PrintStream out) {
    this.federated = federated;
    this.single = single;
    this.runs = runs;
    this.timeout = timeout;
    this.out = out;
  }

  /** Fewer latency runs than the default 50, for quick checks. */
  TpchBenchmark countRuns(int n, int warmups) {
    this.countRuns = n;
    this.countWarmups = warmups;
    return this;
  }

  /** Fewer planning runs than the default 5, for quick checks. */
  TpchBenchmark planRuns(int n) {
    this.planRuns = n;
    return this;
  }

  /** Fewer warm-up passes and a shorter minimum measured time, for quick checks. */
  TpchBenchmark warmup(int passes, Duration minMeasured) {
    this.warmupPasses = passes;
    this.minMeasured = minMeasured;
    return this;
  }

  /** Runs everything and prints the report. */
  void run(List<Integer> queries) {
    warmUp(queries);
    long m0 = System.nanoTime();
    Map<Integer, Samples> fed = new LinkedHashMap<>();
    Map<Integer, Samples> one = new LinkedHashMap<>();
    for (int q : queries) {
      String sql = TpchQueries.get(q);
      fed.put(q, Samples.start(federated, sql, runs, minMeasured, timeout));
      one.put(q, Samples.start(single, sql, runs, minMeasured, timeout));
    }
    // Round-robin: every query's runs are spread over the whole measuring time, federated and single
    // side by side, so drift (the JIT finishing what the warm-up queued, the machine's other load)
    // weighs on every query and both sides alike instead of on whichever is measured first.
    for (int round = 0; round < ROUNDS; round++) {
      for (int q : queries) {
        String sql = TpchQueries.get(q);
        fed.get(q).runRound(federated, sql, timeout);
        one.get(q).runRound(single, sql, timeout);
      }
    }
    out.printf(Locale.ROOT, "  measured in %d rounds over the queries: %.1f s%n", ROUNDS, (System.nanoTime() - m0) / 1e9);
    List<Row> rows = new ArrayList<>();
    for (int q : queries) {
      String sql = TpchQueries.get(q);
      Outcome f = fed.get(q).outcome();
      Outcome s1 = one.get(q).outcome();
      OptionalLong bytes = f instanceof Ok ? bytesMoved.of(federated.connection(), sql) : OptionalLong.empty();
      rows.add(new Row(q, f, s1, bytes));
      out.printf(Locale.ROOT, "  Q%d: federated %s, single %s%n", q, withUnit(f), withUnit(s1));
    }
    out.println();
    out.print(table(rows));
    for (Row r : rows) {
      if (r.federated instanceof Failed f) out.println("  Q" + r.query + " federated failed: " + f.message());
      if (r.single instanceof Failed f) out.println("  Q" + r.query + " single DuckDB failed: " + f.message());
      // A fast wrong answer is no result: the row counts at least must agree (the TCK checks values).
      if (r.federated instanceof Ok f && r.single instanceof Ok s && f.rows() != s.rows()) {
        out.println("  Q" + r.query + ": federated returned " + f.rows() + " rows, single DuckDB " + s.rows());
      }
    }
    out.println();
    countLatency();
    out.println();
    planningTime();
  }

  /**
   * "Warm" means a coordinator and sites that have served a while, as long-running servers have:
   * their JITs have compiled the paths every query takes (a site's per-fragment CPU falls from 4.4
   * ms after 1000 federated COUNT(*) to 2.0 ms after 7000 here) and the paths of these queries.
   * So: the COUNT(*) probe's warm-up runs first, then passes over every query on both sides.
   * Failures show in the measured runs.
   */
  private void warmUp(List<Integer> queries) {
    long w0 = System.nanoTime();
    federated.measure(COUNT_SQL, countWarmups, 0, timeout);
    for (int pass = 0; pass < warmupPasses; pass++) {
      for (int q : queries) {
        String sql = TpchQueries.get(q);
        federated.measure(sql, 1, 0, timeout);
        single.measure(sql, 1, 0, timeout);
      }
    }
    out.printf(
        Locale.ROOT, "  warm-up: %d federated COUNT(*), then %d pass%s over the %d queries on both sides: %.1f s%n",
        countWarmups, warmupPasses, warmupPasses == 1 ? "" : "es", queries.size(), (System.nanoTime() - w0) / 1e9);
  }

  /**
   * One query's measured runs on one side, gathered over the rounds. A first run estimates the
   * query's time, which sets the runs per round: together at least {@code runs} and at least
   * {@code minMeasured}. A timeout or failure ends the side's runs and is its outcome.
   */
  static final class Samples {
    private final List<Long> nanos = new ArrayList<>();
    private long rows;
    private long cpuNanos;
    private Outcome stopped;
    private int perRound;

    static Samples start(TimedRunner runner, String sql, int runs, Duration minMeasured, Duration timeout) {
      Samples s = new Samples();
      Outcome first = runner.measure(sql, 0, 1, timeout);
      if (first instanceof Ok ok) {
        s.perRound = perRound(Stats.median(ok.nanos()), runs, minMeasured);
      } else {
        s.stopped = first;
      }
      return s;
    }

    /** Runs per round for a query of about {@code estimateNanos}. */
    static int perRound(double estimateNanos, int runs, Duration minMeasured) {
      int forRuns = (runs + ROUNDS - 1) / ROUNDS;
      double forTime = Math.ceil(minMeasured.toNanos() / (double) ROUNDS / Math.max(1, estimateNanos));
      return (int) Math.min(TimedRunner.MAX_RUNS / ROUNDS, Math.max(forRuns, forTime));
    }

    /**
     * One unmeasured run, then this round's measured ones: each side is measured right after
     * itself, as an engine serving the same query again would be (DuckDB frees a big query's
     * memory between queries: Q18's second run in a row is about 1.6x faster than the first after
     * other queries), while the rounds still spread the runs over the whole measuring time.
     */
    void runRound(TimedRunner runner, String sql, Duration timeout) {
      if (stopped != null) return;
      Outcome o = runner.measure(sql, 1, perRound, timeout);
      if (o instanceof Ok ok) {
        nanos.addAll(ok.nanos());
        rows = ok.rows();
        cpuNanos += ok.cpuNanos();
      } else {
        stopped = o;
      }
    }

    Outcome outcome() {
      return stopped != null ? stopped : new Ok(List.copyOf(nanos), rows, cpuNanos);
    }
  }

  /** The query table with a totals row. */
  static String table(List<Row> rows) {
    TextTable t = new TextTable(HEADER, List.of(false, true, true, true, true, true, true, true, false));
    double fedSum = 0;
    double singleSum = 0;
    double fedCpuSum = 0;
    double singleCpuSum = 0;
    int leftOut = 0;
    for (Row r : rows) {
      String ratio = "-";
      String cpuRatio = "-";
      String target = "";
      if (r.federated instanceof Ok f && r.single instanceof Ok s) {
        double x = f.medianMs() / s.medianMs();
        ratio = fmtRatio(x);
        cpuRatio = s.cpuNanos() > 0 ? fmtRatio(f.cpuMsPerRun() / s.cpuMsPerRun()) : "-";
        fedSum += f.medianMs();
        singleSum += s.medianMs();
        fedCpuSum += f.cpuMsPerRun();
        singleCpuSum += s.cpuMsPerRun();
        Double goal = QUERY_TARGETS.get(r.query);
        if (goal != null) target = verdict(x <= goal, "<= " + goal);
      } else {
        leftOut++;
        Double goal = QUERY_TARGETS.get(r.query);
        if (goal != null) target = verdict(false, "<= " + goal);
      }
      String bytes = r.bytes.isPresent() ? BytesMoved.human(r.bytes.getAsLong()) : "n/a";
      t.addRow(List.of(
          "Q" + r.query, cell(r.federated), cell(r.single), ratio, cpuCell(r.federated), cpuCell(r.single), cpuRatio,
          bytes, target));
    }
    boolean anyTotal = singleSum > 0;
    double total = anyTotal ? fedSum / singleSum : Double.NaN;
    String label = leftOut == 0 ? "total" : "total*";
    t.addRow(
        List.of(
            label,
            fmtMs(fedSum),
            fmtMs(singleSum),
            anyTotal ? fmtRatio(total) : "-",
            anyTotal ? fmtMs(fedCpuSum) : "",
            anyTotal ? fmtMs(singleCpuSum) : "",
            anyTotal && singleCpuSum > 0 ? fmtRatio(fedCpuSum / singleCpuSum) : "-",
            "",
            verdict(anyTotal && leftOut == 0 && total <= TOTAL_TARGET, "<= " + TOTAL_TARGET)));
    // TextTable ends with a "(n rows)" line, which says nothing here.
    String rendered = t.render().replaceFirst("\\(\\d+ rows?\\)\n$", "");
    StringBuilder s = new StringBuilder(rendered);
    if (leftOut > 0) {
      s.append(String.format(
          Locale.ROOT,
          "* totals over the %d queries that finished on both; %d left out (timeout or error)%n",
          rows.size() - leftOut, leftOut));
    }
    return s.toString();
  }

  /**
   * Warm latency of a tiny federated query: p50 and p90 over {@link #COUNT_RUNS} runs, after the
   * warm-up phase and a few more runs of its own (the query runs before it used other paths).
   */
  private void countLatency() {
    int more = Math.min(countWarmups, COUNT_RUNS);
    Outcome o = federated.measure(COUNT_SQL, more, countRuns, timeout);
    if (o instanceof Ok ok) {
      double p50 = Stats.percentile(ok.nanos(), 50) / 1e6;
      double p90 = Stats.percentile(ok.nanos(), 90) / 1e6;
      out.printf(
          Locale.ROOT,
          "%s, warm (after %d runs), %d runs: p50 %.2f ms, p90 %.2f ms, CPU %.1f ms per query   target p50 < %.0f ms: %s%n",
          COUNT_SQL, countWarmups + more, countRuns, p50, p90, ok.cpuMsPerRun(), COUNT_P50_TARGET_MS,
          p50 < COUNT_P50_TARGET_MS ? "met" : "MISSED");
    } else {
      out.printf(Locale.ROOT, "%s: %s   target p50 < %.0f ms: MISSED%n", COUNT_SQL, cell(o), COUNT_P50_TARGET_MS);
    }
  }

  /**
   * Planning time of Q5: EXPLAIN PLAN FOR, which plans but runs nothing at the sites. Each run gets
   * a different comment, so that the coordinator's plan cache (keyed by the SQL text) cannot answer
   * it: this is the time to plan Q5 afresh in a warm JVM.
   */
  private void planningTime() {
    List<Long> nanos = new java.util.ArrayList<>();
    for (int i = 0; i < planRuns; i++) {
      String explain = "EXPLAIN PLAN FOR /* planning run " + i + " " + System.nanoTime() + " */ "
          + TpchQueries.get(PLAN_QUERY);
      Outcome o = federated.measure(explain, 0, 1, timeout);
      if (!(o instanceof Ok ok)) {
        out.printf(Locale.ROOT, "Q%d planning time (EXPLAIN PLAN FOR): %s%n", PLAN_QUERY, cell(o));
        return;
      }
      nanos.addAll(ok.nanos());
    }
    Ok all = new Ok(nanos, 0);
    out.printf(
        Locale.ROOT,
        "Q%d planning time (EXPLAIN PLAN FOR, uncached), median of %d: %.1f ms (min %.1f, max %.1f)%n",
        PLAN_QUERY,
        planRuns,
        all.medianMs(),
        nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6,
        nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6);
  }

  static String cell(Outcome o) {
    if (o instanceof Ok ok) return fmtMs(ok.medianMs());
    if (o instanceof TimedOut) return "timeout";
    return "error";
  }

  static String cpuCell(Outcome o) {
    return o instanceof Ok ok ? fmtMs(ok.cpuMsPerRun()) : "-";
  }

  private static String withUnit(Outcome o) {
    return o instanceof Ok ? cell(o) + " ms" : cell(o);
  }

  static String fmtMs(double ms) {
    return String.format(Locale.ROOT, "%.1f", ms);
  }

  static String fmtRatio(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  private static String verdict(boolean met, String target) {
    return target + (met ? " met" : " MISSED");
  }
}
