package io.shoal.planner.errors;

import io.shoal.protocol.SqlStates;
import java.sql.SQLException;

/**
 * Calcite parses, validates and plans by recursion, so a very large or deeply nested statement (a
 * 20,000-literal IN list, thousands of nested parentheses) overflows the thread's stack, or the
 * Java that Calcite generates for it outgrows a method (Janino: "Code grows beyond 64 KB"). Neither
 * must reach the application as an Error or a guessed state: both become SQLState 54001,
 * "statement too complex".
 */
public final class TooComplex {
  private TooComplex() {}

  /** {@code t} itself, or an SQLException 54001 if it is (or was caused by) a stack overflow. */
  public static Throwable orSelf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StackOverflowError) {
        return new SQLException(
            "statement too complex: planning it overflowed the stack; split it into smaller statements"
                + " (for a long IN list, join a VALUES list or a table instead)",
            SqlStates.TOO_COMPLEX, c);
      }
      // Calcite compiles the plan to Java; a huge IN list or CASE overflows a method's 64 KB.
      if (c.getMessage() != null && c.getMessage().contains("Code grows beyond 64 KB")) {
        return new SQLException(
            "statement too complex: its plan compiles to more code than a Java method can hold;"
                + " split it into smaller statements (for a long IN list, join a VALUES list or a table instead)",
            SqlStates.TOO_COMPLEX, c);
      }
      if (c.getCause() == c) break;
    }
    return t;
  }
}
