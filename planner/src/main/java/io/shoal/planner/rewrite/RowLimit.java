package io.shoal.planner.rewrite;

import java.math.BigDecimal;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.Program;

/**
 * A statement's {@code setMaxRows}/{@code setLargeMaxRows} as a LIMIT on the plan's root, before the
 * federation rewrites run, so it goes wherever a LIMIT written in the SQL would: into every site's
 * fragment through a union (local top-N for an ORDER BY), and no further than an aggregate, a join
 * or a window allows. Calcite itself only stops reading after n rows, so every site used to send
 * its whole result (a DBeaver data tab with maxRows 200 on global.lineitem: 60,175 rows, 10.7 MB).
 */
public final class RowLimit {
  private RowLimit() {}

  /** The program that applies {@code maxRows} (JDBC's: 0 or less is no limit). */
  public static Program program(long maxRows) {
    return (planner, rel, traits, materializations, lattices) -> maxRows > 0 ? apply(rel, maxRows) : rel;
  }

  static RelNode apply(RelNode root, long maxRows) {
    RexBuilder rex = root.getCluster().getRexBuilder();
    RexLiteral n = rex.makeExactLiteral(BigDecimal.valueOf(maxRows));
    if (root instanceof Sort s && (s.fetch == null || s.fetch instanceof RexLiteral)) {
      // ORDER BY / LIMIT / OFFSET at the top: the smaller of the two limits, after the same offset.
      RexNode fetch = s.fetch == null || ((RexLiteral) s.fetch).getValueAs(Long.class) > maxRows ? n : s.fetch;
      return s.copy(s.getTraitSet(), s.getInput(), s.getCollation(), s.offset, fetch);
    }
    return LogicalSort.create(root, RelCollations.EMPTY, null, n);
  }
}
