package io.shoal.planner.rewrite;

import io.shoal.planner.functions.DuckDbAggregates;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code percentile_cont(q) WITHIN GROUP (ORDER BY x [DESC])} and {@code percentile_disc} become
 * DuckDB's {@code quantile_cont(x, q)} / {@code quantile_disc(x, q)} (issue 16: "cannot plan this
 * query", Calcite has no implementation of either), computed at the coordinator as DuckDB does.
 * DuckDB types the result as it types quantile_cont (a DECIMAL stays a DECIMAL); where Calcite
 * typed it otherwise (DOUBLE) the value is cast to Calcite's type. Fires on an aggregate with such
 * a call over one ORDER BY column.
 */
public final class OrderedSetAggregateRule extends RelRule<RuleConfig<OrderedSetAggregateRule>> {
  public static final OrderedSetAggregateRule INSTANCE =
      RuleConfig.<OrderedSetAggregateRule>of("ShoalOrderedSetAggregateRule",
          b -> b.operand(Aggregate.class)
              .predicate(a -> a.getAggCallList().stream()
                  .anyMatch(OrderedSetAggregateRule::isOrderedSet))
              .anyInputs(),
          OrderedSetAggregateRule::new).toRule();

  private OrderedSetAggregateRule(RuleConfig<OrderedSetAggregateRule> config) {
    super(config);
  }

  static boolean isOrderedSet(AggregateCall c) {
    return (c.getAggregation().getKind() == SqlKind.PERCENTILE_CONT
        || c.getAggregation().getKind() == SqlKind.PERCENTILE_DISC)
        && c.getCollation().getFieldCollations().size() == 1 && c.getArgList().size() == 1;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate agg = call.rel(0);
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : agg.getAggCallList()) {
      if (!isOrderedSet(c)) {
        calls.add(c);
        continue;
      }
      RelFieldCollation order = c.getCollation().getFieldCollations().get(0);
      boolean desc = order.direction.isDescending();
      boolean cont = c.getAggregation().getKind() == SqlKind.PERCENTILE_CONT;
      SqlAggFunction fn = cont
          ? (desc ? DuckDbAggregates.QUANTILE_CONT_DESC : DuckDbAggregates.QUANTILE_CONT)
          : (desc ? DuckDbAggregates.QUANTILE_DISC_DESC : DuckDbAggregates.QUANTILE_DISC);
      calls.add(AggregateCall.create(fn, false, false, false, List.of(),
          List.of(order.getFieldIndex(), c.getArgList().get(0)), c.filterArg, null,
          RelCollations.EMPTY, agg.getGroupCount(), agg.getInput(), null, c.getName()));
    }
    RelNode rewritten = agg.copy(agg.getTraitSet(), agg.getInput(), agg.getGroupSet(),
        agg.getGroupSets(), calls);
    call.transformTo(RelOptUtil.createCastRel(rewritten, agg.getRowType(), false));
  }
}
