package io.shoal.planner.rewrite;

import java.util.EnumSet;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * The optimizer program: Calcite's standard one (sub-queries, decorrelation, Volcano with the
 * sites' JdbcRules, calc) preceded by heuristic federation rewrites that move work into the
 * branches of the global tables' unions, where the Volcano phase can push it into fragments.
 */
public final class FederationPrograms {
  private FederationPrograms() {}

  /** AVG and the variance family become SUM/COUNT/SUM of squares; SUM itself stays SUM. */
  static final RelOptRule REDUCE_AGGREGATES = AggregateReduceFunctionsRule.Config.DEFAULT
      .withFunctionsToReduce(EnumSet.of(SqlKind.AVG, SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP,
          SqlKind.VAR_POP, SqlKind.VAR_SAMP))
      .toRule();

  /**
   * Projections into union branches, except those computing window functions: a window over a
   * global table sees the rows of all sites, so it must stay above the union (Calcite's rule pushed
   * {@code row_number() OVER (PARTITION BY o_orderstatus ...)} into each branch: wrong numbers).
   */
  static final RelOptRule PROJECT_INTO_BRANCHES = CoreRules.PROJECT_SET_OP_TRANSPOSE.config
      .withOperandSupplier(b0 -> b0.operand(LogicalProject.class)
          .predicate(p -> !p.containsOver())
          .oneInput(b1 -> b1.operand(SetOp.class).anyInputs()))
      .toRule();

  /** Filters and projections into union branches; prune branches that became empty. */
  static final List<RelOptRule> PUSH_INTO_BRANCHES = List.of(
      CoreRules.FILTER_SET_OP_TRANSPOSE,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_MERGE,
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.JOIN_CONDITION_PUSH,
      CoreRules.FILTER_REDUCE_EXPRESSIONS,
      DateComparisonRule.FILTER,
      DateComparisonRule.JOIN,
      PROJECT_INTO_BRANCHES,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      CoreRules.UNION_REMOVE,
      CoreRules.UNION_MERGE,
      PruneEmptyRules.UNION_INSTANCE,
      PruneEmptyRules.PROJECT_INSTANCE,
      PruneEmptyRules.FILTER_INSTANCE,
      PruneEmptyRules.JOIN_LEFT_INSTANCE,
      PruneEmptyRules.JOIN_RIGHT_INSTANCE,
      PruneEmptyRules.SORT_INSTANCE,
      PruneEmptyRules.AGGREGATE_INSTANCE,
      ColocatedJoinRule.INSTANCE,
      ColocatedJoinBelowInnerJoinRule.INSTANCE,
      ColocatedAggregateRule.INSTANCE,
      SemiJoinReductionRule.INSTANCE);

  /** Aggregates split into a part per site and a final part at the coordinator. */
  static final List<RelOptRule> SPLIT_AGGREGATES = List.of(
      ColocatedAggregateRule.INSTANCE,
      CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES,
      REDUCE_AGGREGATES,
      CoreRules.AGGREGATE_PROJECT_MERGE,
      PROJECT_INTO_BRANCHES,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      GroupingSetsSplitRule.INSTANCE,
      CoreRules.AGGREGATE_UNION_TRANSPOSE);

  /** Local top-N at every site, merged at the coordinator. */
  static final List<RelOptRule> TOP_N = List.of(
      CoreRules.SORT_UNION_TRANSPOSE,
      SortOffsetUnionRule.INSTANCE,
      CoreRules.SORT_PROJECT_TRANSPOSE);

  public static HepProgram rewrites() {
    return new HepProgramBuilder()
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(OrderedSetAggregateRule.INSTANCE)
        .addRuleCollection(PUSH_INTO_BRANCHES)
        .addRuleCollection(SPLIT_AGGREGATES)
        .addRuleCollection(PUSH_INTO_BRANCHES)
        .addRuleCollection(TOP_N)
        .addRuleInstance(CoreRules.AGGREGATE_PROJECT_PULL_UP_CONSTANTS)
        .addRuleCollection(PUSH_INTO_BRANCHES)
        .addRuleInstance(ExpandJoinSearchRule.INSTANCE)
        .build();
  }

  public static Program program() {
    return Programs.sequence(
        Programs.of(new HepProgramBuilder().addRuleInstance(ExistsToSemiJoinRule.INSTANCE).build(),
            true, DefaultRelMetadataProvider.INSTANCE),
        Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
        Programs.decorrelate(),
        Programs.of(rewrites(), true, DefaultRelMetadataProvider.INSTANCE),
        Programs.standard());
  }
}
