package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * {@code (A JOIN B) op C} becomes {@code (A op C) JOIN B} when {@code op} (a left, semi or anti
 * join) relates only A and C and {@code A op C} is co-located. TPC-H Q22: the decorrelated
 * {@code NOT EXISTS (orders of the customer)} sat above the join with the global
 * {@code AVG(c_acctbal)}, so every site sent its customers and all its order keys to the
 * coordinator; below it, each site checks its own customers' orders. Exact: the inner join pairs
 * each A row with B rows whatever C says, and {@code op} sees only A's columns.
 *
 * <p>Fires on a left, semi or anti join over an inner join (the operands) whose condition uses no
 * column of B, when A is partitioned over more than one site and C is replicated or joined to A
 * on a key domain ({@link #matches}).
 */
public final class ColocatedJoinBelowInnerJoinRule
    extends RelRule<RuleConfig<ColocatedJoinBelowInnerJoinRule>> {
  public static final ColocatedJoinBelowInnerJoinRule INSTANCE =
      RuleConfig.<ColocatedJoinBelowInnerJoinRule>of("ShoalColocatedJoinBelowInnerJoinRule",
          b0 -> b0.operand(LogicalJoin.class)
              .predicate(top -> top.getJoinType() == JoinRelType.LEFT
                  || top.getJoinType() == JoinRelType.SEMI
                  || top.getJoinType() == JoinRelType.ANTI)
              .inputs(
                  b1 -> b1.operand(LogicalJoin.class)
                      .predicate(inner -> inner.getJoinType() == JoinRelType.INNER)
                      .anyInputs(),
                  b2 -> b2.operand(RelNode.class).anyInputs()),
          ColocatedJoinBelowInnerJoinRule::new).toRule();

  private ColocatedJoinBelowInnerJoinRule(RuleConfig<ColocatedJoinBelowInnerJoinRule> config) {
    super(config);
  }

  /** When op uses no column of B and A op C is something each site can do with its own rows. */
  @Override
  public boolean matches(RelOptRuleCall call) {
    Join top = call.rel(0);
    Join inner = call.rel(1);
    RelNode c = call.rel(2);
    int nA = inner.getLeft().getRowType().getFieldCount();
    int nB = inner.getRight().getRowType().getFieldCount();
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(top.getCondition());
    return !used.intersects(ImmutableBitSet.range(nA, nA + nB))
        && colocated(inner.getLeft(), c, opCondition(top, inner, c), call.getMetadataQuery());
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join top = call.rel(0);
    Join inner = call.rel(1);
    RelNode c = call.rel(2);
    JoinRelType type = top.getJoinType();
    RelNode a = inner.getLeft();
    RelNode b = inner.getRight();
    int nA = a.getRowType().getFieldCount();
    int nB = b.getRowType().getFieldCount();
    int nC = c.getRowType().getFieldCount();
    RexBuilder rex = top.getCluster().getRexBuilder();
    Join bottom = top.copy(top.getTraitSet(), opCondition(top, inner, c), a, c, type,
        top.isSemiJoinDone());
    // The inner join's condition over (A op C, B): B's fields move up by C's width (if kept).
    int nKept = type == JoinRelType.LEFT ? nC : 0;
    int[] adj2 = new int[nA + nB];
    for (int i = nA; i < nA + nB; i++) {
      adj2[i] = nKept;
    }
    RexNode innerCond = inner.getCondition().accept(new RelOptUtil.RexInputConverter(rex,
        inner.getRowType().getFieldList(),
        concat(bottom.getRowType().getFieldList(), b.getRowType().getFieldList()), adj2));
    Join moved = inner.copy(inner.getTraitSet(), innerCond, bottom, b, JoinRelType.INNER,
        inner.isSemiJoinDone());
    RelNode out = moved;
    if (nKept > 0) {
      // Back to the order A, B, C.
      List<RexNode> exprs = new ArrayList<>();
      for (int i = 0; i < nA; i++) {
        exprs.add(rex.makeInputRef(moved, i));
      }
      for (int i = 0; i < nB; i++) {
        exprs.add(rex.makeInputRef(moved, nA + nC + i));
      }
      for (int i = 0; i < nC; i++) {
        exprs.add(rex.makeInputRef(moved, nA + i));
      }
      out = LogicalProject.create(moved, List.of(), exprs, top.getRowType());
    }
    call.transformTo(out);
  }

  /** op's condition over (A, C): C's fields move down by B's width. */
  private static RexNode opCondition(Join top, Join inner, RelNode c) {
    RelNode a = inner.getLeft();
    int nA = a.getRowType().getFieldCount();
    int nB = inner.getRight().getRowType().getFieldCount();
    int nC = c.getRowType().getFieldCount();
    int[] adj = new int[nA + nB + nC];
    for (int i = nA + nB; i < adj.length; i++) {
      adj[i] = -nB;
    }
    return top.getCondition().accept(new RelOptUtil.RexInputConverter(
        top.getCluster().getRexBuilder(),
        concat(top.getLeft().getRowType().getFieldList(), c.getRowType().getFieldList()),
        concat(a.getRowType().getFieldList(), c.getRowType().getFieldList()), adj));
  }

  /** Whether A op C is something each site can do with its own rows. */
  private static boolean colocated(RelNode a, RelNode c, RexNode cond, RelMetadataQuery mq) {
    ColocatedJoinRule.Side l = ColocatedJoinRule.side(ColocatedJoinRule.strip(a));
    ColocatedJoinRule.Side r = ColocatedJoinRule.side(ColocatedJoinRule.strip(c));
    if (l == null || r == null || l.replicated || l.branches.size() <= 1) {
      return false;
    }
    return r.replicated || ColocatedJoinRule.sameDomainKey(a, c, cond, mq);
  }

  private static <T> List<T> concat(List<T> x, List<T> y) {
    List<T> out = new ArrayList<>(x);
    out.addAll(y);
    return out;
  }
}
