package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the live three-site federation sends to each site: EXPLAIN PLAN FOR shows one fragment per
 * site with the pushed work in its SQL, and the query still returns the oracle's answer.
 */
class PlanTest {
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

  private static List<String[]> fragments(String plan) {
    return Plans.fragments(plan);
  }

  private static List<String> sites(List<String[]> fragments) {
    List<String> out = new ArrayList<>();
    for (String[] f : fragments) out.add(f[0]);
    return out;
  }

  private static void sameAsOracle(String sql) throws Exception {
    sameAsOracle(sql, sql);
  }

  private static void sameAsOracle(String sql, String oracleSql) throws Exception {
    String diff = ResultRows.difference(ResultRows.run(oracle, oracleSql),
        ResultRows.run(federation, sql), OracleTest.Corpus.ordered(sql));
    assertThat(diff).as(sql).isNull();
  }

  @Test
  void aggregationRunsAtEverySite() throws Exception {
    String sql = "SELECT o_orderstatus, count(*), avg(o_totalprice) FROM orders GROUP BY o_orderstatus";
    List<String[]> frags = fragments(explain(sql));
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("GROUP BY").contains("COUNT(*)").contains("SUM(");
    }
    sameAsOracle(sql);
  }

  @Test
  void topNRunsAtEverySite() throws Exception {
    String sql = "SELECT o_orderkey, o_totalprice FROM orders ORDER BY o_totalprice DESC, o_orderkey LIMIT 5";
    List<String[]> frags = fragments(explain(sql));
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("ORDER BY").containsAnyOf("LIMIT 5", "FETCH NEXT 5 ROWS ONLY");
    }
    sameAsOracle(sql);
  }

  @Test
  void coLocatedJoinRunsAtEverySite() throws Exception {
    String sql = "SELECT c_mktsegment, count(*) FROM customer JOIN orders ON c_custkey = o_custkey"
        + " GROUP BY c_mktsegment";
    String plan = explain(sql);
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("JOIN").contains("\"customer\"").contains("\"orders\"")
          .contains("GROUP BY");
    }
    assertThat(plan).doesNotContain("EnumerableHashJoin").doesNotContain("NestedLoopJoin");
    sameAsOracle(sql);
  }

  @Test
  void joinWithSearchConditionRunsAtEverySite() throws Exception {
    // TPC-H Q19's shape: IN lists and ranges in the ON clause of a join with a replicated table.
    String sql = "SELECT sum(l_extendedprice) FROM lineitem JOIN part ON p_partkey = l_partkey"
        + " AND p_brand IN ('Brand#12', 'Brand#23') AND l_quantity BETWEEN 1 AND 20";
    String plan = explain(sql);
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("JOIN").contains("\"part\"").contains("SUM(");
    }
    assertThat(plan).doesNotContain("NestedLoopJoin").doesNotContain("EnumerableHashJoin");
    sameAsOracle(sql);
  }

  @Test
  void joinWithAnOrConditionSaysItInWhere() throws Exception {
    // TPC-H Q19's OR of ANDs: DuckDB pulls the join key and one-table filters out of an OR in
    // WHERE only, so the fragment must not put it in ON (and still joins at every site).
    String sql = "SELECT sum(l_extendedprice) FROM lineitem JOIN part ON"
        + " (p_partkey = l_partkey AND p_brand = 'Brand#12' AND l_quantity <= 11)"
        + " OR (p_partkey = l_partkey AND p_brand = 'Brand#23' AND l_quantity BETWEEN 10 AND 20)";
    String plan = explain(sql);
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("\"part\"").contains("\"lineitem\"").contains("SUM(")
          .containsPattern("WHERE .*\"p_partkey\" = \"t\\d*\"\\.\"l_partkey\" AND .* OR ")
          .doesNotContain(" ON ");
    }
    assertThat(plan).doesNotContain("NestedLoopJoin").doesNotContain("EnumerableHashJoin");
    sameAsOracle(sql);
    // An inner join whose condition has no OR keeps its ON.
    for (String[] f : fragments(explain("SELECT count(*) FROM lineitem JOIN part ON p_partkey = l_partkey AND p_size < 5"))) {
      assertThat(f[1]).contains(" ON ");
    }
  }

  @Test
  void prunedSitesGetNoFragment() throws Exception {
    String sql = "SELECT count(*), sum(o_totalprice) FROM orders WHERE _site = 'eu'";
    List<String[]> frags = fragments(explain(sql));
    assertThat(sites(frags)).containsExactly("eu");
    sameAsOracle(sql);
  }

  @Test
  void groupBySiteRunsAtEverySite() throws Exception {
    String sql = "SELECT _site, count(*) FROM orders GROUP BY _site ORDER BY _site";
    assertThat(sites(fragments(explain(sql)))).containsExactlyInAnyOrder("eu", "us", "apac");
    try (Statement st = federation.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<String> seen = new ArrayList<>();
      while (rs.next()) {
        seen.add(rs.getString(1));
        assertThat(rs.getLong(2)).isPositive();
      }
      assertThat(seen).containsExactly("apac", "eu", "us");
    }
  }

  @Test
  void globalQualifierNeedsNoQuotes() throws Exception {
    sameAsOracle("SELECT count(*) FROM global.orders WHERE global.orders.o_totalprice > 1000",
        "SELECT count(*) FROM orders WHERE orders.o_totalprice > 1000");
  }

  @Test
  void tpchQ18GroupByOrderKeyRunsInsideTheSites() throws Exception {
    // GROUP BY l_orderkey ... HAVING is complete at each site (an order's lineitems live with it).
    String sql = io.shoal.tpch.TpchQueries.get(18);
    String plan = explain(sql);
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactlyInAnyOrder("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("GROUP BY \"l_orderkey\"").contains("HAVING")
          .contains("\"orders\"").contains("\"customer\"");
    }
    assertThat(plan).doesNotContain("EnumerableHashJoin").doesNotContain("EnumerableMergeJoin")
        .doesNotContain("EnumerableAggregate");
    sameAsOracle(sql);
  }

  @Test
  void tpchQ4SemiJoinRunsInsideTheSites() throws Exception {
    String sql = io.shoal.tpch.TpchQueries.get(4);
    String plan = explain(sql);
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactlyInAnyOrder("eu", "us", "apac");
    for (String[] f : frags) {
      // a join or, since ExistsToSemiJoinRule, the EXISTS itself: either way inside the fragment
      assertThat(f[1]).contains("\"orders\"").contains("\"lineitem\"").containsAnyOf("JOIN", "EXISTS")
          .contains("COUNT(*)");
    }
    assertThat(plan).doesNotContain("EnumerableHashJoin").doesNotContain("EnumerableMergeJoin");
    sameAsOracle(sql);
  }

  @Test
  void windowRunsAtCoordinatorOverAllSites() throws Exception {
    // Partitioned by a column that is not a key domain: every partition has rows at every site.
    String sql = "SELECT o_orderstatus, o_orderkey, row_number() OVER (PARTITION BY o_orderstatus"
        + " ORDER BY o_orderkey) AS rn FROM orders WHERE o_orderkey < 300";
    String plan = explain(sql);
    assertThat(sites(fragments(plan))).containsExactlyInAnyOrder("eu", "us", "apac");
    assertThat(plan.indexOf("EnumerableWindow")).isBetween(0, plan.indexOf("EnumerableUnion"));
    for (String[] f : fragments(plan)) {
      assertThat(f[1]).doesNotContain("OVER");
    }
    sameAsOracle(sql);
  }

  @Test
  void unsupportedFunctionIsACleanError() throws Exception {
    try (Statement st = federation.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery("SELECT first(o_orderkey) FROM orders"))
          .satisfies(e -> {
            java.sql.SQLException s = io.shoal.planner.errors.ShoalException.toSqlException(e);
            assertThat(s != null).as("a SQLState in %s", e).isTrue();
            assertThat(s.getSQLState()).isEqualTo("0A000");
            assertThat(s.getMessage()).contains("FIRST").doesNotContain("Exception");
          });
    }
  }

  /** Prints figures only (benchmarks are not timed tests): warm COUNT(*) latency, Q5 planning. */
  @Test
  void printsLatencyFigures() throws Exception {
    String q5 = io.shoal.tpch.TpchQueries.get(5);
    long t0 = System.nanoTime();
    explain(q5);
    double coldPlanMs = (System.nanoTime() - t0) / 1e6;
    List<Double> plan = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      explain(q5 + "\n-- " + i); // a new text each time: planned, not taken from the plan cache
      plan.add((System.nanoTime() - t) / 1e6);
    }
    List<Double> count = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long t = System.nanoTime();
      try (Statement st = federation.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isPositive();
      }
      if (i >= 10) count.add((System.nanoTime() - t) / 1e6);
    }
    plan.sort(null);
    count.sort(null);
    System.out.printf("FIGURES q5 plan cold %.0f ms, warm p50 %.0f ms; COUNT(*) warm p50 %.1f ms,"
            + " p90 %.1f ms%n", coldPlanMs, plan.get(2), count.get(count.size() / 2),
        count.get(count.size() * 9 / 10));
  }
}
