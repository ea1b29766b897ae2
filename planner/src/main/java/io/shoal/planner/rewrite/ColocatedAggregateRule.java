package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Complete aggregates at each site: {@code Aggregate(Union_i X_i)} becomes
 * {@code Union_i Aggregate(X_i)} when some GROUP BY column has a key domain (all rows of a group
 * live at one site, e.g. {@code GROUP BY l_orderkey}). No partial/final split is needed, HAVING
 * then moves into the branches too, and a join of the result on the same key stays co-located
 * (TPC-H Q18's IN sub-query, Q4's and Q21's EXISTS after decorrelation).
 */
public final class ColocatedAggregateRule extends RelOptRule {
  public static final ColocatedAggregateRule INSTANCE = new ColocatedAggregateRule();

  private ColocatedAggregateRule() {
    super(operand(LogicalAggregate.class, operand(LogicalUnion.class, any())),
        "ShoalColocatedAggregateRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate agg = call.rel(0);
    LogicalUnion union = call.rel(1);
    if (!union.all || agg.getGroupType() != Aggregate.Group.SIMPLE || agg.getGroupCount() == 0) {
      return;
    }
    ColocatedJoinRule.Side side = ColocatedJoinRule.side(union);
    if (side == null || side.replicated || side.branches.size() <= 1) {
      return;
    }
    if (!groupsAtOneSite(agg, union, call.getMetadataQuery())
        || hasExpandedAggregates(call.getPlanner().getRoot())) {
      return;
    }
    List<RelNode> branches = new ArrayList<>();
    for (RelNode b : side.branches.values()) {
      branches.add(agg.copy(agg.getTraitSet(), List.of(b)));
    }
    call.transformTo(LogicalUnion.create(branches, true));
  }

  /** Whether a GROUP BY column is a key-domain column in every branch. */
  private static boolean groupsAtOneSite(Aggregate agg, RelNode union, RelMetadataQuery mq) {
    for (int key : agg.getGroupSet()) {
      if (ColocatedJoinRule.domain(mq, union, key) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the plan holds grouping sets or filtered aggregate calls (what DISTINCT aggregates
   * expand into). Pushing the expansion's inner aggregate into the branches looped with
   * GroupingSetsSplitRule and AggregateUnionTransposeRule (a stack overflow on
   * {@code count(DISTINCT l_orderkey), count(*) GROUP BY l_shipmode}); such plans keep the
   * partial/final split.
   */
  private static boolean hasExpandedAggregates(RelNode rel) {
    rel = ColocatedJoinRule.strip(rel);
    if (rel instanceof Aggregate) {
      Aggregate a = (Aggregate) rel;
      if (a.getGroupType() != Aggregate.Group.SIMPLE) {
        return true;
      }
      for (org.apache.calcite.rel.core.AggregateCall c : a.getAggCallList()) {
        if (c.hasFilter()) {
          return true;
        }
      }
    }
    for (RelNode in : rel.getInputs()) {
      if (hasExpandedAggregates(in)) {
        return true;
      }
    }
    return false;
  }
}
