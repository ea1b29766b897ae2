package io.shoal.site.bound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the values a bound plan computes come from, and for what they are used: which base columns
 * (as {@code table.column}) feed each aggregate argument and each filter or join condition, and
 * whether a conditional expression (CASE, IF, a comparison, FILTER), a parameter, or a comparison
 * of a column with a constant is on the way. Computed on DuckDB's unoptimised bound plan, whose
 * expressions name their inputs by position in the child operator's output, so aliases, CTEs,
 * subqueries and renames are followed exactly; an operator this class does not know makes every
 * output depend on every input, with every flag set (the safe side).
 */
public final class Lineage {

  /** What one computed value depends on. */
  public record Value(Set<String> origins, boolean conditional, boolean parameter, Set<String> pinned) {
    static final Value NONE = new Value(Set.of(), false, false, Set.of());

    Value union(Value o) {
      if (this == NONE) return o;
      if (o == NONE) return this;
      Set<String> origins = new LinkedHashSet<>(this.origins);
      origins.addAll(o.origins);
      Set<String> pinned = new LinkedHashSet<>(this.pinned);
      pinned.addAll(o.pinned);
      return new Value(origins, conditional || o.conditional, parameter || o.parameter, pinned);
    }

    Value asConditional() {
      return new Value(origins, true, parameter, pinned);
    }

    static Value unknown(Set<String> origins) {
      return new Value(origins, true, true, origins);
    }
  }

  /** One aggregate as computed: its function, whether DISTINCT, and what its arguments depend on. */
  public record Aggregate(String function, boolean distinct, Value arguments, int depth) {}

  /** Scalar functions that choose between values: a one-hot selector is built from these. */
  private static final Set<String> CHOOSERS =
      Set.of("if", "iff", "coalesce", "ifnull", "nullif", "nvl", "greatest", "least", "sign", "case");

  private final List<Aggregate> aggregates = new ArrayList<>();
  private final List<Value> filters = new ArrayList<>();
  private final Map<Long, List<Value>> ctes = new HashMap<>();
  private final Map<String, Integer> scans = new HashMap<>();

  private Lineage() {}

  /** The lineage of a {@code json_serialize_plan} document. */
  public static Lineage of(JsonNode plan) {
    Lineage l = new Lineage();
    for (JsonNode root : plan.path("plans")) l.outputs(root, 0);
    return l;
  }

  /** Every aggregate of the plan, outermost first within each operator. */
  public List<Aggregate> aggregates() {
    return aggregates;
  }

  /** How many scans of each base table (lower case) the plan has. */
  public int scans(String table) {
    return scans.getOrDefault(table.toLowerCase(Locale.ROOT), 0);
  }

  /** What every filter, join condition and HAVING predicate depends on. */
  public List<Value> filters() {
    return filters;
  }

  private List<Value> outputs(JsonNode op, int depth) {
    String type = op.path("type").asText("");
    List<List<Value>> children = new ArrayList<>();
    JsonNode kids = op.path("children");
    if (type.equals("LOGICAL_MATERIALIZED_CTE") && kids.size() == 2) {
      ctes.put(op.path("table_index").asLong(), outputs(kids.get(0), depth + 1));
      return outputs(kids.get(1), depth + 1);
    }
    for (JsonNode k : kids) children.add(outputs(k, depth + 1));
    List<Value> in = new ArrayList<>();
    children.forEach(in::addAll);
    switch (type) {
      case "LOGICAL_GET":
        return get(op);
      case "LOGICAL_PROJECTION": {
        List<Value> out = new ArrayList<>();
        for (JsonNode e : op.path("expressions")) out.add(eval(e, in));
        return out;
      }
      case "LOGICAL_FILTER": {
        for (JsonNode e : op.path("expressions")) filters.add(eval(e, in));
        return project(in, op.path("projection_map"));
      }
      case "LOGICAL_AGGREGATE_AND_GROUP_BY": {
        List<Value> out = new ArrayList<>();
        for (JsonNode g : op.path("groups")) out.add(eval(g, in));
        for (JsonNode a : op.path("expressions")) {
          Value v = Value.NONE;
          for (JsonNode arg : a.path("children")) v = v.union(eval(arg, in));
          JsonNode filter = a.path("filter");
          if (!filter.isMissingNode() && !filter.isNull()) v = v.union(eval(filter, in)).asConditional();
          if (!a.path("order_bys").isNull() && !a.path("order_bys").isMissingNode()) v = v.asConditional();
          List<String> path = texts(a.path("qname").path("path"));
          String fn = path.isEmpty() ? "" : path.get(path.size() - 1).toLowerCase(Locale.ROOT);
          boolean distinct = a.path("aggregate_type").asText("").equals("DISTINCT");
          aggregates.add(new Aggregate(fn, distinct, v, depth));
          out.add(v);
        }
        for (int i = 0; i < op.path("grouping_functions").size(); i++) out.add(Value.NONE);
        return out;
      }
      case "LOGICAL_COMPARISON_JOIN":
      case "LOGICAL_DELIM_JOIN":
      case "LOGICAL_ANY_JOIN":
      case "LOGICAL_CROSS_PRODUCT":
      case "LOGICAL_POSITIONAL_JOIN":
      case "LOGICAL_ASOF_JOIN":
        return join(op, type, children, in);
      case "LOGICAL_ORDER_BY":
      case "LOGICAL_TOP_N":
      case "LOGICAL_LIMIT":
      case "LOGICAL_DISTINCT":
      case "LOGICAL_SAMPLE":
        return in;
      case "LOGICAL_UNION":
      case "LOGICAL_EXCEPT":
      case "LOGICAL_INTERSECT":
      case "LOGICAL_RECURSIVE_CTE": {
        List<Value> out = new ArrayList<>();
        for (List<Value> child : children) {
          for (int i = 0; i < child.size(); i++) {
            if (i < out.size()) out.set(i, out.get(i).union(child.get(i)));
            else out.add(child.get(i));
          }
        }
        return out;
      }
      case "LOGICAL_CTE_REF": {
        List<Value> def = ctes.get(op.path("cte_index").asLong());
        if (def != null) return def;
        // A recursive CTE's own reference: its values are those of the anchor, already unioned.
        return unknownOutputs(in, op.path("bound_columns").size());
      }
      case "LOGICAL_DUMMY_SCAN":
      case "LOGICAL_EMPTY_RESULT":
        return List.of();
      case "LOGICAL_EXPRESSION_GET": {
        List<Value> out = new ArrayList<>();
        for (JsonNode row : op.path("expressions")) {
          int i = 0;
          for (JsonNode e : row) {
            Value v = eval(e, in);
            if (i < out.size()) out.set(i, out.get(i).union(v)); else out.add(v);
            i++;
          }
        }
        return out;
      }
      case "LOGICAL_WINDOW":
      case "LOGICAL_UNNEST": {
        List<Value> out = new ArrayList<>(in);
        for (JsonNode e : op.path("expressions")) out.add(eval(e, in));
        return out;
      }
      default: {
        // Unknown: every output may come from any input, through anything.
        Set<String> all = new LinkedHashSet<>();
        in.forEach(v -> all.addAll(v.origins()));
        Value v = Value.unknown(all);
        filters.add(v);
        return unknownOutputs(in, Math.max(in.size(), 1), v);
      }
    }
  }

  private static List<Value> unknownOutputs(List<Value> in, int n) {
    Set<String> all = new LinkedHashSet<>();
    in.forEach(v -> all.addAll(v.origins()));
    return unknownOutputs(in, n, Value.unknown(all));
  }

  private static List<Value> unknownOutputs(List<Value> in, int n, Value v) {
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(v);
    return out;
  }

  private List<Value> get(JsonNode op) {
    List<String> path = texts(op.path("function_data").path("qualified_name").path("path"));
    String table = path.isEmpty() ? "" : path.get(path.size() - 1).toLowerCase(Locale.ROOT);
    if (!table.isEmpty()) scans.merge(table, 1, Integer::sum);
    List<String> names = texts(op.path("names"));
    List<Value> out = new ArrayList<>();
    for (JsonNode index : op.path("column_indexes")) {
      long i = index.path("index").asLong(-1);
      String column = i >= 0 && i < names.size() ? names.get((int) i).toLowerCase(Locale.ROOT) : null;
      out.add(column == null || table.isEmpty() ? Value.NONE : new Value(Set.of(table + "." + column), false, false, Set.of()));
    }
    return project(out, op.path("projection_ids"));
  }

  private List<Value> join(JsonNode op, String type, List<List<Value>> children, List<Value> in) {
    for (JsonNode c : op.path("conditions")) {
      Value left = eval(c.path("left"), children.isEmpty() ? in : children.get(0));
      Value right = eval(c.path("right"), children.size() < 2 ? in : children.get(1));
      filters.add(comparison(List.of(left, right)));
    }
    JsonNode condition = op.path("condition");
    if (!condition.isMissingNode() && !condition.isNull()) filters.add(eval(condition, in));
    String joinType = op.path("join_type").asText("INNER");
    List<Value> out = new ArrayList<>();
    if (joinType.equals("SEMI") || joinType.equals("ANTI")) {
      if (!children.isEmpty()) out.addAll(children.get(0));
    } else if (joinType.equals("MARK")) {
      if (!children.isEmpty()) out.addAll(children.get(0));
      Set<String> all = new LinkedHashSet<>();
      in.forEach(v -> all.addAll(v.origins()));
      out.add(new Value(all, true, false, Set.of()));
    } else {
      out.addAll(in);
    }
    return out;
  }

  private static List<Value> project(List<Value> in, JsonNode ids) {
    if (ids == null || !ids.isArray() || ids.isEmpty()) return in;
    List<Value> out = new ArrayList<>();
    for (JsonNode id : ids) {
      int i = id.asInt(-1);
      out.add(i >= 0 && i < in.size() ? in.get(i) : Value.unknown(Set.of()));
    }
    return out;
  }

  /** A comparison: conditional; a side without columns pins the columns of the others. */
  private static Value comparison(List<Value> sides) {
    Value v = Value.NONE;
    boolean constantSide = false;
    for (Value s : sides) {
      v = v.union(s);
      if (s.origins().isEmpty()) constantSide = true;
    }
    v = v.asConditional();
    if (constantSide) {
      Set<String> pinned = new LinkedHashSet<>(v.pinned());
      pinned.addAll(v.origins());
      v = new Value(v.origins(), true, v.parameter(), pinned);
    }
    return v;
  }

  private Value eval(JsonNode e, List<Value> in) {
    if (e == null || e.isMissingNode() || e.isNull()) return Value.NONE;
    String cls = e.path("expression_class").asText("");
    String type = e.path("type").asText("");
    switch (cls) {
      case "BOUND_REF": {
        int i = e.path("index").asInt(-1);
        return i >= 0 && i < in.size() ? in.get(i) : Value.unknown(Set.of());
      }
      case "BOUND_CONSTANT":
        return Value.NONE;
      case "BOUND_PARAMETER":
        return new Value(Set.of(), false, true, Set.of());
      case "BOUND_CASE": {
        Value v = Value.NONE;
        for (JsonNode check : e.path("case_checks")) {
          v = v.union(eval(check.path("when_expr"), in)).union(eval(check.path("then_expr"), in));
        }
        return v.union(eval(e.path("else_expr"), in)).asConditional();
      }
      default:
        break;
    }
    List<Value> args = new ArrayList<>();
    for (JsonNode child : e.path("children")) args.add(eval(child, in));
    for (String side : List.of("left", "right", "input", "lower", "upper", "child")) {
      if (e.has(side) && e.get(side).isObject()) args.add(eval(e.get(side), in));
    }
    if (type.startsWith("COMPARE_") || cls.equals("BOUND_COMPARISON") || cls.equals("BOUND_BETWEEN")) {
      return comparison(args);
    }
    Value v = Value.NONE;
    for (Value a : args) v = v.union(a);
    if (cls.equals("BOUND_CONJUNCTION") || cls.equals("BOUND_OPERATOR") || cls.equals("BOUND_SUBQUERY")
        || cls.equals("BOUND_WINDOW") || cls.equals("BOUND_LAMBDA")) {
      return v.asConditional();
    }
    if (cls.equals("BOUND_FUNCTION") || cls.equals("BOUND_CAST")) {
      List<String> path = texts(e.path("qname").path("path"));
      String fn = path.isEmpty() ? "" : path.get(path.size() - 1).toLowerCase(Locale.ROOT);
      if (CHOOSERS.contains(fn) || "BOOLEAN".equals(e.path("return_type").path("id").asText(""))) return v.asConditional();
      return v;
    }
    if (cls.equals("BOUND_AGGREGATE")) return v;
    // An expression kind not known here: assume the worst.
    return Value.unknown(v.origins()).union(v);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) out.add(n.asText());
    return out;
  }
}
