package io.shoal.planner.plans;

import static io.shoal.planner.plans.FullyPushedDown.assertFullyPushedDown;
import static io.shoal.planner.plans.FullyPushedDown.assertNotFullyPushedDown;
import static io.shoal.planner.plans.FullyPushedDown.isFullyPushedDown;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which queries the coordinator only gathers, over the fixture's sites (see FullyPushedDown). */
class FullyPushedDownTest {
  private static Connection conn;

  @BeforeAll
  static void open() throws SQLException {
    conn = PlanFixture.connect();
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // filter and project on one partitioned table: one fragment per site, concatenated
      "SELECT o_orderkey, o_totalprice FROM orders WHERE o_totalprice > 400000",
      // a co-located join (customer key domain)
      "SELECT c_name, o_totalprice FROM orders JOIN customer ON o_custkey = c_custkey",
      // grouped by a key-domain column: each group is complete at its site
      "SELECT o_custkey, count(*) FROM orders GROUP BY o_custkey",
      // pruned to one site: the whole aggregate runs there
      "SELECT count(*), sum(o_totalprice) FROM orders WHERE _site = 'eu'",
      "SELECT o_orderkey FROM orders WHERE _site = 'eu' AND o_totalprice > 10",
      // a replicated table is read (and sorted) at one site
      "SELECT n_name FROM nation ORDER BY n_name",
      // one site's schema
      "SELECT count(*) FROM us.orders",
  })
  void fullyPushed(String sql) throws SQLException {
    assertFullyPushedDown(sql, PlanFixture.explain(conn, sql));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // a global aggregate is re-aggregated over the sites' partials
      "SELECT count(*) FROM orders",
      "SELECT avg(o_totalprice) FROM orders",
      // DISTINCT across sites
      "SELECT DISTINCT o_orderstatus FROM orders",
      // top-N: each site's top 10, merged
      "SELECT o_orderkey FROM orders ORDER BY o_totalprice DESC LIMIT 10",
      // keys of different domains: the join is at the coordinator
      "SELECT o_orderkey FROM orders JOIN customer ON o_orderkey = c_custkey",
      // a window sees every site's rows
      "SELECT o_orderkey, row_number() OVER (ORDER BY o_orderkey) FROM orders",
  })
  void notFullyPushed(String sql) throws SQLException {
    assertNotFullyPushedDown(sql, PlanFixture.explain(conn, sql));
  }

  @Test
  void aCalcAboveTheUnionIsWorkAtTheCoordinator() {
    String converter = "SiteToEnumerableConverter(site=[eu], sql=[SELECT 1])\n"
        + "  JdbcProject(EXPR$0=[1])\n";
    assertThat(isFullyPushedDown(converter)).isTrue();
    assertThat(isFullyPushedDown("EnumerableUnion(all=[true])\n"
        + indent(converter) + indent(converter.replace("eu", "us")))).isTrue();
    // even a rename: the definition is "nothing but the gather"
    assertThat(isFullyPushedDown("EnumerableCalc(expr#0=[{inputs}], x=[$t0])\n"
        + indent(converter))).isFalse();
    assertThat(isFullyPushedDown("EnumerableUnion(all=[false])\n" + indent(converter))).isFalse();
    assertThat(isFullyPushedDown("EnumerableUnion(all=[true])\n" + indent(converter)
        + "  EnumerableValues(tuples=[[]])\n")).isFalse();
  }

  private static String indent(String lines) {
    return lines.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
  }
}
