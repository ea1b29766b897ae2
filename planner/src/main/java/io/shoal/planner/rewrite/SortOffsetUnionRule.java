package io.shoal.planner.rewrite;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * A LIMIT with an OFFSET over the sites' union gives every branch a LIMIT of offset + fetch rows
 * (in the sort's order, if any): the rows the coordinator skips and returns are among the first
 * offset + fetch of some branch. Calcite's SortUnionTransposeRule leaves a sort with an offset
 * alone, so {@code LIMIT 1000 OFFSET 200000} made every site send all its rows. Fires on a sort
 * with literal offset and fetch over a UNION ALL with a branch that may return more rows than
 * that (by its maximum row count: a branch limited already, even under a projection, is not
 * limited again, so the rule cannot fire for ever).
 */
public final class SortOffsetUnionRule extends RelRule<RuleConfig<SortOffsetUnionRule>> {
  public static final SortOffsetUnionRule INSTANCE =
      RuleConfig.<SortOffsetUnionRule>of("ShoalSortOffsetUnionRule",
          b -> b.operand(LogicalSort.class)
              .predicate(s -> s.offset != null && rows(s.offset) != null && rows(s.fetch) != null)
              .oneInput(u -> u.operand(LogicalUnion.class)
                  .predicate(union -> union.all)
                  .anyInputs()),
          SortOffsetUnionRule::new).toRule();

  private SortOffsetUnionRule(RuleConfig<SortOffsetUnionRule> config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Sort sort = call.rel(0);
    LogicalUnion union = call.rel(1);
    long needed = Math.addExact(rows(sort.offset), rows(sort.fetch));
    RexNode limit = sort.getCluster().getRexBuilder().makeExactLiteral(BigDecimal.valueOf(needed));
    List<RelNode> branches = new ArrayList<>();
    boolean changed = false;
    RelMetadataQuery mq = call.getMetadataQuery();
    for (RelNode in : union.getInputs()) {
      Double most = mq.getMaxRowCount(in);
      // A branch that cannot return more than that many rows is read whole, in whatever order.
      if (most != null && most <= needed) {
        branches.add(in);
      } else {
        branches.add(LogicalSort.create(in, sort.getCollation(), null, limit));
        changed = true;
      }
    }
    if (changed) {
      call.transformTo(sort.copy(sort.getTraitSet(), List.of(union.copy(union.getTraitSet(), branches))));
    }
  }

  private static Long rows(RexNode n) {
    return n instanceof RexLiteral l ? l.getValueAs(Long.class) : null;
  }
}
