package io.shoal.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole command at a tiny scale: real data, three real site processes, the oracle DuckDB. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void runsQueriesOneAndSixAndPrintsTheTableAndTheExtraFigures() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    BenchCommand cmd =
        new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    Path benchDir = dir.resolve("bench");
    int code =
        new CommandLine(cmd)
            .execute("--sf", "0.01", "--runs", "1", "--queries", "1,6", "--latency-runs", "5", "--latency-warmups", "5", "--warmup-passes", "1", "--min-measured-ms", "0", "--plan-runs", "1", "--dir", benchDir.toString());
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as("stdout:\n%s\nstderr:\n%s", text, err).isEqualTo(0);

    List<String> lines = text.lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(
        "query +\\| federated ms \\| single ms \\| ratio +\\| CPU fed ms \\| CPU single ms \\| CPU ratio \\| bytes moved \\| target"));
    // Each query has a row with two times, a ratio, bytes (or n/a) and its target verdict.
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(
        "Q1 +\\| +\\d+\\.\\d \\| +\\d+\\.\\d \\| +\\d+\\.\\d\\d \\| +\\d+\\.\\d \\| +\\d+\\.\\d \\| +(\\d+\\.\\d\\d|-) \\| +(n/a|[\\d.]+ k?M?G?B) \\| <= 1\\.3 (met|MISSED)"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(
        "Q6 +\\| +\\d+\\.\\d \\| +\\d+\\.\\d \\| +\\d+\\.\\d\\d \\| .* \\| <= 1\\.3 (met|MISSED)"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("total +\\| .* \\| <= 2\\.0 (met|MISSED)"));
    assertThat(text).containsPattern("SELECT COUNT\\(\\*\\) FROM orders, warm \\(after 10 runs\\), 5 runs: p50 [\\d.]+ ms, p90 [\\d.]+ ms, CPU [\\d.]+ ms per query");
    assertThat(text).containsPattern("Q5 planning time \\(EXPLAIN PLAN FOR, uncached\\), median of 1: [\\d.]+ ms");
    assertThat(text).contains("bench finished");
    System.out.println(text); // the figures, for whoever reads the test log

    // The sites ran under the permissive policy, and are gone.
    assertThat(Files.readString(benchDir.resolve("sites/eu.yaml"))).contains("policy: { export: rows }\n");
    assertThat(Files.readString(benchDir.resolve("coordinator.yaml"))).contains("grpc://127.0.0.1:");
  }

  @Test
  void defaultsAndUsageErrors() {
    BenchCommand cmd = new BenchCommand();
    new CommandLine(cmd).parseArgs();
    assertThat(cmd.sf).isEqualTo(1.0);
    assertThat(cmd.dir).isEqualTo(Path.of("shoal-bench"));
    assertThat(cmd.runs).isEqualTo(3);
    assertThat(cmd.queries).isNull();
    assertThat(cmd.keep).isFalse();
    assertThat(cmd.timeoutSeconds).isEqualTo(120);
    assertThat(cmd.latencyRuns).isEqualTo(200);
    assertThat(cmd.latencyWarmups).isEqualTo(TpchBenchmark.COUNT_WARMUPS);
    assertThat(cmd.siteCache).isEqualTo("memory");
    assertThat(cmd.siteThreads).isNull();
    assertThat(cmd.planRuns).isEqualTo(5);
    assertThat(cmd.warmupPasses).isEqualTo(TpchBenchmark.WARMUP_PASSES);
    assertThat(cmd.minMeasuredMs).isEqualTo(1000);

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    BenchCommand bad =
        new BenchCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    Path benchDir = dir.resolve("never");
    assertThat(new CommandLine(bad).execute("--queries", "1,23", "--dir", benchDir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("shoal bench: --queries: TPC-H has queries 1 to 22, not 23\n");
    assertThat(new CommandLine(bad).execute("--runs", "0", "--dir", benchDir.toString())).isEqualTo(2);
    assertThat(new CommandLine(bad).execute("--site-cache", "disk", "--dir", benchDir.toString())).isEqualTo(2);
    assertThat(new CommandLine(bad).execute("--site-threads", "0", "--dir", benchDir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("shoal bench: --site-cache is none or memory, not disk\n")
        .contains("shoal bench: --site-threads must be at least 1, got 0\n");
    assertThat(benchDir).doesNotExist();
  }
}
