package io.shoal.planner.rewrite;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * Rewrites SEARCH/Sarg in join conditions to plain comparisons: JdbcJoinRule refuses SEARCH, which
 * kept a co-located join (TPC-H Q19) at the coordinator as a nested-loop join. Fires on a join
 * whose condition holds a SEARCH.
 */
public final class ExpandJoinSearchRule extends RelRule<RuleConfig<ExpandJoinSearchRule>> {
  public static final ExpandJoinSearchRule INSTANCE =
      RuleConfig.<ExpandJoinSearchRule>of("ShoalExpandJoinSearchRule",
          b -> b.operand(LogicalJoin.class)
              .predicate(j -> containsSearch(j.getCondition()))
              .anyInputs(),
          ExpandJoinSearchRule::new).toRule();

  private ExpandJoinSearchRule(RuleConfig<ExpandJoinSearchRule> config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalJoin join = call.rel(0);
    RexNode expanded =
        RexUtil.expandSearch(join.getCluster().getRexBuilder(), null, join.getCondition());
    call.transformTo(join.copy(join.getTraitSet(), expanded, join.getLeft(), join.getRight(),
        join.getJoinType(), join.isSemiJoinDone()));
  }

  private static boolean containsSearch(RexNode node) {
    if (node.getKind() == SqlKind.SEARCH) {
      return true;
    }
    if (node instanceof RexCall) {
      for (RexNode op : ((RexCall) node).getOperands()) {
        if (containsSearch(op)) {
          return true;
        }
      }
    }
    return false;
  }
}
