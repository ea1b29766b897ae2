package io.shoal.planner.prepare;

import io.shoal.planner.errors.ShoalException;
import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Planning failures people can act on. Calcite reports some valid-looking SQL it cannot handle as
 * a validator message the driver does not recognise, or as an AssertionError / CannotPlanException
 * deep in the planner; both reached users as XX000 (internal error). This gives them 42000 or
 * 0A000 with a one-line message; an unknown table is 42S02, an unknown column 42S22. Errors that
 * already carry a state are left alone. This is the one place planning failures get their state:
 * the driver takes the state that travels with the failure.
 */
final class PlanningErrors {
  private static final Pattern MATCH_RECOGNIZE_ONLY =
      Pattern.compile("Function '(\\w+)\\(.*' can only be used in MATCH_RECOGNIZE", Pattern.DOTALL);

  private PlanningErrors() {}

  /** The exception to throw instead of {@code e}, or null to throw {@code e} unchanged. */
  static RuntimeException clean(Throwable e) {
    Throwable validation = null;
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ShoalException
          || (c instanceof SQLException && ((SQLException) c).getSQLState() != null)) {
        return null;
      }
      String n = c.getClass().getName();
      if (n.endsWith("SqlParseException")) {
        return null;
      }
      if (validation == null && n.endsWith("CalciteContextException")) {
        validation = c;
      }
    }
    if (validation != null) {
      String m = innermostMessage(validation);
      if (m.contains("not found") || m.contains("No match found for function")) {
        // The context exception's text says where: "From line 1, column 15 to ...: Object ...".
        String where = validation.getMessage();
        return error(notFoundState(m), where == null || where.isBlank() ? m : where, e);
      }
      Matcher fn = MATCH_RECOGNIZE_ONLY.matcher(m);
      if (fn.find()) {
        String name = fn.group(1).toUpperCase(java.util.Locale.ROOT);
        return error(SqlStates.FEATURE_NOT_SUPPORTED, "function " + name + " is not supported"
            + " here (Shoal's SQL has it only inside MATCH_RECOGNIZE); use ANY_VALUE(x), MIN(x),"
            + " or " + name + "_VALUE(x) OVER (ORDER BY ...)", e);
      }
      return error(SqlStates.SYNTAX_ERROR, m, e);
    }
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof AssertionError || c.getClass().getName().endsWith("CannotPlanException")) {
        return error(SqlStates.FEATURE_NOT_SUPPORTED, "Shoal does not support "
            + construct(String.valueOf(c.getMessage())), e);
      }
    }
    return null;
  }

  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("(?:Object|Table) '[^']+' not found");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '[^']+' not found");

  /** An unknown column (42S22), table (42S02), or a function with no such signature (42000). */
  private static String notFoundState(String validatorMessage) {
    if (COLUMN_NOT_FOUND.matcher(validatorMessage).find()) {
      return SqlStates.UNKNOWN_COLUMN;
    }
    if (OBJECT_NOT_FOUND.matcher(validatorMessage).find()) {
      return SqlStates.UNKNOWN_TABLE;
    }
    return SqlStates.SYNTAX_ERROR;
  }

  private static final Pattern MISSING = Pattern.compile("Missing conversion is (\\w+)\\[");

  /** The construct the planner found no plan for, from Calcite's words, as a user wrote it. */
  static String construct(String calciteMessage) {
    Matcher m = MISSING.matcher(calciteMessage);
    String rel = m.find() ? m.group(1) : "";
    return switch (rel) {
      case "LogicalTableFunctionScan" -> "this table function in FROM";
      case "LogicalMatch" -> "MATCH_RECOGNIZE";
      case "LogicalSnapshot" -> "FOR SYSTEM_TIME AS OF";
      case "LogicalRepeatUnion" -> "this recursive query";
      case "LogicalAggregate" -> "an aggregate function in this query at the coordinator";
      case "LogicalWindow" -> "a window function in this query";
      default -> "a construct in this query (the federated planner found no plan for it)";
    };
  }

  private static String innermostMessage(Throwable t) {
    String m = t.getMessage();
    for (Throwable c = t.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        m = c.getMessage();
      }
    }
    return m == null ? t.getClass().getSimpleName() : m;
  }

  private static ShoalException error(String state, String message, Throwable cause) {
    // The SQLException in the chain carries the state to the driver (it looks for one).
    return new ShoalException(state, null, message, new SQLException(message, state, cause));
  }
}
