package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * GROUPING SETS / ROLLUP / CUBE over a union: first a plain aggregate by the union of all grouping
 * keys (which AggregateUnionTransposeRule then pushes to the sites), then the grouping sets at the
 * coordinator over those few rows.
 */
public final class GroupingSetsSplitRule extends RelOptRule {
  public static final GroupingSetsSplitRule INSTANCE = new GroupingSetsSplitRule();

  private GroupingSetsSplitRule() {
    super(operand(LogicalAggregate.class, any()), "ShoalGroupingSetsSplitRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate agg = call.rel(0);
    if (agg.getGroupType() == Aggregate.Group.SIMPLE
        || !(ColocatedJoinRule.strip(agg.getInput()) instanceof Union)) {
      return;
    }
    if (alreadySplit((Union) ColocatedJoinRule.strip(agg.getInput()))) {
      // ColocatedAggregateRule pushed the bottom aggregate into the branches; splitting again
      // would add another bottom aggregate there, forever.
      return;
    }
    ImmutableBitSet keys = agg.getGroupSet();
    int nKeys = keys.cardinality();
    RelBuilder b = call.builder();
    b.push(agg.getInput());
    List<RelBuilder.AggCall> bottom = new ArrayList<>();
    List<AggregateCall> needRollup = new ArrayList<>();
    for (AggregateCall c : agg.getAggCallList()) {
      SqlKind k = c.getAggregation().getKind();
      if (k == SqlKind.GROUPING || k == SqlKind.GROUP_ID || k == SqlKind.GROUPING_ID) {
        continue;
      }
      if (c.isDistinct() || c.hasFilter() || !c.collation.getFieldCollations().isEmpty()
          || c.getAggregation().getRollup() == null) {
        return;
      }
      bottom.add(b.aggregateCall(c.getAggregation(), b.fields(c.getArgList()))
          .as(c.getName()));
      needRollup.add(c);
    }
    b.aggregate(b.groupKey(keys), bottom);
    RelNode bottomRel = b.peek();
    if (bottomRel.getRowType().getFieldCount() != nKeys + bottom.size()) {
      return; // RelBuilder simplified something away; leave the plan alone
    }

    List<ImmutableBitSet> sets = new ArrayList<>();
    for (ImmutableBitSet s : agg.getGroupSets()) {
      ImmutableBitSet.Builder m = ImmutableBitSet.builder();
      for (int i : s) {
        m.set(keys.indexOf(i));
      }
      sets.add(m.build());
    }
    List<RelBuilder.AggCall> top = new ArrayList<>();
    int next = 0;
    for (AggregateCall c : agg.getAggCallList()) {
      SqlKind k = c.getAggregation().getKind();
      if (k == SqlKind.GROUPING || k == SqlKind.GROUP_ID || k == SqlKind.GROUPING_ID) {
        List<Integer> args = new ArrayList<>();
        for (int a : c.getArgList()) {
          args.add(keys.indexOf(a));
        }
        top.add(b.aggregateCall(c.getAggregation(), b.fields(args)).as(c.getName()));
      } else {
        SqlAggFunction roll = c.getAggregation().getRollup();
        top.add(b.aggregateCall(roll, b.field(nKeys + next++)).as(c.getName()));
      }
    }
    b.aggregate(b.groupKey(ImmutableBitSet.range(nKeys), sets), top);
    RelNode out = b.build();
    if (!out.getRowType().equals(agg.getRowType())) {
      out = RelOptUtil.createCastRel(out, agg.getRowType(), true);
    }
    call.transformTo(out);
  }

  private static boolean alreadySplit(Union union) {
    for (RelNode in : union.getInputs()) {
      RelNode r = ColocatedJoinRule.strip(in);
      if (!(r instanceof Aggregate) || ((Aggregate) r).getGroupType() != Aggregate.Group.SIMPLE) {
        return false;
      }
    }
    return true;
  }
}
