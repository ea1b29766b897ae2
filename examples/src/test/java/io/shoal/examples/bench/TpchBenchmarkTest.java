package io.shoal.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.examples.bench.TimedRunner.Failed;
import io.shoal.examples.bench.TimedRunner.Ok;
import io.shoal.examples.bench.TimedRunner.TimedOut;
import io.shoal.examples.demo.DemoException;
import io.shoal.examples.demo.DemoSetup;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The report's arithmetic and layout, the YAML rewrite, and timeouts on a real DuckDB. */
class TpchBenchmarkTest {

  @Test
  void medianAndPercentiles() {
    assertThat(Stats.median(List.of(3L, 1L, 2L))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4L, 1L, 2L, 3L))).isEqualTo(2.5);
    List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();
    assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
    assertThat(Stats.percentile(hundred, 90)).isEqualTo(90);
    assertThat(Stats.percentile(List.of(7L), 90)).isEqualTo(7);
    assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tableShowsRatiosTargetsTotalsAndLeavesOutTimeouts() {
    String t =
        TpchBenchmark.table(
            List.of(
                new TpchBenchmark.Row(1, ok(120, 90), ok(100, 180), OptionalLong.of(2_500_000)),
                new TpchBenchmark.Row(6, ok(50, 60), ok(20, 30), OptionalLong.empty()),
                new TpchBenchmark.Row(19, new TimedOut(), ok(30, 15), OptionalLong.empty()),
                new TpchBenchmark.Row(2, new Failed("boom"), ok(30, 15), OptionalLong.empty())));
    List<String> lines = t.lines().toList();
    assertThat(lines.get(0)).isEqualTo(
        "query  | federated ms | single ms | ratio | CPU fed ms | CPU single ms | CPU ratio | bytes moved | target");
    assertThat(lines).contains(
        "Q1     |        120.0 |     100.0 |  1.20 |       90.0 |         180.0 |      0.50 |      2.5 MB | <= 1.3 met",
        "Q6     |         50.0 |      20.0 |  2.50 |       60.0 |          30.0 |      2.00 |         n/a | <= 1.3 MISSED",
        "Q19    |      timeout |      30.0 |     - |          - |          15.0 |         - |         n/a |",
        "Q2     |        error |      30.0 |     - |          - |          15.0 |         - |         n/a |",
        "total* |        170.0 |     120.0 |  1.42 |      150.0 |         210.0 |      0.71 |             | <= 2.0 MISSED");
    assertThat(t).doesNotContain("rows)");
    assertThat(t).contains("* totals over the 2 queries that finished on both; 2 left out (timeout or error)");
  }

  @Test
  void runsPerRoundCoverTheRunsAskedForAndTheMinimumTime() {
    // 5 rounds: 3 runs need 1 per round; 1 s of a 10 ms query needs 20 per round.
    assertThat(TpchBenchmark.Samples.perRound(10e6, 3, Duration.ZERO)).isEqualTo(1);
    assertThat(TpchBenchmark.Samples.perRound(10e6, 3, Duration.ofSeconds(1))).isEqualTo(20);
    assertThat(TpchBenchmark.Samples.perRound(10e6, 12, Duration.ZERO)).isEqualTo(3);
    // A query slower than the minimum time still runs once per round; a very fast one is capped.
    assertThat(TpchBenchmark.Samples.perRound(5e9, 3, Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(TpchBenchmark.Samples.perRound(1, 3, Duration.ofSeconds(1))).isEqualTo(TimedRunner.MAX_RUNS / TpchBenchmark.ROUNDS);
  }

  @Test
  void siteYamlGetsThePermissivePolicyAndPortZero() throws DemoException {
    String demo = "name: eu\nregion: eu-west-1\nlisten: 127.0.0.1:47471\ndata: ./eu-data\ntables:\n"
        + "policy: " + DemoSetup.POLICY + "\n";
    String bench = BenchCluster.benchYaml(demo);
    assertThat(bench).contains("\nlisten: 127.0.0.1:0\n", "\npolicy: { export: rows }\n").doesNotContain("deny");
    assertThatThrownBy(() -> BenchCluster.benchYaml("name: eu\n")).isInstanceOf(DemoException.class);
  }

  @Test
  void runnerCountsRowsAndReportsErrorsAndTimeouts() throws Exception {
    try (TimedRunner r = new TimedRunner(() -> DriverManager.getConnection("jdbc:duckdb:"))) {
      var o = r.measure("SELECT * FROM range(1000)", 1, 3, Duration.ofSeconds(30));
      assertThat(o).isInstanceOf(Ok.class);
      assertThat(((Ok) o).rows()).isEqualTo(1000);
      assertThat(((Ok) o).nanos()).hasSize(3);
      // This JVM ran DuckDB for the measured runs: some CPU is counted.
      var summed = r.measure("SELECT sum(range) FROM range(20000000)", 0, 3, Duration.ofSeconds(30));
      assertThat(summed).isInstanceOfSatisfying(Ok.class, ok -> assertThat(ok.cpuNanos()).isPositive());
      assertThat(r.measure("SELECT * FROM no_such_table", 1, 3, Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.message()).contains("no_such_table"));
      // A cross join DuckDB needs minutes for: stopped by the timeout (engine cancel or the guard).
      assertThat(r.measure(
              "SELECT count(*) FROM range(100000000) a, range(100000) b WHERE a.range + b.range = -1",
              0, 1, Duration.ofSeconds(1)))
          .isInstanceOf(TimedOut.class);
      // The runner still works afterwards.
      assertThat(r.measure("SELECT 1", 0, 1, Duration.ofSeconds(30))).isInstanceOf(Ok.class);
    }
  }

  private static Ok ok(double ms, double cpuMs) {
    return new Ok(List.of((long) (ms * 1e6)), 1, (long) (cpuMs * 1e6));
  }
}
