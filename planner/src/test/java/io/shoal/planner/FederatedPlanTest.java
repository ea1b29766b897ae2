package io.shoal.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plan-only: what each site is asked and what the coordinator does, with no site running. */
class FederatedPlanTest {
  private static Connection conn;

  @BeforeAll
  static void open() throws Exception {
    conn = Fixtures.connect();
  }

  @AfterAll
  static void close() throws Exception {
    conn.close();
  }

  /** site -> fragment SQL, in plan order. */
  private static List<String[]> fragments(String plan) {
    Matcher m = Pattern.compile("SiteToEnumerableConverter\\(site=\\[(\\w+)], sql=\\[(.*?)]\\)\\n?")
        .matcher(plan);
    List<String[]> out = new ArrayList<>();
    while (m.find()) {
      out.add(new String[] {m.group(1), m.group(2)});
    }
    return out;
  }

  private static List<String> sites(List<String[]> fragments) {
    List<String> out = new ArrayList<>();
    for (String[] f : fragments) {
      out.add(f[0]);
    }
    return out;
  }

  @Test
  void groupByIsPushedAndCountsAreSummed() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderstatus, count(*) from orders group by o_orderstatus");
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("COUNT(*)").contains("GROUP BY \"o_orderstatus\"")
          .contains("FROM \"orders\"");
    }
    assertThat(plan).startsWith("EnumerableAggregate(group=[{0}], EXPR$1=[$SUM0($1)])");
  }

  @Test
  void siteFilterPrunesOtherSites() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderkey from orders where _site = 'eu' and o_totalprice > 10");
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu");
    assertThat(frags.get(0)[1]).contains("WHERE \"o_totalprice\" > 10");
    assertThat(plan).doesNotContain("Union");
  }

  @Test
  void siteFilterInListKeepsTwoSites() throws Exception {
    String plan = Fixtures.explain(conn,
        "select count(*) from orders where _site in ('us', 'apac')");
    assertThat(sites(fragments(plan))).containsExactly("us", "apac");
  }

  @Test
  void topNRunsAtEverySiteAndMergesAtCoordinator() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderkey, o_totalprice from orders order by o_totalprice desc limit 10");
    List<String[]> frags = fragments(plan);
    assertThat(frags).hasSize(3);
    for (String[] f : frags) {
      assertThat(f[1]).contains("ORDER BY \"o_totalprice\" DESC").contains("FETCH NEXT 10 ROWS ONLY");
    }
    assertThat(plan).startsWith("EnumerableLimit(fetch=[10])");
  }

  @Test
  void coLocatedJoinRunsAsOneJoinPerSite() throws Exception {
    String plan = Fixtures.explain(conn,
        "select c_name, o_totalprice from orders join customer on o_custkey = c_custkey");
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("INNER JOIN").contains("\"orders\"").contains("\"customer\"");
    }
    assertThat(plan).doesNotContain("EnumerableHashJoin").doesNotContain("EnumerableMergeJoin");
  }

  @Test
  void joinOnDifferentDomainsJoinsAtCoordinator() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderkey from orders join customer on o_orderkey = c_custkey");
    assertThat(plan).containsAnyOf("EnumerableHashJoin", "EnumerableMergeJoin",
        "EnumerableNestedLoopJoin");
    for (String[] f : fragments(plan)) {
      assertThat(f[1]).doesNotContain("JOIN");
    }
  }

  @Test
  void replicatedDimensionIsJoinedAtEachSite() throws Exception {
    String plan = Fixtures.explain(conn,
        "select n_name, count(*) from customer join nation on c_nationkey = n_nationkey"
            + " group by n_name");
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("eu", "us", "apac");
    for (String[] f : frags) {
      assertThat(f[1]).contains("\"nation\"").contains("JOIN").contains("GROUP BY");
    }
  }

  @Test
  void replicatedTableIsReadFromOneSite() throws Exception {
    String plan = Fixtures.explain(conn, "select * from nation");
    assertThat(sites(fragments(plan))).containsExactly("eu");
  }

  @Test
  void avgBecomesSumOverCount() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderstatus, avg(o_totalprice) from orders group by o_orderstatus");
    for (String[] f : fragments(plan)) {
      assertThat(f[1]).contains("SUM(\"o_totalprice\")").contains("COUNT(*)")
          .doesNotContain("AVG");
    }
    assertThat(plan).contains("/(");
  }

  @Test
  void countDistinctGroupsDistinctKeysAtSites() throws Exception {
    String plan = Fixtures.explain(conn, "select count(distinct o_custkey) from orders");
    List<String[]> frags = fragments(plan);
    assertThat(frags).hasSize(3);
    for (String[] f : frags) {
      assertThat(f[1]).contains("GROUP BY \"o_custkey\"").doesNotContain("DISTINCT");
    }
  }

  @Test
  void rollupAggregatesAtSitesByAllKeys() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderstatus, o_shippriority, sum(o_totalprice) from orders"
            + " group by rollup(o_orderstatus, o_shippriority)");
    for (String[] f : fragments(plan)) {
      assertThat(f[1]).contains("GROUP BY \"o_orderstatus\", \"o_shippriority\"")
          .doesNotContain("ROLLUP").doesNotContain("GROUPING SETS");
    }
    assertThat(plan).contains("groups=[[{0, 1}, {0}, {}]]");
  }

  @Test
  void siteSchemaQueriesOneSite() throws Exception {
    String plan = Fixtures.explain(conn, "select count(*) from US.ORDERS where O_TOTALPRICE > 5");
    List<String[]> frags = fragments(plan);
    assertThat(sites(frags)).containsExactly("us");
    assertThat(frags.get(0)[1]).contains("COUNT(*)").contains("WHERE");
  }

  @Test
  void globalQualifierNeedsNoQuotes() throws Exception {
    String plan = Fixtures.explain(conn,
        "select global.orders.o_orderkey, Global.orders._site from GLOBAL.orders"
            + " where global.orders.o_totalprice > 5");
    assertThat(sites(fragments(plan))).containsExactly("eu", "us", "apac");
  }

  @Test
  void globalIsStillAnIdentifierElsewhere() throws Exception {
    String plan = Fixtures.explain(conn, "select 1 as global from nation global");
    assertThat(sites(fragments(plan))).containsExactly("eu");
  }

  @Test
  void dateplusIntervalIsTimestampAsInDuckDb() throws Exception {
    String sql = "select o_orderdate + interval '30' day as due, o_orderdate - interval '1' month"
        + " from orders";
    String plan = Fixtures.explain(conn, sql);
    System.out.println(plan);
    try (java.sql.PreparedStatement ps = conn.prepareStatement(sql)) {
      assertThat(ps.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.TIMESTAMP);
      assertThat(ps.getMetaData().getColumnType(2)).isEqualTo(java.sql.Types.TIMESTAMP);
    }
    for (String[] f : fragments(plan)) {
      assertThat(f[1]).contains("CAST(\"o_orderdate\" AS TIMESTAMP");
    }
  }

  @Test
  void samePlanIsPreparedOnce() throws Exception {
    String sql = "select count(*) from orders where o_totalprice > 7";
    Fixtures.explain(conn, sql);
    long hits = io.shoal.planner.prepare.PlanCache.hits();
    for (int i = 0; i < 20; i++) {
      Fixtures.explain(conn, sql);
    }
    assertThat(io.shoal.planner.prepare.PlanCache.hits() - hits).isGreaterThanOrEqualTo(20);
  }
}
