package io.shoal.planner.rewrite;

import io.shoal.planner.pushdown.SiteTableScan;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
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
 */
public final class ExistsToSemiJoinRule extends RelOptRule {
  public static final ExistsToSemiJoinRule INSTANCE = new ExistsToSemiJoinRule();

  private ExistsToSemiJoinRule() {
    super(operand(LogicalFilter.class, any()), "ShoalExistsToSemiJoinRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    if (filter.getVariablesSet().size() != 1) {
      return;
    }
    CorrelationId cor = filter.getVariablesSet().iterator().next();
    RexBuilder rex = filter.getCluster().getRexBuilder();
    RelNode input = filter.getInput();
    int nLeft = input.getRowType().getFieldCount();
    List<RexNode> rest = new ArrayList<>();
    boolean changed = false;
    for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
      boolean not = c.getKind() == SqlKind.NOT;
      RexNode e = not ? ((RexCall) c).getOperands().get(0) : c;
      RelNode joined = e.getKind() == SqlKind.EXISTS
          ? semiJoin(rex, input, (RexSubQuery) e, cor, nLeft, not) : null;
      if (joined == null) {
        rest.add(c);
      } else {
        input = joined;
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    RexNode cond = RexUtil.composeConjunction(rex, rest);
    boolean stillCorrelated = RexUtil.containsCorrelation(cond) || containsSubQuery(cond);
    call.transformTo(rest.isEmpty() ? input : LogicalFilter.create(input, cond,
        stillCorrelated ? ImmutableSet.copyOf(filter.getVariablesSet())
            : ImmutableSet.of()));
  }

  private static RelNode semiJoin(RexBuilder rex, RelNode left, RexSubQuery sub,
      CorrelationId cor, int nLeft, boolean anti) {
    RelNode rel = ColocatedJoinRule.strip(sub.rel);
    while (rel instanceof Project) {
      rel = ColocatedJoinRule.strip(((Project) rel).getInput());
    }
    if (!(rel instanceof Filter)) {
      return null;
    }
    Filter f = (Filter) rel;
    RelNode x = f.getInput();
    if (RelOptUtil.getVariablesUsed(x).contains(cor) || !onlyFieldsOf(f.getCondition(), cor)) {
      return null;
    }
    RexNode cond = f.getCondition().accept(new RexShuttle() {
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
    LogicalJoin join = LogicalJoin.create(left, x, List.of(), cond, Set.of(),
        anti ? JoinRelType.ANTI : JoinRelType.SEMI);
    if (!nonEquiCorrelation(f.getCondition(), cor) && !colocated(join)) {
      // Equalities only: the decorrelator's distinct keys per site ship less than a semi-join
      // the sites cannot do themselves.
      return null;
    }
    return join;
  }

  /** Whether each site can do the join with its own rows (ColocatedJoinRule will split it). */
  private static boolean colocated(LogicalJoin join) {
    return ColocatedJoinRule.sameDomainKey(join, join.getCluster().getMetadataQuery())
        || replicatedOnly(join.getRight());
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
