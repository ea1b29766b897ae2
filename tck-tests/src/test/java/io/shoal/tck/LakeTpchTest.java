package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.flight.SiteServer;
import io.shoal.tpch.TpchQueries;
import java.sql.Connection;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TPC-H oracle over a lake: three sites whose tables are Iceberg tables in S3Proxy under
 * Iceberg's REST catalog (real servers on loopback) must return exactly what one DuckDB holding
 * every row returns, for all 22 queries; and a file once fetched is not fetched again.
 */
class LakeTpchTest {
  private static Connection federation;
  private static Connection oracle;

  @BeforeAll
  static void connect() throws Exception {
    federation = LakeFederation.get().federation();
    oracle = TestFederation.get().oracle();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
    if (oracle != null) oracle.close();
  }

  static IntStream queries() {
    return IntStream.rangeClosed(1, 22);
  }

  @ParameterizedTest(name = "tpch-q{0}")
  @MethodSource("queries")
  void lakeMatchesOneDatabase(int q) throws Exception {
    ResultRows.assertSameAsOracle(oracle, federation, TpchQueries.get(q), "Q%d over the lake differs from the oracle", q);
  }

  /**
   * A site with an empty file cache fetches Q1's lineitem files once: the first run's store_bytes
   * in shoal.queries is the files' size, the second run's is 0.
   */
  @Test
  void secondRunOfQ1FetchesNothing() throws Exception {
    SiteServer cold = LakeFederation.get().startSite("cold", "eu", Map.of());
    try (Connection c = LakeFederation.federation("cold", cold)) {
      String q1 = TpchQueries.get(1);
      long first = storeBytes(c, q1);
      long second = storeBytes(c, q1);
      System.out.printf("Q1 at a cold site: %,d bytes fetched from object storage; second run: %,d%n", first, second);
      assertThat(first).as("first run of Q1 fetches lineitem").isGreaterThan(100_000);
      assertThat(second).as("second run of Q1 reads the file cache").isZero();
    }
  }

  /** Runs {@code sql} to the end and sums store_bytes over the sites of its newest shoal.queries rows. */
  static long storeBytes(Connection c, String sql) throws Exception {
    return Plans.perSite(c, sql, "store_bytes").values().stream().mapToLong(Long::longValue).sum();
  }
}
