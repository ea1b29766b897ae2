package io.shoal.planner.prepare;

import io.shoal.planner.errors.ShoalException;
import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Match;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * Constructs the coordinator cannot run, refused by name (0A000, "Shoal does not support ...")
 * before anything runs. Calcite accepts them and then fails while generating code, which reached
 * users as internal errors (XX000) with generated-code line numbers (issue 16).
 */
final class Unsupported {
  private Unsupported() {}

  /** The program step to run after the optimizer: checks the plan and returns it unchanged. */
  static Program program() {
    return (planner, rel, traits, materializations, lattices) -> {
      check(rel, new HashSet<>());
      return rel;
    };
  }

  private static void check(RelNode node, Set<RelNode> seen) {
    if (!seen.add(node)) {
      return;
    }
    String construct = construct(node);
    if (construct != null) {
      throw notSupported(construct);
    }
    for (RelNode in : node.getInputs()) {
      check(in, seen);
    }
  }

  /** What in this node Shoal does not support, or null. */
  private static String construct(RelNode node) {
    if (node instanceof Match) {
      return "MATCH_RECOGNIZE";
    }
    if (node instanceof Window w) {
      for (Window.Group g : w.groups) {
        for (Window.RexWinAggCall call : g.aggCalls) {
          SqlKind kind = call.getOperator().getKind();
          String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
          if (kind == SqlKind.PERCENT_RANK) {
            return "the window function PERCENT_RANK; write (RANK() OVER w - 1) / (COUNT(*) OVER"
                + " () - 1.0) with the same ORDER BY";
          }
          if (kind == SqlKind.CUME_DIST) {
            return "the window function CUME_DIST; write COUNT(*) OVER (ORDER BY ... RANGE"
                + " UNBOUNDED PRECEDING) / (COUNT(*) OVER () * 1.0)";
          }
          if ((kind == SqlKind.LAG || kind == SqlKind.LEAD) && call.getOperands().size() > 2) {
            return name + " with a default value (its third argument); write coalesce(" + name
                + "(x, n), default) when x has no NULLs";
          }
        }
      }
    }
    return null;
  }

  static ShoalException notSupported(String construct) {
    String message = "Shoal does not support " + construct;
    return new ShoalException(SqlStates.FEATURE_NOT_SUPPORTED, null, message,
        new SQLException(message, SqlStates.FEATURE_NOT_SUPPORTED));
  }
}
