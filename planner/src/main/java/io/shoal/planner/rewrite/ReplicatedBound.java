package io.shoal.planner.rewrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;

/**
 * Rows of a relation R that reads replicated tables only, at one site, whose columns {@code cols}
 * hold every non-null value of some columns of another relation: what SemiJoinReductionRule
 * reduces an aggregate's input by.
 */
final class ReplicatedBound {
  /** Beyond this many alternative bounds per node, stop looking (deep join trees). */
  private static final int MAX_BOUNDS = 8;

  private static final Pattern SITE_IN_TABLE = Pattern.compile("table=\\[\\[[^,\\]]+, ");

  final RelNode rel;
  final int[] cols;
  private final String digest;

  private ReplicatedBound(RelNode rel, int[] cols) {
    this.rel = rel;
    this.cols = cols;
    // Replicated tables hold the same rows at every site: the same tree at another site is the
    // same bound.
    this.digest = SITE_IN_TABLE.matcher(
        RelOptUtil.toString(rel, SqlExplainLevel.DIGEST_ATTRIBUTES)).replaceAll("table=[[")
        + Arrays.toString(cols);
  }

  /** Whether both are the same rows of the same columns (at whichever site). */
  boolean sameAs(ReplicatedBound other) {
    return digest.equals(other.digest);
  }

  /** Whether R actually narrows anything: some filter other than IS NOT NULL. */
  boolean selective() {
    return selective(rel);
  }

  private static boolean selective(RelNode rel) {
    rel = ColocatedJoinRule.strip(rel);
    if (rel instanceof Filter) {
      for (RexNode c : RelOptUtil.conjunctions(((Filter) rel).getCondition())) {
        if (c.getKind() != SqlKind.IS_NOT_NULL) {
          return true;
        }
      }
    }
    for (RelNode in : rel.getInputs()) {
      if (selective(in)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replicated-only relations at one site that hold every non-null tuple of {@code cols} of
   * {@code rel}: the relation itself when it is one, else found through projections, filters,
   * inner and semi-joins (across equi-conditions), group keys and unions (a bound all branches
   * share).
   */
  static List<ReplicatedBound> of(RelNode rel, int[] cols) {
    rel = ColocatedJoinRule.strip(rel);
    List<ReplicatedBound> out = new ArrayList<>();
    if (!(rel instanceof Union)) {
      ColocatedJoinRule.Side side = ColocatedJoinRule.side(rel);
      if (side != null && side.replicated && side.branches.size() == 1) {
        out.add(new ReplicatedBound(rel, cols));
        return out;
      }
    }
    if (rel instanceof Project) {
      List<RexNode> exprs = ((Project) rel).getProjects();
      int[] in = new int[cols.length];
      for (int i = 0; i < cols.length; i++) {
        if (!(exprs.get(cols[i]) instanceof RexInputRef)) {
          return out;
        }
        in[i] = ((RexInputRef) exprs.get(cols[i])).getIndex();
      }
      return of(((Project) rel).getInput(), in);
    }
    if (rel instanceof Filter) {
      return of(((Filter) rel).getInput(), cols);
    }
    if (rel instanceof Aggregate) {
      Aggregate a = (Aggregate) rel;
      if (a.getGroupType() != Aggregate.Group.SIMPLE) {
        return out;
      }
      List<Integer> groups = a.getGroupSet().asList();
      int[] in = new int[cols.length];
      for (int i = 0; i < cols.length; i++) {
        if (cols[i] >= groups.size()) {
          return out;
        }
        in[i] = groups.get(cols[i]);
      }
      return of(a.getInput(), in);
    }
    if (rel instanceof Join) {
      Join j = (Join) rel;
      JoinRelType t = j.getJoinType();
      int nLeft = j.getLeft().getRowType().getFieldCount();
      boolean cross = t == JoinRelType.INNER || t == JoinRelType.SEMI;
      List<int[]> pairs = new ArrayList<>();
      if (cross) {
        for (RexNode c : RelOptUtil.conjunctions(j.getCondition())) {
          int[] p = equiPair(c, nLeft);
          if (p != null) {
            pairs.add(p);
          }
        }
      }
      for (int s = 0; s < 2 && out.size() < MAX_BOUNDS; s++) {
        // Outer and anti-joins: a non-null value still comes from its own side's row, but
        // an equi-condition says nothing about unmatched rows, so no crossing.
        boolean left = s == 0;
        int[] in = new int[cols.length];
        boolean ok = true;
        for (int i = 0; i < cols.length && ok; i++) {
          in[i] = onSide(cols[i], left, nLeft, pairs);
          ok = in[i] >= 0;
        }
        if (ok) {
          out.addAll(of(left ? j.getLeft() : j.getRight(), in));
        }
      }
      return out;
    }
    if (rel instanceof Union) {
      List<ReplicatedBound> common = null;
      for (RelNode in : rel.getInputs()) {
        List<ReplicatedBound> here = of(in, cols);
        if (common == null) {
          common = here;
        } else {
          List<ReplicatedBound> keep = new ArrayList<>();
          for (ReplicatedBound b : common) {
            for (ReplicatedBound h : here) {
              if (h.sameAs(b)) {
                keep.add(b);
                break;
              }
            }
          }
          common = keep;
        }
        if (common.isEmpty()) {
          return common;
        }
      }
      return common == null ? out : common;
    }
    return out;
  }

  /** A join output column as a column of one input (directly or across an equi-pair), or -1. */
  private static int onSide(int col, boolean left, int nLeft, List<int[]> pairs) {
    boolean isLeft = col < nLeft;
    int own = isLeft ? col : col - nLeft;
    if (isLeft == left) {
      return own;
    }
    for (int[] p : pairs) {
      if ((isLeft ? p[0] : p[1]) == own) {
        return left ? p[0] : p[1];
      }
    }
    return -1;
  }

  /** {@code $a = $b} across the two inputs as {left, right}, else null. */
  static int[] equiPair(RexNode c, int nLeft) {
    if (c.getKind() != SqlKind.EQUALS) {
      return null;
    }
    List<RexNode> ops = ((RexCall) c).getOperands();
    if (!(ops.get(0) instanceof RexInputRef) || !(ops.get(1) instanceof RexInputRef)) {
      return null;
    }
    int a = ((RexInputRef) ops.get(0)).getIndex();
    int b = ((RexInputRef) ops.get(1)).getIndex();
    if (a < nLeft && b >= nLeft) {
      return new int[] {a, b - nLeft};
    }
    if (b < nLeft && a >= nLeft) {
      return new int[] {b, a - nLeft};
    }
    return null;
  }
}
