package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.site.SiteException;
import io.shoal.site.privacy.PrivatePlan.Output;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.Sql;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the SQL that releases a private answer: the fragment's own SELECT list, HAVING and ORDER
 * BY over the noisy figures ({@code shoal_dp_groups} joined with {@code shoal_dp_noisy}), cast to
 * the fragment's own column names and types so that the release has exactly its schema.
 */
final class ReleaseSql {
  private final Connection duckdb;
  private final FragmentStatements statements;

  ReleaseSql(Connection duckdb, FragmentStatements statements) {
    this.duckdb = duckdb;
    this.statements = statements;
  }

  /**
   * The release statement of {@code fragment}: its own SELECT over the noisy figures, with each
   * aggregate call replaced by its released value and each group expression by its column.
   */
  String build(
      ParsedFragment fragment, List<JsonNode> groups, Map<String, JsonNode> calls, List<Output> outputs, int parameters)
      throws SiteException {
    JsonNode statement = fragment.statement();
    ObjectNode copy = statement.deepCopy();
    ObjectNode select = (ObjectNode) copy.path("node");
    Map<String, JsonNode> replacements = new TreeMap<>();
    int i = 0;
    for (String key : calls.keySet()) {
      Output o = outputs.get(i++);
      replacements.put(key, SqlTrees.template(duckdb, "SELECT CAST(" + o.column() + " AS " + o.type() + ")")
          .path("select_list").get(0));
    }
    Map<String, JsonNode> groupRefs = new TreeMap<>();
    Map<String, JsonNode> groupNames = new TreeMap<>();
    for (int g = 0; g < groups.size(); g++) {
      JsonNode ref = SqlTrees.template(duckdb, "SELECT shoal_g" + g).path("select_list").get(0);
      groupRefs.put(SqlTrees.canonical(groups.get(g)).toString(), ref);
      if (groups.get(g).path("class").asText("").equals("COLUMN_REF")) {
        JsonNode names = groups.get(g).path("column_names");
        groupNames.putIfAbsent(names.get(names.size() - 1).asText().toLowerCase(Locale.ROOT), ref);
      }
    }
    for (String part : List.of("select_list", "having", "modifiers")) {
      select.set(part, replace(select.path(part), replacements, groupRefs, groupNames));
    }
    JsonNode having = select.path("having");
    select.set("from_table", SqlTrees.template(duckdb, "SELECT 1 FROM shoal_dp_groups JOIN shoal_dp_noisy USING (shoal_rid)")
        .path("from_table"));
    select.set("where_clause", having.isObject() ? having : com.fasterxml.jackson.databind.node.NullNode.getInstance());
    SqlTrees.clearAggregation(select);
    ((ObjectNode) select.path("cte_map")).set("map", SqlTrees.NODES.arrayNode());

    // The fragment's own column names and types, so the release has its schema exactly: from the
    // statement the fragment keeps, not one more prepare.
    List<String> labels = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try {
      ResultSetMetaData md = statements.prepared(fragment.sql()).getMetaData();
      for (int c = 1; c <= md.getColumnCount(); c++) {
        labels.add(md.getColumnLabel(c));
        types.add(md.getColumnTypeName(c));
      }
    } catch (SQLException e) {
      throw io.shoal.site.duck.DuckErrors.classify(e.getMessage(), e, "");
    }
    StringBuilder out = new StringBuilder("SELECT ");
    List<String> inner = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      inner.add("shoal_c" + c);
      out.append(c > 0 ? ", " : "").append("CAST(shoal_c").append(c).append(" AS ").append(types.get(c)).append(") AS ")
          .append(Sql.ident(labels.get(c)));
    }
    out.append(" FROM (").append(SqlTrees.toSql(duckdb, copy)).append(") AS shoal_dp(").append(String.join(", ", inner))
        .append(")").append(parameterRow(parameters));
    return out.toString();
  }

  private static JsonNode replace(
      JsonNode node, Map<String, JsonNode> calls, Map<String, JsonNode> groups, Map<String, JsonNode> groupNames) {
    if (node.isObject()) {
      String key = SqlTrees.canonical(node).toString();
      JsonNode call = calls.get(key);
      JsonNode group = call == null ? groups.get(key) : null;
      JsonNode hit = call != null ? call : group;
      if (hit == null && node.path("class").asText("").equals("COLUMN_REF")) {
        JsonNode names = node.path("column_names");
        hit = groupNames.get(names.get(names.size() - 1).asText().toLowerCase(Locale.ROOT));
      }
      if (hit != null && node.has("class")) {
        ObjectNode copy = hit.deepCopy();
        copy.put("alias", node.path("alias").asText(""));
        return copy;
      }
      ObjectNode copy = SqlTrees.NODES.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), replace(e.getValue(), calls, groups, groupNames)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = SqlTrees.NODES.arrayNode();
      node.forEach(child -> copy.add(replace(child, calls, groups, groupNames)));
      return copy;
    }
    return node;
  }

  /** A one-row cross join naming every parameter, so each statement binds the whole list. */
  static String parameterRow(int parameters) {
    if (parameters == 0) return "";
    StringBuilder row = new StringBuilder(", (SELECT ");
    for (int p = 1; p <= parameters; p++) row.append(p > 1 ? ", " : "").append('$').append(p).append(" AS shoal_p").append(p);
    return row.append(") AS shoal_parameters").toString();
  }
}
