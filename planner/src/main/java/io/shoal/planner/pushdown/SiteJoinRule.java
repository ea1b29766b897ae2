package io.shoal.planner.pushdown;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Joins inside one site's fragment. Calcite's JdbcJoinRule accepts only comparisons between two
 * columns in the condition, so {@code p_brand = 'Brand#12'} or a SEARCH (IN list, range) in an ON
 * clause kept a co-located join (TPC-H Q19) at the coordinator as a nested-loop join over all
 * rows. DuckDB runs any deterministic condition, and RelToSqlConverter expands SEARCH; semi- and
 * anti-joins become EXISTS / NOT EXISTS.
 */
public final class SiteJoinRule extends JdbcRules.JdbcJoinRule {
  static SiteJoinRule create(SiteConvention out) {
    return Config.INSTANCE
        .withConversion(Join.class, Convention.NONE, out, "SiteJoinRule:" + out.site())
        .withRuleFactory(SiteJoinRule::new)
        .toRule(SiteJoinRule.class);
  }

  private SiteJoinRule(Config config) {
    super(config);
  }

  @Override
  public boolean matches(RelOptRuleCall call) {
    Join join = call.rel(0);
    return getOutConvention() instanceof SiteConvention && pushable(join.getCondition());
  }

  @Override
  public RelNode convert(RelNode rel) {
    return convert((Join) rel, true);
  }

  @Override
  public RelNode convert(Join join, boolean convertInputTraits) {
    if (!pushable(join.getCondition())) {
      return null;
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode in : join.getInputs()) {
      if (convertInputTraits && in.getConvention() != getOutTrait()) {
        in = convert(in, in.getTraitSet().replace(getOutTrait()));
      }
      inputs.add(in);
    }
    try {
      return new SiteJoin(join.getCluster(), join.getTraitSet().replace(getOutTrait()),
          inputs.get(0), inputs.get(1), join.getCondition(), join.getVariablesSet(),
          join.getJoinType());
    } catch (InvalidRelException e) {
      return null;
    }
  }

  /** Deterministic, no sub-query, no correlation, no function only the coordinator knows. */
  static boolean pushable(RexNode condition) {
    if (!RexUtil.isDeterministic(condition) || RexUtil.containsCorrelation(condition)) {
      return false;
    }
    boolean[] ok = {true};
    condition.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (call.getOperator() instanceof SqlUserDefinedFunction) {
          ok[0] = false;
        }
        return super.visitCall(call);
      }

      @Override
      public Void visitSubQuery(org.apache.calcite.rex.RexSubQuery subQuery) {
        ok[0] = false;
        return null;
      }
    });
    return ok[0];
  }

  /**
   * A join inside one site. Calcite prices it like any join, which with its cross-product row
   * estimates can make pulling both inputs into a coordinator-side merge join look cheaper; but
   * work inside DuckDB next to the data is what Shoal wants, and its result is what crosses the
   * border, so the join itself is priced at a tenth.
   */
  static final class SiteJoin extends JdbcRules.JdbcJoin {
    SiteJoin(org.apache.calcite.plan.RelOptCluster cluster, org.apache.calcite.plan.RelTraitSet traits,
        RelNode left, RelNode right, RexNode condition,
        java.util.Set<org.apache.calcite.rel.core.CorrelationId> variablesSet,
        org.apache.calcite.rel.core.JoinRelType joinType) throws InvalidRelException {
      super(cluster, traits, left, right, condition, variablesSet, joinType);
    }

    @Override
    public JdbcRules.JdbcJoin copy(org.apache.calcite.plan.RelTraitSet traitSet, RexNode condition,
        RelNode left, RelNode right, org.apache.calcite.rel.core.JoinRelType joinType,
        boolean semiJoinDone) {
      try {
        return new SiteJoin(getCluster(), traitSet, left, right, condition, variablesSet, joinType);
      } catch (InvalidRelException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public org.apache.calcite.plan.RelOptCost computeSelfCost(
        org.apache.calcite.plan.RelOptPlanner planner, org.apache.calcite.rel.metadata.RelMetadataQuery mq) {
      org.apache.calcite.plan.RelOptCost cost = super.computeSelfCost(planner, mq);
      return cost == null ? null : cost.multiplyBy(0.1);
    }
  }
}
