package io.shoal.site;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.Json;
import io.shoal.site.table.ParsedFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * The first line of a site's defence: a fragment must be exactly one SELECT over the site's own
 * tables. DuckDB parses it for us ({@code json_serialize_sql} refuses anything that is not a
 * SELECT), and we walk the syntax tree for every table and table function it reads. The lock-down
 * settings (no external access, locked configuration) are the second line.
 */
final class FragmentGuard {

  /** Table functions that read no data: generators only. */
  private static final Set<String> ALLOWED_TABLE_FUNCTIONS =
      Set.of("range", "generate_series", "unnest");

  private final Set<String> tables;
  private final ParseCache parses;

  /**
   * DuckDB's parse of a fragment text, kept by text: the same text always parses the same, and
   * parsing costs a round trip into DuckDB (about a millisecond) on every fragment otherwise. Only
   * the parse is kept; every fragment is still walked and checked against the caller's tables and
   * policy. The trees are shared, so nobody may modify them (the policy check copies before it
   * rewrites).
   */
  static final class ParseCache {
    private static final int MAX = 512;
    private final Map<String, JsonNode> byText =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
                return size() > MAX;
              }
            });
  }

  /** @param tables lower-case names of the tables registered at this site */
  FragmentGuard(Set<String> tables) {
    this(tables, new ParseCache());
  }

  FragmentGuard(Set<String> tables, ParseCache parses) {
    this.tables = Set.copyOf(tables);
    this.parses = parses;
  }

  ParsedFragment check(Connection duckdb, String sql) throws SiteException {
    if (sql == null || sql.isBlank()) {
      throw new SiteException(SiteException.Kind.INVALID_SQL, "empty SQL");
    }
    JsonNode tree = parses.byText.get(sql);
    if (tree == null) {
      try (PreparedStatement ps = duckdb.prepareStatement("SELECT json_serialize_sql(?)")) {
        ps.setString(1, sql);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          tree = Json.mapper().readTree(rs.getString(1));
        }
      } catch (SQLException | java.io.IOException e) {
        throw new SiteException(SiteException.Kind.INTERNAL, "cannot parse fragment: " + e.getMessage(), e);
      }
      parses.byText.put(sql, tree);
    }
    if (tree.path("error").asBoolean(false)) {
      String type = tree.path("error_type").asText("");
      String message = tree.path("error_message").asText("invalid SQL");
      if (message.startsWith("Only SELECT statements")) {
        throw new SiteException(
            SiteException.Kind.REFUSED,
            "only SELECT statements run at this site; refused: " + firstWord(sql));
      }
      throw new SiteException(
          SiteException.Kind.INVALID_SQL, (type.isEmpty() ? "" : type + " ") + message);
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw new SiteException(
          SiteException.Kind.REFUSED,
          "a fragment must be exactly one SELECT statement, got " + statements.size());
    }
    JsonNode statement = statements.get(0);
    Set<String> ctes = new HashSet<>();
    collectCteNames(statement, ctes);
    Set<String> read = new HashSet<>();
    walk(statement, ctes, read);
    return new ParsedFragment(sql, statement, Set.copyOf(read));
  }

  private static void collectCteNames(JsonNode node, Set<String> ctes) {
    if (node.isObject()) {
      JsonNode map = node.path("cte_map").path("map");
      for (JsonNode entry : map) ctes.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
      node.forEach(child -> collectCteNames(child, ctes));
    } else if (node.isArray()) {
      node.forEach(child -> collectCteNames(child, ctes));
    }
  }

  private void walk(JsonNode node, Set<String> ctes, Set<String> read) throws SiteException {
    if (node.isArray()) {
      for (JsonNode child : node) walk(child, ctes, read);
      return;
    }
    if (!node.isObject()) return;
    String type = node.path("type").asText("");
    if (type.equals("BASE_TABLE") && node.has("table_name")) {
      checkTable(node, ctes, read);
    } else if (type.equals("TABLE_FUNCTION")) {
      String fn = node.path("function").path("function_name").asText("").toLowerCase(Locale.ROOT);
      if (!ALLOWED_TABLE_FUNCTIONS.contains(fn)) {
        throw new SiteException(
            SiteException.Kind.REFUSED,
            "table function " + fn + "() is not allowed at this site; query its registered tables");
      }
    }
    for (JsonNode child : node) walk(child, ctes, read);
  }

  private void checkTable(JsonNode node, Set<String> ctes, Set<String> read) throws SiteException {
    String table = node.path("table_name").asText().toLowerCase(Locale.ROOT);
    String schema = node.path("schema_name").asText("").toLowerCase(Locale.ROOT);
    String catalog = node.path("catalog_name").asText("").toLowerCase(Locale.ROOT);
    if (!node.path("at_clause").isNull() && !node.path("at_clause").isMissingNode()) {
      throw new SiteException(SiteException.Kind.REFUSED, "AT (time travel) is not supported: " + table);
    }
    boolean qualified = !schema.isEmpty() || !catalog.isEmpty();
    if (!qualified && ctes.contains(table)) return;
    boolean ownSchema = (schema.isEmpty() || schema.equals("main")) && catalog.isEmpty();
    if (!ownSchema || !tables.contains(table)) {
      String name = (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + table;
      throw new SiteException(SiteException.Kind.NOT_FOUND, "table " + name + " does not exist at this site");
    }
    read.add(table);
  }

  private static String firstWord(String sql) {
    String s = sql.strip();
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
    return end == 0 ? "statement" : s.substring(0, end).toUpperCase(Locale.ROOT);
  }
}
