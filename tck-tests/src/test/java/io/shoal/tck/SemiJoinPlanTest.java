package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tpch.TpchQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plans that move less (issue 3): semi-join reduction through replicated tables (TPC-H Q17, Q20),
 * date comparisons without casts, whole per-customer aggregates at the sites (Q13) and a
 * co-located NOT EXISTS under a join with a global scalar (Q22). Each checks the fragments, the
 * bytes that leave the sites, and the oracle's answer.
 */
class SemiJoinPlanTest {
  private static Connection federation;
  private static Connection oracle;

  @BeforeAll
  static void connect() throws Exception {
    TestFederation f = TestFederation.get();
    federation = f.federation();
    oracle = OracleTest.siteOracle(f.root().resolve("tpch"));
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
    if (oracle != null) oracle.close();
  }

  private static String explain(String sql) throws Exception {
    return Plans.explain(federation, sql);
  }

  /** Fragment SQL in plan order. */
  private static List<String> fragments(String plan) {
    return Plans.fragmentSql(plan);
  }

  private static List<String> fragmentsWith(String plan, String text) {
    List<String> out = new ArrayList<>();
    for (String f : fragments(plan)) {
      if (f.contains(text)) out.add(f);
    }
    return out;
  }

  private static void sameAsOracle(String sql) throws Exception {
    String diff = ResultRows.difference(ResultRows.run(oracle, sql),
        ResultRows.run(federation, sql), OracleTest.Corpus.ordered(sql));
    assertThat(diff).as(sql).isNull();
  }

  private static Map<String, Long> bytesPerSite(String sql) throws Exception {
    return Plans.bytesPerSite(federation, sql);
  }

  private static long totalBytes(String sql) throws Exception {
    Map<String, Long> perSite = bytesPerSite(sql);
    assertThat(perSite).as("sites asked for %s", sql).isNotEmpty();
    return perSite.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void tpchQ17AggregatesOnlyTheFilteredPartsAtEachSite() throws Exception {
    String sql = TpchQueries.get(17);
    String plan = explain(sql);
    List<String> partials = fragmentsWith(plan, "GROUP BY \"l_partkey\"");
    assertThat(partials).hasSize(3).allSatisfy(f -> assertThat(f)
        .contains("\"part\"").contains("'Brand#23'").contains("'MED BOX'"));
    // The same per-part average over all parts: what the sites sent before.
    long all = totalBytes("SELECT l_partkey, avg(l_quantity) FROM lineitem GROUP BY l_partkey");
    long q17 = totalBytes(sql);
    assertThat(q17).as("Q17 bytes vs all parts' partials (%d)", all).isLessThan(all / 10);
    sameAsOracle(sql);
  }

  @Test
  void tpchQ20AggregatesOnlyTheForestPartSuppliersAtEachSite() throws Exception {
    String sql = TpchQueries.get(20);
    String plan = explain(sql);
    List<String> partials = fragmentsWith(plan, "GROUP BY \"l_partkey\", \"l_suppkey\"");
    assertThat(partials).hasSize(3).allSatisfy(f -> assertThat(f)
        .contains("\"partsupp\"").contains("'forest%'")
        // DATE '1994-01-01' + INTERVAL '1' YEAR, compared as a date
        .contains("\"l_shipdate\" < DATE '1995-01-01'").doesNotContain("TIMESTAMP"));
    long all = totalBytes("SELECT l_partkey, l_suppkey, sum(l_quantity) FROM lineitem"
        + " WHERE l_shipdate >= DATE '1994-01-01' AND l_shipdate < DATE '1995-01-01'"
        + " GROUP BY l_partkey, l_suppkey");
    assertThat(totalBytes(sql)).as("Q20 bytes vs all partials (%d)", all).isLessThan(all / 10);
    sameAsOracle(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // an aggregate on the left of a LEFT join keeps all its groups: no reduction
      "SELECT a.l_partkey, a.s, p.p_name FROM (SELECT l_partkey, sum(l_quantity) AS s FROM lineitem"
          + " GROUP BY l_partkey) a LEFT JOIN part p ON p.p_partkey = a.l_partkey"
          + " AND p.p_brand = 'Brand#23' ORDER BY a.l_partkey",
      // NOT EXISTS over an aggregate: reduced by the outer filtered parts
      "SELECT count(*) FROM part WHERE p_brand = 'Brand#23' AND NOT EXISTS (SELECT 1 FROM"
          + " (SELECT l_partkey FROM lineitem GROUP BY l_partkey HAVING sum(l_quantity) > 150) x"
          + " WHERE x.l_partkey = p_partkey)",
      // IN over an aggregate with two keys, one of them bounded
      "SELECT ps_partkey, ps_suppkey, ps_availqty FROM partsupp WHERE ps_partkey < 40 AND"
          + " (ps_partkey, ps_suppkey) IN (SELECT l_partkey, l_suppkey FROM lineitem"
          + " GROUP BY l_partkey, l_suppkey HAVING count(*) > 1) ORDER BY 1, 2",
      // the group key joined to a replicated table without a filter: nothing to reduce by
      "SELECT p_brand, sum(s) FROM part JOIN (SELECT l_partkey, sum(l_quantity) AS s"
          + " FROM lineitem GROUP BY l_partkey) a ON a.l_partkey = p_partkey GROUP BY p_brand"
          + " ORDER BY p_brand"
  })
  void reductionKeepsResultsExact(String sql) throws Exception {
    sameAsOracle(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT count(*) FROM lineitem WHERE l_shipdate < DATE '1995-01-01' + INTERVAL '1' MONTH",
      "SELECT count(*) FROM lineitem WHERE l_shipdate <= DATE '1995-01-01' - INTERVAL '1' DAY",
      "SELECT count(*) FROM lineitem WHERE DATE '1995-01-01' + INTERVAL '3' MONTH > l_shipdate",
      "SELECT count(*) FROM lineitem WHERE l_shipdate = DATE '1995-01-01' + INTERVAL '2' DAY",
      "SELECT count(*) FROM lineitem WHERE l_shipdate < TIMESTAMP '1995-01-01 12:00:00'",
      "SELECT count(*) FROM lineitem WHERE l_shipdate >= TIMESTAMP '1995-01-01 00:00:01'",
  })
  void dateComparedWithATimestampLiteralIsNotCast(String sql) throws Exception {
    for (String f : fragments(explain(sql))) {
      assertThat(f).contains("\"l_shipdate\"").contains("DATE '").doesNotContain("TIMESTAMP")
          .doesNotContain("CAST");
    }
    sameAsOracle(sql);
  }

  @Test
  void dateEqualToATimeWithinADayStaysExact() throws Exception {
    sameAsOracle(
        "SELECT count(*) FROM lineitem WHERE l_shipdate = TIMESTAMP '1995-01-01 12:00:00'");
    sameAsOracle(
        "SELECT count(*) FROM lineitem WHERE l_shipdate <> TIMESTAMP '1995-01-01 12:00:00'");
  }

  @Test
  void tpchQ13CountsPerCustomerAndPerCountAtEachSite() throws Exception {
    String sql = TpchQueries.get(13);
    List<String> frags = fragments(explain(sql));
    assertThat(frags).hasSize(3).allSatisfy(f -> assertThat(f)
        .contains("LEFT JOIN").contains("GROUP BY \"t\".\"c_custkey\"").contains("COUNT(*)"));
    long perCustomer = totalBytes("SELECT o_custkey, count(*) FROM orders GROUP BY o_custkey");
    assertThat(totalBytes(sql)).as("Q13 bytes vs one row per customer (%d)", perCustomer)
        .isLessThan(perCustomer / 10);
    sameAsOracle(sql);
  }

  @Test
  void tpchQ22ChecksOrdersAtEachSite() throws Exception {
    String sql = TpchQueries.get(22);
    String plan = explain(sql);
    List<String> customers = fragmentsWith(plan, "\"orders\"");
    assertThat(customers).hasSize(3).allSatisfy(f -> assertThat(f)
        .contains("\"customer\"").contains("NOT EXISTS (SELECT 1"));
    sameAsOracle(sql);
  }

  @Test
  void tpchQ4ExistsIsASemiJoinAtEachSite() throws Exception {
    // Not "all late lineitems grouped by order, then joined": DuckDB runs the semi-join 2x faster.
    String sql = TpchQueries.get(4);
    List<String> frags = fragments(explain(sql));
    assertThat(frags).hasSize(3).allSatisfy(f -> assertThat(f)
        .contains("EXISTS (SELECT 1").doesNotContain("GROUP BY \"l_orderkey\""));
    sameAsOracle(sql);
  }

  @Test
  void existsThatNoSiteCanJoinAloneKeepsDistinctKeysPerSite() throws Exception {
    // part is replicated, lineitem partitioned: each site sends its distinct part keys instead.
    String sql = "SELECT count(*) FROM part WHERE EXISTS (SELECT 1 FROM lineitem"
        + " WHERE l_partkey = p_partkey AND l_quantity > 49)";
    assertThat(fragmentsWith(explain(sql), "\"lineitem\""))
        .hasSize(3).allSatisfy(f -> assertThat(f).contains("GROUP BY \"l_partkey\""));
    sameAsOracle(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT c_custkey, o_orderkey FROM customer JOIN (SELECT avg(c_acctbal) AS m FROM customer) x"
          + " ON c_acctbal > m LEFT JOIN orders ON o_custkey = c_custkey AND o_totalprice > 300000"
          + " WHERE c_custkey < 200 ORDER BY 1, 2",
      "SELECT count(*), sum(c_acctbal) FROM customer JOIN (SELECT max(c_acctbal) AS m FROM customer) x"
          + " ON c_acctbal < m - 1000 WHERE EXISTS (SELECT 1 FROM orders WHERE o_custkey = c_custkey"
          + " AND o_orderstatus = 'F')",
  })
  void coLocatedJoinBelowAGlobalJoinKeepsResultsExact(String sql) throws Exception {
    sameAsOracle(sql);
  }

  @Test
  void tpchQ21ExistsWithANonEqualityIsASemiJoinNotACopyOfTheQuery() throws Exception {
    String sql = TpchQueries.get(21);
    List<String> frags = fragments(explain(sql));
    assertThat(frags).hasSize(3).allSatisfy(f -> {
      assertThat(f).contains("WHERE EXISTS (SELECT 1").contains("NOT EXISTS (SELECT 1");
      // the decorrelator's value generator repeated the outer join (supplier ... nation)
      assertThat(f.split("\"supplier\"", -1)).hasSize(2);
    });
    sameAsOracle(sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // a repeated column name (l_orderkey) on the left of two stacked semi/anti joins
      "SELECT count(*) FROM lineitem l1 JOIN orders ON o_orderkey = l1.l_orderkey JOIN lineitem l0"
          + " ON l0.l_orderkey = o_orderkey AND l0.l_linenumber = 1 WHERE EXISTS (SELECT 1 FROM"
          + " lineitem l2 WHERE l2.l_orderkey = l1.l_orderkey AND l2.l_suppkey <> l1.l_suppkey)"
          + " AND NOT EXISTS (SELECT 1 FROM lineitem l3 WHERE l3.l_orderkey = l0.l_orderkey"
          + " AND l3.l_linenumber > l1.l_linenumber)",
      // three in a row, one with only equalities (left to the decorrelator)
      "SELECT o_orderpriority, count(*) FROM orders WHERE EXISTS (SELECT 1 FROM lineitem"
          + " WHERE l_orderkey = o_orderkey AND l_commitdate < l_receiptdate) AND NOT EXISTS"
          + " (SELECT 1 FROM lineitem WHERE l_orderkey = o_orderkey AND l_shipdate > o_orderdate"
          + " + INTERVAL '100' DAY) AND EXISTS (SELECT 1 FROM lineitem WHERE l_orderkey ="
          + " o_orderkey AND l_extendedprice > o_totalprice / 3) GROUP BY o_orderpriority"
          + " ORDER BY o_orderpriority",
      // correlated EXISTS under OR stays with the decorrelator
      "SELECT count(*) FROM orders WHERE o_totalprice > 400000 OR EXISTS (SELECT 1 FROM"
          + " lineitem WHERE l_orderkey = o_orderkey AND l_quantity > o_totalprice / 10000)",
  })
  void existsAsSemiJoinKeepsResultsExact(String sql) throws Exception {
    sameAsOracle(sql);
  }
}
