package io.shoal.site.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.FragmentFunctions;
import io.shoal.site.SiteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a bound plan reads: for each base table, the columns any scan of it reads, for any purpose
 * (output, filter, join, grouping, aggregate argument). Taken from the {@code LOGICAL_GET} operators
 * of DuckDB's unoptimised plan, which name the qualified table and the column indexes the binder
 * bound. The unoptimised plan is used because optimisation moves filters into scans or folds them
 * away, and could then hide a column the fragment uses.
 */
final class PlanReads {
  private PlanReads() {}

  /**
   * @param plan the {@code json_serialize_plan} document
   * @param tables the tables that exist in the shadow catalog (lower case)
   * @return table name to the columns read (lower case), in name order
   */
  static Map<String, Set<String>> of(JsonNode plan, Set<String> tables) throws SiteException {
    Map<String, Set<String>> reads = new TreeMap<>();
    List<JsonNode> gets = new ArrayList<>();
    collectGets(plan.path("plans"), gets);
    for (JsonNode get : gets) read(get, tables, reads);
    return reads;
  }

  private static void collectGets(JsonNode node, List<JsonNode> out) {
    if (node.isObject() && "LOGICAL_GET".equals(node.path("type").asText(null))) out.add(node);
    if (node.isContainerNode()) node.forEach(child -> collectGets(child, out));
  }

  private static void read(JsonNode get, Set<String> tables, Map<String, Set<String>> reads) throws SiteException {
    List<String> function = texts(get.path("qname").path("path"));
    String fn = function.isEmpty() ? "" : function.get(function.size() - 1).toLowerCase(Locale.ROOT);
    if (!fn.equals("seq_scan")) {
      if (FragmentFunctions.tableFunctionAllowed(fn) && (function.size() == 1 || function.get(0).equals("system"))) return;
      throw Refusals.refused(Refusals.Rule.FUNCTION, "table function " + fn + "() is not allowed at this site");
    }
    List<String> qualified = texts(get.path("function_data").path("qualified_name").path("path"));
    if (qualified.size() != 3
        || !qualified.get(0).equals(ShadowCatalog.CATALOG)
        || !qualified.get(1).equals("main")
        || !tables.contains(qualified.get(2).toLowerCase(Locale.ROOT))) {
      // Cannot happen with a shadow that holds only the site's tables; refuse rather than guess.
      throw Refusals.refused(Refusals.Rule.TABLE, "the statement reads " + String.join(".", qualified) + ", which is not a table of this site");
    }
    String table = qualified.get(2).toLowerCase(Locale.ROOT);
    List<String> names = texts(get.path("names"));
    Set<String> columns = reads.computeIfAbsent(table, t -> new TreeSet<>());
    for (JsonNode index : get.path("column_indexes")) {
      // Indexes past the table's columns are virtual columns (rowid), which DuckDB scans when a
      // query needs rows but no column, e.g. count(*): they carry no value of the table.
      long i = index.path("index").asLong(-1);
      if (i >= 0 && i < names.size()) columns.add(names.get((int) i).toLowerCase(Locale.ROOT));
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) out.add(n.asText());
    return out;
  }
}
