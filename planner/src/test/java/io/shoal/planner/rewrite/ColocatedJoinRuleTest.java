package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/** ColocatedJoinRule alone: which joins each site can do with its own rows. */
class ColocatedJoinRuleTest {
  private static final ColocatedJoinRule RULE = ColocatedJoinRule.INSTANCE;

  /** {@code left JOIN right ON left.a = right.b}, tables as {schema, table}. */
  private static RelNode join(JoinRelType type, String[] left, String a, String[] right,
      String b) {
    RelBuilder r = RulePlans.builder();
    r.scan(left).scan(right);
    return r.join(type, r.equals(r.field(2, 0, a), r.field(2, 1, b))).build();
  }

  private static String[] global(String table) {
    return new String[] {"global", table};
  }

  @Test
  void sameKeyDomainJoinsAtEachSite() {
    RelNode rel = join(JoinRelType.INNER, global("orders"), "o_custkey", global("customer"),
        "c_custkey");
    assertThat(plan(fire(RULE, rel))).isEqualTo("""
        LogicalUnion(all=[true])
          LogicalJoin(condition=[=($1, $10)], joinType=[inner])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, orders]])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, customer]])
          LogicalJoin(condition=[=($1, $10)], joinType=[inner])
            LogicalProject(..., _site='us')
              SiteTableScan(table=[[us, orders]])
            LogicalProject(..., _site='us')
              SiteTableScan(table=[[us, customer]])
          LogicalJoin(condition=[=($1, $10)], joinType=[inner])
            LogicalProject(..., _site='apac')
              SiteTableScan(table=[[apac, orders]])
            LogicalProject(..., _site='apac')
              SiteTableScan(table=[[apac, customer]])
        """);
  }

  @Test
  void replicatedSideIsReadAtEachSite() {
    RelNode rel = join(JoinRelType.INNER, global("nation"), "n_nationkey", global("customer"),
        "c_nationkey");
    // Each site reads its own copy of nation; the branch keeps _site = 'eu', the one site the
    // global view of a replicated table reads.
    assertThat(plan(fire(RULE, rel))).isEqualTo("""
        LogicalUnion(all=[true])
          LogicalJoin(condition=[=($0, $8)], joinType=[inner])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, nation]])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, customer]])
          LogicalJoin(condition=[=($0, $8)], joinType=[inner])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[us, nation]])
            LogicalProject(..., _site='us')
              SiteTableScan(table=[[us, customer]])
          LogicalJoin(condition=[=($0, $8)], joinType=[inner])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[apac, nation]])
            LogicalProject(..., _site='apac')
              SiteTableScan(table=[[apac, customer]])
        """);
    // On the right of a left join too.
    assertThat(plan(fire(RULE, join(JoinRelType.LEFT, global("customer"), "c_nationkey",
        global("nation"), "n_nationkey")))).startsWith("LogicalUnion(all=[true])\n"
        + "  LogicalJoin(condition=[=($3, $9)], joinType=[left])\n");
  }

  @Test
  void sitesMissingOnOneSideOfAnInnerJoinJoinNothing() {
    // Only us has rows of us.orders: one join there, no union.
    RelNode rel = join(JoinRelType.INNER, global("customer"), "c_custkey",
        new String[] {"us", "orders"}, "o_custkey");
    assertThat(plan(fire(RULE, rel))).isEqualTo("""
        LogicalJoin(condition=[=($0, $10)], joinType=[inner])
          LogicalProject(..., _site='us')
            SiteTableScan(table=[[us, customer]])
          SiteTableScan(table=[[us, orders]])
        """);
  }

  @Test
  void keysOfDifferentDomainsAreNotColocated() {
    assertUnchanged(RULE, join(JoinRelType.INNER, global("orders"), "o_orderkey",
        global("customer"), "c_custkey"));
  }

  @Test
  void columnsWithoutAKeyDomainAreNotColocated() {
    assertUnchanged(RULE, join(JoinRelType.INNER, global("orders"), "o_totalprice",
        global("customer"), "c_acctbal"));
  }

  @Test
  void unmatchedRowsOfTheReplicatedSideWouldRepeatPerSite() {
    assertUnchanged(RULE, join(JoinRelType.RIGHT, global("customer"), "c_nationkey",
        global("nation"), "n_nationkey"));
    assertUnchanged(RULE, join(JoinRelType.LEFT, global("nation"), "n_nationkey",
        global("customer"), "c_nationkey"));
  }

  @Test
  void anOuterJoinNeedsTheKeptSidesSitesOnTheOtherSide() {
    // A customer at eu has no us.orders row to match: LEFT JOIN must keep it, which only the
    // coordinator sees.
    assertUnchanged(RULE, join(JoinRelType.LEFT, global("customer"), "c_custkey",
        new String[] {"us", "orders"}, "o_custkey"));
  }

  @Test
  void replicatedTablesOnBothSidesStayAtOneSite() {
    assertUnchanged(RULE, join(JoinRelType.INNER, global("nation"), "n_regionkey",
        global("region"), "r_regionkey"));
  }

  @Test
  void aSideThatMixesSitesIsNotColocated() {
    // An aggregate over the union of all sites' orders: its rows belong to no one site.
    RelBuilder r = RulePlans.builder();
    r.scan("global", "customer");
    r.scan("global", "orders").aggregate(r.groupKey("o_custkey"), r.count());
    RelNode rel = r.join(JoinRelType.INNER,
        r.equals(r.field(2, 0, "c_custkey"), r.field(2, 1, "o_custkey"))).build();
    assertUnchanged(RULE, rel);
  }
}
