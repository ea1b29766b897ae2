package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pushdown measured, not just planned: for aggregation, top-N and a co-located join, the bytes each
 * site sends (as counted in {@code shoal.queries}, the same count as the sites' audit logs) are a
 * tiny fraction of what pulling the table would move.
 */
class BytesMovedTest {
  private static Connection federation;
  private static Map<String, Long> fullTable;

  @BeforeAll
  static void connect() throws Exception {
    federation = TestFederation.get().federation();
    fullTable = bytesPerSite("SELECT * FROM lineitem");
    assertThat(fullTable).hasSize(3);
    assertThat(fullTable.values()).allSatisfy(b -> assertThat(b).isGreaterThan(500_000));
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
  }

  static Map<String, Long> bytesPerSite(String sql) throws Exception {
    return Plans.bytesPerSite(federation, sql);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT l_returnflag, l_linestatus, count(*), sum(l_quantity), avg(l_discount) FROM lineitem GROUP BY l_returnflag, l_linestatus",
        "SELECT l_orderkey, l_linenumber, l_extendedprice FROM lineitem ORDER BY l_extendedprice DESC, l_orderkey, l_linenumber LIMIT 10",
        "SELECT o_orderpriority, count(*) FROM orders JOIN lineitem ON o_orderkey = l_orderkey WHERE l_commitdate < l_receiptdate GROUP BY o_orderpriority",
        "SELECT count(*) FROM lineitem WHERE l_quantity > 10"
      })
  void reducedResultsLeaveTheSites(String sql) throws Exception {
    Map<String, Long> moved = bytesPerSite(sql);
    assertThat(moved).as("sites asked for %s", sql).hasSize(3);
    moved.forEach(
        (site, bytes) ->
            assertThat(bytes)
                .as("bytes from %s for %s (pulling lineitem moves %d)", site, sql, fullTable.get(site))
                .isLessThan(fullTable.get(site) / 100));
  }
}
