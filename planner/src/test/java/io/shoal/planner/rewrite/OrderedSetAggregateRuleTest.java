package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/** OrderedSetAggregateRule alone: percentile_cont/disc WITHIN GROUP become DuckDB's quantiles. */
class OrderedSetAggregateRuleTest {
  private static final OrderedSetAggregateRule RULE = OrderedSetAggregateRule.INSTANCE;

  /** {@code grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY amount [DESC]), count(*)}. */
  private static RelNode percentile(boolean cont, boolean desc) {
    RelBuilder b = RulePlans.builder();
    b.scan("eu", "events");
    return b.aggregate(b.groupKey("grp"),
        b.aggregateCall(cont ? SqlStdOperatorTable.PERCENTILE_CONT
                : SqlStdOperatorTable.PERCENTILE_DISC, b.literal(0.5))
            .sort(desc ? b.desc(b.field("amount")) : b.field("amount")).as("p"),
        b.count().as("n")).build();
  }

  @Test
  void percentileContBecomesQuantileCont() {
    // Arguments as DuckDB's quantile_cont(x, q) takes them: the ordered column, then the fraction.
    assertThat(plan(fire(RULE, percentile(true, false)))).isEqualTo("""
        LogicalAggregate(group=[{0}], p=[quantile_cont[coordinator: needs every value of the group]($1, $2)], n=[COUNT()])
          LogicalProject(grp=[$1], amount=[$3], $f9=[0.5E0:DOUBLE])
            SiteTableScan(table=[[eu, events]])
        """);
  }

  @Test
  void descendingOrderAndPercentileDisc() {
    assertThat(plan(fire(RULE, percentile(true, true))))
        .contains("p=[quantile_cont DESC[coordinator");
    assertThat(plan(fire(RULE, percentile(false, false)))).contains("p=[quantile_disc[coordinator");
  }

  @Test
  void otherAggregatesAreLeftAlone() {
    RelBuilder b = RulePlans.builder();
    b.scan("eu", "events");
    assertUnchanged(RULE, b.aggregate(b.groupKey("grp"), b.sum(b.field("amount")),
        b.max(b.field("score"))).build());
  }
}
