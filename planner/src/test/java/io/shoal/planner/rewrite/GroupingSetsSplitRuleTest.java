package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

/** GroupingSetsSplitRule alone: grouping sets over a union become sets over a plain GROUP BY. */
class GroupingSetsSplitRuleTest {
  private static final GroupingSetsSplitRule RULE = GroupingSetsSplitRule.INSTANCE;
  private static final int STATUS = 2;
  private static final int PRIORITY = 5;

  /** ROLLUP (o_orderstatus, o_orderpriority) over {@code orders} of the given schema. */
  private static RelNode rollup(String schema, boolean distinct) {
    RelBuilder b = RulePlans.builder();
    b.scan(schema, "orders");
    ImmutableBitSet both = ImmutableBitSet.of(STATUS, PRIORITY);
    return b.aggregate(
        b.groupKey(both, List.of(both, ImmutableBitSet.of(STATUS), ImmutableBitSet.of())),
        b.count(), b.sum(distinct, "s", b.field("o_totalprice"))).build();
  }

  @Test
  void theSitesGroupByAllKeysAndTheCoordinatorMakesTheSets() {
    assertThat(plan(fire(RULE, rollup("global", false)))).isEqualTo("""
        LogicalAggregate(group=[{0, 1}], groups=[[{0, 1}, {0}, {}]], agg#0=[$SUM0($2)], s=[SUM($3)])
          LogicalAggregate(group=[{2, 5}], agg#0=[COUNT()], s=[SUM($3)])
            LogicalUnion(all=[true])
              LogicalProject(..., _site='eu')
                SiteTableScan(table=[[eu, orders]])
              LogicalProject(..., _site='us')
                SiteTableScan(table=[[us, orders]])
              LogicalProject(..., _site='apac')
                SiteTableScan(table=[[apac, orders]])
        """);
  }

  @Test
  void aDistinctCallHasNoRollup() {
    assertUnchanged(RULE, rollup("global", true));
  }

  @Test
  void oneSitesTableIsNotAUnion() {
    assertUnchanged(RULE, rollup("us", false));
  }

  @Test
  void aPlainGroupByIsNotGroupingSets() {
    RelBuilder b = RulePlans.builder();
    assertUnchanged(RULE, b.scan("global", "orders")
        .aggregate(b.groupKey("o_orderstatus"), b.count()).build());
  }

  @Test
  void aUnionOfThePlainAggregatesIsAlreadySplit() {
    // What ColocatedAggregateRule makes of the bottom aggregate: splitting again would loop.
    RelBuilder b = RulePlans.builder();
    for (String site : List.of("eu", "us", "apac")) {
      b.scan(site, "orders").aggregate(b.groupKey("o_custkey", "o_orderstatus"), b.count());
    }
    b.union(true, 3);
    ImmutableBitSet both = ImmutableBitSet.of(0, 1);
    RelNode rel = b.aggregate(b.groupKey(both, List.of(both, ImmutableBitSet.of())),
        b.sum(b.field(2))).build();
    assertUnchanged(RULE, rel);
  }
}
