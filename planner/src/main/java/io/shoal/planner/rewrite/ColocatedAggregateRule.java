package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Complete aggregates at each site: {@code Aggregate(Union_i X_i)} becomes
 * {@code Union_i Aggregate(X_i)} when some GROUP BY column has a key domain (all rows of a group
 * live at one site, e.g. {@code GROUP BY l_orderkey}). No partial/final split is needed, HAVING
 * then moves into the branches too, and a join of the result on the same key stays co-located
 * (TPC-H Q18's IN sub-query, Q4's and Q21's EXISTS after decorrelation).
 *
 * <p>Fires on a plain GROUP BY directly over a UNION ALL of partitioned branches of different
 * sites (the operands) when a group key has a key domain and the plan holds no expanded
 * aggregates ({@link #matches}).
 */
public final class ColocatedAggregateRule extends RelRule<RuleConfig<ColocatedAggregateRule>> {
  public static final ColocatedAggregateRule INSTANCE =
      RuleConfig.<ColocatedAggregateRule>of("ShoalColocatedAggregateRule",
          b -> b.operand(LogicalAggregate.class)
              .predicate(a -> a.getGroupType() == Aggregate.Group.SIMPLE && a.getGroupCount() > 0)
              .oneInput(b1 -> b1.operand(LogicalUnion.class)
                  .predicate(ColocatedAggregateRule::partitionedBySite)
                  .anyInputs()),
          ColocatedAggregateRule::new).toRule();

  private ColocatedAggregateRule(RuleConfig<ColocatedAggregateRule> config) {
    super(config);
  }

  /** A UNION ALL of more than one site's branches, not all replicated. */
  private static boolean partitionedBySite(LogicalUnion union) {
    ColocatedJoinRule.Side side = union.all ? ColocatedJoinRule.side(union) : null;
    return side != null && !side.replicated && side.branches.size() > 1;
  }

  /** When a group key has a key domain, and no aggregate of the plan is expanded. */
  @Override
  public boolean matches(RelOptRuleCall call) {
    return groupsAtOneSite(call.rel(0), call.rel(1), call.getMetadataQuery())
        && !hasExpandedAggregates(call.getPlanner().getRoot());
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate agg = call.rel(0);
    List<RelNode> branches = new ArrayList<>();
    for (RelNode b : ColocatedJoinRule.side(call.rel(1)).branches.values()) {
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
      for (AggregateCall c : a.getAggCallList()) {
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
