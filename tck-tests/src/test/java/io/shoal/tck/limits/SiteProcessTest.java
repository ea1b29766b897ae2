package io.shoal.tck.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.flight.SiteServer;
import io.shoal.site.audit.AuditLog;
import io.shoal.site.audit.AuditRecord;
import io.shoal.site.config.SiteConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites as an operator runs them, from the launcher's class path: a site stopped with SIGSTOP
 * fails the query with 08006 within the keepalive bound (no queryTimeout), SIGTERM stops a site
 * busy with a runaway fragment, a killed client frees its fragment, and TLS works (and a wrong
 * certificate says so).
 */
class SiteProcessTest {
  static final String RECURSIVE = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r";

  @TempDir Path dir;

  private Path siteYaml(String name, String extra) throws Exception {
    Path data = dir.resolve(name);
    Files.createDirectories(data);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT range AS id FROM range(1000)) TO '" + data.resolve("t.parquet") + "' (FORMAT parquet)");
    }
    Path yaml = dir.resolve(name + ".yaml");
    Files.writeString(yaml, "name: " + name + "\nregion: r-" + name + "\ndata: ./" + name + "\nlisten: 127.0.0.1:0\nthreads: 1\n"
        + "tables:\n  t: { parquet: \"./" + name + "/t.parquet\" }\n" + extra);
    return yaml;
  }

  @Test
  void aStoppedSiteFailsTheQueryWithinTheKeepaliveBoundOrIsSkippedWhenAsked() throws Exception {
    SiteServer eu = SiteServer.start(SiteConfig.load(siteYaml("eu", "")));
    try (LauncherSite us = LauncherSite.start(siteYaml("us", ""))) {
      String url = "jdbc:shoal:sites=eu@grpc://127.0.0.1:" + eu.port() + ",us@grpc://127.0.0.1:" + us.port
          + ";metadataCacheSeconds=0";
      try (Connection strict = DriverManager.getConnection(url);
          Connection partial = DriverManager.getConnection(url + ";partialResults=true");
          Statement s1 = strict.createStatement();
          Statement s2 = partial.createStatement()) {
        try (ResultSet rs = s1.executeQuery("SELECT count(*) FROM t")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(2000);
        }
        try (ResultSet rs = s2.executeQuery("SELECT count(*) FROM t")) {
          rs.next();
        }
        us.signal("STOP");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> s1.executeQuery("SELECT count(*) FROM t").next())
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("08006");
              assertThat(e.getMessage()).contains("site us");
            });
        long strictMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        long n;
        String warning;
        try (ResultSet rs = s2.executeQuery("SELECT count(*) FROM t")) {
          rs.next();
          n = rs.getLong(1);
          warning = rs.getWarnings() == null ? null : rs.getWarnings().getMessage();
        }
        long partialMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("SIGSTOPped site: strict query failed 08006 after %d ms, partial query answered after %d ms"
            + " (bound: keepalive 10 s + keepaliveTimeout 5 s)%n", strictMs, partialMs);
        assertThat(n).isEqualTo(1000);
        assertThat(warning).contains("site us");
        assertThat(strictMs).isLessThan(15_000 + 5_000);
        assertThat(partialMs).isLessThan(15_000 + 5_000);
      }
    } finally {
      eu.close();
    }
  }

  @Test
  void sigtermStopsASiteBusyWithARunawayFragment() throws Exception {
    LauncherSite site = LauncherSite.start(siteYaml("eu", ""));
    try {
      // Straight to the site: through the coordinator, Calcite would run a recursion over no table itself.
      CompletableFuture<String> runaway =
          CompletableFuture.supplyAsync(
              () -> {
                try (var allocator = new org.apache.arrow.memory.RootAllocator();
                    var client = org.apache.arrow.flight.FlightClient.builder(
                        allocator, org.apache.arrow.flight.Location.forGrpcInsecure("127.0.0.1", site.port)).build();
                    var sql = new org.apache.arrow.flight.sql.FlightSqlClient(client);
                    var s = sql.getStream(sql.execute(RECURSIVE).getEndpoints().get(0).getTicket())) {
                  while (s.next()) {
                    // the runaway's one row never comes
                  }
                  return "finished";
                } catch (Exception e) {
                  return e.getMessage();
                }
              });
      Thread.sleep(3000);
      assertThat(runaway).isNotDone();
      long t0 = System.nanoTime();
      site.process.destroy(); // SIGTERM
      boolean exited = site.process.waitFor(30, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      String client = runaway.get(30, TimeUnit.SECONDS);
      System.out.printf("SIGTERM during a runaway fragment: site exited after %d ms; the client got: %s%n", ms, client);
      assertThat(exited).isTrue();
      assertThat(ms).isLessThan(10_000); // SiteServer.STOP_BOUND
      // "site eu is stopping", or the transport's error when the process was gone first
      assertThat(client).isNotEqualTo("finished");
      // A fragment interrupted in its run has its audit line (flushed before the exit); on a busy
      // machine SIGTERM may come while the fragment is still in its (unaudited) schema probe.
      assertThat(AuditLog.read(dir.resolve("eu")).stream().filter(r -> r.sql().contains("RECURSIVE")).map(AuditRecord::status))
          .allMatch("cancelled"::equals);
    } finally {
      site.process.destroyForcibly();
    }
  }

  @Test
  void aKilledClientFreesItsFragmentWithinOneSecond() throws Exception {
    try (LauncherSite site = LauncherSite.start(siteYaml("eu", ""))) {
      Process client = LauncherSite.client(dir, LauncherSite.FLIGHT_CLIENT, Integer.toString(site.port), RECURSIVE);
      BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("CONNECTED")) {
        // compiling and connecting
      }
      assertThat(line).isEqualTo("CONNECTED");
      Thread.sleep(1500); // the fragment is inside DuckDB
      assertThat(runningRecursive(site)).isEmpty();
      long t0 = System.nanoTime();
      client.destroyForcibly().waitFor(); // SIGKILL: the TCP connection just goes
      long ms = -1;
      while ((System.nanoTime() - t0) < 5_000_000_000L) {
        if (!runningRecursive(site).isEmpty()) {
          ms = (System.nanoTime() - t0) / 1_000_000;
          break;
        }
        Thread.sleep(10);
      }
      System.out.printf("client killed mid-query: its fragment closed (audit line) %d ms later%n", ms);
      assertThat(ms).isBetween(0L, 1000L);
      assertThat(runningRecursive(site).get(0).status()).isEqualTo("cancelled");
    }
  }

  /** Audit lines of finished recursive fragments (one appears when the fragment closes). */
  private List<AuditRecord> runningRecursive(LauncherSite site) {
    return AuditLog.read(dir.resolve("eu")).stream().filter(r -> r.sql().contains("RECURSIVE")).toList();
  }
}
