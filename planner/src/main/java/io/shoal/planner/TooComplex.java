package io.shoal.planner;

import io.shoal.protocol.SqlStates;
import java.sql.SQLException;

/**
 * Calcite parses, validates and plans by recursion, so a very large or deeply nested statement (a
 * 20,000-literal IN list, thousands of nested parentheses) overflows the thread's stack. That
 * Error must not reach the application: it becomes SQLState 54001, "statement too complex".
 */
final class TooComplex {
  private TooComplex() {}

  /** {@code t} itself, or an SQLException 54001 if it is (or was caused by) a stack overflow. */
  static Throwable orSelf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StackOverflowError) {
        return new SQLException(
            "statement too complex: planning it overflowed the stack; split it into smaller statements"
                + " (for a long IN list, join a VALUES list or a table instead)",
            SqlStates.TOO_COMPLEX, c);
      }
      if (c.getCause() == c) break;
    }
    return t;
  }
}
