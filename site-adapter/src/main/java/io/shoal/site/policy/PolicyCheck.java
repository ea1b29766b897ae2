package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.protocol.FragmentFunctions;
import io.shoal.site.SiteException;
import io.shoal.site.config.PolicyConfig.Export;
import io.shoal.site.table.ParsedFragment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  private static final JsonNodeFactory NODES = SqlTrees.NODES;

  private final String site;
  private final String region;
  /** Per table, the columns that identify a row or person: key-domain columns and declared identifiers. */
  private final Map<String, Set<String>> identifiers;
  /** Binds a statement in the site's shadow catalog (see {@code FragmentGuard}). */
  private final Binder binder;

  /** Binds SQL the policy check writes, to see what it resolves to. */
  @FunctionalInterface
  public interface Binder {
    io.shoal.site.bound.Lineage bind(String sql) throws SiteException;
  }

  /**
   * @param keyColumns per table, the columns the site config names in {@code keys:} (key domains
   *     decide which site holds a row, so they identify rows)
   */
  public PolicyCheck(String site, String region, Map<String, Set<String>> keyColumns, Binder binder) {
    this.site = site;
    this.region = region;
    this.identifiers = keyColumns;
    this.binder = binder;
  }

  public PolicyCheck(String site, String region) {
    this(site, region, Map.of(), sql -> {
      throw new SiteException(SiteException.Kind.INTERNAL, "no binder");
    });
  }

  /** As {@link #check(Connection, ParsedFragment, Policy, FragmentStatements)}, preparing its own statements. */
  public Verdict check(Connection duckdb, ParsedFragment fragment, Policy policy) throws SiteException {
    List<java.sql.PreparedStatement> opened = new ArrayList<>();
    try {
      return check(duckdb, fragment, policy, sql -> {
        try {
          java.sql.PreparedStatement ps = duckdb.prepareStatement(sql);
          opened.add(ps);
          return ps;
        } catch (java.sql.SQLException e) {
          throw io.shoal.site.duck.DuckErrors.classify(e.getMessage(), e, "");
        }
      });
    } finally {
      for (java.sql.PreparedStatement ps : opened) {
        try {
          ps.close();
        } catch (java.sql.SQLException ignored) {
          // only read for its columns
        }
      }
    }
  }

  /**
   * Checks a fragment and returns what to run; throws {@code REFUSED} when no rewrite can make it
   * comply. A check that needs the fragment's columns reads them from {@code statements}.
   */
  public Verdict check(Connection duckdb, ParsedFragment fragment, Policy policy, FragmentStatements statements)
      throws SiteException {
    checkDeniedColumns(fragment, policy);
    List<String> privateTables = new ArrayList<>();
    for (String t : new TreeSet<>(fragment.tables())) {
      if (policy.export(t) == Export.PRIVATE) privateTables.add(t);
    }
    if (!privateTables.isEmpty()) {
      if (privateTables.size() > 1) {
        throw refused("private", "tables " + String.join(", ", privateTables)
            + " are export: private: a query may read only one private table");
      }
      String table = privateTables.get(0);
      var plan = new PrivateAggregates(duckdb, statements, binder, this::refused).plan(fragment, policy, table, policy.settings(table));
      return Verdict.privately(fragment.sql(), plan);
    }
    List<String> restricted = new ArrayList<>();
    for (String t : new TreeSet<>(fragment.tables())) {
      if (policy.export(t) == Export.AGGREGATES) restricted.add(t);
    }
    if (restricted.isEmpty()) return Verdict.rows(fragment.sql());
    return checkAggregatesOnly(duckdb, fragment, policy, restricted);
  }

  // ---- denied columns

  /**
   * A denied column that any scan of the fragment reads, for any purpose, refuses it: the columns
   * come from DuckDB's binder (see {@code FragmentGuard}), so aliases, alias lists, USING, NATURAL,
   * {@code *}, {@code COLUMNS()}, whole-row references and CTEs cannot hide one. A table whose
   * column reads are unknown counts as reading all of them.
   */
  private void checkDeniedColumns(ParsedFragment fragment, Policy policy) throws SiteException {
    for (String table : new TreeSet<>(fragment.tables())) {
      Set<String> denied = policy.deniedColumns(table);
      if (denied.isEmpty()) continue;
      Set<String> read = fragment.columns().get(table);
      Set<String> hit = new TreeSet<>(read == null ? denied : read);
      hit.retainAll(denied);
      if (!hit.isEmpty()) {
        throw refused("denied-column", "column " + String.join(", ", hit) + " of table " + table
            + " is denied: it may not leave the region nor be used in the output, filters, joins,"
            + " grouping, ordering or aggregate arguments (denied columns of " + table + ": "
            + String.join(", ", denied) + ")");
      }
    }
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
    if (!SqlTrees.aggregates(node)) {
      throw refused(tables + " may only be exported as aggregates: the query must aggregate (GROUP BY or an aggregate function)");
    }
    for (JsonNode item : node.path("select_list")) {
      if (SqlTrees.containsClass(item, "SUBQUERY")) {
        throw refused(tables + " may only be exported as aggregates: subqueries in the SELECT list are not allowed");
      }
    }
    if (SqlTrees.containsClass(node.path("having"), "SUBQUERY") || SqlTrees.containsClass(node.path("modifiers"), "SUBQUERY")) {
      throw refused(tables + " may only be exported as aggregates: subqueries in HAVING or ORDER BY are not allowed");
    }
    checkScalarSubqueriesInFilters(fragment.statement(), restricted);
    HonestAggregates.check(fragment, policy, restricted, identifiers, this::refused);
    int k = policy.minGroupSize();
    checkComplements(duckdb, fragment.statement(), restricted, k);

    // The threshold counts privacy units where a table names one (one person with many rows is
    // still one person), else rows.
    Map<String, String> units = new TreeMap<>();
    for (String t : restricted) {
      String unit = policy.privacyUnit(t);
      if (unit != null) units.put(t, unit);
    }
    // The unit as the outer query names it: qualified by the table's alias where the table is read
    // directly (a join may have another column of the same name).
    Map<String, String> unitColumns = new TreeMap<>();
    ObjectNode statement = fragment.statement().deepCopy();
    ObjectNode outer = (ObjectNode) statement.path("node");
    for (var e : units.entrySet()) unitColumns.put(e.getKey(), PrivacyUnits.expose(duckdb, outer, e.getKey(), e.getValue()));
    if (!units.isEmpty()) PrivacyUnits.checkReadable(statement, units, unitColumns, duckdb, binder, this::refused);
    JsonNode having = outer.path("having");
    JsonNode atLeast = threshold(duckdb, unitColumns, ">=", k);
    outer.set("having", having.isNull() || having.isMissingNode() ? atLeast : SqlTrees.and(having, atLeast));
    String sql = SqlTrees.toSql(duckdb, statement);

    ObjectNode small = fragment.statement().deepCopy();
    ObjectNode smallOuter = (ObjectNode) small.path("node");
    for (var e : units.entrySet()) PrivacyUnits.expose(duckdb, smallOuter, e.getKey(), e.getValue());
    JsonNode below = threshold(duckdb, unitColumns, "<", k);
    smallOuter.set("having", having.isNull() || having.isMissingNode() ? below : SqlTrees.and(having, below));
    smallOuter.set("modifiers", NODES.arrayNode());
    String suppressed = "SELECT count(*) FROM (" + SqlTrees.toSql(duckdb, small) + ") AS shoal_suppressed";
    boolean global = node.path("group_expressions").isEmpty() && node.path("group_sets").isEmpty();
    return new Verdict("aggregates", sql, suppressed, List.copyOf(restricted), k, global);
  }

  /**
   * {@code count(*) op k}, or with privacy units {@code count(DISTINCT unit) op k} for each table
   * that names one (all must hold for a group to leave; any below the threshold suppresses it).
   */
  private static JsonNode threshold(Connection duckdb, Map<String, String> units, String op, int k) throws SiteException {
    if (units.isEmpty()) return SqlTrees.countStarCompared(duckdb, op, k);
    StringBuilder having = new StringBuilder("SELECT 1 HAVING ");
    String join = op.equals(">=") ? " AND " : " OR ";
    int i = 0;
    for (String column : new java.util.TreeSet<>(units.values())) {
      having.append(i++ > 0 ? join : "").append("count(DISTINCT ").append(column).append(") ").append(op).append(' ').append(k);
    }
    return SqlTrees.template(duckdb, having.toString()).path("having");
  }

  /**
   * A scalar subquery over an aggregates-only table inside a filter returns one value of it, and
   * the filter then turns that value into a bit of the answer: refused.
   */
  private void checkScalarSubqueriesInFilters(JsonNode statement, List<String> restricted) throws SiteException {
    Set<String> sources = restrictedSources(statement, restricted);
    List<JsonNode> filters = new ArrayList<>();
    collectFilters(statement, filters);
    for (JsonNode f : filters) {
      if (hasScalarSubqueryOver(f, sources)) {
        throw refused("scalar-subquery", String.join(", ", restricted)
            + " may only be exported as aggregates: a scalar subquery over it may not appear in a filter");
      }
    }
  }

  private static void collectFilters(JsonNode node, List<JsonNode> out) {
    if (node.isObject()) {
      for (String k : List.of("where_clause", "having", "qualify", "condition")) {
        JsonNode f = node.path(k);
        if (f.isObject()) out.add(f);
      }
    }
    if (node.isContainerNode()) node.forEach(child -> collectFilters(child, out));
  }

  private static boolean hasScalarSubqueryOver(JsonNode node, Set<String> sources) {
    if (node.isObject() && node.path("class").asText("").equals("SUBQUERY")
        && node.path("subquery_type").asText("").equals("SCALAR") && mentions(node.path("subquery"), sources)) {
      return true;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) if (hasScalarSubqueryOver(child, sources)) return true;
    }
    return false;
  }

  static String findForbiddenConstruct(JsonNode node) {
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
        if (FragmentFunctions.aggregateAllowed(fn) && !FragmentFunctions.summarises(fn)) {
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

  /**
   * Query-set-size control: for every SELECT whose FROM reads an aggregates-only table directly and
   * that filters it, the rows the filter leaves out must be none or at least {@code k}. Otherwise
   * "all rows" minus "all but a few" would give the few away.
   */
  private void checkComplements(Connection duckdb, JsonNode statement, List<String> restricted, int k)
      throws SiteException {
    List<ObjectNode> filtered = new ArrayList<>();
    Set<String> sources = restrictedSources(statement, restricted);
    collectFilteredSelects(statement.path("node"), sources, filtered);
    for (ObjectNode select : filtered) {
      ObjectNode copy = select.deepCopy();
      copy.set("select_list", NODES.arrayNode().add(SqlTrees.countStar(duckdb)));
      copy.set("where_clause", SqlTrees.notTrue(duckdb, select.path("where_clause")));
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
        left = SqlTrees.count(duckdb, SqlTrees.toSql(duckdb, wrapper));
      } catch (SiteException | SQLException e) {
        throw refused("filter-complement", "a filter over " + String.join(", ", restricted)
            + " could not be checked for the minimum group size (correlated filters are not allowed)");
      }
      if (left > 0 && left < k) {
        throw refused("filter-complement", "a filter over " + String.join(", ", restricted) + " leaves out " + left
            + " row(s), fewer than min-group-size " + k + ": comparing it with the unfiltered query would single those rows out");
      }
    }
  }

  /**
   * The names through which a SELECT can read rows of an aggregates-only table: the tables, and
   * every CTE (at any level) whose body mentions one. Names stand for what they may read, so this
   * over-approximates, which only means more filters get counted.
   */
  static Set<String> restrictedSources(JsonNode statement, List<String> restricted) {
    Set<String> names = new HashSet<>(restricted);
    boolean grew = true;
    while (grew) {
      grew = false;
      List<JsonNode> ctes = new ArrayList<>();
      collectCtes(statement, ctes);
      for (JsonNode entry : ctes) {
        String name = entry.path("key").asText("").toLowerCase(Locale.ROOT);
        if (!names.contains(name) && mentions(entry.path("value"), names)) {
          names.add(name);
          grew = true;
        }
      }
    }
    return names;
  }

  private static void collectCtes(JsonNode node, List<JsonNode> out) {
    if (node.isObject()) for (JsonNode entry : node.path("cte_map").path("map")) out.add(entry);
    if (node.isContainerNode()) node.forEach(child -> collectCtes(child, out));
  }

  /** Whether a subtree names (as a base table or CTE reference) any of {@code names}. */
  private static boolean mentions(JsonNode node, Set<String> names) {
    if (node.isObject() && node.path("type").asText("").equals("BASE_TABLE")
        && names.contains(node.path("table_name").asText("").toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) if (mentions(child, names)) return true;
    }
    return false;
  }

  private static void collectFilteredSelects(JsonNode node, Set<String> sources, List<ObjectNode> out) {
    if (node == null || !node.isContainerNode()) return;
    if (node.isObject() && node.path("type").asText("").equals("SELECT_NODE")) {
      JsonNode where = node.path("where_clause");
      if (!where.isNull() && !where.isMissingNode() && mentions(node.path("from_table"), sources)) {
        out.add((ObjectNode) node);
      }
    }
    for (JsonNode child : node) collectFilteredSelects(child, sources, out);
  }

  private SiteException refused(String why) {
    return refused("aggregates-only", why);
  }

  private SiteException refused(String rule, String why) {
    return new SiteException(
        SiteException.Kind.REFUSED, "policy of site " + site + " (" + region + "): " + why).withRule("policy:" + rule);
  }
}
