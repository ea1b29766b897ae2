package io.shoal.site.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A fragment after DuckDB parsed it with {@code json_serialize_sql}: the one SELECT statement's
 * syntax tree, and the lower-cased names of the base tables it reads. Table sources read predicates
 * from the tree to prune files.
 *
 * @param sql the fragment text as received
 * @param statement the {@code statements[0]} node of DuckDB's JSON serialization
 * @param tables lower-cased names of every BASE_TABLE referenced, CTE names excluded
 */
public record ParsedFragment(String sql, JsonNode statement, Set<String> tables) {}
