package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes the rows a private answer is computed from unable to fail on a value: whether a query
 * errors must not tell one person's value (see {@link PrivateAggregates}).
 */
final class TryWrapping {
  private TryWrapping() {}

  /**
   * Wraps every filter, join condition and output of every SELECT the rows statement runs in
   * DuckDB's {@code try()}: a value that makes an expression fail (a cast, a division) gives NULL
   * instead of an error, so whether the query fails cannot depend on one person's value.
   */
  static void wrap(JsonNode node, JsonNode tryTemplate) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      if (o.path("type").asText("").equals("SELECT_NODE")) {
        wrapField(o, "where_clause", tryTemplate);
        JsonNode items = o.path("select_list");
        for (int i = 0; i < items.size(); i++) {
          JsonNode item = items.get(i);
          String cls = item.path("class").asText("");
          // A column reference cannot fail; an unnamed expression would be renamed by the wrapper
          // (its name is its text), so only named expressions are wrapped.
          if (cls.equals("STAR") || cls.equals("COLUMN_REF") || item.path("alias").asText("").isEmpty()) continue;
          ObjectNode wrapped = (ObjectNode) SqlTrees.replacePlaceholder(tryTemplate, SqlTrees.aliased(item, ""));
          wrapped.put("alias", item.path("alias").asText(""));
          ((ArrayNode) items).set(i, wrapped);
        }
      }
      if (o.path("type").asText("").equals("JOIN")) wrapField(o, "condition", tryTemplate);
    }
    if (node.isContainerNode()) node.forEach(child -> wrap(child, tryTemplate));
  }

  private static void wrapField(ObjectNode o, String field, JsonNode tryTemplate) {
    JsonNode e = o.path(field);
    if (e.isObject() && !e.path("class").asText("").equals("SUBQUERY")) {
      o.set(field, SqlTrees.replacePlaceholder(tryTemplate, e));
    }
  }
}
