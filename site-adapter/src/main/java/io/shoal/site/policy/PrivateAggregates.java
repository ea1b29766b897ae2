package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.site.SiteException;
import io.shoal.site.config.PolicyConfig.Export;
import io.shoal.site.config.PolicyConfig.TablePolicyConfig;
import io.shoal.site.privacy.PrivatePlan.Kind;
import io.shoal.site.privacy.PrivatePlan.Measure;
import io.shoal.site.privacy.PrivatePlan.Output;
import io.shoal.site.privacy.PrivatePlan;
import io.shoal.site.table.ParsedFragment;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Plans the answer to a fragment over an {@code export: private} table (see {@link PrivatePlan}).
 *
 * <p>The fragment must be one aggregating SELECT that reads the private table once, in its outer
 * FROM (directly or through a plain subquery), joined with nothing but tables this principal may
 * read as rows; its aggregates are COUNT(*), COUNT(x), SUM(x) and AVG(x); it groups by plain
 * expressions (no ROLLUP, CUBE or GROUPING SETS). Filters, joins, CASE in arguments and parameters
 * are all allowed: the noise hides any one unit's effect on every figure, whatever selects it.
 *
 * <p>Contribution bounding follows the per-unit pre-aggregation of BigQuery's differential privacy:
 * each row's SUM/AVG argument is clamped to its range ({@link ArgumentBounds}); each unit's rows
 * in a group are summed, and that per-unit figure clamped to {@code max-rows-per-unit} times the
 * row range (counts to {@code max-rows-per-unit}); each unit keeps at most
 * {@code max-groups-per-unit} groups, chosen at random. A unit then changes a count by at most
 * G*R over all groups and a sum by at most G*R*max(|lower|, |upper|).
 */
final class PrivateAggregates {

  private static final Set<String> AGGREGATES = Set.of("count_star", "count", "sum", "avg");
  private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

  private final Connection duckdb;
  private final PolicyCheck.Binder binder;
  private final BiFunction<String, String, SiteException> refused;

  private final FragmentStatements statements;

  PrivateAggregates(
      Connection duckdb, FragmentStatements statements, PolicyCheck.Binder binder,
      BiFunction<String, String, SiteException> refused) {
    this.duckdb = duckdb;
    this.statements = statements;
    this.binder = binder;
    this.refused = refused;
  }

  PrivatePlan plan(ParsedFragment fragment, Policy policy, String table, TablePolicyConfig settings) throws SiteException {
    JsonNode statement = fragment.statement();
    JsonNode node = statement.path("node");
    checkShape(fragment, policy, table, node);

    List<JsonNode> groups = groupExpressions(node, table);
    Map<String, JsonNode> calls = new LinkedHashMap<>(); // canonical text -> aggregate call
    for (String part : List.of("select_list", "having", "modifiers")) collectAggregates(node.path(part), calls, table);
    if (calls.isEmpty()) throw refuse(table, "the query must aggregate (COUNT, SUM or AVG)");


    long maxRows = settings.maxRowsPerUnit() == null ? 1 : settings.maxRowsPerUnit();
    long maxGroups = settings.maxGroupsPerUnit() == null ? 1 : settings.maxGroupsPerUnit();
    boolean grouped = !groups.isEmpty();
    if (grouped && settings.delta() == null) {
      throw refuse(table, "GROUP BY needs delta in the table's policy (groups are released by DP partition selection)");
    }
    ArgumentBounds bounds = new ArgumentBounds(ranges(settings));

    // Measures (deduplicated) and the per-row columns they read.
    List<JsonNode> rowItems = new ArrayList<>();
    List<String> unitItems = new ArrayList<>();
    List<String> groupItems = new ArrayList<>();
    List<MeasureDraft> measures = new ArrayList<>();
    Map<String, Integer> measureIndex = new LinkedHashMap<>();
    List<OutputDraft> outputs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : calls.entrySet()) {
      JsonNode call = e.getValue();
      String fn = call.path("function_name").asText("").toLowerCase(Locale.ROOT);
      JsonNode arg = argument(call);
      if (fn.equals("count_star") || (fn.equals("count") && arg == null)) {
        int m = measure(measureIndex, measures, "count(*)", () -> new MeasureDraft(true, null, "least(count(*), " + maxRows + ")"));
        outputs.add(new OutputDraft(e.getKey(), Kind.COUNT, -1, m, null));
        continue;
      }
      if (arg == null) throw refuse(table, fn.toUpperCase(Locale.ROOT) + " needs one argument");
      String key = SqlTrees.canonical(arg).toString();
      Draft nonNull = () -> {
        String column = "shoal_n" + rowItems.size();
        rowItems.add(wrapped("SELECT CASE WHEN shoal_placeholder IS NULL THEN 0 ELSE 1 END", arg, column));
        return new MeasureDraft(true, null, "least(sum(" + column + "), " + maxRows + ")");
      };
      if (fn.equals("count")) {
        outputs.add(new OutputDraft(e.getKey(), Kind.COUNT, -1, measure(measureIndex, measures, "count " + key, nonNull), null));
        continue;
      }
      ArgumentBounds.Range range;
      try {
        range = bounds.of(arg);
      } catch (ArgumentBounds.Unbounded why) {
        throw refuse(table, fn.toUpperCase(Locale.ROOT) + " arguments must be bounded by the table's bounds: " + why.getMessage());
      }
      int sum = measure(measureIndex, measures, "sum " + key, () -> {
        String column = "shoal_a" + rowItems.size();
        rowItems.add(wrapped("SELECT CAST(shoal_placeholder AS DOUBLE)", arg, column));
        // A unit's own sum lies between its row count times each bound; with up to R rows, in
        // [min(0, R*lower), max(0, R*upper)]. (NULLs are tested for first: DuckDB's least and
        // greatest skip a NULL argument, which would turn "no value" into a bound.)
        BigDecimal rowsLo = range.lower().multiply(BigDecimal.valueOf(maxRows)).min(BigDecimal.ZERO);
        BigDecimal rowsHi = range.upper().multiply(BigDecimal.valueOf(maxRows)).max(BigDecimal.ZERO);
        String clamped = "CASE WHEN " + column + " IS NULL THEN NULL ELSE greatest(least(" + column + ", "
            + number(range.upper()) + "), " + number(range.lower()) + ") END";
        String perUnit = "sum(" + clamped + ")";
        return new MeasureDraft(false, range, "CASE WHEN " + perUnit + " IS NULL THEN 0 ELSE greatest(least(" + perUnit
            + ", " + number(rowsHi) + "), " + number(rowsLo) + ") END");
      });
      int count = fn.equals("avg") ? measure(measureIndex, measures, "count " + key, nonNull) : -1;
      outputs.add(new OutputDraft(e.getKey(), fn.equals("sum") ? Kind.SUM : Kind.AVG, sum, count, range));
    }

    // The unit, as the outer query can name it.
    ObjectNode rowsStatement = statement.deepCopy();
    ObjectNode rows = (ObjectNode) rowsStatement.path("node");
    String unit = PrivacyUnits.expose(duckdb, rows, table, settings.privacyUnit());
    PrivacyUnits.checkReadable(rowsStatement, Map.of(table, settings.privacyUnit()), Map.of(table, unit), duckdb, binder,
        (rule, why) -> refused.apply("private-unit", why));

    // Types the aggregates have in the fragment, and the fragment's own columns.
    List<String> aggregateTypes = aggregateTypes(rowsStatement, calls.values());
    int parts = measures.size() + (grouped ? 1 : 0);
    BigDecimal epsilonShare = settings.epsilon().divide(BigDecimal.valueOf(parts), PRECISION);
    List<Measure> finalMeasures = new ArrayList<>();
    for (int i = 0; i < measures.size(); i++) {
      MeasureDraft d = measures.get(i);
      BigDecimal perGroup = d.count ? BigDecimal.valueOf(maxRows) : d.range.magnitude().multiply(BigDecimal.valueOf(maxRows));
      BigDecimal sensitivity = perGroup.multiply(BigDecimal.valueOf(maxGroups));
      finalMeasures.add(new Measure("m" + i, d.count, sensitivity, granularity(d, sensitivity, epsilonShare, outputs, aggregateTypes, i)));
    }
    List<Output> finalOutputs = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      OutputDraft o = outputs.get(i);
      String type = o.kind == Kind.COUNT ? "BIGINT" : o.kind == Kind.AVG ? "DOUBLE" : aggregateTypes.get(i);
      finalOutputs.add(new Output("v" + i, o.kind, o.sum, o.count, type,
          o.range == null ? null : o.range.lower(), o.range == null ? null : o.range.upper()));
    }

    // groups: per unit, then per group
    rows.set("select_list", SqlTrees.NODES.arrayNode());
    ArrayNode items = (ArrayNode) rows.get("select_list");
    items.add(SqlTrees.aliased(SqlTrees.template(duckdb, "SELECT " + unit).path("select_list").get(0), "shoal_unit"));
    for (int g = 0; g < groups.size(); g++) {
      items.add(SqlTrees.aliased(groups.get(g), "shoal_g" + g));
      groupItems.add("shoal_g" + g);
    }
    rowItems.forEach(items::add);
    SqlTrees.clearAggregation(rows);
    rows.set("modifiers", SqlTrees.NODES.arrayNode());
    JsonNode tryTemplate = SqlTrees.template(duckdb, "SELECT try(shoal_placeholder)").path("select_list").get(0);
    TryWrapping.wrap(rowsStatement, tryTemplate);
    String rowsWithArgs = SqlTrees.toSql(duckdb, rowsStatement);
    for (int i = 0; i < measures.size(); i++) unitItems.add(measures.get(i).perUnit + " AS m" + i);
    String groupList = String.join(", ", groupItems);
    int parameters = parameterCount(statement);
    StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE shoal_dp_groups AS WITH shoal_rows AS (")
        .append(rowsWithArgs).append("), shoal_units AS (SELECT shoal_unit")
        .append(groupItems.isEmpty() ? "" : ", " + groupList).append(", ").append(String.join(", ", unitItems))
        .append(", random() AS shoal_pick")
        .append(" FROM shoal_rows GROUP BY shoal_unit").append(groupItems.isEmpty() ? "" : ", " + groupList)
        .append("), shoal_bounded AS (SELECT * FROM shoal_units QUALIFY row_number() OVER (PARTITION BY shoal_unit ORDER BY shoal_pick) <= ")
        .append(maxGroups).append(") SELECT ").append(groupItems.isEmpty() ? "" : groupList + ", ")
        .append("count(*) AS shoal_units");
    for (int i = 0; i < measures.size(); i++) sql.append(", coalesce(sum(m").append(i).append("), 0) AS m").append(i);
    sql.append(", row_number() OVER () AS shoal_rid FROM shoal_bounded").append(ReleaseSql.parameterRow(parameters));
    if (!groupItems.isEmpty()) sql.append(" GROUP BY ").append(groupList);

    String release = new ReleaseSql(duckdb, statements).build(fragment, groups, calls, finalOutputs, parameters);
    return new PrivatePlan(table, settings.epsilon(), settings.budget(), sql.toString(), finalMeasures, finalOutputs,
        grouped, parts, maxGroups, grouped ? settings.delta() : null, release);
  }

  // ---- the shape a private fragment may have

  private void checkShape(ParsedFragment fragment, Policy policy, String table, JsonNode node) throws SiteException {
    if (!node.path("type").asText().equals("SELECT_NODE")) {
      throw refuse(table, "UNION, INTERSECT and EXCEPT are not allowed");
    }
    String construct = PolicyCheck.findForbiddenConstruct(fragment.statement());
    if (construct != null) throw refuse(table, construct);
    for (String other : fragment.tables()) {
      if (!other.equalsIgnoreCase(table) && policy.export(other) != Export.ROWS) {
        throw refuse(table, "it may be joined only with tables that may leave as rows, not with " + other);
      }
    }
    Set<String> sources = PolicyCheck.restrictedSources(fragment.statement(), List.of(table.toLowerCase(Locale.ROOT)));
    if (sources.size() > 1 || baseReferences(fragment.statement(), table) != 1
        || (fragment.lineage() != null && fragment.lineage().scans(table) != 1)) {
      throw refuse(table, "the query must read it exactly once, in the outer FROM clause (not in a CTE, a subquery"
          + " of a filter or a second join)");
    }
    for (String part : List.of("select_list", "having", "modifiers")) {
      if (SqlTrees.containsClass(node.path(part), "SUBQUERY")) {
        throw refuse(table, "subqueries in the SELECT list, HAVING or ORDER BY are not allowed");
      }
    }
    if (!node.path("aggregate_handling").asText("STANDARD_HANDLING").equals("STANDARD_HANDLING")) {
      throw refuse(table, "GROUP BY ALL is not supported: name the grouping columns");
    }
  }

  private static int baseReferences(JsonNode node, String table) {
    int n = 0;
    if (node.isObject() && node.path("type").asText("").equals("BASE_TABLE")
        && node.path("table_name").asText("").equalsIgnoreCase(table)) {
      n++;
    }
    if (node.isContainerNode()) for (JsonNode child : node) n += baseReferences(child, table);
    return n;
  }

  private List<JsonNode> groupExpressions(JsonNode node, String table) throws SiteException {
    JsonNode exprs = node.path("group_expressions");
    JsonNode sets = node.path("group_sets");
    if (sets.size() > 1 || (sets.size() == 1 && sets.get(0).size() != exprs.size())) {
      throw refuse(table, "ROLLUP, CUBE and GROUPING SETS are not supported");
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode g : exprs) {
      JsonNode resolved = g;
      if (g.path("class").asText("").equals("CONSTANT") && g.path("literal").path("kind").asText("").equals("INTEGER")) {
        int position = Integer.parseInt(g.path("literal").path("text").asText());
        JsonNode item = node.path("select_list").path(position - 1);
        if (item.isMissingNode()) throw refuse(table, "GROUP BY " + position + " names no column");
        resolved = item.deepCopy();
        ((ObjectNode) resolved).put("alias", "");
      }
      if (hasAggregate(resolved)) throw refuse(table, "aggregates may not appear in GROUP BY");
      out.add(resolved);
    }
    return out;
  }

  private void collectAggregates(JsonNode node, Map<String, JsonNode> out, String table) throws SiteException {
    if (node == null || node.isMissingNode() || node.isNull()) return;
    if (node.isObject() && node.path("class").asText("").equals("FUNCTION")) {
      String fn = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
      if (io.shoal.protocol.FragmentFunctions.aggregateAllowed(fn) || AGGREGATES.contains(fn)) {
        if (!AGGREGATES.contains(fn)) {
          throw refuse(table, fn.toUpperCase(Locale.ROOT) + " is not a private aggregate; use COUNT, SUM or AVG");
        }
        if (node.path("distinct").asBoolean(false)) throw refuse(table, "DISTINCT aggregates are not supported");
        if (node.path("order_bys").path("orders").size() > 0) throw refuse(table, "ORDER BY inside an aggregate is not supported");
        out.putIfAbsent(SqlTrees.canonical(node).toString(), node.path("filter").isObject() ? unfiltered(node, fn) : node);
        return;
      }
    }
    if (node.isContainerNode()) for (JsonNode child : node) collectAggregates(child, out, table);
  }

  /**
   * {@code agg(x) FILTER (WHERE c)} as {@code agg(CASE WHEN c THEN x END)}, and {@code count(*)
   * FILTER (WHERE c)} as {@code count(CASE WHEN c THEN 1 END)}: the same figure, with the filter a
   * per-row choice the bounding already covers (the coordinator writes FILTER for CASE in SUM).
   */
  private JsonNode unfiltered(JsonNode call, String fn) throws SiteException {
    ObjectNode choice = (ObjectNode) SqlTrees.template(duckdb, "SELECT CASE WHEN true THEN 1 END").path("select_list").get(0);
    ObjectNode check = (ObjectNode) choice.path("case_checks").get(0);
    check.set("when_expr", call.path("filter").deepCopy());
    ObjectNode rewritten;
    if (fn.equals("count_star") || call.path("arguments").isEmpty()) {
      rewritten = (ObjectNode) SqlTrees.template(duckdb, "SELECT count(1)").path("select_list").get(0);
    } else {
      rewritten = call.deepCopy();
      check.set("then_expr", argument(call).deepCopy());
    }
    rewritten.putNull("filter");
    ObjectNode arg = (ObjectNode) rewritten.path("arguments").get(0);
    if (arg.has("expression")) arg.set("expression", choice);
    else ((ArrayNode) rewritten.get("arguments")).set(0, choice);
    return rewritten;
  }

  private static boolean hasAggregate(JsonNode node) {
    if (node.isObject() && node.path("class").asText("").equals("FUNCTION")
        && io.shoal.protocol.FragmentFunctions.aggregateAllowed(node.path("function_name").asText("").toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (node.isContainerNode()) for (JsonNode child : node) if (hasAggregate(child)) return true;
    return false;
  }

  private static JsonNode argument(JsonNode call) {
    JsonNode args = call.path("arguments");
    if (args.size() != 1) return null;
    JsonNode a = args.get(0);
    return a.has("expression") ? a.path("expression") : a;
  }

  // ---- types, noise grid, SQL pieces

  /** DuckDB's type of each aggregate call as the fragment computes it. */
  private List<String> aggregateTypes(JsonNode rowsStatement, java.util.Collection<JsonNode> calls) throws SiteException {
    ObjectNode probe = rowsStatement.deepCopy();
    ObjectNode select = (ObjectNode) probe.path("node");
    ArrayNode items = SqlTrees.NODES.arrayNode();
    for (JsonNode c : calls) items.add(c.deepCopy());
    select.set("select_list", items);
    SqlTrees.clearAggregation(select);
    select.set("modifiers", SqlTrees.NODES.arrayNode());
    String sql = SqlTrees.toSql(duckdb, probe);
    List<String> types = new ArrayList<>();
    try (PreparedStatement ps = duckdb.prepareStatement(sql)) {
      ResultSetMetaData md = ps.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) types.add(md.getColumnTypeName(i));
    } catch (SQLException e) {
      throw io.shoal.site.duck.DuckErrors.classify(e.getMessage(), e, "");
    }
    return types;
  }

  /**
   * The grid a released value lies on: about a thousandth of the noise's scale, rounded down to a
   * power of ten (two for DOUBLE), and never finer than the type holds (1 for integers, the scale
   * of a DECIMAL). Snapping to it loses nothing the noise had not hidden already.
   */
  private static BigDecimal granularity(
      MeasureDraft d, BigDecimal sensitivity, BigDecimal epsilonShare, List<OutputDraft> outputs, List<String> types, int measure) {
    double scale = sensitivity.divide(epsilonShare, PRECISION).doubleValue();
    if (d.count) return BigDecimal.ONE;
    String type = "DOUBLE";
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i).sum == measure && outputs.get(i).kind == Kind.SUM) type = types.get(i).toUpperCase(Locale.ROOT);
    }
    double target = Math.max(scale / 1000, Double.MIN_NORMAL);
    if (type.startsWith("DOUBLE") || type.startsWith("FLOAT") || type.startsWith("REAL")) {
      int exponent = Math.getExponent(target);
      return exponent >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(exponent))
          : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-exponent)));
    }
    int power = (int) Math.floor(Math.log10(target));
    int finest = 0;
    var decimal = java.util.regex.Pattern.compile("DECIMAL\\(\\d+,(\\d+)\\)").matcher(type);
    if (decimal.find()) finest = -Integer.parseInt(decimal.group(1));
    return BigDecimal.ONE.scaleByPowerOfTen(Math.max(power, finest));
  }

  /** {@code template}'s one select item with {@code shoal_placeholder} replaced by {@code expression}, aliased. */
  private ObjectNode wrapped(String template, JsonNode expression, String alias) throws SiteException {
    JsonNode item = SqlTrees.template(duckdb, template).path("select_list").get(0);
    return SqlTrees.aliased(SqlTrees.replacePlaceholder(item, expression), alias);
  }

  private static int parameterCount(JsonNode node) {
    int max = 0;
    if (node.isObject() && node.path("class").asText("").equals("PARAMETER")) {
      try {
        max = Integer.parseInt(node.path("identifier").asText("0"));
      } catch (NumberFormatException named) {
        max = 0;
      }
    }
    if (node.isContainerNode()) for (JsonNode child : node) max = Math.max(max, parameterCount(child));
    return max;
  }

  private static String number(BigDecimal v) {
    return "(" + v.toPlainString() + ")::DOUBLE";
  }

  private static Map<String, ArgumentBounds.Range> ranges(TablePolicyConfig settings) {
    Map<String, ArgumentBounds.Range> out = new TreeMap<>();
    settings.bounds().forEach((column, range) ->
        out.put(column.toLowerCase(Locale.ROOT), ArgumentBounds.Range.of(range.get(0), range.get(1))));
    return out;
  }

  private static int measure(
      Map<String, Integer> index, List<MeasureDraft> measures, String key, Draft make) throws SiteException {
    Integer found = index.get(key);
    if (found != null) return found;
    measures.add(make.make());
    index.put(key, measures.size() - 1);
    return measures.size() - 1;
  }

  private SiteException refuse(String table, String why) {
    return refused.apply("private", "table " + table + " is export: private: " + why);
  }

  @FunctionalInterface
  private interface Draft {
    MeasureDraft make() throws SiteException;
  }

  private record MeasureDraft(boolean count, ArgumentBounds.Range range, String perUnit) {}

  private record OutputDraft(String call, Kind kind, int sum, int count, ArgumentBounds.Range range) {}
}
