package io.shoal.planner.pushdown;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Aggregates inside one site's fragment, priced at a hundredth. Calcite estimates an aggregate
 * grouped by another aggregate's output (TPC-H Q13's count of customers per order count, per
 * site) at its input's row count when that input is a JdbcAggregate but at a tenth of it above
 * the converter, so both plans cost the same and the coordinator-side one won: every group of the
 * inner aggregate crossed the border. Running an aggregate where its input is never ships more
 * rows than running it at the coordinator.
 */
public final class SiteAggregateRule extends JdbcRules.JdbcAggregateRule {
  static SiteAggregateRule create(SiteConvention out) {
    return Config.INSTANCE
        .withConversion(Aggregate.class, Convention.NONE, out, "SiteAggregateRule:" + out.site())
        .withRuleFactory(SiteAggregateRule::new)
        .toRule(SiteAggregateRule.class);
  }

  private SiteAggregateRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    Aggregate agg = (Aggregate) rel;
    if (agg.getGroupSets().size() != 1) {
      return null;
    }
    RelTraitSet traits = agg.getTraitSet().replace(getOutTrait());
    try {
      return new SiteAggregate(rel.getCluster(), traits, convert(agg.getInput(), getOutTrait()),
          agg.getGroupSet(), agg.getGroupSets(), agg.getAggCallList());
    } catch (InvalidRelException e) {
      return null;
    }
  }

  /** A JdbcAggregate priced at a hundredth. */
  static final class SiteAggregate extends JdbcRules.JdbcAggregate {
    SiteAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
        List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) throws InvalidRelException {
      super(cluster, traits, input, groupSet, groupSets, aggCalls);
    }

    @Override
    public JdbcRules.JdbcAggregate copy(RelTraitSet traits, RelNode input, ImmutableBitSet groupSet,
        List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
      try {
        return new SiteAggregate(getCluster(), traits, input, groupSet, groupSets, aggCalls);
      } catch (InvalidRelException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      RelOptCost cost = super.computeSelfCost(planner, mq);
      return cost == null ? null : cost.multiplyBy(0.01);
    }
  }
}
