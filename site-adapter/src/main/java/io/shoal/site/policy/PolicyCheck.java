package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.protocol.Json;
import io.shoal.site.SiteException;
import io.shoal.site.config.PolicyConfig.Export;
import io.shoal.site.table.ParsedFragment;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The site's own residency check of one fragment, on DuckDB's syntax tree of it. The site trusts no
 * caller: plain Flight SQL clients go through the same check as the coordinator. The rules are
 * documented in the README ("Residency policy"); in short:
 *
 * <ul>
 *   <li>denied columns may not be referenced anywhere in the fragment (output, grouping, ordering,
 *       aggregate arguments and predicates alike), nor reached through {@code *}, {@code #n} or a
 *       whole-row reference;
 *   <li>a fragment that reads an aggregates-only table must be one aggregating SELECT; small groups
 *       are removed by adding {@code count(*) >= min-group-size} to its HAVING, and the number removed
 *       is reported;
 *   <li>constructs that let rows or single values out of such a fragment are refused: set
 *       operations, window functions, value-revealing aggregates (MIN, MAX, ANY_VALUE, LIST, ...),
 *       scalar subqueries in the output, generators and recursive CTEs (timing), VALUES lists;
 *   <li>a WHERE over an aggregates-only table must leave out either no rows or at least
 *       min-group-size rows, so that two queries cannot be differenced to isolate a few rows.
 * </ul>
 */
public final class PolicyCheck {

  /** Aggregates that summarise: each output needs many rows to say anything about one. */
  static final Set<String> SUMMARY_AGGREGATES =
      Set.of(
          "count", "count_star", "sum", "avg", "mean", "stddev", "stddev_samp", "stddev_pop",
          "variance", "var_samp", "var_pop", "bool_and", "bool_or", "fsum", "sumkahan", "kahan_sum",
          "approx_count_distinct", "sum_no_overflow", "regr_count", "covar_pop", "covar_samp", "corr");

  /** Aggregates that return one row's value, or all of them. */
  static final Set<String> REVEALING_AGGREGATES =
      Set.of(
          "min", "max", "any_value", "arbitrary", "first", "last", "arg_min", "arg_max", "argmin",
          "argmax", "min_by", "max_by", "arg_min_null", "arg_max_null", "list", "array_agg",
          "string_agg", "group_concat", "listagg", "histogram", "histogram_exact", "mode", "median",
          "quantile", "quantile_cont", "quantile_disc", "approx_quantile", "reservoir_quantile",
          "bit_and", "bit_or", "bit_xor", "bitstring_agg", "product", "entropy", "kurtosis",
          "kurtosis_pop", "skewness", "approx_top_k", "mad", "bool_and_agg", "json_group_array",
          "json_group_object", "json_group_structure", "map_agg", "list_agg");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String site;
  private final String region;

  public PolicyCheck(String site, String region) {
    this.site = site;
    this.region = region;
  }

  /** Checks a fragment and returns what to run; throws {@code REFUSED} when no rewrite can make it comply. */
  public Verdict check(Connection duckdb, ParsedFragment fragment, Policy policy) throws SiteException {
    checkDeniedColumns(fragment, policy);
    List<String> restricted = new ArrayList<>();
    for (String t : new TreeSet<>(fragment.tables())) {
      if (policy.export(t) == Export.AGGREGATES) restricted.add(t);
    }
    if (restricted.isEmpty()) return Verdict.rows(fragment.sql());
    return checkAggregatesOnly(duckdb, fragment, policy, restricted);
  }

  // ---- denied columns

  private void checkDeniedColumns(ParsedFragment fragment, Policy policy) throws SiteException {
    Set<String> denied = new TreeSet<>();
    String owner = null;
    for (String t : fragment.tables()) {
      Set<String> d = policy.deniedColumns(t);
      if (!d.isEmpty() && owner == null) owner = t;
      denied.addAll(d);
    }
    if (denied.isEmpty()) return;
    Set<String> relationNames = new HashSet<>();
    collectRelationNames(fragment.statement(), relationNames);
    String found = findDenied(fragment.statement(), denied, relationNames);
    if (found != null) {
      throw refused(found + " (denied columns of " + String.join(", ", tablesDenying(fragment, policy)) + ": "
          + String.join(", ", denied) + ")");
    }
  }

  private static List<String> tablesDenying(ParsedFragment fragment, Policy policy) {
    return fragment.tables().stream().filter(t -> !policy.deniedColumns(t).isEmpty()).sorted().toList();
  }

  private static void collectRelationNames(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      String type = node.path("type").asText("");
      if (type.equals("BASE_TABLE") || type.equals("SUBQUERY") || type.equals("TABLE_FUNCTION")) {
        if (node.has("table_name")) out.add(node.path("table_name").asText().toLowerCase(Locale.ROOT));
        String alias = node.path("alias").asText("");
        if (!alias.isEmpty()) out.add(alias.toLowerCase(Locale.ROOT));
      }
      for (JsonNode entry : node.path("cte_map").path("map")) {
        out.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
      }
    }
    if (node.isContainerNode()) node.forEach(child -> collectRelationNames(child, out));
  }

  /** A description of the first forbidden reference, or null. */
  private static String findDenied(JsonNode node, Set<String> denied, Set<String> relations) {
    if (node.isObject()) {
      String cls = node.path("class").asText("");
      if (cls.equals("COLUMN_REF")) {
        JsonNode names = node.path("column_names");
        String last = names.size() == 0 ? "" : names.get(names.size() - 1).asText().toLowerCase(Locale.ROOT);
        if (denied.contains(last)) return "column " + last + " is denied";
        if (names.size() == 1 && relations.contains(last)) {
          return "a whole-row reference to " + last + " would include denied columns";
        }
      } else if (cls.equals("STAR")) {
        return "SELECT * (or COLUMNS) would include denied columns; list the columns instead";
      } else if (cls.equals("POSITIONAL_REFERENCE")) {
        return "positional column references (#n) are not allowed where columns are denied";
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        String f = findDenied(child, denied, relations);
        if (f != null) return f;
      }
    }
    return null;
  }

  // ---- aggregates only

  private Verdict checkAggregatesOnly(
      Connection duckdb, ParsedFragment fragment, Policy policy, List<String> restricted) throws SiteException {
    String tables = String.join(", ", restricted);
    JsonNode node = fragment.statement().path("node");
    if (!node.path("type").asText().equals("SELECT_NODE")) {
      throw refused(tables + " may only be exported as aggregates: UNION, INTERSECT and EXCEPT are not allowed");
    }
    String construct = findForbiddenConstruct(fragment.statement());
    if (construct != null) throw refused(tables + " may only be exported as aggregates: " + construct);
    if (!aggregates(node)) {
      throw refused(tables + " may only be exported as aggregates: the query must aggregate (GROUP BY or an aggregate function)");
    }
    for (JsonNode item : node.path("select_list")) {
      if (containsClass(item, "SUBQUERY")) {
        throw refused(tables + " may only be exported as aggregates: subqueries in the SELECT list are not allowed");
      }
    }
    if (containsClass(node.path("having"), "SUBQUERY") || containsClass(node.path("modifiers"), "SUBQUERY")) {
      throw refused(tables + " may only be exported as aggregates: subqueries in HAVING or ORDER BY are not allowed");
    }
    int k = policy.minGroupSize();
    checkComplements(duckdb, fragment.statement(), restricted, k);

    ObjectNode statement = fragment.statement().deepCopy();
    ObjectNode outer = (ObjectNode) statement.path("node");
    JsonNode having = outer.path("having");
    ObjectNode atLeast = countStarCompared(duckdb, ">=", k);
    outer.set("having", having.isNull() || having.isMissingNode() ? atLeast : and(having, atLeast));
    String sql = toSql(duckdb, statement);

    ObjectNode small = fragment.statement().deepCopy();
    ObjectNode smallOuter = (ObjectNode) small.path("node");
    ObjectNode below = countStarCompared(duckdb, "<", k);
    smallOuter.set("having", having.isNull() || having.isMissingNode() ? below : and(having, below));
    smallOuter.set("modifiers", NODES.arrayNode());
    String suppressed = "SELECT count(*) FROM (" + toSql(duckdb, small) + ") AS shoal_suppressed";
    return new Verdict("aggregates", sql, suppressed, List.copyOf(restricted), k);
  }

  private static boolean aggregates(JsonNode node) {
    if (node.path("group_expressions").size() > 0) return true;
    if (node.path("aggregate_handling").asText("").equals("FORCE_AGGREGATES")) return true;
    for (JsonNode item : node.path("select_list")) {
      if (hasAggregateOutsideSubquery(item)) return true;
    }
    return false;
  }

  private static boolean hasAggregateOutsideSubquery(JsonNode node) {
    if (node.isObject()) {
      String cls = node.path("class").asText("");
      if (cls.equals("SUBQUERY")) return false;
      if (cls.equals("FUNCTION")
          && SUMMARY_AGGREGATES.contains(node.path("function_name").asText("").toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) if (hasAggregateOutsideSubquery(child)) return true;
    }
    return false;
  }

  private static String findForbiddenConstruct(JsonNode node) {
    if (node.isObject()) {
      String cls = node.path("class").asText("");
      String type = node.path("type").asText("");
      if (cls.equals("WINDOW")) return "window functions are not allowed";
      if (node.has("qualify") && !node.path("qualify").isNull()) return "QUALIFY is not allowed";
      if (type.equals("SET_OPERATION_NODE")) return "UNION, INTERSECT and EXCEPT are not allowed";
      if (type.equals("RECURSIVE_CTE_NODE")) return "recursive CTEs are not allowed";
      if (type.equals("TABLE_FUNCTION")) return "table functions (generators) are not allowed";
      if (type.equals("EXPRESSION_LIST")) return "VALUES lists are not allowed";
      if (cls.equals("FUNCTION")) {
        String fn = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
        if (REVEALING_AGGREGATES.contains(fn)) {
          return fn.toUpperCase(Locale.ROOT) + " reveals single values and is not allowed";
        }
        if (node.path("distinct").asBoolean(false) && !fn.equals("count")) {
          return fn.toUpperCase(Locale.ROOT) + "(DISTINCT ...) can reveal single values; only COUNT(DISTINCT) is allowed";
        }
      }
      JsonNode sample = node.path("sample");
      if (!sample.isMissingNode() && !sample.isNull()) return "SAMPLE is not allowed";
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        String f = findForbiddenConstruct(child);
        if (f != null) return f;
      }
    }
    return null;
  }

  private static boolean containsClass(JsonNode node, String cls) {
    if (node == null || node.isMissingNode() || node.isNull()) return false;
    if (node.isObject() && node.path("class").asText("").equals(cls)) return true;
    if (node.isContainerNode()) {
      for (JsonNode child : node) if (containsClass(child, cls)) return true;
    }
    return false;
  }

  /**
   * Query-set-size control: for every SELECT whose FROM reads an aggregates-only table directly and
   * that filters it, the rows the filter leaves out must be none or at least {@code k}. Otherwise
   * "all rows" minus "all but a few" would give the few away.
   */
  private void checkComplements(Connection duckdb, JsonNode statement, List<String> restricted, int k)
      throws SiteException {
    List<ObjectNode> filtered = new ArrayList<>();
    collectFilteredSelects(statement.path("node"), restricted, filtered);
    for (JsonNode entry : statement.path("node").path("cte_map").path("map")) {
      collectFilteredSelects(entry.path("value").path("query").path("node"), restricted, filtered);
      collectFilteredSelects(entry.path("value").path("query_node"), restricted, filtered);
    }
    for (ObjectNode select : filtered) {
      ObjectNode copy = select.deepCopy();
      copy.set("select_list", NODES.arrayNode().add(countStar(duckdb)));
      copy.set("where_clause", notTrue(duckdb, select.path("where_clause")));
      copy.set("group_expressions", NODES.arrayNode());
      copy.set("group_sets", NODES.arrayNode());
      copy.putNull("having");
      copy.set("modifiers", NODES.arrayNode());
      copy.put("aggregate_handling", "STANDARD_HANDLING");
      if (!copy.path("cte_map").path("map").isEmpty() == false) {
        // CTEs the filter's FROM may name live on the outer statement
        copy.set("cte_map", statement.path("node").path("cte_map").deepCopy());
      }
      ObjectNode wrapper = NODES.objectNode();
      wrapper.set("node", copy);
      long left;
      try {
        left = count(duckdb, toSql(duckdb, wrapper));
      } catch (SiteException | SQLException e) {
        throw refused("a filter over " + String.join(", ", restricted)
            + " could not be checked for the minimum group size (correlated filters are not allowed)");
      }
      if (left > 0 && left < k) {
        throw refused("a filter over " + String.join(", ", restricted) + " leaves out " + left
            + " row(s), fewer than min-group-size " + k + ": comparing it with the unfiltered query would single those rows out");
      }
    }
  }

  private static void collectFilteredSelects(JsonNode node, List<String> restricted, List<ObjectNode> out) {
    if (node == null || !node.isContainerNode()) return;
    if (node.isObject() && node.path("type").asText("").equals("SELECT_NODE")) {
      JsonNode where = node.path("where_clause");
      if (!where.isNull() && !where.isMissingNode() && readsDirectly(node.path("from_table"), restricted)) {
        out.add((ObjectNode) node);
      }
    }
    for (JsonNode child : node) collectFilteredSelects(child, restricted, out);
  }

  /** Whether a FROM clause names a restricted table itself (not through a subquery). */
  private static boolean readsDirectly(JsonNode from, List<String> restricted) {
    if (from == null || !from.isObject()) return false;
    String type = from.path("type").asText("");
    if (type.equals("BASE_TABLE")) {
      return restricted.contains(from.path("table_name").asText("").toLowerCase(Locale.ROOT));
    }
    if (type.equals("JOIN")) return readsDirectly(from.path("left"), restricted) || readsDirectly(from.path("right"), restricted);
    return false;
  }

  // ---- building SQL through DuckDB's own (de)serializer

  private static long count(Connection duckdb, String sql) throws SQLException {
    try (var st = duckdb.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ObjectNode template(Connection duckdb, String sql) throws SiteException {
    try (PreparedStatement ps = duckdb.prepareStatement("SELECT json_serialize_sql(?)")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (ObjectNode) Json.mapper().readTree(rs.getString(1)).path("statements").get(0).path("node");
      }
    } catch (SQLException | IOException e) {
      throw new SiteException(SiteException.Kind.INTERNAL, "policy rewrite failed: " + e.getMessage(), e);
    }
  }

  private static ObjectNode countStar(Connection duckdb) throws SiteException {
    return (ObjectNode) template(duckdb, "SELECT count(*)").path("select_list").get(0);
  }

  private static ObjectNode countStarCompared(Connection duckdb, String op, int k) throws SiteException {
    return (ObjectNode) template(duckdb, "SELECT 1 HAVING count(*) " + op + " " + k).path("having");
  }

  private static ObjectNode notTrue(Connection duckdb, JsonNode predicate) throws SiteException {
    ObjectNode t = (ObjectNode) template(duckdb, "SELECT 1 WHERE NOT coalesce(shoal_placeholder, false)").path("where_clause");
    return (ObjectNode) replacePlaceholder(t, predicate);
  }

  private static ObjectNode and(JsonNode left, JsonNode right) {
    ObjectNode n = NODES.objectNode();
    n.put("class", "CONJUNCTION");
    n.put("type", "CONJUNCTION_AND");
    n.put("alias", "");
    n.put("query_location", Long.parseUnsignedLong("18446744073709551615"));
    ArrayNode children = n.putArray("children");
    children.add(left.deepCopy());
    children.add(right.deepCopy());
    return n;
  }

  private static JsonNode replacePlaceholder(JsonNode node, JsonNode replacement) {
    if (node.isObject()) {
      if (node.path("class").asText("").equals("COLUMN_REF")
          && node.path("column_names").size() == 1
          && node.path("column_names").get(0).asText().equals("shoal_placeholder")) {
        return replacement.deepCopy();
      }
      ObjectNode copy = NODES.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), replacePlaceholder(e.getValue(), replacement)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(child -> copy.add(replacePlaceholder(child, replacement)));
      return copy;
    }
    return node;
  }

  private static String toSql(Connection duckdb, JsonNode statement) throws SiteException {
    ObjectNode doc = NODES.objectNode();
    doc.put("error", false);
    doc.putArray("statements").add(statement);
    try (PreparedStatement ps = duckdb.prepareStatement("SELECT json_deserialize_sql(?::JSON)")) {
      ps.setString(1, Json.mapper().writeValueAsString(doc));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException | IOException e) {
      throw new SiteException(SiteException.Kind.INTERNAL, "policy rewrite failed: " + e.getMessage(), e);
    }
  }

  private SiteException refused(String why) {
    return new SiteException(
        SiteException.Kind.REFUSED, "policy of site " + site + " (" + region + "): " + why);
  }
}
