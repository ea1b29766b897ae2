package io.shoal.tck.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.tck.limits.LauncherSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy budget outlives the site process: a site run as bin/shoal runs it spends three of a
 * budget of three, is killed with SIGKILL (no shutdown hook, nothing flushed at exit), and the
 * restarted site still refuses the fourth query, with the three spends in its ledger.
 */
class LedgerSurvivesKillTest {
  @TempDir Path dir;

  @Test
  void aKilledSiteComesBackWithItsSpentBudget() throws Exception {
    Path data = dir.resolve("eu");
    Files.createDirectories(data);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (SELECT range AS id, range % 100 AS cust_id, (range % 1000)::DOUBLE AS amount FROM range(1000)) TO '"
          + data.resolve("sales.parquet") + "' (FORMAT parquet)");
    }
    Path yaml = dir.resolve("eu.yaml");
    Files.writeString(yaml, """
        name: eu
        data: ./eu
        listen: 127.0.0.1:0
        threads: 1
        tables:
          sales: { parquet: "./eu/sales.parquet" }
        policy:
          tables:
            sales:
              export: private
              privacy-unit: cust_id
              epsilon: 1
              budget: { epsilon: 3, per: day }
              bounds: { amount: [0, 1000] }
        """);
    try (LauncherSite site = LauncherSite.start(yaml)) {
      try (Connection c = flight(site)) {
        for (int i = 0; i < 3; i++) count(c);
        assertRefused(c);
      }
      site.signal("KILL");
    }
    assertThat(Files.readAllLines(data.resolve("privacy-ledger.jsonl"))).hasSize(3);
    try (LauncherSite again = LauncherSite.start(yaml); Connection c = flight(again)) {
      assertRefused(c);
    }
  }

  private static Connection flight(LauncherSite site) throws SQLException {
    return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + site.port + "/?useEncryption=false");
  }

  private static void count(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM sales")) {
      assertThat(rs.next()).isTrue();
    }
  }

  private static void assertRefused(Connection c) {
    assertThatThrownBy(() -> count(c))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(PrivateAnswersTest.messages(e)).contains("privacy budget").contains("renews at"));
  }
}
