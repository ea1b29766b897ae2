package io.shoal.examples.bench;

import io.shoal.examples.demo.DemoException;
import io.shoal.examples.demo.DemoSetup;
import io.shoal.examples.demo.SiteProcesses;
import io.shoal.tpch.TpchSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The benchmark's cluster: the demo's TPC-H split and Iceberg import ({@link DemoSetup}), but with a
 * permissive policy and ports chosen by the OS. The demo's policy denies two customer columns, which
 * Q22 reads; a benchmark measures speed, so every site lets rows out. Sites listen on port 0 so a
 * benchmark never collides with a running demo; the coordinator config is written from the
 * addresses the sites announce.
 */
final class BenchCluster implements AutoCloseable {

  /** Rows (and so aggregates) of every table may leave every site. */
  static final String PERMISSIVE_POLICY = "{ export: rows }";

  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /**
   * DuckDB threads per site when the user gives none: the machine's cores shared among the three
   * sites, since they all run here (a real site has its machine to itself).
   */
  static int defaultSiteThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / TpchSplit.SITES.size());
  }

  private final DemoSetup setup;
  private final SiteProcesses processes;
  private final String siteSettings;

  BenchCluster(Path dir, double sf, Consumer<String> onUnexpectedExit) {
    this(dir, sf, "memory", defaultSiteThreads(), onUnexpectedExit);
  }

  /** {@code cache} and {@code threads} go into every site's YAML as they are. */
  BenchCluster(Path dir, double sf, String cache, int threads, Consumer<String> onUnexpectedExit) {
    // The base port is irrelevant: every site's listen line is rewritten to port 0.
    this.setup = new DemoSetup(dir, sf, 1);
    this.processes = new SiteProcesses(setup.logsDir(), onUnexpectedExit);
    this.siteSettings = "cache: " + cache + "\nthreads: " + threads + "\n";
  }

  DemoSetup setup() {
    return setup;
  }

  List<String> siteNames() {
    return TpchSplit.SITES.stream().map(TpchSplit.Site::name).toList();
  }

  /** The oracle: one DuckDB file holding every site's rows. */
  Path oracle() {
    return setup.tpchDir().resolve(TpchSplit.ORACLE_FILE);
  }

  /**
   * Generates and imports the data unless {@code keep} and an earlier run completed the same scale
   * factor. Returns true if data was reused.
   */
  boolean prepare(boolean keep, Consumer<String> progress) throws DemoException {
    boolean reuse = keep && setup.hasCompleteData() && Files.isRegularFile(oracle());
    if (!reuse) {
      setup.generate(progress);
    }
    writeSiteConfigs();
    if (!reuse) {
      setup.importAll(progress);
      setup.markComplete();
    }
    return reuse;
  }

  /** The demo's site YAMLs with the permissive policy and port 0. */
  void writeSiteConfigs() throws DemoException {
    for (Path yaml : setup.writeSiteConfigs()) {
      try {
        Files.writeString(yaml, benchYaml(Files.readString(yaml)) + siteSettings);
      } catch (IOException e) {
        throw new DemoException("configure", "cannot rewrite " + yaml + ": " + e.getMessage(), e);
      }
    }
  }

  /** Rewrites one demo site YAML: permissive policy, loopback port 0 (cache and threads follow). */
  static String benchYaml(String demoYaml) throws DemoException {
    String policyLine = "policy: " + DemoSetup.POLICY;
    if (!demoYaml.contains(policyLine) || !demoYaml.matches("(?s).*\nlisten: [^\n]+\n.*")) {
      // DemoSetup changed its layout: better to stop than to benchmark under the demo's policy.
      throw new DemoException("configure", "the demo's site YAML no longer has the expected policy/listen lines");
    }
    return demoYaml
        .replace(policyLine, "policy: " + PERMISSIVE_POLICY)
        .replaceFirst("\nlisten: [^\n]+\n", "\nlisten: 127.0.0.1:0\n");
  }

  /** Starts the site processes and writes coordinator.yaml with their announced addresses. */
  List<SiteProcesses.Running> start() throws DemoException {
    List<String> names = siteNames();
    List<Path> yamls = names.stream().map(setup::siteYaml).toList();
    List<SiteProcesses.Running> running = processes.startAll(names, yamls, START_TIMEOUT);
    List<String> lines = new ArrayList<>();
    lines.add("# Written by `shoal bench`: the benchmark's sites on loopback.");
    lines.add("sites:");
    for (SiteProcesses.Running r : running) {
      lines.add("  - { name: " + r.site() + ", uri: \"grpc://" + r.address() + "\" }");
    }
    try {
      Files.writeString(setup.coordinatorYaml(), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new DemoException("configure", "cannot write " + setup.coordinatorYaml() + ": " + e.getMessage(), e);
    }
    return running;
  }

  String jdbcUrl() {
    return setup.jdbcUrl();
  }

  void stop() {
    processes.stopAll();
  }

  @Override
  public void close() {
    stop();
  }
}
