package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

/** ColocatedAggregateRule alone: which aggregates are complete at each site. */
class ColocatedAggregateRuleTest {
  private static final ColocatedAggregateRule RULE = ColocatedAggregateRule.INSTANCE;

  @Test
  void groupByAKeyDomainColumnAggregatesAtEachSite() {
    RelBuilder b = RulePlans.builder();
    RelNode rel = b.scan("global", "orders")
        .aggregate(b.groupKey("o_custkey"), b.count(), b.sum(b.field("o_totalprice"))).build();
    assertThat(plan(fire(RULE, rel))).isEqualTo("""
        LogicalUnion(all=[true])
          LogicalAggregate(group=[{1}], agg#0=[COUNT()], agg#1=[SUM($3)])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, orders]])
          LogicalAggregate(group=[{1}], agg#0=[COUNT()], agg#1=[SUM($3)])
            LogicalProject(..., _site='us')
              SiteTableScan(table=[[us, orders]])
          LogicalAggregate(group=[{1}], agg#0=[COUNT()], agg#1=[SUM($3)])
            LogicalProject(..., _site='apac')
              SiteTableScan(table=[[apac, orders]])
        """);
  }

  @Test
  void groupByAColumnWithoutKeyDomainNeedsAllSites() {
    RelBuilder b = RulePlans.builder();
    assertUnchanged(RULE, b.scan("global", "orders")
        .aggregate(b.groupKey("o_orderstatus"), b.count()).build());
  }

  @Test
  void aGlobalAggregateNeedsAllSites() {
    RelBuilder b = RulePlans.builder();
    assertUnchanged(RULE, b.scan("global", "orders").aggregate(b.groupKey(), b.count()).build());
  }

  @Test
  void groupingSetsAreNotPushedWhole() {
    RelBuilder b = RulePlans.builder();
    b.scan("global", "orders");
    ImmutableBitSet custkey = ImmutableBitSet.of(1);
    assertUnchanged(RULE, b.aggregate(
        b.groupKey(custkey, List.of(custkey, ImmutableBitSet.of())), b.count()).build());
  }

  @Test
  void aReplicatedTableIsNotAUnion() {
    RelBuilder b = RulePlans.builder();
    assertUnchanged(RULE, b.scan("global", "nation")
        .aggregate(b.groupKey("n_nationkey"), b.count()).build());
  }

  @Test
  void aPlanWithExpandedDistinctAggregatesKeepsTheSplit() {
    // A filtered call is what AGGREGATE_EXPAND_DISTINCT_AGGREGATES leaves; pushing the inner
    // aggregate of such a plan into the branches looped with GroupingSetsSplitRule.
    assertUnchanged(RULE, countPerCustomer(true));
    assertThat(plan(fire(RULE, countPerCustomer(false)))).startsWith("LogicalUnion(all=[true])");
  }

  /** COUNT per o_custkey right over the union of the sites' (o_custkey, o_orderstatus = 'F'). */
  private static RelNode countPerCustomer(boolean filtered) {
    RelBuilder b = RulePlans.builder();
    for (String site : List.of("eu", "us", "apac")) {
      b.scan(site, "orders");
      b.project(b.field("o_custkey"), b.alias(b.call(SqlStdOperatorTable.IS_TRUE,
          b.equals(b.field("o_orderstatus"), b.literal("F"))), "f"));
    }
    b.union(true, 3);
    return b.aggregate(b.groupKey("o_custkey"),
        filtered ? b.count().filter(b.field("f")) : b.count()).build();
  }
}
