package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.flight.SiteServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lake that fails: wrong S3 credentials, a stopped S3Proxy, a stopped REST catalog. Each fails the
 * queries on that site's lake tables within a bound, with one line naming the site, the table and
 * the endpoint and never the secret, while the site's local table ({@code events}) keeps serving;
 * and the tables serve again once the server is back.
 */
class LakeFailureTest {
  /** The bound a failing store or catalog may hold a query (Shoal's defaults: 3 s connect, 10 s socket). */
  static final long BOUND_MILLIS = 20_000;

  private static LakeFederation lake;
  private static Connection federation;

  @BeforeAll
  static void connect() throws Exception {
    lake = LakeFederation.get();
    federation = lake.federation();
    // The first query of a JVM pays for planning code generation: not the failure's time.
    for (String site : java.util.List.of("eu", "us", "apac")) {
      count(federation, "SELECT count(*) FROM " + site + ".lineitem");
      count(federation, "SELECT count(*) FROM " + site + ".events");
    }
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
  }

  @Test
  void wrongCredentialsFailOnlyTheLakeTables() throws Exception {
    SiteServer bad = lake.startSite("badkey", "eu", Map.of("s3.secret-access-key", "wrong-secret-1234"));
    try (Connection c = LakeFederation.federation("badkey", bad)) {
      count(c, "SELECT count(*) FROM badkey.events");
      SQLException e = fails(c, "SELECT count(*) FROM badkey.lineitem", "wrong credentials");
      assertThat(e.getSQLState()).isEqualTo("28000");
      assertThat(e.getMessage())
          .contains("site badkey", "table lineitem", lake.servers().storeEndpoint(), "credentials")
          .doesNotContain("wrong-secret-1234", lake.servers().secret());
      assertThat(count(c, "SELECT count(*) FROM badkey.events")).isEqualTo(1000);
    }
  }

  @Test
  void stoppedStoreFailsOnlyTheLakeTables() throws Exception {
    lake.without("store", () -> {
      SQLException e = fails(federation, "SELECT count(*) FROM eu.lineitem", "S3Proxy stopped");
      assertThat(e.getMessage()).contains("site eu", "table lineitem").doesNotContain(lake.servers().secret());
      assertThat(count(federation, "SELECT count(*) FROM eu.events")).isEqualTo(1000);
    });
    assertThat(eventually(() -> count(federation, "SELECT count(*) FROM eu.lineitem"))).isPositive();
  }

  @Test
  void stoppedCatalogFailsOnlyTheLakeTables() throws Exception {
    lake.without("catalog", () -> {
      SQLException e = fails(federation, "SELECT count(*) FROM us.orders", "catalog stopped");
      assertThat(e.getSQLState()).isEqualTo("08001");
      assertThat(e.getMessage())
          .contains("site us", "table orders", lake.servers().catalogUri(), "unreachable")
          .doesNotContain(lake.servers().secret());
      assertThat(count(federation, "SELECT count(*) FROM us.events")).isEqualTo(10);
    });
    // The restarted catalog serves again once the site's handle reopens it: within seconds, not at once.
    assertThat(eventually(() -> count(federation, "SELECT count(*) FROM us.orders"))).isPositive();
  }

  interface Query {
    long run() throws SQLException;
  }

  /** The query's answer once it stops failing, trying for up to 30 s. */
  static long eventually(Query q) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        return q.run();
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) throw e;
        Thread.sleep(500);
      }
    }
  }

  /** Runs a query that must fail within {@link #BOUND_MILLIS}; prints the time and the message. */
  static SQLException fails(Connection c, String sql, String what) {
    long t0 = System.nanoTime();
    SQLException[] caught = new SQLException[1];
    assertThatThrownBy(() -> count(c, sql)).isInstanceOfSatisfying(SQLException.class, e -> caught[0] = e);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("%s: failed in %d ms with %s: %s%n", what, ms, caught[0].getSQLState(), caught[0].getMessage());
    assertThat(ms).as("time to fail with %s", what).isLessThan(BOUND_MILLIS);
    assertThat(caught[0].getMessage()).doesNotContain("\n");
    return caught[0];
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
