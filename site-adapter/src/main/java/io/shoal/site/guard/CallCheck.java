package io.shoal.site.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.FragmentFunctions;
import io.shoal.site.SiteException;
import java.util.Locale;
import java.util.Set;

/**
 * The allow-list check on DuckDB's syntax tree: every function, aggregate, window function and
 * table function a fragment calls must be on {@link FragmentFunctions}, and every expression must
 * be of a kind the site knows. This runs on the syntax tree, not on the plan, because the binder
 * expands some calls away ({@code query('...')} becomes the plan of its text, macros their bodies):
 * the names as written are the ones to judge, and the plan then tells what they read.
 */
final class CallCheck {
  private CallCheck() {}

  /** Expression classes of DuckDB's syntax tree that compute only from their children. */
  private static final Set<String> EXPRESSIONS =
      Set.of(
          "COLUMN_REF", "CONSTANT", "FUNCTION", "COMPARISON", "CAST", "TYPE", "CONJUNCTION",
          "OPERATOR", "SUBQUERY", "STAR", "CASE", "WINDOW", "POSITIONAL_REFERENCE", "BETWEEN",
          "PARAMETER", "LAMBDA", "LAMBDA_REF", "COLLATE");

  static void check(JsonNode statement) throws SiteException {
    walk(statement);
  }

  private static void walk(JsonNode node) throws SiteException {
    if (node.isArray()) {
      for (JsonNode child : node) walk(child);
      return;
    }
    if (!node.isObject()) return;
    String cls = node.path("class").asText("");
    if (!cls.isEmpty()) {
      if (!EXPRESSIONS.contains(cls)) {
        throw Refusals.refused(Refusals.Rule.CONSTRUCT, "expressions of kind " + cls + " are not allowed at this site");
      }
      if (cls.equals("FUNCTION")) checkFunction(node);
      if (cls.equals("WINDOW")) checkWindow(node);
    } else if (node.path("type").asText("").equals("BASE_TABLE")) {
      JsonNode at = node.path("at_clause");
      if (!at.isMissingNode() && !at.isNull()) {
        throw Refusals.refused(Refusals.Rule.CONSTRUCT, "AT (time travel) is not supported: each fragment reads the table's current snapshot");
      }
    } else if (node.path("type").asText("").equals("TABLE_FUNCTION")) {
      JsonNode function = node.path("function");
      String name = qualifiedName(function);
      if (!FragmentFunctions.tableFunctionAllowed(name)) {
        throw Refusals.refused(Refusals.Rule.FUNCTION, "table function " + name + "() is not allowed at this site; query its registered tables");
      }
    }
    for (JsonNode child : node) walk(child);
  }

  private static void checkFunction(JsonNode node) throws SiteException {
    String name = qualifiedName(node);
    if (FragmentFunctions.scalarAllowed(name) || FragmentFunctions.aggregateAllowed(name)) return;
    boolean operator = node.path("is_operator").asBoolean(false);
    throw Refusals.refused(Refusals.Rule.FUNCTION, (operator ? "operator " + name : "function " + name + "()")
        + " is not allowed at this site (fragments may call only the functions Shoal lists)");
  }

  private static void checkWindow(JsonNode node) throws SiteException {
    String name = qualifiedName(node);
    if (FragmentFunctions.windowAllowed(name)) return;
    throw Refusals.refused(Refusals.Rule.FUNCTION, "window function " + name + "() is not allowed at this site");
  }

  /**
   * The function's name, lower case. A name qualified with a schema or catalog is refused by
   * returning it qualified: only the built-ins, reached by their plain names, are on the list.
   */
  private static String qualifiedName(JsonNode function) {
    String name = function.path("function_name").asText("").toLowerCase(Locale.ROOT);
    String schema = function.path("schema").asText("");
    String catalog = function.path("catalog").asText("");
    if (!schema.isEmpty() || !catalog.isEmpty()) {
      return (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + name;
    }
    return name;
  }
}
