package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
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
 * coordinator over those few rows. Fires on a grouping-sets aggregate directly over a union that
 * is not already split, whose calls all roll up (no DISTINCT, FILTER or WITHIN GROUP).
 */
public final class GroupingSetsSplitRule extends RelRule<RuleConfig<GroupingSetsSplitRule>> {
  public static final GroupingSetsSplitRule INSTANCE =
      RuleConfig.<GroupingSetsSplitRule>of("ShoalGroupingSetsSplitRule",
          b -> b.operand(LogicalAggregate.class)
              .predicate(a -> a.getGroupType() != Aggregate.Group.SIMPLE && rollsUp(a))
              // A union whose branches are all plain aggregates is already split:
              // ColocatedAggregateRule pushed the bottom aggregate into the branches; splitting
              // again would add another bottom aggregate there, forever.
              .oneInput(b1 -> b1.operand(Union.class).predicate(u -> !alreadySplit(u)).anyInputs()),
          GroupingSetsSplitRule::new).toRule();

  private GroupingSetsSplitRule(RuleConfig<GroupingSetsSplitRule> config) {
    super(config);
  }

  /** Whether each call (but GROUPING and GROUP_ID) has a rollup, and no DISTINCT, FILTER or order. */
  private static boolean rollsUp(Aggregate agg) {
    for (AggregateCall c : agg.getAggCallList()) {
      if (!grouping(c) && (c.isDistinct() || c.hasFilter()
          || !c.collation.getFieldCollations().isEmpty() || c.getAggregation().getRollup() == null)) {
        return false;
      }
    }
    return true;
  }

  private static boolean grouping(AggregateCall c) {
    SqlKind k = c.getAggregation().getKind();
    return k == SqlKind.GROUPING || k == SqlKind.GROUP_ID || k == SqlKind.GROUPING_ID;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate agg = call.rel(0);
    ImmutableBitSet keys = agg.getGroupSet();
    int nKeys = keys.cardinality();
    RelBuilder b = call.builder();
    b.push(agg.getInput());
    List<RelBuilder.AggCall> bottom = new ArrayList<>();
    for (AggregateCall c : agg.getAggCallList()) {
      if (grouping(c)) {
        continue;
      }
      bottom.add(b.aggregateCall(c.getAggregation(), b.fields(c.getArgList()))
          .as(c.getName()));
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
      if (grouping(c)) {
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
