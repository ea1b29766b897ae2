package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.site.SiteException;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The privacy unit of a table (the column whose value is one person) as the outer query of a
 * fragment can name it: what both the unit-counting threshold of {@code export: aggregates} and the
 * per-unit bounding of {@code export: private} group by.
 */
final class PrivacyUnits {
  private PrivacyUnits() {}

  /**
   * The unit column must be the one the outer query's threshold would count: the fragment with
   * {@code count(DISTINCT unit)} appended to its outer SELECT is bound in the shadow catalog, and
   * that last outer aggregate must read exactly the table's unit column. A subquery that renames
   * another column to the unit's name, or hides the unit, is refused.
   */
  static void checkReadable(
      JsonNode statement, Map<String, String> units, Map<String, String> unitColumns, Connection duckdb,
      PolicyCheck.Binder binder, BiFunction<String, String, SiteException> refused)
      throws SiteException {
    for (var e : units.entrySet()) {
      ObjectNode probe = statement.deepCopy();
      ObjectNode outer = (ObjectNode) probe.path("node");
      JsonNode count = SqlTrees.template(duckdb, "SELECT count(DISTINCT " + unitColumns.get(e.getKey()) + ")")
          .path("select_list").get(0);
      ((ArrayNode) outer.get("select_list")).add(count);
      outer.putNull("having");
      outer.set("modifiers", SqlTrees.NODES.arrayNode());
      io.shoal.site.bound.Lineage lineage;
      try {
        lineage = binder.bind(SqlTrees.toSql(duckdb, probe));
      } catch (SiteException ex) {
        throw refused.apply("privacy-unit", e.getKey() + " counts privacy units (" + e.getValue()
            + "): the outer query must read that column, not hide or rename it");
      }
      int top = Integer.MAX_VALUE;
      for (var a : lineage.aggregates()) top = Math.min(top, a.depth());
      io.shoal.site.bound.Lineage.Aggregate last = null;
      for (var a : lineage.aggregates()) if (a.depth() == top) last = a;
      String expected = e.getKey() + "." + e.getValue().toLowerCase(Locale.ROOT);
      if (last == null || !last.distinct() || !last.arguments().origins().equals(Set.of(expected))) {
        throw refused.apply("privacy-unit", e.getKey() + " counts privacy units (" + e.getValue()
            + "): in the outer query that name must mean the table's own column " + e.getValue());
      }
    }
  }

  /** The name under which a subquery passes the privacy unit up to the outer query. */
  static final String UNIT_ALIAS = "shoal_privacy_unit";

  /**
   * Makes the privacy unit readable in the outer query and returns how to name it there: {@code
   * "alias"."unit"} when the outer FROM reads the table itself; when it reads the table through a
   * plain subquery (one SELECT straight over the table, no DISTINCT or aggregate: the shape the
   * coordinator's fragments have), that subquery also selects the unit as {@link #UNIT_ALIAS},
   * which changes no row, and the outer query names {@code "alias".shoal_privacy_unit}. Otherwise
   * the bare name; {@link #checkReadable} then decides whether it means the unit.
   */
  static String expose(Connection duckdb, ObjectNode outer, String table, String unit) throws SiteException {
    JsonNode from = outer.path("from_table");
    String direct = directReference(from, table);
    String column = io.shoal.site.table.Sql.ident(unit);
    if (direct != null) return io.shoal.site.table.Sql.ident(direct) + "." + column;
    ObjectNode sub = plainSubqueryOver(from, table);
    if (sub != null) {
      ObjectNode select = (ObjectNode) sub.path("subquery").path("node");
      ObjectNode item = (ObjectNode) SqlTrees.template(duckdb, "SELECT " + column + " AS " + UNIT_ALIAS).path("select_list").get(0);
      ((ArrayNode) select.get("select_list")).add(item);
      return io.shoal.site.table.Sql.ident(sub.path("alias").asText()) + "." + UNIT_ALIAS;
    }
    return column;
  }

  /** The alias (or name) under which a FROM clause reads {@code table} itself, not via a subquery. */
  static String directReference(JsonNode from, String table) {
    if (from == null || !from.isObject()) return null;
    String type = from.path("type").asText("");
    if (type.equals("BASE_TABLE") && from.path("table_name").asText("").equalsIgnoreCase(table)) {
      String alias = from.path("alias").asText("");
      return alias.isEmpty() ? from.path("table_name").asText() : alias;
    }
    if (type.equals("JOIN")) {
      String left = directReference(from.path("left"), table);
      return left != null ? left : directReference(from.path("right"), table);
    }
    return null;
  }

  /** A FROM item {@code (SELECT ... FROM table [WHERE ...]) AS alias}, found through joins. */
  static ObjectNode plainSubqueryOver(JsonNode from, String table) {
    if (from == null || !from.isObject()) return null;
    String type = from.path("type").asText("");
    if (type.equals("SUBQUERY") && !from.path("alias").asText("").isEmpty()) {
      JsonNode select = from.path("subquery").path("node");
      boolean plain = select.path("type").asText("").equals("SELECT_NODE")
          && select.path("group_expressions").isEmpty() && select.path("group_sets").isEmpty()
          && !SqlTrees.aggregates(select) && select.path("modifiers").isEmpty() && select.path("cte_map").path("map").isEmpty()
          && select.path("from_table").path("type").asText("").equals("BASE_TABLE")
          && select.path("from_table").path("table_name").asText("").equalsIgnoreCase(table)
          && from.path("column_name_alias").isEmpty();
      return plain ? (ObjectNode) from : null;
    }
    if (type.equals("JOIN")) {
      ObjectNode left = plainSubqueryOver(from.path("left"), table);
      return left != null ? left : plainSubqueryOver(from.path("right"), table);
    }
    return null;
  }

}
