package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Semi-join reduction through replicated tables. In {@code Join(X, Aggregate(Y) GROUP BY k)} on
 * {@code X.c = k}, only the groups whose key occurs in X survive the join. When the values of
 * {@code X.c} are bounded by a filtered relation R that reads replicated tables only (TPC-H Q17:
 * {@code part WHERE p_brand = ... AND p_container = ...}; Q20: {@code partsupp} joined with
 * {@code part WHERE p_name LIKE 'forest%'}), the aggregate's input becomes
 * {@code SemiJoin(Y, R)}: every site reads R itself (ColocatedJoinRule), so each site aggregates
 * and sends only the groups the join can keep instead of all of them. Exact: a group is either
 * dropped whole (its key is not in R, so not in X) or kept whole (all its rows pass the
 * semi-join); the final aggregate still merges the sites' partials.
 *
 * <p>Fires on a join with an equi-condition across its inputs (the operand) when a side whose
 * unmatched rows the join drops is a plain aggregate of partitioned rows, under projections and
 * filters, grouped by some of those keys ({@link #matches}). Finding a bound of the other side's
 * keys is the rule's work: when there is none, or the aggregate's input is already reduced by it,
 * the rule leaves the join as it is.
 */
public final class SemiJoinReductionRule extends RelRule<RuleConfig<SemiJoinReductionRule>> {
  public static final SemiJoinReductionRule INSTANCE =
      RuleConfig.<SemiJoinReductionRule>of("ShoalSemiJoinReductionRule",
          b -> b.operand(LogicalJoin.class)
              .predicate(j -> j.getJoinType() != JoinRelType.FULL && !equiPairs(j).isEmpty())
              .anyInputs(),
          SemiJoinReductionRule::new).toRule();

  private SemiJoinReductionRule(RuleConfig<SemiJoinReductionRule> config) {
    super(config);
  }

  /** When a side the join may reduce has an aggregate grouped by some of the keys. */
  @Override
  public boolean matches(RelOptRuleCall call) {
    Join join = call.rel(0);
    List<int[]> pairs = equiPairs(join);
    return (reducesRight(join.getJoinType()) && grouped(join.getRight(), pairs, false) != null)
        || (reducesLeft(join.getJoinType()) && grouped(join.getLeft(), pairs, true) != null);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    JoinRelType type = join.getJoinType();
    List<int[]> pairs = equiPairs(join);
    if (reducesRight(type)) {
      RelNode reduced = reduce(join.getRight(), join.getLeft(), pairs, false);
      if (reduced != null) {
        call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(),
            reduced, type, join.isSemiJoinDone()));
        return;
      }
    }
    if (reducesLeft(type)) {
      RelNode reduced = reduce(join.getLeft(), join.getRight(), pairs, true);
      if (reduced != null) {
        call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), reduced,
            join.getRight(), type, join.isSemiJoinDone()));
      }
    }
  }

  // A side whose rows without a match the join drops can be reduced by the other side's keys.
  private static boolean reducesRight(JoinRelType type) {
    return type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.SEMI
        || type == JoinRelType.ANTI;
  }

  private static boolean reducesLeft(JoinRelType type) {
    return type == JoinRelType.INNER || type == JoinRelType.RIGHT || type == JoinRelType.SEMI;
  }

  /** Equi-conjuncts as (left column, right column). */
  private static List<int[]> equiPairs(Join join) {
    int nLeft = join.getLeft().getRowType().getFieldCount();
    List<int[]> pairs = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
      int[] p = ReplicatedBound.equiPair(c, nLeft);
      if (p != null) {
        pairs.add(p);
      }
    }
    return pairs;
  }

  /**
   * An aggregate below a join input, reached through projections and filters, grouped by some
   * of the join's keys: the operators above it ({@code chain}, top first) and its group keys'
   * input columns ({@code inputCols}) with the other side's columns they are equal to.
   */
  private record Grouped(List<RelNode> chain, Aggregate agg, List<Integer> inputCols,
      List<Integer> otherCols) {}

  /**
   * The plain aggregate of partitioned rows below {@code target} grouped by some of the keys, or
   * null. A replicated-only aggregate is read at one site whole anyway: nothing to save.
   */
  private static Grouped grouped(RelNode target, List<int[]> pairs, boolean targetIsLeft) {
    // Down from the join input through projections and filters to an aggregate, tracking the
    // key columns.
    List<RelNode> chain = new ArrayList<>();
    RelNode rel = ColocatedJoinRule.strip(target);
    Map<Integer, Integer> keyToOther = new LinkedHashMap<>();
    for (int[] p : pairs) {
      keyToOther.put(targetIsLeft ? p[0] : p[1], targetIsLeft ? p[1] : p[0]);
    }
    while (!(rel instanceof Aggregate)) {
      if (rel instanceof Project) {
        Map<Integer, Integer> mapped = new LinkedHashMap<>();
        List<RexNode> exprs = ((Project) rel).getProjects();
        keyToOther.forEach((k, o) -> {
          if (exprs.get(k) instanceof RexInputRef) {
            mapped.putIfAbsent(((RexInputRef) exprs.get(k)).getIndex(), o);
          }
        });
        keyToOther = mapped;
      } else if (!(rel instanceof Filter)) {
        return null;
      }
      if (keyToOther.isEmpty()) {
        return null;
      }
      chain.add(rel);
      rel = ColocatedJoinRule.strip(rel.getInput(0));
    }
    Aggregate agg = (Aggregate) rel;
    if (agg.getGroupType() != Aggregate.Group.SIMPLE || replicatedOnly(agg)) {
      return null;
    }
    // Group keys to the aggregate's input columns.
    List<Integer> inputCols = new ArrayList<>();
    List<Integer> otherCols = new ArrayList<>();
    List<Integer> groups = agg.getGroupSet().asList();
    keyToOther.forEach((k, o) -> {
      if (k < groups.size() && !inputCols.contains(groups.get(k))) {
        inputCols.add(groups.get(k));
        otherCols.add(o);
      }
    });
    return inputCols.isEmpty() ? null : new Grouped(chain, agg, inputCols, otherCols);
  }

  /**
   * The side {@code target} with a semi-join by a bound of {@code other}'s keys under its
   * aggregate, or null when it has no such aggregate, the keys have no bound, or the aggregate's
   * input is already reduced by that bound.
   */
  private static RelNode reduce(RelNode target, RelNode other, List<int[]> pairs,
      boolean targetIsLeft) {
    Grouped g = grouped(target, pairs, targetIsLeft);
    if (g == null) {
      return null;
    }
    List<Integer> inputCols = g.inputCols();
    List<Integer> otherCols = g.otherCols();
    Aggregate agg = g.agg();
    List<RelNode> chain = g.chain();
    // The widest set of keys with a bound, else single keys.
    List<int[]> tries = new ArrayList<>();
    tries.add(indices(inputCols.size()));
    if (inputCols.size() > 1) {
      for (int i = 0; i < inputCols.size(); i++) {
        tries.add(new int[] {i});
      }
    }
    for (int[] t : tries) {
      int[] oc = pick(otherCols, t);
      int[] ic = pick(inputCols, t);
      for (ReplicatedBound b : ReplicatedBound.of(other, oc)) {
        if (!b.selective()) {
          continue;
        }
        RelNode input = agg.getInput();
        if (alreadyReduced(input, ic, b)) {
          return null;
        }
        RelNode reduced = agg.copy(agg.getTraitSet(), List.of(semiJoin(input, ic, b)));
        for (int i = chain.size() - 1; i >= 0; i--) {
          RelNode up = chain.get(i);
          reduced = up.copy(up.getTraitSet(), List.of(reduced));
        }
        return reduced;
      }
    }
    return null;
  }

  private static boolean replicatedOnly(RelNode rel) {
    ColocatedJoinRule.Side side = ColocatedJoinRule.side(ColocatedJoinRule.strip(rel));
    return side != null && side.replicated;
  }

  private static boolean alreadyReduced(RelNode input, int[] cols, ReplicatedBound b) {
    for (ReplicatedBound have : ReplicatedBound.of(input, cols)) {
      if (have.sameAs(b)) {
        return true;
      }
    }
    return false;
  }

  private static RelNode semiJoin(RelNode input, int[] cols, ReplicatedBound b) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    int n = input.getRowType().getFieldCount();
    List<RexNode> eqs = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      eqs.add(rex.makeCall(SqlStdOperatorTable.EQUALS,
          rex.makeInputRef(input, cols[i]),
          new RexInputRef(n + b.cols[i],
              b.rel.getRowType().getFieldList().get(b.cols[i]).getType())));
    }
    return LogicalJoin.create(input, b.rel, List.of(), RexUtil.composeConjunction(rex, eqs),
        Set.of(), JoinRelType.SEMI);
  }

  private static int[] indices(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  private static int[] pick(List<Integer> from, int[] at) {
    int[] out = new int[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = from.get(at[i]);
    }
    return out;
  }
}
