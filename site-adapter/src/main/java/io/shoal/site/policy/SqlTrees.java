package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.protocol.FragmentFunctions;
import io.shoal.protocol.Json;
import io.shoal.site.SiteException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * DuckDB's syntax trees ({@code json_serialize_sql}) as the policy rewrites read and build them:
 * new pieces come from DuckDB parsing a template, and SQL comes back from DuckDB's own
 * {@code json_deserialize_sql}, so no rewrite splices text.
 */
final class SqlTrees {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SqlTrees() {}

  static long count(Connection duckdb, String sql) throws SQLException {
    try (var st = duckdb.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static ObjectNode template(Connection duckdb, String sql) throws SiteException {
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

  static ObjectNode countStar(Connection duckdb) throws SiteException {
    return (ObjectNode) template(duckdb, "SELECT count(*)").path("select_list").get(0);
  }

  static ObjectNode countStarCompared(Connection duckdb, String op, int k) throws SiteException {
    return (ObjectNode) template(duckdb, "SELECT 1 HAVING count(*) " + op + " " + k).path("having");
  }

  static ObjectNode notTrue(Connection duckdb, JsonNode predicate) throws SiteException {
    ObjectNode t = (ObjectNode) template(duckdb, "SELECT 1 WHERE NOT coalesce(shoal_placeholder, false)").path("where_clause");
    return (ObjectNode) replacePlaceholder(t, predicate);
  }

  static ObjectNode and(JsonNode left, JsonNode right) {
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

  static JsonNode replacePlaceholder(JsonNode node, JsonNode replacement) {
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

  static String toSql(Connection duckdb, JsonNode statement) throws SiteException {
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

  static boolean aggregates(JsonNode node) {
    if (node.path("group_expressions").size() > 0) return true;
    if (node.path("aggregate_handling").asText("").equals("FORCE_AGGREGATES")) return true;
    for (JsonNode item : node.path("select_list")) {
      if (hasAggregateOutsideSubquery(item)) return true;
    }
    return false;
  }


  static boolean hasAggregateOutsideSubquery(JsonNode node) {
    if (node.isObject()) {
      String cls = node.path("class").asText("");
      if (cls.equals("SUBQUERY")) return false;
      if (cls.equals("FUNCTION")
          && FragmentFunctions.summarises(node.path("function_name").asText(""))) {
        return true;
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) if (hasAggregateOutsideSubquery(child)) return true;
    }
    return false;
  }


  static boolean containsClass(JsonNode node, String cls) {
    if (node == null || node.isMissingNode() || node.isNull()) return false;
    if (node.isObject() && node.path("class").asText("").equals(cls)) return true;
    if (node.isContainerNode()) {
      for (JsonNode child : node) if (containsClass(child, cls)) return true;
    }
    return false;
  }


  /** A copy without source positions and aliases: two expressions that mean the same compare equal. */
  static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.fields().forEachRemaining(e -> {
        String k = e.getKey();
        if (k.equals("query_location") || k.equals("query_location_length") || k.equals("alias")) return;
        copy.set(k, canonical(e.getValue()));
      });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(child -> copy.add(canonical(child)));
      return copy;
    }
    return node;
  }

  /** Makes a SELECT node plain: no GROUP BY, grouping sets or HAVING. */
  static void clearAggregation(ObjectNode select) {
    select.set("group_expressions", SqlTrees.NODES.arrayNode());
    select.set("group_sets", SqlTrees.NODES.arrayNode());
    select.putNull("having");
    select.put("aggregate_handling", "STANDARD_HANDLING");
  }

  /** A copy of {@code expression} under {@code alias}. */
  static ObjectNode aliased(JsonNode expression, String alias) {
    ObjectNode copy = expression.deepCopy();
    copy.put("alias", alias);
    return copy;
  }
}
