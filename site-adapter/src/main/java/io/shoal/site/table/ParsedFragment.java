package io.shoal.site.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.site.bound.Lineage;
import java.util.Map;
import java.util.Set;

/**
 * A fragment after the site's guard read it: DuckDB's syntax tree of the one SELECT statement, and
 * what DuckDB's binder resolved it to read. Table sources read predicates from the tree to prune
 * files; the policy check judges the columns.
 *
 * @param sql the fragment text as received
 * @param statement the {@code statements[0]} node of DuckDB's JSON serialization
 * @param tables lower-cased names of every base table the bound statement scans
 * @param columns for each of {@code tables}, the lower-cased columns any scan of it reads, for any
 *     purpose (output, filter, join, grouping, aggregate argument)
 * @param lineage what the bound plan's aggregates and filters depend on; null when not known
 */
public record ParsedFragment(
    String sql, JsonNode statement, Set<String> tables, Map<String, Set<String>> columns, Lineage lineage) {

  /** A fragment whose column reads are not known: every column of every table counts as read. */
  public ParsedFragment(String sql, JsonNode statement, Set<String> tables) {
    this(sql, statement, tables, Map.of(), null);
  }
}
