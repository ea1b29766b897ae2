package io.shoal.planner.rewrite;

import io.shoal.planner.pushdown.SiteTableScan;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code WHERE [NOT] EXISTS (SELECT .. FROM X WHERE cond)} becomes a semi- (anti-) join of the
 * outer rows with X on {@code cond}. When {@code cond} compares the outer row by something other
 * than equality (TPC-H Q21: {@code l2.l_suppkey <> l1.l_suppkey}), Calcite's decorrelator joins X
 * with a copy of the whole outer query (its value generator): Q21's fragment held the outer
 * four-way join three times and ran 3x slower in DuckDB than the query itself. With equalities
 * only, it groups X by the keys and joins (Q4: all late lineitems grouped by order, 2x slower in
 * DuckDB than a semi-join); there the semi-join is taken only when each site can do it itself.
 *
 * <p>Fires on a filter correlated by one variable with a conjunct {@code [NOT] EXISTS} that
 * {@link #semiJoinable can become} a semi- (anti-) join.
 */
public final class ExistsToSemiJoinRule extends RelRule<RuleConfig<ExistsToSemiJoinRule>> {
  public static final ExistsToSemiJoinRule INSTANCE =
      RuleConfig.<ExistsToSemiJoinRule>of("ShoalExistsToSemiJoinRule",
          b -> b.operand(LogicalFilter.class)
              .predicate(ExistsToSemiJoinRule::hasSemiJoinableExists)
              .anyInputs(),
          ExistsToSemiJoinRule::new).toRule();

  private ExistsToSemiJoinRule(RuleConfig<ExistsToSemiJoinRule> config) {
    super(config);
  }

  private static boolean hasSemiJoinableExists(LogicalFilter filter) {
    if (filter.getVariablesSet().size() != 1) {
      return false;
    }
    CorrelationId cor = filter.getVariablesSet().iterator().next();
    for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
      RexSubQuery exists = exists(c);
      if (exists != null && semiJoinable(filter.getInput(), exists, cor) != null) {
        return true;
      }
    }
    return false;
  }

  /** The sub-query of {@code EXISTS (..)} or {@code NOT EXISTS (..)}, else null. */
  private static RexSubQuery exists(RexNode conjunct) {
    RexNode e = conjunct.getKind() == SqlKind.NOT ? ((RexCall) conjunct).getOperands().get(0)
        : conjunct;
    return e.getKind() == SqlKind.EXISTS ? (RexSubQuery) e : null;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    CorrelationId cor = filter.getVariablesSet().iterator().next();
    RexBuilder rex = filter.getCluster().getRexBuilder();
    RelNode input = filter.getInput();
    int nLeft = input.getRowType().getFieldCount();
    List<RexNode> rest = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
      RexSubQuery exists = exists(c);
      Filter f = exists == null ? null : semiJoinable(input, exists, cor);
      if (f == null) {
        rest.add(c);
      } else {
        input = semiJoin(input, f, nLeft, c.getKind() == SqlKind.NOT);
      }
    }
    RexNode cond = RexUtil.composeConjunction(rex, rest);
    boolean stillCorrelated = RexUtil.containsCorrelation(cond) || containsSubQuery(cond);
    call.transformTo(rest.isEmpty() ? input : LogicalFilter.create(input, cond,
        stillCorrelated ? ImmutableSet.copyOf(filter.getVariablesSet())
            : ImmutableSet.of()));
  }

  /**
   * The filter {@code X WHERE cond} of the sub-query (under its projections) when the outer rows
   * {@code left} can be semi-joined with X on {@code cond}: X itself is not correlated, {@code
   * cond} only with {@code cor}, and either {@code cond} relates the outer row other than by
   * equality or each site can do the semi-join itself. Else null.
   */
  private static Filter semiJoinable(RelNode left, RexSubQuery sub, CorrelationId cor) {
    RelNode rel = ColocatedJoinRule.strip(sub.rel);
    while (rel instanceof Project) {
      rel = ColocatedJoinRule.strip(((Project) rel).getInput());
    }
    if (!(rel instanceof Filter)) {
      return null;
    }
    Filter f = (Filter) rel;
    if (RelOptUtil.getVariablesUsed(f.getInput()).contains(cor)
        || !onlyFieldsOf(f.getCondition(), cor)) {
      return null;
    }
    // Equalities only: the decorrelator's distinct keys per site ship less than a semi-join
    // the sites cannot do themselves.
    return nonEquiCorrelation(f.getCondition(), cor)
        || colocated(left, f.getInput(), joinCondition(f, left.getRowType().getFieldCount()))
        ? f : null;
  }

  /** {@code left} semi- (anti-) joined with the sub-query's filtered relation. */
  private static RelNode semiJoin(RelNode left, Filter f, int nLeft, boolean anti) {
    return LogicalJoin.create(left, f.getInput(), List.of(), joinCondition(f, nLeft), Set.of(),
        anti ? JoinRelType.ANTI : JoinRelType.SEMI);
  }

  /** The filter's condition over (outer row, X): correlated fields become the left's columns. */
  private static RexNode joinCondition(Filter f, int nLeft) {
    return f.getCondition().accept(new RexShuttle() {
      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable) {
          return new RexInputRef(access.getField().getIndex(), access.getType());
        }
        return super.visitFieldAccess(access);
      }

      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(ref.getIndex() + nLeft, ref.getType());
      }
    });
  }

  /** Whether each site can do the join with its own rows (ColocatedJoinRule will split it). */
  private static boolean colocated(RelNode left, RelNode right, RexNode condition) {
    return ColocatedJoinRule.sameDomainKey(left, right, condition,
            left.getCluster().getMetadataQuery())
        || replicatedOnly(right);
  }

  /** Reads replicated tables only. */
  private static boolean replicatedOnly(RelNode rel) {
    rel = ColocatedJoinRule.strip(rel);
    if (rel instanceof SiteTableScan) {
      return ((SiteTableScan) rel).siteTable().replicated();
    }
    if (rel instanceof org.apache.calcite.rel.core.TableScan || rel.getInputs().isEmpty()) {
      return false;
    }
    for (RelNode in : rel.getInputs()) {
      if (!replicatedOnly(in)) {
        return false;
      }
    }
    return true;
  }

  /** Every correlation in the condition is a field of {@code cor}. */
  private static boolean onlyFieldsOf(RexNode cond, CorrelationId cor) {
    boolean[] ok = {true};
    cond.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCorrelVariable(RexCorrelVariable v) {
        ok[0] &= v.id.equals(cor);
        return null;
      }

      @Override
      public Void visitSubQuery(RexSubQuery subQuery) {
        ok[0] = false;
        return null;
      }
    });
    return ok[0];
  }

  /** Some conjunct relates the outer row other than by {@code =}. */
  private static boolean nonEquiCorrelation(RexNode cond, CorrelationId cor) {
    for (RexNode c : RelOptUtil.conjunctions(cond)) {
      if (c.getKind() != SqlKind.EQUALS && RexUtil.containsCorrelation(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsSubQuery(RexNode node) {
    return RexUtil.SubQueryFinder.find(node) != null;
  }
}
